"""The programme's shipped content: plain, safe, sourced, and never pushing."""

import datetime
import re

import pytest

from conditions.tests.test_content import US_SPELLINGS
from editorial.readability import reading_grade
from editorial.sources import not_a_source
from programme.models import Part, PartKind, Stage

pytestmark = pytest.mark.django_db


def stage_text(stage):
    parts = " ".join(part.text for practice in stage.practices.all() for part in practice.parts.all())
    return "\n\n".join([stage.why, stage.ground_rules, stage.for_the_supporting_partner, parts])


def test_four_stages_in_order_the_last_only_after_the_solo_steps():
    stages = list(Stage.objects.all())
    assert [stage.number for stage in stages] == [1, 2, 3, 4]
    assert [stage.needs_solo_steps for stage in stages] == [False, False, False, True]


def test_every_session_opens_with_breathing_and_closes_with_a_check_in():
    for stage in Stage.objects.all():
        for practice in stage.practices.all():
            kinds = [part.kind for part in practice.parts.all()]
            assert kinds[0] == PartKind.BREATHE and kinds[-1] == PartKind.CHECK_IN, practice.slug
            assert 2 <= practice.parts.get(order=1).minutes <= 3, practice.slug


def test_plain_uk_english_at_grade_8_or_below():
    for stage in Stage.objects.all():
        text = stage_text(stage)
        assert reading_grade(text) <= 8.0, stage.slug
        assert [word for word in US_SPELLINGS if re.search(word, text.lower())] == [], stage.slug


def test_every_stage_says_stop_for_pain_and_where_to_get_help():
    for stage in Stage.objects.all():
        rules = stage.ground_rules.lower()
        assert "pain means stop" in rules, stage.slug
        assert "999" in rules and "111" in rules, stage.slug  # urgent advice errs on the side of sooner
        assert "your fault" not in stage_text(stage).lower()
        for match in re.finditer(r"push(ing)? through", stage_text(stage).lower()):
            assert re.search(
                r"\b(never|not|don't|no)\b", stage_text(stage).lower()[max(0, match.start() - 40) : match.start()]
            )


def test_sources_are_dated_linked_and_reviewed():
    today = datetime.date.today()
    for stage in Stage.objects.all():
        assert stage.reviewed_on < stage.next_review_on and stage.next_review_on > today
        assert len(stage.source_list) >= 2
        for source in stage.source_list:
            assert source.url.startswith("https://") and source.publisher and source.title
            assert not_a_source(source.url) is None and source.checked_on <= stage.reviewed_on
            assert source.date is None or (source.date_label and source.date <= stage.reviewed_on)


def test_parts_are_short_enough_for_one_screen_of_time():
    assert not Part.objects.filter(minutes__gt=30).exists()


def test_the_solo_guides_are_plain_safe_and_sourced():
    from programme.models import SoloGuide

    guides = list(SoloGuide.objects.all())
    assert [guide.slug for guide in guides] == ["relaxation", "insertion-steps", "bridging-steps"]  # relax first
    for guide in guides:
        text = guide.body + " ".join(
            step.how_long + step.pressure_not_pain + step.if_it_hurts + step.when_to_ask for step in guide.steps.all()
        )
        assert reading_grade(text) <= 8.0, guide.slug
        assert [word for word in US_SPELLINGS if re.search(word, text.lower())] == [], guide.slug
        assert "999" in text and "111" in text, guide.slug
        assert len(guide.source_list) >= 2 and all(s.url.startswith("https://") for s in guide.source_list)
    steps = SoloGuide.objects.get(slug="insertion-steps")
    assert "also called a dilator" in steps.body  # the term explained once, where it is first used
