"""A session together: both phones show the same part and time left, worked out from the run's times alone."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from programme.models import Run

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(pair, pain_client, first_practice):
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    return Run.objects.open().get(pair=pair)


def test_starting_shows_the_first_part_on_both_phones(run, pain_client, support_client, first_practice):
    for client in (pain_client, support_client):
        content = client.get("/programme/now/").content.decode()
        assert "Breathe together" in content and f"part 1 of {first_practice.parts.count()}" in content
        assert "About 3 minutes left in this part" in content


def test_the_turns_name_who_gives_and_who_receives(run, pain_client, pair):
    # The pair fixture (Pair.of): ana lives with the pain, ben does not.
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=3, seconds=5))
    content = pain_client.get("/programme/now/").content.decode()
    assert (
        "<strong>ben</strong> gives, <strong>ana</strong> receives." in content
    )  # the partner with pain receives first
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=13, seconds=5))
    assert (
        "<strong>ana</strong> gives, <strong>ben</strong> receives."
        in pain_client.get("/programme/now/").content.decode()
    )


def test_pause_from_one_phone_pauses_both(run, pain_client, support_client):
    pain_client.post("/programme/now/pause/", {"run": run.pk, "v": run.version})
    assert "Paused. Take all the time you need." in support_client.get("/programme/now/").content.decode()
    run.refresh_from_db()
    support_client.post("/programme/now/pause/", {"run": run.pk, "v": run.version})
    run.refresh_from_db()
    assert run.paused_at is None and run.paused_seconds >= 0


def test_a_tap_on_an_old_card_changes_nothing(run, pain_client, support_client):
    pain_client.post("/programme/now/pause/", {"run": run.pk, "v": run.version})
    response = support_client.post(
        "/programme/now/next/", {"run": run.pk, "v": run.version}, follow=True
    )  # he still sees version 1
    assert "Your partner changed this a moment ago" in response.content.decode()
    assert "Breathe together" in response.content.decode()


def test_next_part_moves_both_phones_on(run, pain_client, support_client):
    pain_client.post("/programme/now/next/", {"run": run.pk, "v": run.version})
    assert "First turn" in support_client.get("/programme/now/").content.decode()


def test_when_time_is_up_each_is_asked_how_it_felt(run, support_client, first_practice):
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=2))
    content = support_client.get("/programme/now/").content.decode()
    assert "That is the end of" in content and f"{first_practice.get_absolute_url()}#how-it-felt" in content


def test_stop_for_today_ends_it_for_both_and_says_who_stopped(run, pain_client, support_client, first_practice):
    support_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})
    run.refresh_from_db()
    assert run.ended_at is not None
    theirs, mine = (client.get("/programme/now/").content.decode() for client in (pain_client, support_client))
    assert "ben stopped for today. Stopping is always fine." in theirs
    assert "You stopped for today. Stopping is always fine." in mine
    for content in (theirs, mine):
        assert f"{first_practice.get_absolute_url()}#how-it-felt" in content and "How did it feel?" in content
    assert "ben stopped for today." in pain_client.get("/programme/").content.decode()  # and on the home page


def test_the_stop_line_goes_once_a_new_session_starts(run, pain_client, support_client, first_practice):
    support_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    assert "stopped for today" not in pain_client.get("/programme/now/").content.decode()


def test_a_session_that_ran_to_its_end_is_not_called_stopped(run, pain_client, support_client):
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=2))
    support_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})  # "Close this session"
    assert "stopped for today" not in pain_client.get("/programme/now/").content.decode()


def test_htmx_gets_204_while_nothing_changed(run, pain_client):
    stamp = f"{run.pk}-{run.version}-0"
    assert pain_client.get(f"/programme/now/?s={stamp}", headers={"HX-Request": "true"}).status_code == 204
    assert pain_client.get("/programme/now/?s=old", headers={"HX-Request": "true"}).status_code == 200


def test_only_the_pair_sees_its_session(run, stranger_client):
    assert "No session is running" in stranger_client.get("/programme/now/").content.decode()
    stranger_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})
    run.refresh_from_db()
    assert run.ended_at is None
    assert Client().get("/programme/now/").status_code == 302


@pytest.mark.parametrize("data", [{}, {"practice": "x"}, {"practice": "99999"}, {"practice": "\x00"}])
def test_starting_something_that_is_gone_starts_nothing(pair, pain_client, data):
    response = pain_client.post("/programme/start/", data, follow=True)
    assert "nothing started" in response.content.decode() and not Run.objects.exists()


def test_starting_while_one_runs_joins_it_and_says_so(run, support_client, stages, pair):
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=4))  # part 2 by now
    other = stages[0].practices.exclude(pk=run.practice_id).first()
    response = support_client.post("/programme/start/", {"practice": other.pk}, follow=True)  # a stale page
    content = response.content.decode()
    assert Run.objects.count() == 1 and Run.objects.open().get().pk == run.pk  # never ended, never restarted
    assert f"ana had just started “{run.practice.title}”, so you are both in that one." in content
    assert "part 2 of" in content


def test_the_practice_page_offers_join_while_a_session_runs(run, support_client, stages):
    same = support_client.get(run.practice.get_absolute_url()).content.decode()
    assert "A session is running" in same and "Join it" in same and "Start this together" not in same
    other = stages[0].practices.exclude(pk=run.practice_id).first()
    content = support_client.get(other.get_absolute_url()).content.decode()
    assert f"“{run.practice.title}”, not this one" in content and "Start this together" not in content


def test_a_tap_on_a_card_of_an_earlier_session_never_acts_on_the_new_one(
    run, pain_client, support_client, first_practice
):
    support_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})
    support_client.post("/programme/start/", {"practice": first_practice.pk})  # a new session, also at version 1
    newer = Run.objects.open().get()
    pain_client.post("/programme/now/stop/", {"run": run.pk, "v": 1})  # her card still shows the first one
    newer.refresh_from_db()
    assert newer.ended_at is None


def test_only_sessions_of_a_stage_both_have_reached_can_start(pair, pain_client, stages):
    later = stages[1].practices.first()
    response = pain_client.post("/programme/start/", {"practice": later.pk}, follow=True)
    assert "nothing started" in response.content.decode() and not Run.objects.exists()
    assert "Start this together" not in pain_client.get(later.get_absolute_url()).content.decode()
