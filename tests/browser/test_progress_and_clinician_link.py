"""Check-ins and "How far we've come" on a phone, with and without JavaScript, light and dark; and the one-time
clinician link opened on a desktop browser as a GP would, once, and never without the key."""

import pytest
from playwright.sync_api import expect

from conditions.models import ClinicianLink
from programme.check_ins import content

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSPHRASE = "a quiet walk by the river"
DESKTOP = {"width": 1280, "height": 800}


def question(key):
    return next(q for q in content().questions if q.key == key)


def check_in(phone, **answers):
    phone.goto("/programme/check-in/")
    for key, value in answers.items():
        phone.page.get_by_role("group", name=question(key).text).get_by_label(value, exact=True).check()
    phone.page.get_by_role("button", name="Save", exact=True).click()  # in a pair: the answers can also be shown
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("How far we've come")


@pytest.mark.parametrize("javascript, color_scheme", [(True, "light"), (False, "dark")])
def test_a_check_in_shows_as_a_chart_and_a_table(phone_factory, axe, couple, javascript, color_scheme):
    phone = sign_in(phone_factory(javascript=javascript, color_scheme=color_scheme), "ana", PASSPHRASE)
    phone.goto("/programme/check-in/")
    if javascript:
        assert_accessible(axe, phone.page)
    check_in(phone, pain_insertion="7", closeness="6")
    chart = phone.page.get_by_role("img", name=f"{question('pain_insertion').short}, 0 to 10: 7 on")
    expect(chart).to_be_visible()
    expect(phone.page.get_by_role("table").first).to_contain_text("7")
    expect(phone.page.get_by_text(content().kind_words["first"]).first).to_be_visible()
    if javascript:
        assert_accessible(axe, phone.page)
    assert phone.console_errors == [] and phone.third_party_requests() == []


def make_a_link(phone):
    phone.goto("/appointment/")
    phone.page.get_by_role("button", name="Make a link for my appointment").click()
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("A link for your clinician")
    return phone.page.locator(".link-text").inner_text().strip()


def test_a_gp_opens_the_link_once_on_a_desktop_browser(browser, phone_factory, axe, couple):
    phone = sign_in(phone_factory(), "ana", PASSPHRASE)
    check_in(phone, pain_insertion="7")
    url = make_a_link(phone)
    assert "#" in url
    assert_accessible(axe, phone.page)

    without_js = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = without_js.new_page()
    page.goto(url)
    expect(page.get_by_text("This page needs JavaScript to open the sheet")).to_be_visible()
    without_js.close()

    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    page.goto(url)  # opening it without JavaScript used nothing up
    expect(page.get_by_role("button", name="Open the sheet")).to_be_visible()
    assert "#" not in page.url  # the key left the address bar
    expect(page.get_by_role("button", name="Print this sheet")).to_be_hidden()
    assert_accessible(axe, page)
    assert ClinicianLink.objects.usable().exists()  # loading the page (as a link checker might) used nothing up
    page.get_by_role("button", name="Open the sheet").click()
    opened = "Opened. This link will not open again, so print this page or keep it open."
    expect(page.get_by_role("status")).to_have_text(opened)
    expect(page.get_by_text(f"{question('pain_insertion').short}, 0 to 10: 7 on")).to_be_visible()
    expect(page.get_by_role("button", name="Print this sheet")).to_be_visible()
    assert_accessible(axe, page)
    page.reload()
    expect(page.get_by_text("This link has been opened already")).to_be_visible()
    desktop.close()


def test_a_link_with_a_changed_key_opens_nothing_and_still_works(browser, phone_factory, couple):
    url = make_a_link(sign_in(phone_factory(), "ana", PASSPHRASE))
    address, key = url.split("#")
    changed = "A" if key[0] != "A" else "B"
    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    page.goto(f"{address}#{key[:20]}")  # cut short: told at once, nothing to open
    expect(page.get_by_role("status")).to_contain_text("This link is not complete")
    expect(page.get_by_role("button", name="Open the sheet")).to_be_hidden()
    page.close()
    page = desktop.new_page()
    page.goto(f"{address}#{changed + key[1:]}")  # the right length but changed: refused by the server
    page.get_by_role("button", name="Open the sheet").click()
    expect(page.get_by_role("status")).to_contain_text("This link is not complete")
    page.goto(url)
    expect(page.get_by_role("button", name="Open the sheet")).to_be_visible()
    page.reload()  # the key left the address bar as the page opened: said so, and nothing was used up
    expect(page.get_by_role("status")).to_contain_text("This page no longer holds the link's key")
    expect(page.get_by_role("button", name="Open the sheet")).to_be_hidden()
    page.goto(url)  # opened again from the link, in the same tab: only the #fragment changes
    page.get_by_role("button", name="Open the sheet").click()
    expect(page.get_by_role("status")).to_contain_text("Opened.")
    desktop.close()


def test_what_helped_reaches_the_partner_only_when_shown_without_javascript(phone_factory, axe, couple):
    from programme.responses import content

    ana = sign_in(phone_factory(javascript=False), "ana", PASSPHRASE)
    ben = sign_in(phone_factory(javascript=False, color_scheme="dark"), "ben", PASSPHRASE)
    ana.goto("/programme/touch-without-a-goal/hands-arms-and-face/")
    helped = content().helped
    ana.page.get_by_role("group", name=helped.question).get_by_label(helped.text_of("my-pace")).check()
    ana.page.get_by_label("Show my partner what helped").check()
    ana.page.get_by_role("button", name="Save", exact=True).click()
    expect(ana.page.get_by_text("Your partner can see what helped.")).to_be_visible()
    ben.goto("/programme/progress/")
    expect(ben.page.get_by_text(helped.text_of("my-pace"))).to_be_visible()
    ana.goto("/programme/progress/")
    ana.page.get_by_role("button", name="Make private again").click()
    ben.goto("/programme/progress/")
    expect(ben.page.get_by_role("heading", name="After sessions together")).to_be_visible()
    expect(ben.page.get_by_text(helped.text_of("my-pace"))).to_have_count(0)
