"""Following Together on two phones: its topics, and what each is now (the waiting itself is partners/follow.py).

- "together:<session id>": a card, followed while the session is open; it is (version, nudges) now, or gone.
- "together-start:<pair id>": the start page, followed until a session opens; it is the open session's id now.

The readers answer the SQLite watcher's question "what is it now", one query for any number of topics.
"""

from partners import follow as waiting
from partners.follow import (  # noqa: F401  (what the together views and tests use)
    CHECK_AGAIN_AFTER,
    FOLLOW_FOR,
    Busy,
    announce,
    announce_after_commit,
    answer_when_changed,
    check_again_later,
    closing,
    give_back_connection,
    held,
    place,
    start_waiting,
    stop_waiting,
    wait_for_change,
)


def session_topic(session_id):
    return f"together:{session_id}"


def pair_topic(pair_id):
    return f"together-start:{pair_id}"


def _ids(topics):
    return {int(topic.split(":", 1)[1]): topic for topic in topics if topic.split(":", 1)[1].isdigit()}


def read_sessions(topics):
    from .models import TogetherSession

    ids = _ids(topics)
    rows = TogetherSession.objects.open().filter(pk__in=ids).values_list("pk", "version", "nudges")
    return {ids[pk]: (version, nudges) for pk, version, nudges in rows}


def read_pairs(topics):
    from .models import TogetherSession

    ids = _ids(topics)
    rows = TogetherSession.objects.open().filter(pair_id__in=ids).values_list("pair_id", "pk")
    return {ids[pair_id]: pk for pair_id, pk in rows}


def register():
    waiting.register_reader("together", read_sessions)
    waiting.register_reader("together-start", read_pairs)
