"""Sign-outs from several phones at the same moment all take effect (security report #9), with real threads.

No module-wide database mark: the transactional database is asked for after `content_again_afterwards`, so the
shipped content is loaded again once this test has emptied the database."""

from partners.models import User


def test_concurrent_sign_outs_in_threads_all_take_effect(content_again_afterwards, transactional_db, partner_with_pain):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    stale = [User.objects.get(pk=partner_with_pain.pk) for _ in range(5)]

    def revoke(args):
        user, n = args
        try:
            user.revoke_session(f"session-{n}")
        finally:
            connection.close()

    with ThreadPoolExecutor(5) as pool:
        list(pool.map(revoke, [(user, n) for n, user in enumerate(stale)]))
    assert {f"session-{n}" for n in range(5)} <= set(User.objects.get(pk=partner_with_pain.pk).revoked_sessions)
