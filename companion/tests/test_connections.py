"""Database connections are always given back under ASGI: bursts of requests through the real ASGI application,
each request's sync parts in a thread of its own as under uvicorn, leave nothing open behind them.

Security report, finding #1: with CONN_MAX_AGE=60, about 150 concurrent requests used up PostgreSQL's
connections for good, and on SQLite every burst left open files behind.
"""

import asyncio
import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from companion.asgi import application
from conversations.follow import session_topic
from conversations.models import TogetherSession
from partners import follow as following
from partners.models import Pair

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
postgresql_only = pytest.mark.skipif(not ON_POSTGRESQL, reason="counts PostgreSQL's connections (CI's PostgreSQL run)")
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="counts SQLite's open files")


async def asgi_get(path, cookie=""):
    """One GET through the ASGI application, as a server would send it; its status."""
    path, _, query = path.partition("?")
    headers = [(b"host", b"testserver"), *([(b"cookie", cookie.encode())] if cookie else [])]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    body = [{"type": "http.request", "body": b"", "more_body": False}]
    gone = asyncio.Event()  # the client never hangs up here

    async def receive():
        if body:
            return body.pop()
        await gone.wait()
        return {"type": "http.disconnect"}

    status = []

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await application(scope, receive, send)
    return status[0]


@pytest.fixture
def shipped_content(content_again_afterwards, transactional_db):
    """Committed, as on a server: a test's open transaction would hold SQLite's locks, and SQLite keeps the files
    of connections closed meanwhile open until then. (Transactional tests empty the database afterwards.)"""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)


@pytest.fixture
def stale_edition(settings, shipped_content):
    """Every request reads the content edition, as every request does that finds it stale on a server."""
    settings.CONTENT_EDITION_RECHECK_SECONDS = 0


async def burst(count):
    """`count` signed-out readers at once, each past the page cache (an extra parameter)."""
    return await asyncio.gather(*(asgi_get(f"/ideas/?category=closeness&x={n}") for n in range(count)))


def bursts(sizes, measure):
    """Bursts one after another in one event loop, as one server process sees them: (statuses, measure()) each.
    (A loop of its own per burst would end its threads, and with them what they left open.)"""

    async def one_after_another():
        return [(set(await burst(size)), await asyncio.to_thread(measure)) for size in sizes]

    return asyncio.run(one_after_another())


def others_connections():
    """Connections to the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def pool_max_size():
    return settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]


@postgresql_only
def test_bursts_of_signed_out_readers_leave_no_more_than_the_pool_open(stale_edition):
    after = bursts([60, 60, 60], count_in_a_thread)  # the leak built up over bursts
    assert [statuses for statuses, _ in after] == [{200}] * 3
    assert all(count <= pool_max_size() for _, count in after), after


@pytest.fixture
def following_pairs(shipped_content, django_user_model):
    """Pairs on an open together session, committed (the ASGI requests' threads read them); one phone each."""
    phones = []
    for n in range(24):
        first = django_user_model.objects.create_user(username=f"first{n}", password="a quiet walk by the river")
        second = django_user_model.objects.create_user(username=f"second{n}", password="a quiet walk by the river")
        TogetherSession.objects.create(pair=Pair.of(first, second))
        client = Client()
        client.force_login(first)
        card = client.get("/together/").content.decode()
        url = card.split('data-follow="', 1)[1].split('"', 1)[0]
        phones.append((url, "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())))
    following.start_waiting()
    yield phones
    following.stop_waiting()
    watcher = following._watcher
    if watcher is not None:
        watcher.join(10)
    following.start_waiting()


@postgresql_only
def test_waiting_follows_hold_no_connection(following_pairs):
    async def flood():
        waiting = [asyncio.create_task(asgi_get(url, cookie)) for url, cookie in following_pairs]
        for _ in range(3000):  # until every follow is waiting (checked a bounded number of times)
            if following.held() == len(waiting) and all(following._waiting.get(session_topic(pk)) for pk in sessions):
                break
            await asyncio.sleep(0.01)
        held = following.held()
        # While they all wait, other readers are served, and nothing but the pool (and Together's one
        # listening connection) is open.
        others = await asyncio.gather(*(asgi_get(f"/ideas/?category=closeness&x={n}") for n in range(20)))
        open_while_waiting = await asyncio.to_thread(count_in_a_thread)
        following.stop_waiting()
        answered = await asyncio.gather(*waiting)
        return held, others, open_while_waiting, answered

    sessions = list(TogetherSession.objects.values_list("pk", flat=True))
    held, others, open_while_waiting, answered = asyncio.run(flood())
    assert held == len(following_pairs)
    assert set(others) == {200}
    assert open_while_waiting <= pool_max_size() + 1
    assert set(answered) == {204}
    assert others_connections() <= pool_max_size() + 1


def count_in_a_thread():
    try:
        return others_connections() - 1  # this thread's own connection is one of the others
    finally:
        connection.close()


def open_files():
    return len(os.listdir("/proc/self/fd"))


@sqlite_only
def test_bursts_of_signed_out_readers_leave_no_open_files_behind(stale_edition):
    connection.close()  # this test's own: while any connection to the file is open, SQLite keeps closed ones' files
    after = bursts([20, 60, 60, 60], open_files)  # the first requests open what every later one shares
    assert [statuses for statuses, _ in after] == [{200}] * 4
    files = [count for _, count in after]
    assert max(files[1:]) <= files[0] + 2, files
