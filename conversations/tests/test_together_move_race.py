"""Many taps on Next at the same moment, with real threads: each accepted tap moves exactly one step.

No module-wide database mark: the transactional database is asked for after `content_again_afterwards`, so the
shipped content is loaded again once this test has emptied the database (later tests need it)."""

import threading

from django.db import OperationalError, close_old_connections

from conversations.models import TogetherSession


def test_many_simultaneous_taps_advance_exactly_once_per_accepted_request(
    content_again_afterwards, transactional_db, pair, partner_with_pain
):
    session = TogetherSession.objects.create(pair=pair)
    start_version = session.version
    barrier = threading.Barrier(8)
    accepted = []

    def tap(seen_version, to):
        barrier.wait()
        try:
            mine = TogetherSession.objects.get(pk=session.pk)
            if mine.move(to, seen_version, partner_with_pain, presences={}) == "moved":
                accepted.append(to)
        except OperationalError:  # SQLite's lock: the tap is refused, as a stale one would be
            pass
        finally:
            close_old_connections()

    rounds = 5
    for round_number in range(rounds):
        session.refresh_from_db()
        before = len(accepted)
        threads = [threading.Thread(target=tap, args=(session.version, session.position + 1)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(accepted) - before <= 1, f"round {round_number}: two taps on one version both moved"
    session.refresh_from_db()
    assert session.position == 1 + len(accepted)  # each accepted tap moved exactly one step
    assert session.version == start_version + len(accepted)
    assert accepted == list(range(2, 2 + len(accepted)))  # no step skipped or repeated
    assert len(accepted) >= 1
