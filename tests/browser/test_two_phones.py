"""Two phones, used the way a couple would: sign up, pair by code, step through
ideas together, mark privately, pause from one phone, see only mutual yeses."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conversations.models import Idea
from conversations.tests.marks import answer, book, unlocked

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("test-artifacts/screenshots")


def shot(phone, name):
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def answers_of(username, passphrase="a long walk by the river"):
    """The choices of everything this person has marked, opened with their key."""
    return (choice for choice, _ in book(unlocked(username, passphrase)).all().values())


def sign_up(phone, username, passphrase):
    phone.goto("/account/sign-up/")
    phone.page.get_by_label("Username").fill(username)
    phone.page.get_by_label("Passphrase", exact=True).fill(passphrase)
    phone.page.get_by_label("The same passphrase again").fill(passphrase)
    phone.page.get_by_role("button", name="Make my account").click()
    expect(phone.page.locator("#recovery-code")).to_be_visible()  # shown once, before anything else
    phone.page.get_by_role("link", name="I have written it down").click()
    phone.page.wait_for_url("**/pair/")


def mark(phone, answer):
    """Choose an answer; with JavaScript it saves by itself once the person settles (there is no Save button)."""
    phone.page.get_by_label(answer, exact=True).check()
    phone.page.get_by_text("Saved. Only you can see it.").wait_for()


def test_a_couple_pairs_steps_through_ideas_and_sees_only_mutual_yeses(phone_factory, axe):
    ana = phone_factory()  # the partner with pain
    ben = phone_factory(color_scheme="dark")  # the supporting partner

    sign_up(ana, "ana", "blue kettle on the windowsill")
    ana.page.get_by_label("Yes, I have pain during penetration").check()
    ana.page.get_by_role("button", name="Create an invite").click()
    code = ana.page.locator(".invite-code").inner_text()
    assert ana.page.get_by_role("img", name="QR code with the invite link").is_visible()
    assert_accessible(axe, ana.page)
    shot(ana, "pair-invite-light")

    sign_up(ben, "ben", "green teapot on the stairs")
    ben.page.get_by_role("link", name="Enter a code").click()
    ben.page.get_by_label("Invite code").fill(code.lower())
    ben.page.get_by_label("No, my partner does").check()
    ben.page.get_by_role("button", name="Ask to join").click()
    ben.page.get_by_text("Your request to join is sent").wait_for()
    ana.page.reload()
    assert "ben" in ana.page.get_by_role("region", name="Someone is asking to join").inner_text()
    assert_accessible(axe, ana.page)
    ana.page.get_by_role("button", name="Accept").click()
    ana.page.get_by_text("You are paired").first.wait_for()
    ben.page.reload()
    ben.page.get_by_text("You are paired").first.wait_for()

    # Ana starts a session over the first category; Ben joins from his phone.
    ana.goto("/together/")
    ana.page.get_by_label("Touch and massage").check()
    assert_accessible(axe, ana.page)
    ana.page.get_by_role("button", name="Start together").click()
    ben.goto("/together/")
    first, second = list(Idea.objects.in_order().filter(category__slug="touch")[:2])
    for phone in (ana, ben):
        assert phone.page.locator("#step-heading").inner_text().startswith("Idea 1 of")
        assert phone.page.locator(".idea-title").inner_text() == first.title

    # Each marks privately on their own phone.
    mark(ana, "Yes")
    mark(ben, "Yes")
    assert_accessible(axe, ben.page)
    shot(ben, "together-idea-dark")

    # Once Ana's phone says Ben has answered (never what), her Next moves Ben's phone too,
    # said in Ben's live region; his focus stays put.
    expect(ana.page.locator("#partner-presence")).to_have_text("ben is here · answered", timeout=12000)
    ben.page.get_by_label("Yes", exact=True).focus()
    ana.page.get_by_role("button", name="Next").click()
    ben.page.locator(".idea-title", has_text=second.title).wait_for(timeout=10000)
    expect(ben.page.locator("#together-news")).to_have_text(re.compile(r"^ana moved to idea 2 of \d+\.$"))
    expect(ben.page.get_by_label("Yes", exact=True)).to_be_focused()
    mark(ana, "Yes")
    mark(ben, "Not for us")

    # Pause from the phone of the partner with pain shows on the other at once.
    ana.page.get_by_role("button", name="Pause").click()
    ben.page.get_by_text("ana paused for both of you").wait_for(timeout=10000)
    shot(ben, "together-paused-dark")
    expect(ben.page.locator("#together-news")).to_have_text("Paused by ana.", timeout=10000)  # said, not focused
    ben.page.get_by_role("button", name="Ask to carry on").click()
    ana.page.get_by_text("Your partner would like to carry on").wait_for(timeout=10000)
    expect(ana.page.locator("#together-news")).to_have_text("ben asks to carry on.")
    ana.page.get_by_role("button", name="Carry on").click()
    expect(ana.page.get_by_role("button", name="Pause")).to_be_focused()  # your own toggle keeps focus
    ben.page.get_by_role("button", name="Pause").wait_for(timeout=10000)

    # Only the mutual yes shows; Ben's "not for us" is never revealed.
    ana.goto("/ideas/both-of-us/")
    both = ana.page.inner_text("main")
    assert first.title in both
    assert second.title not in both
    assert_accessible(axe, ana.page)
    shot(ana, "both-of-us-light")
    assert answer(unlocked("ben", "green teapot on the stairs"), second)[0] == "no"
    ben.goto("/ideas/touch/2/")
    assert ben.page.get_by_label("Not for us", exact=True).is_checked()
    ana.goto("/ideas/touch/2/")
    assert ana.page.get_by_label("Yes, I'd like this", exact=True).is_checked()

    assert ana.third_party_requests() == [] and ben.third_party_requests() == []
    assert ana.console_errors == [] and ben.console_errors == []


def test_end_on_one_phone_takes_both_to_both_of_us(phone_factory):
    ana, ben = phone_factory(), phone_factory()
    sign_up(ana, "ana2", "blue kettle on the windowsill")
    ana.page.get_by_label("No, my partner does").check()
    ana.page.get_by_role("button", name="Create an invite").click()
    code = ana.page.locator(".invite-code").inner_text().replace("-", "")
    link = urlsplit(ana.page.locator(".link-text").inner_text())
    assert (link.path, link.fragment) == ("/pair/join/", code)
    ben.goto(f"{link.path}#{link.fragment}")  # open the link before having an account
    ben.page.get_by_role("link", name="Make an account").click()
    ben.page.get_by_label("Username").fill("ben2")
    ben.page.get_by_label("Passphrase", exact=True).fill("green teapot on the stairs")
    ben.page.get_by_label("The same passphrase again").fill("green teapot on the stairs")
    ben.page.get_by_role("button", name="Make my account").click()
    ben.page.get_by_role("link", name="I have written it down").click()
    ben.page.wait_for_url("**/pair/join/")
    expect(ben.page.get_by_label("Invite code")).not_to_have_value("")  # filled in from the link's #fragment
    ben.page.get_by_label("Yes, I have pain during penetration").check()
    ben.page.get_by_role("button", name="Ask to join").click()
    ana.page.reload()
    ana.page.get_by_role("button", name="Accept").click()
    ana.page.get_by_text("You are paired").first.wait_for()
    assert not any(code in urlsplit(url).path + urlsplit(url).query for url in ben.requests)  # never in a URL
    ana.goto("/together/")
    ana.page.get_by_label("Right after it hurt", exact=False).check()
    ana.page.get_by_role("button", name="Start together").click()
    ben.goto("/together/")
    assert ben.page.locator(".speaker").is_visible()
    total = int(ana.page.locator("#step-heading").inner_text().split(" of ")[1])
    for n in range(2, total + 1):
        ana.page.wait_for_timeout(500)  # a person's pace: taps right after the card changes are a double tap
        ana.page.get_by_role("button", name="Next").click()
        ana.page.locator("#step-heading", has_text=f"Step {n} of").wait_for()
    ben.page.locator("#step-heading", has_text=f"Step {total} of").wait_for(timeout=10000)
    ben.page.get_by_role("button", name="Finish together").click()
    ben.page.wait_for_url("**/ended/")
    ana.page.wait_for_url("**/ended/", timeout=10000)


def test_marking_works_without_javascript(phone_factory):
    phone = phone_factory(javascript=False)
    sign_up(phone, "solo", "a long walk by the river")
    phone.goto("/ideas/all/3/")
    phone.page.get_by_label("Maybe", exact=True).check()
    phone.page.get_by_role("button", name="Save my answer").click()
    phone.page.wait_for_url("**/ideas/all/3/")
    assert phone.page.get_by_label("Maybe", exact=True).is_checked()
    assert "Saved. Only you can see your answer." in phone.page.inner_text("body")


def test_an_answer_saves_as_soon_as_it_is_chosen(phone_factory):
    """With JavaScript, choosing is saving: a partner moving on a moment later loses nothing."""
    phone = phone_factory()
    sign_up(phone, "quick", "a long walk by the river")
    phone.goto("/ideas/all/2/")
    phone.page.get_by_label("Maybe", exact=True).check()
    phone.page.get_by_text("Saved. Only you can see it.").wait_for()
    assert list(answers_of("quick")) == ["maybe"]


def test_keyboard_users_keep_their_place_when_an_answer_saves(phone_factory):
    phone = phone_factory()
    sign_up(phone, "keys", "a long walk by the river")
    phone.goto("/ideas/all/2/")
    phone.page.get_by_label("Yes, I'd like this", exact=True).focus()
    phone.page.keyboard.press("Space")
    phone.page.get_by_text("Saved. Only you can see it.").wait_for()
    expect(phone.page.get_by_label("Yes, I'd like this", exact=True)).to_be_focused()


def test_arrow_keys_across_the_choices_save_only_the_final_answer(phone_factory):
    from conversations.models import AnswerCount

    phone = phone_factory()
    sign_up(phone, "arrows", "a long walk by the river")
    phone.goto("/ideas/all/2/")
    phone.page.get_by_label("Yes, I'd like this", exact=True).focus()
    phone.page.keyboard.press("Space")
    for _ in range(2):
        phone.page.keyboard.press("ArrowDown")  # passes Maybe, settles on Not for us
    phone.page.get_by_text("Saved. Only you can see it.").wait_for()
    expect(phone.page.get_by_label("Not for us", exact=True)).to_be_focused()  # the choices were not swapped
    assert list(answers_of("arrows")) == ["no"]
    assert AnswerCount.objects.get(user__username="arrows").changes == 1  # one save, not three


@pytest.mark.parametrize("javascript", [False, True])
def test_choosing_then_next_saves_the_answer(phone_factory, javascript):
    phone = phone_factory(javascript=javascript)
    sign_up(phone, f"next{int(javascript)}", "a long walk by the river") if javascript else None
    if not javascript:
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_user("next0", password="a long walk by the river")
        phone.goto("/account/sign-in/")
        phone.page.get_by_label("Username").fill("next0")
        phone.page.get_by_label("Passphrase").fill("a long walk by the river")
        phone.page.get_by_role("button", name="Sign in").click()
    phone.goto("/ideas/all/2/")
    phone.page.get_by_label("Maybe", exact=True).check()
    phone.page.get_by_role("button", name="Next").click()  # straight away: no Save, no waiting
    phone.page.wait_for_url("**/ideas/all/3/")
    expect(phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 3 of"))
    phone.page.wait_for_timeout(300)
    assert list(answers_of(f"next{int(javascript)}")) == ["maybe"]


def test_together_next_without_javascript_carries_the_answer(phone_factory, django_user_model):
    from partners.models import Pair

    ana = django_user_model.objects.create_user("nja", password="a long walk by the river")
    ben = django_user_model.objects.create_user("njb", password="a long walk by the river")
    Pair.of(ana, ben)
    phone = phone_factory(javascript=False)
    phone.goto("/account/sign-in/")
    phone.page.get_by_label("Username").fill("nja")
    phone.page.get_by_label("Passphrase").fill("a long walk by the river")
    phone.page.get_by_role("button", name="Sign in").click()
    phone.goto("/together/")
    phone.page.get_by_role("button", name="Start together").click()
    phone.page.get_by_label("Not for us", exact=True).check()
    phone.page.get_by_role("button", name="Next").click()
    expect(phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 2 of"))
    assert list(answers_of("nja")) == ["no"]
