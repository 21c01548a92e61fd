"""Waking the phones that follow a together session, on any number of app servers.

A following phone holds one request open (`views.together.follow`) until
something in its session changes. Nothing about a session is kept in a
process: the database says what changed, and this module only wakes the
requests waiting in this process, from three places:

- a change made by this process wakes its own waiting requests at once,
  when the transaction commits;
- on PostgreSQL every change also sends NOTIFY, and one listening connection
  per process wakes that process's waiting requests;
- otherwise (SQLite, several processes on one machine) one thread per process
  reads the versions of the sessions it has waiting requests for, every
  TICK seconds, in one query, however many phones wait.

An idle phone therefore costs one request every FOLLOW_FOR seconds, and no
query at all while it waits on PostgreSQL.

Waiting requests are capped, so that nobody can hold the server with them: a person
has at most FOLLOWS_PER_PERSON waiting (a newer one answers their oldest at once),
and a process at most FOLLOWS_PER_PROCESS (past it, `Busy`: the phone checks again
later). A waiting request holds no database connection (`give_back_connection`).
"""

import asyncio
import logging
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

from .models import TogetherSession

log = logging.getLogger(__name__)

CHANNEL = "companion_together"
TICK = 0.1  # seconds between version reads when there is no NOTIFY
SAFETY_TICK = 5.0  # on PostgreSQL, a read now and then in case a notification was lost while reconnecting
CHECK_AGAIN_AFTER = 5  # seconds a phone waits before asking again, when refused or replaced (Retry-After)

_lock = threading.Lock()
_closing = threading.Event()  # set while this process stops: waiting requests answer at once
_waiting: defaultdict[int, set[tuple[asyncio.AbstractEventLoop, asyncio.Future[bool], tuple[int, int]]]]
_waiting = defaultdict(set)  # session id -> {(event loop, future, (version, nudges) seen)}
_watcher = None
_places: defaultdict[int, list["Place"]]
_places = defaultdict(list)  # person (user id) -> their waiting requests' places, oldest first


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


def give_back_connection():
    """Close this thread's database connection (back to the pool on PostgreSQL) before a request waits.

    Call it in the thread that used the connection. Inside a transaction (a test's) it is left alone."""
    if not connection.in_atomic_block:
        connection.close()


def announce(session_id):
    """A change to a session is committed: wake its followers here, and on PostgreSQL in every process. Called
    after commit (conversations/together.py, `changed`), never from a model."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(session_id)])
    wake(session_id)


def wake(session_id):
    with _lock:
        waiters = _waiting.pop(session_id, set())
    for loop, future, _ in waiters:
        loop.call_soon_threadsafe(_resolve, future)


def _resolve(future):
    if not future.done():
        future.set_result(True)


def stop_waiting():
    """Answer every waiting request now and take no new waits (a server stopping; the end of a test)."""
    _closing.set()
    with _lock:
        ids = list(_waiting)
    for session_id in ids:
        wake(session_id)


def start_waiting():
    _closing.clear()


def closing():
    return _closing.is_set()


async def wait_for_change(session_id, seen, timeout, place=None):
    """Wait up to `timeout` seconds for session `session_id` to change from `seen` = (version, nudges),
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
        _waiting[session_id].add(entry)
    _start_watcher()
    try:
        await asyncio.wait_for(future, timeout)
    except TimeoutError:
        pass
    finally:
        with _lock:
            if place is not None:
                place.waking = None
            _waiting.get(session_id, set()).discard(entry)
            if not _waiting.get(session_id, True):
                del _waiting[session_id]


def _start_watcher():
    global _watcher
    with _lock:
        if _watcher is None or not _watcher.is_alive():
            _watcher = threading.Thread(target=_watch, name="together-follow", daemon=True)
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
            log.warning("Following together sessions: reconnecting", exc_info=True)
            connection.close()
            time.sleep(1)


def _read_versions():
    """Wake every waiting request whose session moved on (or ended) since it started waiting."""
    with _lock:
        ids = list(_waiting)
    if not ids:
        return
    now = dict(
        (pk, (version, nudges))
        for pk, version, nudges in TogetherSession.objects.open()
        .filter(pk__in=ids)
        .values_list("pk", "version", "nudges")
    )
    for session_id in ids:
        with _lock:
            entries = list(_waiting.get(session_id, ()))
        if any(seen != now.get(session_id) for _, _, seen in entries):
            wake(session_id)


def _listen():
    """Wake waiting requests as PostgreSQL's notifications arrive; return once none wait."""
    import psycopg

    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        while _waiting:
            for note in listener.notifies(timeout=SAFETY_TICK):
                if note.payload.isdigit():
                    wake(int(note.payload))
                if not _waiting:
                    break
            _read_versions()
