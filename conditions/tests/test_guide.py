"""The answer-to-condition map, for every answer that matters."""

import pytest

from conditions.guide import (
    CONTEXT_CHOICES,
    FEELS_CHOICES,
    HAPPENS_CHOICES,
    SIGNS,
    STARTED_CHOICES,
    WHERE_CHOICES,
    WhereDoesItHurtForm,
    suggest,
)
from conditions.models import Condition

pytestmark = pytest.mark.django_db

SLUGS = {"vaginismus", "vulvodynia", "hormonal-changes", "endometriosis", "pelvic-floor-dysfunction"}


def answers(**overrides):
    data = {"where": "unsure", "started": "unsure"}
    data.update(overrides)
    form = WhereDoesItHurtForm(data)
    assert form.is_valid(), form.errors
    return suggest(form.answer_keys(), list(Condition.objects.all()))


def slugs(suggestions):
    return [s.condition.slug for s in suggestions]


def test_unsure_everywhere_suggests_nothing():
    assert answers() == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"where": "entrance"}, {"vaginismus", "vulvodynia", "hormonal-changes", "pelvic-floor-dysfunction"}),
        ({"where": "deep"}, {"endometriosis", "pelvic-floor-dysfunction"}),
        ({"where": "both"}, SLUGS),
        ({"feels": ["burning"]}, {"vulvodynia", "hormonal-changes"}),
        ({"feels": ["wall"]}, {"vaginismus"}),
        ({"feels": ["dry"]}, {"hormonal-changes"}),
        ({"feels": ["ache"]}, {"endometriosis"}),
        ({"feels": ["pressure"]}, {"pelvic-floor-dysfunction"}),
        ({"started": "always"}, {"vaginismus", "vulvodynia"}),
        ({"started": "later"}, set()),
        ({"happens": ["any_touch"]}, {"vulvodynia", "vaginismus"}),
        ({"happens": ["period"]}, {"endometriosis"}),
        ({"happens": ["after"]}, {"hormonal-changes"}),
        ({"happens": ["fear"]}, {"vaginismus", "pelvic-floor-dysfunction"}),
        ({"context": ["menopause"]}, {"hormonal-changes"}),
        ({"context": ["birth"]}, {"hormonal-changes", "pelvic-floor-dysfunction"}),
        ({"context": ["ovaries"]}, {"hormonal-changes"}),
        ({"context": ["painful_periods"]}, {"endometriosis"}),
        ({"context": ["bladder"]}, {"pelvic-floor-dysfunction"}),
        ({"context": ["back"]}, {"pelvic-floor-dysfunction"}),
        ({"context": ["pelvic_treatment"]}, {"hormonal-changes"}),
        # Where it hurts rules out what is not felt there.
        ({"where": "deep", "started": "always", "happens": ["any_touch"]}, {"endometriosis", "pelvic-floor-dysfunction"}),
        ({"where": "deep", "feels": ["wall", "burning"]}, {"endometriosis", "pelvic-floor-dysfunction", "hormonal-changes"}),
        ({"where": "entrance", "happens": ["period"]}, {"vaginismus", "vulvodynia", "hormonal-changes", "pelvic-floor-dysfunction"}),
        ({"context": ["infections"]}, {"vulvodynia"}),
        ({"context": ["stress"]}, {"pelvic-floor-dysfunction"}),
    ],
)
def test_each_answer_points_to_the_right_pages(overrides, expected):
    assert set(slugs(answers(**overrides))) == expected


def test_the_best_fit_comes_first_with_every_reason():
    result = answers(where="deep", feels=["ache"], happens=["period"], context=["painful_periods"])
    assert result[0].condition.slug == "endometriosis"
    assert len(result[0].reasons) == 4
    assert result[1].condition.slug == "pelvic-floor-dysfunction"


def test_ties_keep_library_order():
    assert slugs(answers(where="entrance")) == ["vaginismus", "vulvodynia", "hormonal-changes", "pelvic-floor-dysfunction"]


def test_lifelong_burning_on_light_touch_ranks_vestibulodynia_first():
    result = answers(where="entrance", feels=["burning"], started="always", happens=["any_touch"])
    assert result[0].condition.slug == "vulvodynia"


def test_after_menopause_endometriosis_is_never_first():
    result = answers(where="deep", feels=["ache"], happens=["period"], context=["menopause", "painful_periods"])
    assert slugs(result)[-1] == "endometriosis"
    assert result[0].condition.slug != "endometriosis"


def other_causes(**overrides):
    data = {"where": "unsure", "started": "unsure", **overrides}
    form = WhereDoesItHurtForm(data)
    assert form.is_valid()
    return {heading: dict(causes) for heading, causes in form.other_causes()}


def test_other_causes_follow_where_it_hurts_and_the_answers():
    deep = other_causes(where="deep", context=["pelvic_treatment"])
    assert list(deep) == ["Felt deep inside"]
    assert deep["Felt deep inside"]["Scarring after surgery or radiotherapy"] is True
    assert any("pelvic inflammatory disease" in cause for cause in deep["Felt deep inside"])
    assert list(other_causes(where="entrance")) == ["Felt at the entrance"]
    assert list(other_causes()) == ["Felt at the entrance", "Felt deep inside"]


def test_classic_vaginismus_story():
    result = answers(where="entrance", feels=["wall"], started="always", happens=["fear"])
    assert result[0].condition.slug == "vaginismus"


def test_every_choice_is_mapped_or_deliberately_neutral():
    neutral = {"where:unsure", "started:unsure", "started:later"}
    keys = {f"where:{v}" for v, _ in WHERE_CHOICES if v != "both"}
    keys |= {f"feels:{v}" for v, _ in FEELS_CHOICES}
    keys |= {f"started:{v}" for v, _ in STARTED_CHOICES}
    keys |= {f"happens:{v}" for v, _ in HAPPENS_CHOICES}
    keys |= {f"context:{v}" for v, _ in CONTEXT_CHOICES}
    assert keys - neutral == set(SIGNS)


def test_every_mapped_slug_is_a_shipped_condition():
    mapped = {slug for pairs in SIGNS.values() for slug, _ in pairs}
    assert mapped == set(Condition.objects.values_list("slug", flat=True))


def test_reasons_never_diagnose():
    for pairs in SIGNS.values():
        for _, reason in pairs:
            assert "you have" not in reason.lower()
