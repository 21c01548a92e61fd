import re

import pytest

from conversations.models import Script

pytestmark = pytest.mark.django_db


def test_it_shows_one_step_with_who_reads_it(client):
    response = client.get("/talk/first-talk/2/")
    assert response.status_code == 200
    content = response.content.decode()
    step = response.context["step"]
    assert "Step 2 of 9" in content
    assert step.read_aloud_by() in content
    assert 'href="/talk/first-talk/1/"' in content and 'href="/talk/first-talk/3/"' in content
    assert 'href="/talk/first-talk/2/pause/"' in content


def test_it_says_pass_the_phone_only_when_the_speaker_changes(client, make_script):
    make_script("swap", steps=4)  # speakers: pain, support, both, pain
    script = Script.objects.get(slug="swap")
    speakers = list(script.steps.values_list("speaker", flat=True))
    assert speakers == ["pain", "support", "both", "pain"]
    assert b"Pass the phone" not in client.get("/talk/swap/1/").content
    assert b"Pass the phone to the supporting partner" in client.get("/talk/swap/2/").content
    assert b"Hold the phone between you" in client.get("/talk/swap/3/").content


def test_same_speaker_twice_does_not_say_pass_the_phone(client, make_script):
    script = make_script("same", steps=2)
    script.steps.update(speaker="pain")
    assert b"Pass the phone" not in client.get("/talk/same/2/").content


def test_first_step_has_no_back_and_last_step_finishes(client):
    first = client.get("/talk/first-talk/1/").content.decode()
    assert 'rel="prev"' not in first
    last = client.get("/talk/first-talk/9/").content.decode()
    assert 'rel="next"' not in last
    assert 'href="/talk/first-talk/finished/"' in last


@pytest.mark.parametrize("number, nearest", [(0, 1), (10, 9), (9999, 9)])
def test_out_of_range_redirects_to_the_nearest_step(client, number, nearest):
    response = client.get(f"/talk/first-talk/{number}/")
    assert response.status_code == 302
    assert response["Location"] == f"/talk/first-talk/{nearest}/"


@pytest.mark.parametrize(
    "path", ["/talk/first-talk/two/", "/talk/first-talk/-1/", "/talk/nope/1/", "/talk/first-talk/1.5/"]
)
def test_nonsense_is_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content


def test_it_remembers_the_step_for_this_browser(client):
    client.get("/talk/right-after/5/")
    response = client.get("/talk/right-after/")
    assert response.context["resume_at"] == 5
    cookie = client.cookies["talk_progress"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_htmx_gets_only_the_step_card(client):
    response = client.get("/talk/first-talk/3/", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert (
        content.lstrip().startswith("<title>Talk · Conversation 1 · Step 3 of") and '<article id="step-card"' in content
    )  # the tab follows the swap
    assert "<html" not in content
    assert 'hx-push-url="true"' in content
    assert "HX-Request" in response["Vary"]


def test_query_count_is_fixed(client, django_assert_num_queries, make_script):
    make_script("short", steps=2)
    make_script("long", steps=60)
    for path in ["/talk/short/2/", "/talk/long/2/", "/talk/long/59/"]:
        with django_assert_num_queries(2):
            response = client.get(path)
        assert re.search(r"Step \d+ of (2|60)", response.content.decode())


def test_the_pause_control_is_on_every_step(client):
    script = Script.objects.with_step_count().get(slug="check-in")
    for n in range(1, script.step_count + 1):
        assert f'href="/talk/check-in/{n}/pause/"'.encode() in client.get(f"/talk/check-in/{n}/").content


@pytest.mark.parametrize(
    "ana_pain, ben_pain, expected",
    [
        (True, False, "You read this aloud"),
        (False, True, "Your partner reads this aloud"),
        (True, True, "Either of you reads this aloud"),
    ],
)
def test_who_reads_follows_what_each_partner_said(partner_with_pain, supporting_partner, ana_pain, ben_pain, expected):
    from django.test import Client

    from conversations.models import Speaker
    from partners.models import Pair

    Pair.of(partner_with_pain, supporting_partner, first_lives_with_pain=ana_pain, second_lives_with_pain=ben_pain)
    script = Script.objects.get(slug="first-talk")
    number = next(n for n, step in enumerate(script.steps.all(), start=1) if step.speaker == Speaker.PAIN)
    client = Client()
    client.force_login(partner_with_pain)
    assert expected in client.get(f"/talk/first-talk/{number}/").content.decode()
    assert "The partner with pain reads this aloud" in Client().get(f"/talk/first-talk/{number}/").content.decode()


@pytest.mark.parametrize(
    "path, title",
    [
        ("/talk/first-talk/", "Talk · Conversation 1 · Companion"),
        ("/talk/first-talk/3/", "Talk · Conversation 1 · Step 3 of"),
        ("/talk/first-talk/3/pause/", "Talk · Conversation 1 · Step 3 · Pause · Companion"),
        ("/talk/first-talk/finished/", "Talk · Conversation 1 · Finished · Companion"),
        ("/talk/check-in/", "Talk · Conversation "),
    ],
)
def test_talk_titles_tell_pages_apart_without_naming_the_talk(client, path, title):
    content = client.get(path).content.decode()
    shown = content.split("<title>")[1].split("</title>")[0]
    assert shown.startswith(title) and "first" not in shown.lower()
