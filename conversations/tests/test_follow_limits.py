"""Waiting follows are capped: per person (a newer one answers the oldest) and per process (503, Retry-After).

Several follows wait at once in one event loop, through the ASGI handler (AsyncClient). Their sync parts run on
this test's own thread (async_to_sync), so they see the test's transaction.
"""

import asyncio
import re

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient

from conversations.models import TogetherSession
from partners import follow as following
from partners.tests.following import until

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair)


@pytest.fixture(autouse=True)
def waits_end():
    following.start_waiting()
    yield
    following.stop_waiting()  # any follow still waiting answers now
    following.start_waiting()


def phone(user):
    client = AsyncClient()
    client.force_login(user)
    return client


def follow_url(client_for_card):
    card = client_for_card.get("/together/").content.decode()
    return re.search(r'data-follow="([^"]+)"', card).group(1)


def test_a_third_follow_answers_the_oldest_at_once(session, support_client, supporting_partner, settings):
    settings.FOLLOWS_PER_PERSON = 2
    url = follow_url(support_client)
    ben = phone(supporting_partner)

    async def scenario():
        first = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 1)
        second = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 2)
        third = asyncio.create_task(ben.get(url, headers=HTMX))
        answered = await first
        still_waiting = not second.done() and not third.done()
        held = following.held()
        following.stop_waiting()
        await asyncio.gather(second, third)
        return answered, still_waiting, held

    answered, still_waiting, held = async_to_sync(scenario)()
    assert answered.status_code == 204
    assert answered["Retry-After"] == str(following.CHECK_AGAIN_AFTER)
    assert still_waiting and held == 2


def test_past_the_process_ceiling_a_follow_is_told_to_come_back(
    session, support_client, supporting_partner, stranger_pair, stranger_client, stranger, settings
):
    settings.FOLLOWS_PER_PROCESS = 2
    TogetherSession.objects.create(pair=stranger_pair)
    ben_url, sam_url = follow_url(support_client), follow_url(stranger_client)
    ben, sam = phone(supporting_partner), phone(stranger)

    async def scenario():
        waiting = [
            asyncio.create_task(ben.get(ben_url, headers=HTMX)),
            asyncio.create_task(sam.get(sam_url, headers=HTMX)),
        ]
        await until(lambda: following.held() == 2)
        refused = await ben.get(ben_url, headers=HTMX)
        others_waiting = not any(task.done() for task in waiting)
        following.stop_waiting()
        await asyncio.gather(*waiting)
        return refused, others_waiting

    refused, others_waiting = async_to_sync(scenario)()
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(following.CHECK_AGAIN_AFTER)
    assert "check again in a few seconds" in refused.content.decode()
    assert others_waiting  # a refusal answers nobody else


def test_while_the_process_is_full_the_person_s_other_pages_work(session, support_client, supporting_partner, settings):
    settings.FOLLOWS_PER_PROCESS = 1
    url = follow_url(support_client)
    ben = phone(supporting_partner)

    async def scenario():
        waiting = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 1)
        refused = await ben.get(url, headers=HTMX)
        pages = [await ben.get(path) for path in ("/together/", "/together/poll/?s=0", "/ideas/", "/account/")]
        following.stop_waiting()
        await waiting
        return refused, pages

    refused, pages = async_to_sync(scenario)()
    assert refused.status_code == 503
    assert [page.status_code for page in pages] == [200, 200, 200, 200]


def test_a_follow_that_ends_gives_its_place_back(session, support_client, supporting_partner, settings):
    settings.FOLLOWS_PER_PROCESS = 1
    url = follow_url(support_client)
    ben = phone(supporting_partner)

    async def scenario():
        first = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 1)
        following.stop_waiting()
        await first
        following.start_waiting()
        held_after = following.held()
        second = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 1 or second.done())
        following.stop_waiting()
        return held_after, await second

    held_after, second = async_to_sync(scenario)()
    assert held_after == 0
    assert second.status_code == 204 and "Retry-After" not in second


def test_the_start_page_follows_the_pair_and_moves_to_the_card_when_the_partner_starts(
    pair, pain_client, support_client, supporting_partner, django_capture_on_commit_callbacks
):
    """Not a limit, but the same waiting: the start page waits on the pair's topic, not on a session."""
    start_page = support_client.get("/together/").content.decode()
    url = re.search(r'data-follow="([^"]+)"', start_page).group(1)
    ben = phone(supporting_partner)

    def start():
        with django_capture_on_commit_callbacks(execute=True):
            pain_client.post("/together/start/", {"what": "ideas-closeness"})

    async def scenario():
        waits = asyncio.create_task(ben.get(url, headers=HTMX))
        await until(lambda: following.held() == 1)
        was_waiting = not waits.done()
        await sync_to_async(start)()
        return was_waiting, await asyncio.wait_for(waits, 5)

    was_waiting, answer = async_to_sync(scenario)()
    assert was_waiting and answer["HX-Redirect"] == "/together/"
    session = TogetherSession.objects.get()
    card = support_client.get("/together/").content.decode()
    assert f"ana started “{session.what}”." in card
