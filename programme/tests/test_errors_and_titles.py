"""Errors a screen reader finds from the field itself, and titles that tell pages apart without saying much."""

import re

import pytest

from programme.models import SoloGuide, SoloStep

pytestmark = pytest.mark.django_db


def _title(content):
    return re.search(r"<title>(.*?)</title>", content, re.S).group(1).strip()


def _tied(content, name):
    """The field `name` is marked invalid and described by an error shown with the class errorlist."""
    field = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', content).group(0)
    described = re.search(r'aria-describedby="([^"]*)"', field).group(1).split()
    error_id = next(i for i in described if i.endswith("_error"))
    assert 'aria-invalid="true"' in field
    assert re.search(rf'<[^>]+class="errorlist" id="{error_id}"', content)


def test_how_it_felt_errors_are_tied_to_their_fields(pain_client, first_practice):
    data = {"practice": first_practice.pk, "comfort": 11, "enjoyment": 5, "pain": 0, "note": "n" * 1001}
    content = pain_client.post("/programme/how-it-felt/", data).content.decode()
    _tied(content, "comfort")
    _tied(content, "note")


def test_solo_log_errors_are_tied_to_their_fields(pain_client):
    step = SoloStep.objects.get(guide__slug="insertion-steps", number=1)
    content = pain_client.post("/programme/solo/log/", {"step": step.pk, "minutes": -3, "pain": 12}).content.decode()
    _tied(content, "minutes")
    _tied(content, "pain")


def test_programme_titles_are_distinct_and_discreet(pain_client, stages):
    first, second = list(stages[0].practices.all())[:2]
    guides = list(SoloGuide.objects.all())
    titles = {
        url: _title(pain_client.get(url).content.decode())
        for url in [
            "/programme/",
            "/programme/now/",
            "/programme/solo/",
            stages[0].get_absolute_url(),
            first.get_absolute_url(),
            second.get_absolute_url(),
            *(guide.get_absolute_url() for guide in guides),
        ]
    }
    assert len(set(titles.values())) == len(titles)  # no two the same
    assert titles[first.get_absolute_url()] == f"Programme · Stage 1 · Session {first.order} · Companion"
    assert titles["/programme/now/"] == "Programme · Together now · Companion"
    assert titles[guides[0].get_absolute_url()] == f"Programme · On your own · Exercise {guides[0].order} · Companion"
    for title in titles.values():  # nothing on a lock screen or tab says what it is about
        assert not re.search(r"pain|touch|insertion|sex|breath", title, re.I)
