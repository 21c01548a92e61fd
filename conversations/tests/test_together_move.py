import threading

import pytest
from django.db import OperationalError, close_old_connections

from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair, category=None)


def test_next_moves_both_phones(session, pain_client, support_client):
    response = pain_client.post("/together/move/", {"to": 2, "v": session.version}, headers={"HX-Request": "true"})
    assert "Idea 2 of" in response.content.decode()
    poll = support_client.get(f"/together/poll/?v={session.version}", headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "Idea 2 of" in poll.content.decode()


def test_two_taps_on_the_same_version_move_once(session, pain_client, support_client):
    seen = session.version
    pain_client.post("/together/move/", {"to": 2, "v": seen})
    support_client.post("/together/move/", {"to": 2, "v": seen})  # stale: refused, shows step 2
    support_client.post("/together/move/", {"to": 3, "v": seen})  # stale too: no skipping to 3
    session.refresh_from_db()
    assert (session.position, session.version) == (2, seen + 1)


def test_without_javascript_it_redirects_back(session, pain_client):
    response = pain_client.post("/together/move/", {"to": 2, "v": session.version})
    assert response.status_code == 302 and response["Location"] == "/together/"


@pytest.mark.parametrize("to, v", [("0", "1"), ("9999", "1"), ("two", "1"), ("2", "x"), ("", ""), ("-1", "1")])
def test_nonsense_moves_nothing_and_never_500s(session, pain_client, to, v):
    response = pain_client.post("/together/move/", {"to": to, "v": v})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.position == 1


def test_a_paused_session_does_not_move(session, pain_client, support_client):
    support_client.post("/together/pause/", {"paused": "1"})
    session.refresh_from_db()
    pain_client.post("/together/move/", {"to": 2, "v": session.version})
    session.refresh_from_db()
    assert session.position == 1 and session.paused


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_taps_advance_exactly_once_per_accepted_request(pair):
    session = TogetherSession.objects.create(pair=pair)
    start_version = session.version
    barrier = threading.Barrier(8)
    accepted = []

    def tap(seen_version, to):
        barrier.wait()
        try:
            mine = TogetherSession.objects.get(pk=session.pk)
            if mine.move(to, seen_version, None) == "moved":
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
