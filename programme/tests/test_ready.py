"""The two-partner gate: only both "ready"s move a pair on; going back needs one; nobody is told the other is waiting."""

import re

import pytest

from programme.models import PairStage, Readiness, say_ready

pytestmark = pytest.mark.django_db


def ready(client, stage=1):
    return client.post("/programme/ready/", {"stage": stage}, follow=True)


def test_one_partner_alone_never_moves_the_pair(pair, pain_client, support_client):
    response = ready(pain_client)
    assert "Saved, privately" in response.content.decode()
    assert PairStage.number_for(pair.pk) == 1
    for _ in range(3):  # replayed taps change nothing
        ready(pain_client)
    assert PairStage.number_for(pair.pk) == 1


def without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_partner_is_never_told_the_other_is_waiting(pair, pain_client, support_client):
    before = without_tokens(support_client.get("/programme/"))
    ready(pain_client)
    assert without_tokens(support_client.get("/programme/")) == before


def test_both_ready_moves_the_pair_on_once(pair, pain_client, support_client):
    ready(pain_client)
    response = ready(support_client)
    assert "You both said you are ready" in response.content.decode()
    # Both are shown the move, so "ready" then "back" can never learn the partner's "ready" unseen.
    assert "you both said you were ready, and moved on" in pain_client.get("/programme/").content.decode()
    assert PairStage.number_for(pair.pk) == 2
    assert not Readiness.objects.filter(pair=pair).exists()  # a fresh start on the new stage
    assert "Where you are: stage 2" in pain_client.get("/programme/").content.decode()


def test_a_late_or_replayed_tap_about_an_old_stage_changes_nothing(pair, pain_client, support_client):
    ready(pain_client), ready(support_client)
    response = ready(pain_client, stage=1)
    assert "no longer on" in response.content.decode()
    assert PairStage.number_for(pair.pk) == 2 and not Readiness.objects.filter(pair=pair).exists()


def test_there_is_no_stage_after_the_last(pair, partner_with_pain, supporting_partner, stages):
    last = stages[-1].number
    PairStage.of(pair.pk)
    PairStage.objects.filter(pair=pair).update(number=last)
    assert say_ready(pair.pk, partner_with_pain, last, last) == "stale"
    assert say_ready(pair.pk, supporting_partner, last, last) == "stale"
    assert PairStage.number_for(pair.pk) == last


def test_going_back_needs_only_one_and_forgets_any_ready(pair, pain_client, support_client):
    ready(pain_client), ready(support_client)
    ready(support_client, stage=2)
    response = pain_client.post("/programme/back/", {"stage": 2}, follow=True)
    assert "gone back a stage" in response.content.decode()
    assert "one of you went back to this stage" in support_client.get("/programme/").content.decode()
    assert PairStage.number_for(pair.pk) == 1 and not Readiness.objects.filter(pair=pair).exists()
    response = pain_client.post("/programme/back/", {"stage": 1}, follow=True)
    assert PairStage.objects.get(pair=pair).number == 1  # never below the first (the row itself, not a default)
    assert "nothing changed" in response.content.decode()


@pytest.mark.parametrize("data", [{}, {"stage": "x"}, {"stage": "-1"}, {"stage": "9" * 30}, {"stage": "\x00"}])
def test_bad_input_is_a_kind_message_and_changes_nothing(pair, pain_client, data):
    for url in ("/programme/ready/", "/programme/back/"):
        response = pain_client.post(url, data, follow=True)
        assert response.status_code == 200 and "nothing changed" in response.content.decode()
    assert PairStage.number_for(pair.pk) == 1 and not Readiness.objects.filter(pair=pair).exists()


def test_someone_without_a_pair_gets_a_404(stranger):
    from django.test import Client

    client = Client()
    client.force_login(stranger)
    assert client.post("/programme/ready/", {"stage": 1}).status_code == 404


def test_leaving_the_pair_leaves_nothing_for_a_new_partner(
    pair, pain_client, support_client, partner_with_pain, first_practice
):
    from programme.models import NotTonight, Run, SharedLine, SoloLog, SoloStep

    step = SoloStep.objects.get(guide__slug="insertion-steps", number=1)
    pain_client.post("/programme/solo/log/", {"step": step.pk, "minutes": 5, "pain": 1})
    pain_client.post("/programme/solo/share/", {"log": SoloLog.objects.get().pk, "share": "1"})
    assert SharedLine.objects.filter(pair=pair).exists()

    ready(pain_client), ready(support_client)
    ready(support_client, stage=2)
    support_client.post("/programme/not-tonight/")
    support_client.post("/programme/start/", {"practice": first_practice.pk})
    pair.members.get(user__username="ben").leave()
    assert PairStage.number_for(pair.pk) == 1
    assert not Readiness.objects.filter(pair=pair).exists() and not NotTonight.objects.filter(pair=pair).exists()
    assert not Run.objects.filter(pair=pair).exists() and not SharedLine.objects.filter(pair=pair).exists()
