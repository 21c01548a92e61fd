"""Reading the library and using the guide on a phone, with JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_read_the_library(phone_factory, javascript):
    phone = phone_factory(javascript=javascript)
    phone.goto("/")
    phone.page.get_by_role("link", name="The library").click()
    phone.page.get_by_role("link", name="Deep inside").click()
    phone.page.wait_for_url("**/library/?where=deep")
    cards = phone.page.locator("#library .card h3")
    assert cards.all_inner_texts() == [
        "Hormonal changes: vaginal atrophy and GSM",
        "Endometriosis",
        "Pelvic floor dysfunction",
    ]
    phone.page.get_by_role("link", name="Endometriosis").first.click()
    phone.page.wait_for_url("**/library/endometriosis/")
    assert phone.page.get_by_role("heading", level=1).inner_text() == "Endometriosis"
    assert phone.page.get_by_role("heading", name="Sources").is_visible()


def test_htmx_filter_swaps_only_the_list_and_keeps_the_url_right(phone):
    phone.goto("/library/")
    phone.page.evaluate("window.marker = 'same page'")
    phone.page.get_by_role("link", name="At the entrance").click()
    phone.page.wait_for_url("**/library/?where=entrance")
    assert phone.page.evaluate("window.marker") == "same page"  # no full reload
    expect(phone.page.locator("#library-heading")).to_be_focused(timeout=2000)
    phone.page.go_back()
    phone.page.wait_for_url("**/library/")
    expect(phone.page.locator("#library .card")).to_have_count(5)
    phone.page.wait_for_load_state()
    phone.page.reload()
    assert phone.page.locator("#library .card").count() == 5
    assert phone.page.locator("header").count() == 1


@pytest.mark.parametrize("javascript", [True, False])
def test_find_a_topic_from_the_library(phone_factory, axe, javascript):
    phone = phone_factory(javascript=javascript)
    phone.goto("/library/")
    phone.page.get_by_role("link", name="Find a topic in the library").click()
    phone.page.wait_for_url("**/library/find/")
    if javascript:
        phone.page.evaluate("window.marker = 'same page'")
    phone.page.get_by_label("What are you looking for?").fill("condoms")
    phone.page.get_by_role("button", name="Find").click()
    heading = phone.page.get_by_role("heading", name="Pages that may help")
    heading.wait_for()
    if javascript:
        assert phone.page.evaluate("window.marker") == "same page"  # only the results were swapped in
        expect(heading).to_be_focused(timeout=2000)
        assert_accessible(axe, phone.page)  # axe runs as a script, so only with JavaScript on
    assert phone.page.url.endswith("/library/find/")  # the words never reach the address
    phone.page.locator("#found").get_by_role("link", name="Contraception", exact=False).first.click()
    phone.page.wait_for_url("**/contraception/**")
    assert "ondom" in phone.page.get_by_role("heading", level=1).inner_text()


def fill_guide(page):
    page.get_by_label("Deep inside, in the pelvis or low belly").check()
    page.get_by_label("A deep ache or sharp pain inside").check()
    page.get_by_label("It started after a time when sex did not hurt").check()
    page.get_by_label("It is worse around a period").check()
    page.get_by_label("A very high temperature, or feeling hot, cold or shivery, with belly pain").check()
    page.get_by_role("button", name="Show what may be worth raising").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_use_the_guide_and_make_a_sheet(phone_factory, axe, javascript):
    phone = phone_factory(javascript=javascript)
    phone.goto("/where-does-it-hurt/")
    if javascript:
        phone.page.evaluate("window.marker = 1")
    fill_guide(phone.page)
    results = phone.page.locator("#guide")
    results.get_by_role("heading", name="What may be worth raising").wait_for()
    alert = phone.page.get_by_role("alert")
    assert alert.inner_text().startswith("Emergency: get help now")
    assert "Call 999 (or your local emergency number), or go to A&E" in alert.inner_text()
    assert results.locator(".card h3").first.inner_text() == "Endometriosis"
    assert phone.page.url.endswith("/where-does-it-hurt/")  # answers never go in the address
    if javascript:
        assert phone.page.evaluate("window.marker") == 1
        expect(phone.page.locator("#result-heading")).to_be_focused(timeout=2000)
        assert_accessible(axe, phone.page)  # axe runs as a script, so only with JavaScript on
    phone.page.get_by_role("button", name="Make an appointment sheet from these answers").click()
    phone.page.get_by_role("heading", name="What I noticed").wait_for()
    sheet = phone.page.inner_text("main")
    assert "It is worse around a period" in sheet
    assert sheet.index("Emergency: get help now") < sheet.index("What I would like help with")  # printed first
    if javascript:
        assert_accessible(axe, phone.page)


def test_a_missing_answer_is_explained_and_nothing_is_lost(phone_factory):
    for javascript in (True, False):
        phone = phone_factory(javascript=javascript)
        phone.goto("/where-does-it-hurt/")
        phone.page.get_by_label("Burning, stinging or raw, like a paper cut").check()
        phone.page.get_by_role("button", name="Show what may be worth raising").click()
        phone.page.get_by_role("heading", name="Some answers are needed").wait_for()
        assert phone.page.get_by_label("Burning, stinging or raw, like a paper cut").is_checked()
        assert "Please choose where you feel it" in phone.page.inner_text("main")


def test_print_preview_of_the_sheet_shows_only_the_sheet(phone):
    phone.goto("/appointment/")
    assert phone.page.get_by_role("button", name="Print this sheet").is_visible()
    phone.page.emulate_media(media="print")
    assert not phone.page.locator(".site-header").is_visible()
    assert not phone.page.get_by_role("button", name="Print this sheet").is_visible()
    assert phone.page.get_by_role("heading", name="Questions to ask").is_visible()
    pdf = phone.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("javascript", [True, False])
def test_report_a_problem_from_a_page(phone_factory, axe, javascript):
    from companion.models import ProblemReport

    phone = phone_factory(javascript=javascript)
    phone.goto("/library/vulvodynia/")
    phone.page.get_by_text("Report a problem with this page").click()
    phone.page.get_by_label("What is wrong or missing?").fill("The second link is broken.")
    phone.page.get_by_role("button", name="Send report").click()
    expect(phone.page.get_by_text("Your report has been sent")).to_be_visible()
    if javascript:
        assert phone.page.url.endswith("/library/vulvodynia/")  # only the box changed
        assert_accessible(axe, phone.page)
    report = ProblemReport.objects.get()
    assert (report.page, report.text) == ("/library/vulvodynia/", "The second link is broken.")


def test_without_javascript_nothing_promises_what_only_javascript_does(phone_factory):
    phone = phone_factory(javascript=False)
    phone.goto("/appointment/")
    assert not phone.page.get_by_role("button", name="Print this sheet").is_visible()
    phone.goto("/privacy/")
    assert "Escape key twice" not in phone.page.inner_text("main")
    assert "Back button can return to the pages you read here" in phone.page.inner_text("main")


def test_the_guide_results_survive_reading_a_suggested_page_and_coming_back(phone_factory):
    phone = phone_factory()
    phone.goto("/where-does-it-hurt/")
    fill_guide(phone.page)
    phone.page.locator("#guide").get_by_role("heading", name="What may be worth raising").wait_for()
    phone.page.locator(".card h3 a").first.click()
    phone.page.wait_for_url("**/library/**")
    phone.page.go_back()
    phone.page.get_by_role("button", name="Show my results again").click()
    phone.page.locator("#guide").get_by_role("heading", name="What may be worth raising").wait_for()
    assert "/where-does-it-hurt/" in phone.page.url and "?" not in phone.page.url  # never in the address
    assert phone.page.locator(".card h3").first.inner_text() == "Endometriosis"


def question(page, name):
    """A question's fieldset: a required one is a radiogroup (aria-required), the others a plain group."""
    return page.get_by_role("radiogroup", name=name).or_(page.get_by_role("group", name=name))


@pytest.mark.parametrize("javascript", [True, False])
def test_help_after_assault_comes_first_and_maternity_care_is_named(phone_factory, axe, javascript):
    phone = phone_factory(javascript=javascript)
    phone.goto("/where-does-it-hurt/")
    page = phone.page
    question(page, "Where do you feel the pain?").get_by_label("Deep inside, in the pelvis or low belly").check()
    page.get_by_label("It started after a time when sex did not hurt").check()
    question(page, "Are you pregnant, or could you be?").get_by_label("I could be").check()
    question(page, "How old are you?").get_by_label("Under 18").check()
    question(page, "Has anything sexual happened that you did not want?").get_by_label("Yes").check()
    page.get_by_role("button", name="Show what may be worth raising").click()
    results = page.locator("#guide")
    results.get_by_role("heading", name="If something happened that you did not want").wait_for()
    text = results.inner_text()
    assert text.index("If something happened that you did not want") < text.index("Urgent: get help today")
    assert "Call your midwife or maternity unit now" in text
    assert "You told us about" not in text  # nothing was ticked: what is shown comes "from your other answers"
    assert "If you are under 18" in text and "Support and safety" in text
    if javascript:
        assert_accessible(axe, page)
