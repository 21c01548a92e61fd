"""The shipped scripts: tone, plain language, and links that resolve."""

import re

import pytest
import textstat
from django.urls import resolve

from conversations.models import Idea, Script
from editorial.markdown import links

pytestmark = pytest.mark.django_db


def scripts():
    return list(Script.objects.prefetch_related("steps"))


def test_every_script_says_early_that_stopping_is_fine():
    for script in scripts():
        opening = " ".join(step.prompt + " " + step.if_hard for step in list(script.steps.all())[:2]).lower()
        assert "stop" in opening, script.slug


def test_no_script_pushes_through_pain_or_blames():
    for script in scripts():
        for step in script.steps.all():
            text = (step.prompt + " " + step.if_hard).lower()
            for match in re.finditer(r"push(ing)? through", text):
                assert re.search(r"\b(never|not|no)\b", text[max(0, match.start() - 30) : match.start()]), text
            assert "your fault" not in text
            assert "try again" not in text


def test_every_script_says_stopping_is_not_failure_and_where_support_is():
    for script in scripts():
        text = " ".join(step.prompt + " " + step.if_hard for step in script.steps.all()).lower()
        assert "stopping is not failure" in text, script.slug
    for slug in ["first-talk", "redefining-intimacy", "right-after"]:
        script = Script.objects.get(slug=slug)
        assert any("(/support/)" in step.prompt + step.if_hard for step in script.steps.all()), slug


def test_touch_ideas_leave_eyes_to_choice_and_flare_ideas_spare_the_belly():
    for idea in Idea.objects.all():
        text = (idea.title + " " + idea.description).lower()
        assert "eyes closed" not in text.replace("open or closed", ""), idea.slug
        if idea.flare_friendly:
            assert not re.search(r"\b(lies?|lying) on (your|their|the) (front|belly|tummy)", text), idea.slug
    oral = [idea for idea in Idea.objects.all() if "oral" in (idea.title + idea.description).lower()]
    assert oral and all("cold sore" in idea.description.lower() for idea in oral)


def test_plain_language():
    for script in scripts():
        text = " ".join(step.prompt + " " + step.if_hard for step in script.steps.all())
        text = re.sub(r"[“”\"]", "", text)
        assert textstat.flesch_kincaid_grade(text) <= 7, script.slug


def test_step_links_go_to_pages_of_this_site():
    for script in scripts():
        for step in script.steps.all():
            for href, _ in links(step.prompt + "\n\n" + step.if_hard):
                assert href.startswith("/"), href
                resolve(href.split("#")[0])


def test_both_partners_speak_in_every_script():
    for script in scripts():
        speakers = {step.speaker for step in script.steps.all()}
        assert {"pain", "support"} <= speakers, script.slug
