import re

import pytest

from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair, category=None)


def test_next_moves_both_phones(session, pain_client, support_client, supporting_partner):
    from conversations.tests.marks import book

    from .test_together_poll import poll_url

    book(supporting_partner).save(session.items()[0], "yes", "either")  # he has answered: nobody waits
    his_card = poll_url(support_client)  # what his phone shows before her tap
    assert support_client.get(his_card, headers={"HX-Request": "true"}).status_code == 204
    response = pain_client.post("/together/move/", {"to": 2, "v": session.version}, headers={"HX-Request": "true"})
    assert "Idea 2 of" in response.content.decode()
    poll = support_client.get(his_card, headers={"HX-Request": "true"})  # his phone notices her move
    assert poll.status_code == 200 and "Idea 2 of" in poll.content.decode()


# --- What one tap costs: one read of the seat and one of the card, whatever the pair or the list -------------

MOST_QUERIES_PER_TAP = 9


def _tap_next(client, session, django_assert_max_num_queries):
    session.refresh_from_db()
    with django_assert_max_num_queries(MOST_QUERIES_PER_TAP) as counted:
        response = client.post(
            "/together/move/", {"to": session.position + 1, "v": session.version}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    return len(counted), response.content.decode()


@pytest.mark.parametrize("partner", ["still choosing", "answered and settled", "away"])
def test_a_next_tap_reads_the_seat_and_the_card_once(
    session, pain_client, support_client, supporting_partner, stranger_pair, partner, django_assert_max_num_queries
):
    """The review counted 17 queries for one Next while the partner was still choosing; the same tap now costs at
    most MOST_QUERIES_PER_TAP, and the same again with another pair on Together and answers on every idea."""
    from datetime import timedelta

    from django.utils import timezone

    from conversations.models import Idea
    from conversations.tests.marks import book

    from .test_together_poll import poll_url

    pain_client.get("/together/")
    if partner == "answered and settled":
        for idea in session.items()[:4]:
            book(supporting_partner).save(idea, "maybe", "either")
    if partner != "away":
        support_client.get("/together/")
    else:
        poll_url(support_client)  # his phone was here once, long ago
        session.presences.filter(user=supporting_partner).update(seen_at=timezone.now() - timedelta(minutes=5))
    first, page = _tap_next(pain_client, session, django_assert_max_num_queries)
    assert ("Waiting for ben" in page) == (partner == "still choosing")

    TogetherSession.objects.create(pair=stranger_pair)  # another pair stepping through too
    for idea in Idea.objects.all():
        book(supporting_partner).save(idea, "yes", "either")
    if partner == "still choosing":
        session.presences.update(ready_position=None)
    else:
        session.presences.filter(user=supporting_partner).update(touched_at=None)
    again, _ = _tap_next(pain_client, session, django_assert_max_num_queries)
    assert again <= first + 1  # the same work, whatever else is stored (one read of his current write, now his)


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


# --- The rule for Next: nobody is moved on while their partner is still choosing --------------------------


def _here(session, user, **fields):
    from django.utils import timezone

    from conversations.models import TogetherPresence

    TogetherPresence.objects.update_or_create(
        session=session, user=user, defaults={"seen_at": timezone.now(), **fields}
    )


def _next(client, session):
    session.refresh_from_db()
    client.post("/together/move/", {"to": session.position + 1, "v": session.version})
    session.refresh_from_db()
    return session.position


def test_next_waits_for_a_partner_here_without_an_answer_until_they_tap_next_too(
    session, pain_client, support_client, supporting_partner
):
    _here(session, supporting_partner)
    assert _next(pain_client, session) == 1
    assert "Waiting for ben to choose." in pain_client.get("/together/").content.decode()
    assert "ana is ready to go on." in support_client.get("/together/").content.decode()
    assert _next(support_client, session) == 2  # his Next (with or without an answer) moves both


def test_next_does_not_wait_for_a_partner_who_answered_and_settled(session, pain_client, supporting_partner):
    from datetime import timedelta

    from django.utils import timezone

    from conversations.tests.marks import book

    book(supporting_partner).save(session.items()[0], "no", "either")
    _here(session, supporting_partner, touched_at=timezone.now() - timedelta(seconds=2), touched_position=1)
    assert _next(pain_client, session) == 1  # changed his answer 2 s ago: still choosing
    session.presences.filter(user=supporting_partner).update(touched_at=timezone.now() - timedelta(seconds=6))
    assert _next(pain_client, session) == 2


def test_next_does_not_wait_for_a_partner_who_is_not_here(session, pain_client, supporting_partner):
    from datetime import timedelta

    from django.utils import timezone

    _here(session, supporting_partner)
    session.presences.filter(user=supporting_partner).update(seen_at=timezone.now() - timedelta(seconds=31))
    assert _next(pain_client, session) == 2


def test_go_on_without_waiting_moves_at_once(session, pain_client, supporting_partner):
    _here(session, supporting_partner)
    assert _next(pain_client, session) == 1
    pain_client.post("/together/move/", {"to": 2, "v": session.version, "anyway": "True"})
    session.refresh_from_db()
    assert session.position == 2


def test_both_tapping_next_at_once_moves_on(session, pain_client, partner_with_pain, supporting_partner):
    _here(session, partner_with_pain)
    _here(session, supporting_partner, ready_position=1)  # his Next arrived a moment before hers
    assert _next(pain_client, session) == 2


def test_script_steps_never_wait(pair, pain_client, supporting_partner):
    from conversations.models import Script

    session = TogetherSession.objects.create(pair=pair, script=Script.objects.current().first())
    _here(session, supporting_partner)
    assert _next(pain_client, session) == 2


def test_next_tapped_on_both_phones_in_the_same_instant_moves_on(
    session, pain_client, partner_with_pain, supporting_partner, monkeypatch
):
    from conversations.models import TogetherPresence

    _here(session, partner_with_pain)
    _here(session, supporting_partner)
    original = TogetherPresence.ready

    def his_next_lands_meanwhile(presence, position):  # both read "still choosing" before either was saved
        original(presence, position)
        TogetherPresence.objects.filter(session=session, user=supporting_partner).update(ready_position=position)

    monkeypatch.setattr(TogetherPresence, "ready", his_next_lands_meanwhile)
    assert _next(pain_client, session) == 2


def test_the_card_a_tap_returns_carries_on_from_where_it_moved(session, pain_client):
    """The card after a move carries the new version, so the next tap on it is accepted (no refresh between)."""
    import re

    card = pain_client.post("/together/move/", {"to": 2, "v": session.version}, headers={"HX-Request": "true"})
    version = re.search(r'name="v" value="(\d+)"', card.content.decode()).group(1)
    pain_client.post("/together/move/", {"to": 3, "v": version}, headers={"HX-Request": "true"})
    session.refresh_from_db()
    assert session.position == 3


def test_after_moving_on_nobody_is_shown_as_ready_where_they_were(
    session, pain_client, support_client, partner_with_pain, supporting_partner
):
    _here(session, partner_with_pain)
    _here(session, supporting_partner)
    assert _next(pain_client, session) == 1  # she is ready on 1; he is still choosing
    assert _next(support_client, session) == 2  # his Next moves both
    session.refresh_from_db()
    pain_client.post("/together/move/", {"to": 1, "v": session.version})  # back to where she had been ready
    card = support_client.get("/together/").content.decode()
    assert "is ready to go on" not in card and "Waiting for" not in card


def test_a_move_wakes_the_phones_following_once_it_commits(
    session, pain_client, monkeypatch, django_capture_on_commit_callbacks
):
    from partners import follow

    woken = []
    monkeypatch.setattr(follow, "wake", woken.append)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        pain_client.post("/together/move/", {"to": 2, "v": session.version})
        assert woken == []  # nothing is announced before the change commits
    for callback in waiting:
        callback()
    assert f"together:{session.pk}" in woken


# --- Two-sided ideas: no direction is recorded unless the person chose one -------------------------------------


@pytest.fixture
def on_a_two_sided_idea(pair):
    """A session of the touch ideas, on its first two-sided idea."""
    session = TogetherSession.objects.create(pair=pair, category_id=None)
    position = next(n for n, idea in enumerate(session.items(), 1) if idea.two_sided)
    session.position = position
    session.save()
    return session, session.items()[position - 1]


def test_a_quick_yes_next_records_no_direction(on_a_two_sided_idea, pain_client, partner_with_pain):
    from conversations.tests.marks import answer

    session, idea = on_a_two_sided_idea
    card = pain_client.get("/together/").content.decode()
    assert re.search(r'name="side" value="u" id="[^"]+" checked', card)  # "Not chosen", never "Either" for them
    assert not re.search(r'name="side" value="e" id="[^"]+" checked', card)
    pain_client.post(
        "/together/move/", {"to": session.position + 1, "v": session.version, "idea": idea.slug, "choice": "y"}
    )
    assert answer(partner_with_pain, idea) == ("yes", "")


def test_a_direction_is_kept_when_chosen(on_a_two_sided_idea, pain_client, partner_with_pain):
    from conversations.tests.marks import answer

    session, idea = on_a_two_sided_idea
    data = {"to": session.position + 1, "v": session.version, "idea": idea.slug, "choice": "y", "side": "e"}
    pain_client.post("/together/move/", data)
    assert answer(partner_with_pain, idea) == ("yes", "either")


def test_a_yes_with_no_direction_still_meets_the_partners_yes(
    on_a_two_sided_idea, partner_with_pain, supporting_partner
):
    from conversations.tests.marks import book, matches_for

    _, idea = on_a_two_sided_idea
    book(partner_with_pain).save(idea, "yes", "")
    book(supporting_partner).save(idea, "yes", "give")
    assert idea.pk in {i.pk for i in matches_for(partner_with_pain)[0]}
