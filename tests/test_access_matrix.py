"""Who may see what, for every URL: anonymous, each partner, a stranger with a pair of their own."""

import re

import pytest
from django.test import Client
from django.urls import get_resolver, resolve

from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/what-to-do/",
    "/what-can-help/",
    "/for-partners/",
    "/support/",
    "/privacy/",
    "/report-a-problem/",
    "/library/",
    "/library/vaginismus/",
    "/library/vaginismus/sources/",
    "/library/find/",
    "/support/sources/",
    "/where-does-it-hurt/",
    "/appointment/",
    "/talk/",
    "/talk/first-talk/",
    "/talk/first-talk/1/",
    "/talk/first-talk/1/pause/",
    "/talk/first-talk/finished/",
    "/ideas/",
    "/ideas/all/1/",
    "/ideas/touch/1/",
    "/account/sign-in/",
    "/programme/",
    "/programme/touch-without-a-goal/",
    "/programme/touch-without-a-goal/hands-arms-and-face/",
    "/programme/solo/",
    "/programme/solo/insertion-steps/",
    "/programme/solo/insertion-steps/sources/",
    "/programme/touch-without-a-goal/sources/",
    "/account/recover/",
    "/admin/login/",
    "/healthz",
    "/readyz",
]
FOR_NEWCOMERS = ["/account/sign-up/", "/pair/join/"]  # signed-in, paired people are sent on
SIGNED_IN = [
    "/account/",
    "/account/my-data.json",
    "/account/locked/",
    "/account/delete/",
    "/account/passphrase/",
    "/pair/",
    "/ideas/both-of-us/",
    "/together/",
    "/programme/now/",
    "/programme/check-in/",
    "/programme/progress/",
    "/appointment/partner-questions/",
]
POST_ONLY = [
    "/talk/forget/",
    "/marks/",
    "/pair/invite/",
    "/pair/invite/revoke/",
    "/pair/leave/",
    "/pair/settings/",
    "/pair/join/cancel/",
    "/pair/answer/",
    "/pair/pain/",
    "/pair/vouch/",
    "/together/start/",
    "/together/move/",
    "/together/pause/",
    "/together/end/",
    "/together/away/",
    "/account/sign-out/",
    "/account/sign-out-everywhere/",
    "/programme/ready/",
    "/programme/back/",
    "/programme/not-tonight/",
    "/programme/how-it-felt/",
    "/programme/start/",
    "/programme/now/pause/",
    "/programme/now/next/",
    "/programme/now/stop/",
    "/programme/solo/log/",
    "/programme/solo/share/",
    "/appointment/link/",
    "/appointment/link/cancel/",
    "/appointment/partner-questions/take-back/",
    "/programme/responded/",
    "/programme/responded/show/",
    "/programme/check-in/show/",
]


@pytest.fixture
def session(pair):
    return TogetherSession.objects.create(pair=pair)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            if str(pattern.pattern) != "admin/":
                yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_every_url_of_ours_is_in_this_matrix():
    tested = (
        PUBLIC
        + FOR_NEWCOMERS
        + SIGNED_IN
        + POST_ONLY
        + [
            "/together/poll/",
            "/together/follow/",
            "/together/1/both-of-us/",
            "/together/1/ended/",
            "/programme/follow/",  # test_following_the_programme_only_reaches_your_own_pair
            "/programme/reminder.ics",  # POST for anyone, stores nothing: programme/tests/test_reminder.py
            "/c/token/",  # a clinician's one-time link, no account: conditions/tests/test_clinician_link.py
            "/c/token/open/",
        ]
    )
    covered = {resolve(path).route for path in tested}
    assert covered == set(_routes(get_resolver().url_patterns))


@pytest.mark.parametrize("path", FOR_NEWCOMERS)
def test_newcomer_pages(path, pain_client):
    assert Client().get(path).status_code == 200
    response = pain_client.get(path)
    assert response.status_code == 302


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_are_open_to_everyone(path, pain_client, stranger_client):
    for client in (Client(), pain_client, stranger_client):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", SIGNED_IN)
def test_signed_in_pages_send_anonymous_to_sign_in(path, pain_client, support_client, stranger_client):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")
    for client in (pain_client, support_client, stranger_client):
        ok = client.get(path)
        assert ok.status_code == 200, path
        assert "no-store" in ok["Cache-Control"]


@pytest.mark.parametrize("path", POST_ONLY)
def test_state_changes_need_post_sign_in_and_csrf(path, partner_with_pain, pair):
    assert Client().get(path).status_code in {302, 405}
    signed_in = Client()
    signed_in.force_login(partner_with_pain)
    opened = signed_in.get(path)  # a bookmark or a reload: a kind page, never a blank one
    assert opened.status_code == 405 and "This address is for a button" in opened.text and opened["Allow"]
    refused = Client(enforce_csrf_checks=True).post(path)
    assert refused.status_code == 403 and "Please try that again" in refused.text
    if path not in {"/talk/forget/", "/account/sign-out/"}:  # harmless for anyone
        anonymous = Client().post(path)
        assert anonymous.status_code == 302 and "/account/sign-in/" in anonymous["Location"]


def test_a_session_summary_is_only_for_its_pair(session, pain_client, support_client, stranger_client):
    path = f"/together/{session.pk}/both-of-us/"
    assert pain_client.get(path).status_code == 200
    assert support_client.get(path).status_code == 200
    assert stranger_client.get(path).status_code == 404
    assert Client().get(path).status_code == 302


@pytest.mark.parametrize("follow", ["/together/poll/", "/together/follow/"])
def test_poll_and_moves_only_reach_your_own_pair(follow, session, pain_client, stranger_client):
    stamp = re.search(r'data-poll="/together/poll/\?s=([^"]+)"', pain_client.get("/together/").content.decode()).group(
        1
    )
    assert pain_client.get(f"/together/poll/?s={stamp}").status_code == 204
    stranger = stranger_client.get(f"{follow}?s={stamp}")
    assert stranger.status_code == 200 and stranger.headers.get("HX-Redirect") == "/together/"  # theirs: none open
    assert Client().get(f"{follow}?s={stamp}").status_code == 302
    stranger_client.post("/together/move/", {"to": 2, "v": session.version})
    stranger_client.post("/together/pause/", {"paused": "1"})
    stranger_client.post("/together/end/")
    session.refresh_from_db()
    assert (session.position, session.paused, session.ended_at) == (1, False, None)


def test_people_without_a_pair_get_kind_pages_or_404_never_500(db, django_user_model):
    loner = django_user_model.objects.create_user("lou", password="a quiet walk by the river")
    client = Client()
    client.force_login(loner)
    for path in ["/together/", "/pair/", "/ideas/both-of-us/", "/account/"]:
        assert client.get(path).status_code == 200, path
    for path in ["/together/poll/?s=1", "/together/follow/?s=1"]:
        assert client.get(path).headers.get("HX-Redirect") == "/together/", path  # the page that explains pairing
    for path in ["/together/move/", "/together/pause/", "/together/end/", "/together/start/"]:
        assert client.post(path).status_code == 404, path


def test_following_the_programme_only_reaches_your_own_pair(pair, pain_client, stranger_client, partner_with_pain):
    from programme.models import Practice, Run

    practice = Practice.objects.select_related("stage").order_by("stage__number", "order").first()
    Run.start(pair.pk, practice, partner_with_pain)
    for on in ["now", "home"]:
        path = f"/programme/follow/?on={on}&s=stale&wait=0"
        ours = pain_client.get(path, headers={"HX-Request": "true"})
        assert ours.status_code == 200 and practice.title in ours.content.decode()
        theirs = stranger_client.get(path, headers={"HX-Request": "true"})
        assert practice.title not in theirs.content.decode()
        assert Client().get(path).status_code == 302


def test_a_session_end_page_is_only_for_its_pair(session, pain_client, support_client, stranger_client):
    session.end()
    path = f"/together/{session.pk}/ended/"
    assert pain_client.get(path).status_code == 200
    assert support_client.get(path).status_code == 200
    assert stranger_client.get(path).status_code == 404
    assert Client().get(path).status_code == 302
