"""Stepping through a conversation on a phone, with JavaScript on and off."""

import re

import pytest
from playwright.sync_api import expect

from conversations.models import Script

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tap_next(phone):
    """A person's tap: not within half a second of the card changing (that is a double tap, ignored)."""
    phone.page.wait_for_timeout(500)
    phone.page.get_by_role("link", name="Next").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_step_through_a_whole_script(phone_factory, javascript):
    phone = phone_factory(javascript=javascript)
    script = Script.objects.with_step_count().get(slug="right-after")
    phone.goto("/talk/")
    phone.page.get_by_role("link", name=script.title).click()
    phone.page.get_by_role("link", name="Start").click()
    if javascript:
        phone.page.evaluate("window.marker = 'one page'")
    for n in range(1, script.step_count + 1):
        phone.page.wait_for_url(f"**/talk/right-after/{n}/")
        assert phone.page.locator("#step-heading").inner_text() == f"Step {n} of {script.step_count}"
        assert phone.page.locator(".speaker").is_visible()
        if n < script.step_count:
            tap_next(phone)
    if javascript:
        assert phone.page.evaluate("window.marker") == "one page"  # htmx swapped only the card
    phone.page.wait_for_timeout(500)
    phone.page.get_by_role("link", name="Finish").click()
    phone.page.get_by_role("heading", name="You did it together").wait_for()
    phone.goto("/talk/")
    assert "Finished on this phone" in phone.page.inner_text("main")


@pytest.mark.parametrize("javascript", [True, False])
def test_back_button_and_reload_keep_the_step(phone_factory, javascript):
    phone = phone_factory(javascript=javascript)
    phone.goto("/talk/first-talk/1/")
    tap_next(phone)
    phone.page.wait_for_url("**/talk/first-talk/2/")
    tap_next(phone)
    phone.page.wait_for_url("**/talk/first-talk/3/")
    phone.page.go_back()
    phone.page.wait_for_url("**/talk/first-talk/2/")
    expect(phone.page.locator("#step-heading")).to_have_text("Step 2 of 9")  # htmx reloads on a history miss
    phone.page.wait_for_load_state()
    phone.page.reload()
    expect(phone.page.locator("#step-heading")).to_have_text("Step 2 of 9")
    assert phone.page.locator("header").count() == 1  # a whole page, not a lone fragment


def test_pause_and_resume_exactly_where_we_were(phone):
    phone.goto("/talk/check-in/1/")
    for n in range(2, 5):
        tap_next(phone)
        expect(phone.page.locator("#step-heading")).to_have_text(re.compile(rf"^Step {n} of"))
    phone.page.wait_for_url("**/talk/check-in/4/")
    phone.page.get_by_role("link", name="Pause").click()
    phone.page.get_by_role("heading", name="Taking a pause").wait_for()
    phone.goto("/talk/check-in/")  # later, from the list
    phone.page.get_by_role("link", name="Resume at step 4").click()
    phone.page.wait_for_url("**/talk/check-in/4/")


def test_the_hard_moment_help_opens_without_javascript(phone_factory):
    phone = phone_factory(javascript=False)
    phone.goto("/talk/first-talk/1/")
    phone.page.get_by_text("If this gets hard").click()
    assert phone.page.locator(".if-hard p").first.is_visible()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_conversation_page_is_accessible(phone_factory, axe, color_scheme):
    phone = phone_factory(color_scheme=color_scheme)
    for path in [
        "/talk/",
        "/talk/first-talk/",
        "/talk/first-talk/1/",
        "/talk/first-talk/2/",
        "/talk/first-talk/2/pause/",
        "/talk/first-talk/finished/",
    ]:
        assert phone.goto(path).status == 200
        phone.page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
        assert_accessible(axe, phone.page)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.goto("/talk/first-talk/1/")
    tap_next(phone)
    phone.page.wait_for_url("**/talk/first-talk/2/")
    assert_accessible(axe, phone.page)  # after an htmx swap too
    assert phone.third_party_requests() == []
    assert phone.console_errors == []


def test_a_double_tap_on_next_moves_one_step(phone):
    phone.goto("/talk/check-in/1/")
    phone.page.get_by_role("link", name="Next").click()
    expect(phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Step 2 of"))
    # the second tap of a double tap lands on the new card at once (force: not waiting until it takes taps again)
    phone.page.get_by_role("link", name="Next").click(force=True)
    phone.page.wait_for_timeout(600)
    expect(phone.page.locator("#step-heading")).to_have_text(re.compile(r"^Step 2 of"))


def test_the_tab_title_names_the_step_and_follows_each_swap(phone):
    phone.goto("/talk/check-in/1/")
    expect(phone.page).to_have_title("Talk · Conversation 6 · Step 1 of 9 · Companion")  # which talk, not its name
    tap_next(phone)
    expect(phone.page).to_have_title(re.compile(r"^Talk · Conversation 6 · Step 2 of \d+ · Companion$"))
    assert phone.page.locator("body title").count() == 0  # taken into the tab, not left in the page
