"""Accessibility read from the page itself, not only axe: focus, what the accessibility tree names and exposes,
titles, and reflow at 320 px on every page the site links to.

Tests marked `reads_tree` read the accessibility tree (CDP `Accessibility.getFullAXTree` or Playwright's ARIA
snapshot) or what has focus, the way a screen reader would meet the page.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conditions.models import Condition

from .conftest import reads_tree, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PASSPHRASE = "a quiet walk by the river"
START = ["/", "/library/", "/where-does-it-hurt/", "/talk/", "/ideas/", "/programme/", "/account/sign-in/", "/privacy/"]
SIGNED_IN_START = [
    *START,
    "/account/",
    "/pair/",
    "/pair/join/",
    "/together/",
    "/account/passphrase/",
    "/account/delete/",
]


def ax_nodes(page):
    """Every node of the full accessibility tree, as Chromium exposes it to screen readers."""
    session = page.context.new_cdp_session(page)
    try:
        return session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()


def ax_names(page, role):
    return [
        node.get("name", {}).get("value", "")
        for node in ax_nodes(page)
        if not node.get("ignored") and node.get("role", {}).get("value") == role
    ]


def focused_is_uncovered(page):
    """The element at the centre of the focused element is it or inside it: nothing covers what has focus."""
    return page.evaluate(
        """() => {
            const focused = document.activeElement;
            const box = focused.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return hit !== null && (hit === focused || focused.contains(hit));
        }"""
    )


def sign_in_as(phone, django_user_model, username):
    django_user_model.objects.create_user(username, password=PASSPHRASE)
    sign_in(phone, username, PASSPHRASE)


@reads_tree
def test_the_menu_closes_when_focus_leaves_it_and_never_covers_the_focused_link(phone):
    phone.goto("/library/vaginismus/")
    menu = phone.page.locator("details.menu")
    phone.page.get_by_text("Menu", exact=True).click()
    expect(menu).to_have_attribute("open", "")
    phone.page.get_by_role("link", name="Quick exit", exact=True).focus()  # the menu's last neighbour
    expect(menu).not_to_have_attribute("open", "")
    phone.page.get_by_text("Menu", exact=True).click()
    phone.page.get_by_role("navigation", name="Main").get_by_role("link").last.focus()
    for _ in range(3):  # on past Quick exit into the page: what has focus is never under the panel
        phone.page.keyboard.press("Tab")
        assert focused_is_uncovered(phone.page), phone.page.evaluate("document.activeElement.outerHTML")
    expect(menu).not_to_have_attribute("open", "")


@reads_tree
def test_one_escape_closes_the_menu_and_is_not_half_a_quick_exit(phone):
    phone.page.route(
        "https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    phone.goto("/library/")
    menu = phone.page.locator("details.menu")
    phone.page.get_by_text("Menu", exact=True).click()
    phone.page.get_by_role("link", name="Ideas", exact=True).focus()
    phone.page.keyboard.press("Escape")
    phone.page.keyboard.press("Escape")  # the natural second press, straight after: still here
    expect(menu).not_to_have_attribute("open", "")
    assert phone.page.evaluate("document.activeElement.tagName") == "SUMMARY"  # focus back on "Menu"
    expect(phone.page.get_by_role("heading", level=1)).to_be_visible()
    assert phone.page.url == phone.base_url + "/library/"
    phone.page.wait_for_timeout(700)  # a pause longer than the double press (600 ms): the next two start afresh
    phone.page.keyboard.press("Escape")
    phone.page.keyboard.press("Escape")  # two quick presses that closed nothing still leave the site
    phone.page.wait_for_url("https://www.bbc.co.uk/**")


def test_without_javascript_the_open_menu_pushes_the_page_down(phone_factory):
    phone = phone_factory(javascript=False)
    phone.page.set_viewport_size({"width": 320, "height": 640})
    phone.goto("/library/vaginismus/")
    heading = phone.page.get_by_role("heading", level=1)
    closed_top = heading.bounding_box()["y"]
    phone.page.get_by_text("Menu", exact=True).click()
    expect(phone.page.get_by_role("link", name="Ideas", exact=True)).to_be_visible()
    nav = phone.page.get_by_role("navigation", name="Main").bounding_box()
    assert heading.bounding_box()["y"] >= nav["y"] + nav["height"] > closed_top  # below the panel, not under it
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320


@reads_tree
def test_css_glyphs_are_not_part_of_accessible_names(phone):
    phone.goto("/library/")
    assert "Menu" in ax_names(phone.page, "DisclosureTriangle")
    assert not [name for name in ax_names(phone.page, "DisclosureTriangle") if "▾" in name or "▴" in name]
    phone.goto("/talk/first-talk/1/")
    names = ax_names(phone.page, "DisclosureTriangle")
    assert "If this gets hard" in names, names


@reads_tree
@pytest.mark.parametrize("path", ["/where-does-it-hurt/"])
def test_required_radio_groups_are_required_but_not_invalid_before_anything_is_sent(phone, path):
    phone.goto(path)
    nodes = ax_nodes(phone.page)
    radios = [node for node in nodes if node.get("role", {}).get("value") == "radio"]
    assert radios
    invalid = [
        node["name"]["value"]
        for node in radios
        for prop in node.get("properties", [])
        if prop["name"] == "invalid" and prop["value"]["value"] not in ("false", False)
    ]
    assert invalid == []
    groups = phone.page.locator('fieldset[role="radiogroup"][aria-required="true"]')
    expect(groups.first).to_be_visible()
    assert phone.page.locator("input[type=radio][required]").count() == 0


def discreet_key(path):
    """Pages that differ only by a number (idea 3, step 4) are one kind: a few of each are enough."""
    return re.sub(r"\d+", "N", path)


def crawl(phone, start, limit=160):
    """Every page reachable by a link from `start`, on this site only: {path: title}, each checked at 320 px."""
    seen, queue, titles, kinds = set(), list(start), {}, {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or kinds.get(discreet_key(path), 0) >= 3:
            continue
        seen.add(path)
        kinds[discreet_key(path)] = kinds.get(discreet_key(path), 0) + 1
        response = phone.goto(path)
        if (
            response is None
            or response.status >= 400
            or urlsplit(phone.page.url).netloc != urlsplit(phone.base_url).netloc
        ):
            continue
        landed = urlsplit(phone.page.url).path
        # Reflow (WCAG 1.4.10): nothing scrolls sideways at 320 px.
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320, landed
        titles.setdefault(landed, phone.page.title())
        for href in phone.page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            parts = urlsplit(href)
            if (
                parts.netloc == urlsplit(phone.base_url).netloc
                and not parts.path.startswith("/admin")
                and "." not in parts.path
            ):
                queue.append(parts.path)
    return titles


def assert_titles_distinct_and_discreet(titles, private_words):
    pages_by_title = {}
    for path, title in titles.items():
        pages_by_title.setdefault(title, []).append(path)
    shared = {title: paths for title, paths in pages_by_title.items() if len(paths) > 1}
    assert shared == {}, "\n".join(f"{title}: {' '.join(paths)}" for title, paths in shared.items())
    for path, title in titles.items():
        for word in private_words:
            assert word.lower() not in title.lower(), (path, title)


@reads_tree
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_fits_320_px_and_has_its_own_discreet_title(phone_factory, django_user_model, signed_in):
    phone = phone_factory()
    phone.page.set_viewport_size({"width": 320, "height": 640})
    private_words = [name for name in Condition.objects.values_list("name", flat=True)]
    if signed_in:
        sign_in_as(phone, django_user_model, "rowan")
        private_words.append("rowan")
    titles = crawl(phone, SIGNED_IN_START if signed_in else START)
    assert len(titles) > 20
    assert_titles_distinct_and_discreet(titles, private_words)


def test_the_report_a_problem_page_fits_320_px(phone_factory):
    phone = phone_factory()
    phone.page.set_viewport_size({"width": 320, "height": 640})
    phone.goto("/report-a-problem/?page=/support/")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320
