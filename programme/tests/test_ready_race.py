"""Both partners tapping "ready" at the same moment, with real threads: exactly one stage is moved.

No module-wide database mark: the transactional database is asked for after `content_again_afterwards`, so the
shipped content is loaded again once this test has emptied the database (later tests need it)."""

import threading
import time

from django.db import connection

from programme.models import PairStage, Readiness, say_ready


def test_both_tapping_ready_at_the_same_moment_moves_exactly_one_stage(
    content_again_afterwards, transactional_db, pair, partner_with_pain, supporting_partner, monkeypatch
):
    barrier = threading.Barrier(2)
    outcomes = []
    record = Readiness.objects.update_or_create

    def slowly(*args, **kwargs):  # widen the race: each tap waits after writing its own "ready", before counting
        result = record(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(Readiness.objects, "update_or_create", slowly)
    PairStage.of(pair.pk)  # the row exists already, as it does after a pair's first tap

    def tap(user):
        try:
            barrier.wait()
            outcomes.append(say_ready(pair.pk, user, 1, 4))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(user,)) for user in (partner_with_pain, supporting_partner)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("outcomes of two taps at once:", sorted(outcomes))
    assert sorted(outcomes) == ["moved", "noted"]
    assert PairStage.number_for(pair.pk) == 2
