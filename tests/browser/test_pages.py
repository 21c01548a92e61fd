"""Every page, light and dark: axe finds nothing, nothing leaves the site, no console errors."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/what-to-do/",
    "/what-can-help/",
    "/for-partners/",
    "/support/",
    "/report-a-problem/?page=/support/",
    "/account/recover/",
    "/account/sign-up/",
    "/privacy/",
    "/library/",
    "/library/?where=deep",
    "/library/find/",
    "/getting-tested/",
    "/contraception/",
    "/after-a-birth/",
    "/after-surgery-or-cancer/",
    "/medicines-and-dryness/",
    "/looking-after-your-mind/",
    "/seeing-a-doctor/",
    "/support/sources/",
    "/library/vulvodynia/sources/",
    "/library/vaginismus/",
    "/library/vulvodynia/",
    "/library/hormonal-changes/",
    "/library/endometriosis/",
    "/library/pelvic-floor-dysfunction/",
    "/where-does-it-hurt/",
    "/appointment/",
    "/no-such-page/",
]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_page_is_accessible_and_private(phone_factory, axe, color_scheme):
    phone = phone_factory(color_scheme=color_scheme)
    for path in PAGES:
        response = phone.goto(path)
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        assert_accessible(axe, phone.page)
        # Nothing sideways: the page fits a 390 px phone without horizontal scrolling.
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert phone.third_party_requests() == []
    assert phone.console_errors == []
    assert phone.failed_responses == [(404, phone.base_url + "/no-such-page/")]


def test_keyboard_users_can_skip_to_content(phone):
    phone.goto("/library/")
    phone.page.keyboard.press("Tab")
    focused = phone.page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    phone.page.keyboard.press("Enter")
    assert phone.page.evaluate("location.hash") == "#main"


def test_it_fits_the_narrowest_phone(phone_factory):
    phone = phone_factory()
    phone.page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/library/", "/library/endometriosis/", "/where-does-it-hurt/", "/appointment/"]:
        phone.goto(path)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_quick_exit_leaves_and_back_never_shows_this_site(phone):
    phone.page.route(
        "https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    phone.goto("/")
    phone.goto("/library/")
    phone.goto("/library/vaginismus/")
    phone.page.get_by_role("link", name="Quick exit", exact=True).click()
    phone.page.wait_for_url("https://www.bbc.co.uk/**")
    for _ in range(2):  # Back, and Back again: each earlier page of ours leaves again, hidden, before it shows
        phone.page.go_back()
        phone.page.wait_for_url("https://www.bbc.co.uk/**")
        assert phone.page.title() == "Weather"
    phone.goto("/library/")  # opening the site afresh in that tab works as usual
    assert phone.page.url == phone.base_url + "/library/"


def test_quick_exit_works_without_javascript(phone_factory):
    phone = phone_factory(javascript=False)
    phone.page.route(
        "https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    phone.goto("/library/")
    phone.page.get_by_role("link", name="Quick exit", exact=True).click()
    phone.page.wait_for_url("https://www.bbc.co.uk/**")


SIGNED_IN_PAGES = [
    "/account/",
    "/account/delete/",
    "/account/passphrase/",
    "/account/locked/",
    "/pair/",
    "/pair/join/",
    "/together/",
    "/ideas/both-of-us/",
    "/ideas/all/1/",
]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_account_and_idea_pages_are_accessible(phone_factory, axe, color_scheme, django_user_model):
    django_user_model.objects.create_user("axe", password="a quiet walk by the river")
    phone = phone_factory(color_scheme=color_scheme)
    for path in [
        "/ideas/",
        "/ideas/?category=sensual",
        "/ideas/all/1/",
        "/account/sign-up/",
        "/account/sign-in/",
        "/pair/join/",
    ]:
        assert phone.goto(path).status == 200, path
        assert_accessible(axe, phone.page)
    phone.goto("/account/sign-in/")
    phone.page.get_by_label("Username").fill("axe")
    phone.page.get_by_label("Passphrase").fill("a quiet walk by the river")
    phone.page.get_by_role("button", name="Sign in").click()
    phone.page.wait_for_url("**/account/")
    for path in SIGNED_IN_PAGES:
        assert phone.goto(path).status == 200, path
        assert_accessible(axe, phone.page)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert phone.third_party_requests() == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_header_is_one_row_on_a_phone(phone_factory, django_user_model, signed_in):
    phone = phone_factory()
    if signed_in:
        django_user_model.objects.create_user("rowtest", password="a quiet walk by the river")
        phone.goto("/account/sign-in/")
        phone.page.get_by_label("Username").fill("rowtest")
        phone.page.get_by_label("Passphrase").fill("a quiet walk by the river")
        phone.page.get_by_role("button", name="Sign in").click()
    for width in (390, 320):
        phone.page.set_viewport_size({"width": width, "height": 844})
        phone.goto("/library/")
        assert phone.page.locator(".site-header").bounding_box()["height"] <= 57, width
        exit_box = phone.page.get_by_role("link", name="Quick exit", exact=True).bounding_box()
        assert exit_box["x"] + exit_box["width"] <= width, width  # never pushed off the screen
    phone.page.get_by_text("Menu").click()  # a disclosure: works without JavaScript too
    expect(phone.page.get_by_role("link", name="Ideas")).to_be_visible()


def test_the_menu_works_without_javascript(phone_factory):
    phone = phone_factory(javascript=False)
    phone.goto("/")
    assert not phone.page.get_by_role("link", name="Ideas", exact=True).is_visible()
    phone.page.get_by_text("Menu").click()
    phone.page.get_by_role("link", name="Ideas", exact=True).click()
    phone.page.wait_for_url("**/ideas/")
