"""Following a pair's timed session on the other phone (the waiting itself is partners/follow.py).

One topic per pair, "programme:<pair id>", followed by the run card, the empty "no session" card and the
programme home alike. What it is now: the pair's open run and its version, or None. Every change is announced
by the code that commits it (the views, the lifecycle hook), after commit.
"""

from partners import follow as waiting


def topic(pair_id):
    return f"programme:{pair_id}"


def changed(pair_id):
    """The pair's run changed (started, paused, carried on, moved, stopped, gone): wake both phones after commit."""
    waiting.announce_after_commit(topic(pair_id))


def now(run):
    """What the topic is now, from the run already read: the watcher's reader answers the same."""
    return (run.pk, run.version) if run is not None else None


def read_pairs(topics):
    from .models import Run

    ids = {int(t.split(":", 1)[1]): t for t in topics if t.split(":", 1)[1].isdigit()}
    rows = Run.objects.open().filter(pair_id__in=ids).values_list("pair_id", "pk", "version")
    return {ids[pair_id]: (pk, version) for pair_id, pk, version in rows}


def register():
    waiting.register_reader("programme", read_pairs)
