"""Two phones in Together, at the end and in between: a stop or a finish lands both phones on the session's own end
page (the other one told who stopped), a no-JS card never throws an unsent choice away, your own Next leaves focus
on the new card's heading, the partner leaving and coming back is said once, and a quick second tap shows that it
was not taken."""

import re

import pytest
from playwright.sync_api import expect

from conversations.models import Script, TogetherSession

from .conftest import assert_accessible
from .test_together_presence import couple, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every text the live region was given, in order, so a repeat is seen (installed before the page's own scripts).
RECORD_NEWS = """
window.__news = [];
document.addEventListener("DOMContentLoaded", function () {
  var region = document.getElementById("together-news");
  if (region) new MutationObserver(function () { window.__news.push(region.textContent); })
    .observe(region, { childList: true, characterData: true, subtree: true });
});
"""
# Whether Back or Next were ever shown as not taking taps (the double-tap guard), however briefly.
RECORD_GUARD = """
window.__guarded = [];
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    var el = change.target;
    if (el.id === "together-next" && el.getAttribute("aria-disabled") === "true" && el.classList.contains("is-settling"))
      window.__guarded.push(el.id);
  });
}).observe(document, { attributes: true, attributeFilter: ["aria-disabled", "class"], subtree: true });
"""


def _conversation(pair, at=1):
    return TogetherSession.objects.create(pair=pair, script=Script.objects.get(slug="check-in"), position=at)


def test_a_stop_lands_both_phones_on_the_end_page_and_the_other_is_told_who(phone_factory, django_user_model, axe):
    _, _, pair = couple(django_user_model, "st-")
    session = _conversation(pair, at=3)
    total = session.length()
    ana = signed_in(phone_factory(), "st-ana")
    ben = signed_in(phone_factory(color_scheme="dark"), "st-ben")
    expect(ben.page.locator("#partner-presence")).to_contain_text("st-ana is here")
    ana.page.get_by_role("button", name="Stop for today").click()
    ana.page.wait_for_url(f"**/together/{session.pk}/ended/")
    ben.page.wait_for_url(f"**/together/{session.pk}/ended/")  # followed, without a tap
    expect(ana.page.locator("#ended-who")).to_have_text("You stopped for today.")
    expect(ben.page.locator("#ended-who")).to_have_text("st-ana stopped for today. Stopping is always fine.")
    for phone in (ana, ben):
        expect(phone.page.locator("#ended-where")).to_contain_text(f"You stopped at step 3 of {total}")
        expect(phone.page.get_by_text("No shared yes")).to_have_count(0)
        expect(phone.page).to_have_title("Together · Stopped · Companion")
        assert_accessible(axe, phone.page)
        assert phone.console_errors == []


def test_finishing_a_conversation_shows_both_phones_it_was_done_together(phone_factory, django_user_model):
    _, _, pair = couple(django_user_model, "fi-")
    session = _conversation(pair)
    total = session.length()
    session.position = total
    session.save()
    ana = signed_in(phone_factory(), "fi-ana")
    ben = signed_in(phone_factory(), "fi-ben")
    expect(ana.page.locator("#partner-presence")).to_contain_text("fi-ben is here")
    ben.page.get_by_role("button", name="Finish together").click()
    for phone in (ben, ana):
        phone.page.wait_for_url(f"**/together/{session.pk}/ended/")
        expect(phone.page.locator("#ended-who")).to_contain_text(f"You finished all {total} steps of")
        expect(phone.page).to_have_title("Together · Finished · Companion")


def test_a_no_js_card_left_open_keeps_an_unsent_choice(phone_factory, django_user_model):
    """The old card reloaded itself every 10 s and threw the choice away: this one is left open for a minute."""
    _, _, pair = couple(django_user_model, "nj-")
    TogetherSession.objects.create(pair=pair)
    ana = signed_in(phone_factory(javascript=False), "nj-ana")
    maybe = ana.page.get_by_label("Maybe", exact=True)
    maybe.check()
    loads = []
    ana.page.on("framenavigated", lambda frame: loads.append(frame.url))
    assert ana.page.locator('meta[http-equiv="refresh"]').count() == 0
    ana.page.wait_for_timeout(60_000)  # a person still choosing; no JavaScript runs here to fake time with
    assert loads == []  # never reloaded by itself
    expect(maybe).to_be_checked()
    assert "Without JavaScript this screen does not change by itself." in ana.page.content()  # says how it behaves
    expect(ana.page.get_by_role("link", name="Check for my partner's taps")).to_be_visible()


# Accessibility (reads where focus is, not only axe)
def test_a11y_focus_after_your_own_next_is_on_the_new_cards_heading(phone_factory, django_user_model):
    _, _, pair = couple(django_user_model, "fo-")
    _conversation(pair)
    ana = signed_in(phone_factory(), "fo-ana")
    ana.page.locator("#together-next").focus()
    ana.page.keyboard.press("Enter")
    heading = ana.page.locator("#step-heading")
    expect(heading).to_have_text(re.compile(r"^Step 2 of"))
    expect(heading).to_be_focused()


# Accessibility (reads the live region's every change, not only axe)
def test_a11y_the_partner_leaving_and_coming_back_is_said_once_each(phone_factory, django_user_model):
    _, _, pair = couple(django_user_model, "nw-")
    _conversation(pair)
    ana = phone_factory()
    ana.context.add_init_script(RECORD_NEWS)
    signed_in(ana, "nw-ana")
    ben = signed_in(phone_factory(), "nw-ben")
    news = ana.page.locator("#together-news")
    expect(news).to_have_text("nw-ben is here.")  # he arrives after her
    ben.goto("/")  # ben leaves Together
    expect(news).to_have_text("nw-ben left Together.")
    ana.page.get_by_role("button", name="Next").click()  # a new card, the same status: nothing said again
    expect(ana.page.locator("#step-heading")).to_have_text(re.compile(r"^Step 2 of"))
    ben.goto("/together/")
    expect(news).to_have_text("nw-ben is back.")
    said = ana.page.evaluate("window.__news")
    assert said == ["nw-ben is here.", "nw-ben left Together.", "nw-ben is back."], said


def test_a_quick_second_tap_shows_it_was_not_taken_and_a_double_tap_moves_one(phone_factory, django_user_model):
    _, _, pair = couple(django_user_model, "dt-")
    _conversation(pair)
    ana = phone_factory()
    ana.context.add_init_script(RECORD_GUARD)
    signed_in(ana, "dt-ana")
    next_button = ana.page.locator("#together-next")
    next_button.dblclick()  # a real double tap
    heading = ana.page.locator("#step-heading")
    expect(heading).to_have_text(re.compile(r"^Step 2 of"))
    assert ana.page.evaluate("window.__guarded")  # Back and Next showed they were not taking taps
    expect(next_button).not_to_have_attribute("aria-disabled", "true")  # and take them again after a moment
    expect(next_button).not_to_have_class(re.compile(r"is-settling"))
    next_button.click()
    expect(heading).to_have_text(re.compile(r"^Step 3 of"))
