"""Two phones on one together session: each sees whether the other is here and
still choosing, nobody is moved on mid-answer, and a tap shows on the other
phone at once (the lag is printed, never asserted)."""

import re
import statistics
import time

import pytest
from playwright.sync_api import expect

from conftest import data_key_of
from conversations.models import Idea, TogetherSession
from conversations.tests.marks import book, mark
from partners.models import Pair

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSPHRASE = "a long walk by the river"


def couple(django_user_model, prefix):
    ana = django_user_model.objects.create_user(f"{prefix}ana", password=PASSPHRASE)
    ben = django_user_model.objects.create_user(f"{prefix}ben", password=PASSPHRASE)
    keys = (data_key_of(ana, PASSPHRASE), data_key_of(ben, PASSPHRASE))  # and their marks are made with these
    pair = Pair.of(ana, ben, first_lives_with_pain=True, data_keys=keys)
    return ana, ben, pair


def signed_in(phone, username):
    sign_in(phone, username, PASSPHRASE)
    phone.goto("/together/")
    return phone


def first_idea(session):
    return session.items()[0]


def test_each_phone_sees_the_partner_here_and_choosing_never_the_answer(phone_factory, django_user_model):
    ana, ben, pair = couple(django_user_model, "pr-")
    TogetherSession.objects.create(pair=pair)
    ana_phone = signed_in(phone_factory(), "pr-ana")
    ben_phone = signed_in(phone_factory(color_scheme="dark"), "pr-ben")
    presence = ana_phone.page.locator("#partner-presence")
    expect(presence).to_have_text("pr-ben is here · still choosing")  # no answer yet: followed without a reload
    ben_phone.page.get_by_label("Not for us", exact=True).check()
    # "still choosing" for a few seconds after the last change (he may change his mind), then "answered"
    expect(presence).to_have_text("pr-ben is here · answered", timeout=12000)
    assert "Not for us" not in presence.inner_text()
    ben_phone.goto("/")  # leaves Together
    expect(presence).to_have_text("pr-ben is not on Together right now")
    assert ana_phone.console_errors == [] and ben_phone.console_errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_next_waits_for_a_partner_still_choosing(phone_factory, django_user_model, javascript):
    ana, ben, pair = couple(django_user_model, f"wt{int(javascript)}-")
    session = TogetherSession.objects.create(pair=pair)
    ana_phone = signed_in(phone_factory(javascript=javascript), f"wt{int(javascript)}-ana")
    ben_phone = signed_in(phone_factory(javascript=javascript), f"wt{int(javascript)}-ben")
    ana_phone.page.get_by_role("button", name="Next").click()  # ben has not answered: he is waited for
    expect(ana_phone.page.locator(".waiting-banner")).to_contain_text(f"Waiting for wt{int(javascript)}-ben to choose.")
    expect(ana_phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 1 of"))
    if not javascript:
        ben_phone.page.reload()  # what the page's own refresh does every 10 seconds
    expect(ben_phone.page.locator(".waiting-banner")).to_contain_text(
        f"wt{int(javascript)}-ana is ready to go on. Take your time."
    )
    expect(ben_phone.page.locator("#partner-presence")).to_have_text(
        f"wt{int(javascript)}-ana is here · ready to go on"
    )
    assert TogetherSession.objects.get(pk=session.pk).position == 1
    # Ben answers and taps Next: both move on together.
    ben_phone.page.get_by_label("Maybe", exact=True).check()
    ben_phone.page.get_by_role("button", name="Next").click()
    for phone in (ana_phone, ben_phone):
        if not javascript:
            phone.page.reload()
        expect(phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 2 of"))
    assert list(book(ben).all().values()) == [("maybe", "")]  # no direction unless chosen
    # On idea 2 Ana goes on without waiting, which she confirms with a second, separate button.
    ana_phone.page.wait_for_timeout(500)
    ana_phone.page.get_by_role("button", name="Next").click()
    ana_phone.page.get_by_role("button", name="Go on without waiting").click()
    expect(ana_phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 3 of"))


def test_a_partner_who_is_not_here_is_not_waited_for(phone_factory, django_user_model):
    ana, ben, pair = couple(django_user_model, "nw-")
    TogetherSession.objects.create(pair=pair)
    ana_phone = signed_in(phone_factory(), "nw-ana")
    expect(ana_phone.page.locator("#partner-presence")).to_have_text("nw-ben is not on Together right now")
    ana_phone.page.get_by_role("button", name="Next").click()
    expect(ana_phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Idea 2 of"))


def test_a_tap_shows_on_the_other_phone_at_once_and_after_a_dropped_connection(phone_factory, django_user_model):
    ana, ben, pair = couple(django_user_model, "lag-")
    session = TogetherSession.objects.create(pair=pair)
    for idea in session.items():  # nobody waits
        mark(ben, idea, "yes")
    ana_phone = signed_in(phone_factory(), "lag-ana")
    ben_phone = signed_in(phone_factory(), "lag-ben")
    heading = ben_phone.page.locator("#step-heading")
    ben_phone.page.get_by_role("button", name="Pause").focus()
    lags = []
    for n in range(2, 12):
        ana_phone.page.wait_for_timeout(600)
        started = time.perf_counter()
        ana_phone.page.get_by_role("button", name="Next").click()
        expect(heading).to_have_text(re.compile(rf"^Idea {n} of"), timeout=5000)
        lags.append((time.perf_counter() - started) * 1000)
    print(f"\nfollow lag on the test server (ms): median {statistics.median(lags):.0f}, max {max(lags):.0f}")
    expect(ben_phone.page.locator("#together-news")).to_have_text(re.compile(r"^lag-ana moved to idea 11 of \d+\.$"))
    expect(ben_phone.page.get_by_role("button", name="Pause")).to_be_focused()  # the partner's taps never move focus

    ben_phone.context.set_offline(True)
    ana_phone.page.wait_for_timeout(600)
    ana_phone.page.get_by_role("button", name="Next").click()
    ana_phone.page.wait_for_timeout(1500)
    ben_phone.context.set_offline(False)  # the phone tries again by itself and catches up
    expect(heading).to_have_text(re.compile(r"^Idea 12 of"), timeout=20000)


def test_starting_with_only_ideas_neither_has_answered(phone_factory, django_user_model):
    ana, ben, pair = couple(django_user_model, "un-")
    answered = list(Idea.objects.current().in_order()[:3])
    mark(ana, answered[0], "yes")
    mark(ben, answered[1], "no")
    phone = signed_in(phone_factory(), "un-ana")
    phone.page.get_by_label("Only ones neither of us has answered yet").check()
    phone.page.get_by_role("button", name="Start together").click()
    session = TogetherSession.objects.get(pair=pair, ended_at=None)
    assert answered[0].pk not in session.idea_ids and answered[1].pk not in session.idea_ids
    assert answered[2].pk in session.idea_ids
    expect(phone.page.locator("#step-heading")).to_have_text(f"Idea 1 of {Idea.objects.current().count() - 2}")
    expect(phone.page.locator(".idea-title")).to_have_text(answered[2].title)
