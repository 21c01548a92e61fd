"""Waking the phones that follow something a pair shares, on any number of app servers.

A following phone holds one request open until something it shows changes. What it waits on is a topic: a
string such as "together:<session id>" or "programme:<pair id>", whose kind (the part before the first ":") a
feature app registers a reader for (`register_reader`, from its AppConfig.ready()). Nothing is kept in a
process: the database says what changed, and this module only wakes the requests waiting in this process, from
three places:

- a change made by this process wakes its own waiting requests at once, when the transaction commits
  (`announce`, called by the feature code that commits, never by a model);
- on PostgreSQL every change also sends NOTIFY (the payload: the topic), and one listening connection per
  process wakes that process's waiting requests;
- otherwise (SQLite, several processes on one machine) one thread per process asks each kind's reader what its
  waiting topics are now, every TICK seconds, one query per kind, however many phones wait.

An idle phone therefore costs one request every follow period, and no query at all while it waits on PostgreSQL.

Waiting requests are capped, so that nobody can hold the server with them: a person has at most
FOLLOWS_PER_PERSON waiting (a newer one answers their oldest at once), and a process at most
FOLLOWS_PER_PROCESS (past it, `Busy`: the phone checks again later), whatever they follow. A waiting request
holds no database connection (`give_back_connection`). This module knows no feature app.
"""

import asyncio
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse

log = logging.getLogger(__name__)

CHANNEL = "companion_follow"
TICK = 0.1  # seconds between version reads when there is no NOTIFY
SAFETY_TICK = 5.0  # on PostgreSQL, a read now and then in case a notification was lost while reconnecting
CHECK_AGAIN_AFTER = 5  # seconds a phone waits before asking again, when refused or replaced (Retry-After)
FOLLOW_FOR = 25  # seconds a following phone's request waits before answering "no change"
BUSY = "A lot of people are here just now. Your screen will check again in a few seconds."

_lock = threading.Lock()
_closing = threading.Event()  # set while this process stops: waiting requests answer at once
_waiting: defaultdict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Future[bool], object]]]
_waiting = defaultdict(set)  # topic -> {(event loop, future, what the phone saw)}
_readers: dict[str, Callable[[list[str]], dict[str, object]]] = {}  # topic kind -> "what is it now" reader
_watcher = None
_places: defaultdict[int, list["Place"]]
_places = defaultdict(list)  # person (user id) -> their waiting requests' places, oldest first


def register_reader(kind, reader):
    """`reader(topics)`: what each of these topics of `kind` is now, by topic, in one query (a topic missing from
    the answer is "gone", itself a change). Compared with what each waiting phone saw; registered once per kind."""
    _readers[kind] = reader


def kind_of(topic):
    return topic.split(":", 1)[0]


class Busy(Exception):
    """This process already holds FOLLOWS_PER_PROCESS waiting requests."""


class Place:
    """One waiting request's place. `replaced`: a newer request of the same person took it."""

    def __init__(self):
        self.replaced = False
        self.waking = None  # (loop, future) while it waits

    def replace(self):
        with _lock:
            self.replaced = True
            waking = self.waking
        if waking is not None:
            waking[0].call_soon_threadsafe(_resolve, waking[1])


def held():
    """How many waiting requests this process holds now."""
    with _lock:
        return sum(len(places) for places in _places.values())


@contextmanager
def place(person):
    """A place for one waiting request of `person`, for as long as the request lasts.

    Raises Busy when the process is full. Past the person's own limit, their oldest request is answered."""
    with _lock:
        if sum(len(places) for places in _places.values()) >= settings.FOLLOWS_PER_PROCESS:
            raise Busy
        theirs = _places[person]
        oldest = theirs[: max(0, len(theirs) - settings.FOLLOWS_PER_PERSON + 1)]
        del theirs[: len(oldest)]
        mine = Place()
        theirs.append(mine)
    for other in oldest:
        other.replace()
    try:
        yield mine
    finally:
        with _lock:
            if mine in _places.get(person, ()):
                _places[person].remove(mine)
            if not _places.get(person, True):
                del _places[person]


def check_again_later(status=204, text=""):
    """No news for now: the phone asks again after Retry-After seconds."""
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(CHECK_AGAIN_AFTER)
    return response


async def answer_when_changed(person, check, wait=True):
    """The answer to one following request of `person`, shared by every page that follows something.

    `check(first)` runs in a thread (give the connection back before it returns) and returns
    `(response, None)` when the phone has something new to show, else `(None, (expiry, topic, seen))`: wait on
    `topic` for a change from `seen`, for `expiry` seconds at most. It is asked again after each change, until
    FOLLOW_FOR passes (then 204). With `wait` false it is asked once. A dropped request is simply cancelled."""
    deadline = time.monotonic() + FOLLOW_FOR
    run_check = sync_to_async(check)
    try:
        with place(person) as mine:
            response, until = await run_check(True)
            while wait and response is None and (left := deadline - time.monotonic()) > 0:
                expiry, topic, seen = until
                await wait_for_change(topic, seen, min(left, expiry), mine)
                if closing() or mine.replaced:
                    break
                response, until = await run_check(False)
    except Busy:
        return check_again_later(503, BUSY)
    if response is None and mine.replaced:  # the same person asked again (another tab, a retry)
        return check_again_later()
    return response or HttpResponse(status=204)


def give_back_connection():
    """Close this thread's database connection (back to the pool on PostgreSQL) before a request waits.

    Call it in the thread that used the connection. Inside a transaction (a test's) it is left alone."""
    if not connection.in_atomic_block:
        connection.close()


def announce(*topics):
    """A change to these topics is committed: wake their followers here, and on PostgreSQL in every process.
    Called after commit (`announce_after_commit`), never from a model."""
    for topic in topics:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, topic])
        wake(topic)


def announce_after_commit(*topics):
    """Wake the followers of `topics` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: announce(*topics))


def wake(topic):
    with _lock:
        waiters = _waiting.pop(topic, set())
    for loop, future, _ in waiters:
        loop.call_soon_threadsafe(_resolve, future)


def _resolve(future):
    if not future.done():
        future.set_result(True)


def stop_waiting():
    """Answer every waiting request now and take no new waits (a server stopping; the end of a test)."""
    _closing.set()
    with _lock:
        topics = list(_waiting)
    for topic in topics:
        wake(topic)


def start_waiting():
    _closing.clear()


def closing():
    return _closing.is_set()


async def wait_for_change(topic, seen, timeout, place=None):
    """Wait up to `timeout` seconds for `topic` to change from `seen` (what its kind's reader answers for it),
    or until `place` is taken by a newer request of the same person."""
    if _closing.is_set():
        return
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    entry = (loop, future, seen)
    with _lock:
        if place is not None:
            if place.replaced:
                return
            place.waking = (loop, future)
        _waiting[topic].add(entry)
    _start_watcher()
    try:
        await asyncio.wait_for(future, timeout)
    except TimeoutError:
        pass
    finally:
        with _lock:
            if place is not None:
                place.waking = None
            _waiting.get(topic, set()).discard(entry)
            if not _waiting.get(topic, True):
                del _waiting[topic]


def _start_watcher():
    global _watcher
    with _lock:
        if _watcher is None or not _watcher.is_alive():
            _watcher = threading.Thread(target=_watch, name="follow", daemon=True)
            _watcher.start()


def _watch():
    """The one thread per process that notices changes made by other processes, while any request waits."""
    global _watcher
    while True:
        with _lock:
            if not _waiting:
                _watcher = None
                connection.close()  # this thread's own connection: nothing may hold the database open after
                return
        try:
            if connection.vendor == "postgresql":
                _listen()
            else:
                time.sleep(TICK)
                _read_versions()
                connection.close()  # SQLite keeps closed connections' files open while any connection is open
        except Exception:  # a dropped database connection: wait a moment, then start again
            log.warning("Following: reconnecting", exc_info=True)
            connection.close()
            time.sleep(1)


def _read_versions():
    """Wake every waiting request whose topic moved on (or went) since it started waiting: one reader call per
    kind of topic waited on."""
    with _lock:
        topics = list(_waiting)
    by_kind = defaultdict(list)
    for topic in topics:
        by_kind[kind_of(topic)].append(topic)
    for kind, of_kind in by_kind.items():
        reader = _readers.get(kind)
        if reader is None:
            continue
        now = reader(of_kind)
        for topic in of_kind:
            with _lock:
                entries = list(_waiting.get(topic, ()))
            if any(seen != now.get(topic) for _, _, seen in entries):
                wake(topic)


def listener_connection():
    """A connection of its own for LISTEN: the database's, or FOLLOW_LISTEN_URL's when the app's connections go
    through a transaction pooler (which cannot keep a LISTEN). Notifications are sent on the app's connection."""
    import psycopg

    if settings.FOLLOW_LISTEN_URL:
        return psycopg.connect(settings.FOLLOW_LISTEN_URL, autocommit=True)
    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def _listen():
    """Wake waiting requests as PostgreSQL's notifications arrive; return once none wait."""
    with listener_connection() as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        while _waiting:
            for note in listener.notifies(timeout=SAFETY_TICK):
                if note.payload:
                    wake(note.payload)
                if not _waiting:
                    break
            _read_versions()
