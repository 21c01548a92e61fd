"""The other phone follows the pair's session: a waiting request on the pair's topic wakes when the session
changes, whichever page follows it (the run card, the empty card, the programme home), within the same limits
as Together (partners/follow.py)."""

import asyncio
import re

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient

from partners import follow as waiting
from partners.tests.following import until
from programme import follow
from programme.models import Run

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def waits_end():
    waiting.start_waiting()
    yield
    waiting.stop_waiting()
    waiting.start_waiting()


def phone(user):
    client = AsyncClient()
    client.force_login(user)
    return client


def follow_url(client, page):
    return re.search(r'data-follow="([^"]+)"', client.get(page).content.decode()).group(1).replace("&amp;", "&")


def _waking(url, user, change, django_capture_on_commit_callbacks):
    """ben's phone waits on `url`; `change()` runs on ana's phone (its commit callbacks run): ben's answer."""

    def changed():
        with django_capture_on_commit_callbacks(execute=True):
            change()

    ben = phone(user)

    async def scenario():
        waits = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: waiting.held() == 1)
        still_waiting = not waits.done()
        await sync_to_async(changed)()
        return still_waiting, await asyncio.wait_for(waits, 5)

    return async_to_sync(scenario)()


def test_a_start_wakes_the_empty_card_on_the_other_phone(
    pair, pain_client, support_client, supporting_partner, first_practice, django_capture_on_commit_callbacks
):
    url = follow_url(support_client, "/programme/now/")
    start = lambda: pain_client.post("/programme/start/", {"practice": first_practice.pk})  # noqa: E731
    was_waiting, answer = _waking(url, supporting_partner, start, django_capture_on_commit_callbacks)
    content = answer.content.decode()
    assert was_waiting and answer.status_code == 200
    assert "Breathe together" in content and f"ana started “{first_practice.title}”" in content


def test_a_start_wakes_the_programme_home_on_the_other_phone(
    pair, pain_client, support_client, supporting_partner, first_practice, django_capture_on_commit_callbacks
):
    url = follow_url(support_client, "/programme/")
    start = lambda: pain_client.post("/programme/start/", {"practice": first_practice.pk})  # noqa: E731
    was_waiting, answer = _waking(url, supporting_partner, start, django_capture_on_commit_callbacks)
    content = answer.content.decode()
    assert was_waiting and 'id="programme-running"' in content and "Join it" in content
    assert "<html" not in content  # only the part that follows, never a whole page


def test_a_pause_wakes_the_run_card_and_names_who_paused(
    pair, pain_client, support_client, supporting_partner, first_practice, django_capture_on_commit_callbacks
):
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    run = Run.objects.get()
    url = follow_url(support_client, "/programme/now/")
    pause = lambda: pain_client.post("/programme/now/pause/", {"run": run.pk, "v": run.version})  # noqa: E731
    was_waiting, answer = _waking(url, supporting_partner, pause, django_capture_on_commit_callbacks)
    content = answer.content.decode()
    assert was_waiting and "Paused. Take all the time you need." in content
    assert 'data-news="Paused by ana."' in content and "Carry on" in content


def test_a_stop_wakes_the_run_card_and_says_who_stopped(
    pair, pain_client, support_client, supporting_partner, first_practice, django_capture_on_commit_callbacks
):
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    run = Run.objects.get()
    url = follow_url(support_client, "/programme/now/")
    stop = lambda: pain_client.post("/programme/now/stop/", {"run": run.pk, "v": run.version})  # noqa: E731
    _, answer = _waking(url, supporting_partner, stop, django_capture_on_commit_callbacks)
    assert "ana stopped for today. Stopping is always fine." in answer.content.decode()


def test_nothing_changed_is_a_bare_204(pair, support_client, supporting_partner, monkeypatch):
    monkeypatch.setattr(waiting, "FOLLOW_FOR", 0.2)
    url = follow_url(support_client, "/programme/now/")
    answer = async_to_sync(phone(supporting_partner).get)(url, headers=HTMX)
    assert answer.status_code == 204 and answer.content == b""


def test_a_stale_stamp_is_answered_at_once(pair, support_client, supporting_partner):
    answer = async_to_sync(phone(supporting_partner).get)("/programme/follow/?on=now&s=old", headers=HTMX)
    assert answer.status_code == 200 and 'id="run-card"' in answer.content.decode()


def test_past_the_process_ceiling_a_follow_is_told_to_come_back(pair, support_client, supporting_partner, settings):
    settings.FOLLOWS_PER_PROCESS = 0
    answer = async_to_sync(phone(supporting_partner).get)(follow_url(support_client, "/programme/now/"), headers=HTMX)
    assert answer.status_code == 503 and answer["Retry-After"] == str(waiting.CHECK_AGAIN_AFTER)


def test_someone_outside_a_pair_is_sent_to_the_programme(db, django_user_model):
    loner = django_user_model.objects.create_user("loner", password="x")
    answer = async_to_sync(phone(loner).get)("/programme/follow/?on=now&s=x", headers=HTMX)
    assert answer["HX-Redirect"] == "/programme/"


def test_the_watcher_reads_what_each_pair_topic_is_now(pair, pain_client, first_practice, stranger_pair):
    pain_client.post("/programme/start/", {"practice": first_practice.pk})
    run = Run.objects.get()
    ours, theirs = follow.topic(pair.pk), follow.topic(stranger_pair.pk)
    assert waiting._readers["programme"]([ours, theirs]) == {ours: (run.pk, run.version)}
    run.pause(None)
    assert waiting._readers["programme"]([ours]) == {ours: (run.pk, run.version + 1)}
    Run.objects.get().stop(None)
    assert waiting._readers["programme"]([ours]) == {}  # gone: a change for the phone that saw it open
