"""One partner's marks never reach the other partner, a stranger, or a log line.

The check is strict: every page, fragment and header the others can fetch is
byte-for-byte the same (tokens aside) before and after the partner with pain
marks ideas. Nothing they see depends on her marks unless both said yes.
"""

import logging
import re

import pytest
from django.test import Client

from conversations.models import Idea, Mark, TogetherSession
from programme.models import CheckIn, Feeling, Practice, Readiness, Response, SoloStep

from .test_access_matrix import PUBLIC, SIGNED_IN

pytestmark = pytest.mark.django_db

VOLATILE_HEADERS = {"Set-Cookie", "Content-Security-Policy", "Date", "Expires", "Content-Length"}
# The one thing a partner is told on purpose: how many answers changed, never which (tested below).
CHANGE_COUNT = re.compile(
    r'<p class="callout" role="status">Since you last looked, your partner changed \d+ answers?\. We never show which\.</p>'
)


def normalise(response):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", body)
    body = re.sub(r'nonce="[^"]+"', "nonce", body)
    body = CHANGE_COUNT.sub("", body)
    body = re.sub(r'"last_opened_at": "[^"]+"', "opened", body)  # the viewer's own phone, in their own export
    headers = {k: v for k, v in response.headers.items() if k not in VOLATILE_HEADERS}
    return response.status_code, headers, body


@pytest.fixture
def ideas():
    return list(Idea.objects.in_order().filter(category__slug="touch")[:3])


def paths(ideas, session, partner_card):
    touch = [f"/ideas/touch/{n}/" for n in range(1, 4)]
    stamp = re.search(r'data-poll="/together/poll/\?s=([0-9a-f]+)"', partner_card).group(1)
    return (
        PUBLIC
        + SIGNED_IN
        + touch
        + [
            "/ideas/?category=touch",
            f"/together/poll/?s={stamp}",  # she is not on Together: her answers change nothing on his card
            "/together/poll/?s=0",
            f"/together/{session.pk}/both-of-us/",
            "/programme/",
            "/programme/touch-without-a-goal/hands-arms-and-face/",
            "/programme/solo/insertion-steps/",
            "/appointment/",
        ]
    )


def snapshot(client, urls, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return {url: normalise(client.get(url, headers=headers)) for url in urls}


def test_nothing_the_others_see_changes_when_she_marks(
    pair, ideas, pain_client, support_client, stranger_client, caplog
):
    session = TogetherSession.objects.create(pair=pair, category=ideas[0].category)
    urls = paths(ideas, session, support_client.get("/together/").content.decode())
    # Someone not signed in is served kept pages (editorial/page_cache.py): those must not change either.
    others = [("partner", support_client), ("stranger", stranger_client), ("anonymous", Client())]
    for _, client in others:
        snapshot(client, urls)  # their own browsing (e.g. conversation progress) settles first
    before = {name: (snapshot(c, urls), snapshot(c, urls, htmx=True)) for name, c in others}

    caplog.set_level(logging.DEBUG)
    for idea, choice, side in [(ideas[0], "n", "e"), (ideas[1], "m", "g"), (ideas[2], "y", "r")]:
        assert pain_client.post("/marks/", {"idea": idea.slug, "choice": choice, "side": side}).status_code == 302
        pain_client.post("/marks/", {"idea": idea.slug, "choice": choice, "side": side}, headers={"HX-Request": "true"})
    assert Mark.objects.filter(user__username="ana").count() == Idea.objects.count()  # one per idea, answered or not
    # Her private programme records: how a session felt, her "ready" for the next stage, a check-in.
    practice = Practice.objects.get(slug="hands-arms-and-face")
    feeling = {"practice": practice.pk, "comfort": 3, "enjoyment": 2, "pain": 6, "note": "It hurt near the end."}
    assert pain_client.post("/programme/how-it-felt/", feeling).status_code == 302
    assert pain_client.post("/programme/ready/", {"stage": 1}).status_code == 302
    step = SoloStep.objects.get(guide__slug="insertion-steps", number=2)
    practice_log = {"step": step.pk, "minutes": 6, "pain": 5, "note": "Smallest trainer, a bit sore."}
    assert pain_client.post("/programme/solo/log/", practice_log).status_code == 302
    helped = {"practice": practice.pk, "chosen": ["my-pace", "hug"]}  # not shown to him: nothing changes
    assert pain_client.post("/programme/responded/", helped).status_code == 302
    check_in = {"pain_touch": "7", "pain_insertion": "-1", "fear": "8", "closeness": "3"}
    assert pain_client.post("/programme/check-in/", check_in).status_code == 302
    not_agreed = {"questions": "Can I be at the appointment?"}  # written, but not agreed: never shown
    assert pain_client.post("/appointment/partner-questions/", not_agreed).status_code == 422
    assert (
        CheckIn.objects.filter(user__username="ana").exists()
        and Response.objects.filter(user__username="ana").exists()
        and Feeling.objects.filter(user__username="ana").exists()
        and Readiness.objects.filter(user__username="ana").exists()
    )

    after = {name: (snapshot(c, urls), snapshot(c, urls, htmx=True)) for name, c in others}
    for name in before:
        for mode in (0, 1):
            for url in urls:
                assert after[name][mode][url] == before[name][mode][url], (name, mode, url)
    logged = " ".join(record.getMessage() for record in caplog.records).lower()
    for idea in ideas:
        assert idea.slug not in logged
    assert "maybe" not in logged and "not for us" not in logged
    assert "it hurt near the end" not in logged and "smallest trainer" not in logged


def test_she_sees_her_own_marks(pair, ideas, pain_client):
    pain_client.post("/marks/", {"idea": ideas[0].slug, "choice": "m"})
    content = pain_client.get("/ideas/touch/1/").content.decode()
    assert re.search(r'value="m"[^>]*\schecked', content)
    assert "My private answer: <strong>Maybe</strong>" in pain_client.get("/ideas/?category=touch").content.decode()


def test_the_export_holds_my_marks_and_nothing_of_my_partners(pair, ideas, pain_client, support_client):
    pain_client.post("/marks/", {"idea": ideas[0].slug, "choice": "n"})
    support_client.post("/marks/", {"idea": ideas[1].slug, "choice": "y"})
    mine = pain_client.get("/account/my-data.json").json()
    assert [m["idea"] for m in mine["marks"]] == [ideas[0].slug]
    assert "ben" not in pain_client.get("/account/my-data.json").content.decode()
    assert mine["account"]["username"] == "ana"


def test_her_partner_is_told_how_many_answers_changed_never_which(pair, ideas, pain_client, support_client):
    for idea, choice in [(ideas[0], "y"), (ideas[1], "n"), (ideas[0], "n"), (ideas[0], "n")]:  # the last is no change
        pain_client.post("/marks/", {"idea": idea.slug, "choice": choice})
    page = support_client.get("/ideas/both-of-us/").content.decode()
    assert "your partner changed 3 answers. We never show which." in page
    assert ideas[0].title not in page and ideas[1].title not in page
    assert "your partner changed" not in support_client.get("/ideas/both-of-us/").content.decode()  # seen now
    assert "your partner changed" not in pain_client.get("/ideas/both-of-us/").content.decode()
