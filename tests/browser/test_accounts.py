"""Account pages on a phone: the recovery code read and copied, and a phone signed out by a change told why.

The tests marked `reads_tree` read the accessibility tree (what a screen reader is given), not only axe."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, reads_tree, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PASSPHRASE = "a quiet walk by the river"
NEW = "a long swim at low tide"


def sign_up(phone, username):
    phone.goto("/account/sign-up/")
    phone.page.get_by_label("Username").fill(username)
    phone.page.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    phone.page.get_by_label("The same passphrase again").fill(PASSPHRASE)
    phone.page.get_by_role("button", name="Make my account").click()
    expect(phone.page.get_by_role("heading", level=1)).to_have_text("Your account is ready")


@reads_tree
@pytest.mark.parametrize("javascript", [True, False])
def test_the_recovery_code_is_labelled_read_as_text_and_copyable(phone_factory, axe, javascript):
    phone = phone_factory(javascript=javascript)
    sign_up(phone, "quietfox")
    page = phone.page
    assert page.title() == "Your recovery code · Companion"
    code = page.locator("#recovery-code").inner_text()
    tree = page.locator("main").aria_snapshot()
    assert "Your recovery code:" in tree and code in tree  # read out as plain text, next to its visible label
    copy = page.get_by_role("button", name="Copy the code")
    if javascript:
        expect(copy).to_be_visible()
        assert copy.get_attribute("data-copy") == code
        assert_accessible(axe, page)  # axe runs in the page, so only with JavaScript
    else:
        expect(copy).to_be_hidden()  # it needs JavaScript, so it is not offered without


@reads_tree
def test_a_phone_signed_out_by_a_passphrase_change_elsewhere_is_told_why(phone_factory, django_user_model):
    django_user_model.objects.create_user("ana", password=PASSPHRASE)
    this_phone, other_phone = phone_factory(), phone_factory()
    sign_in(this_phone, "ana", PASSPHRASE)
    sign_in(other_phone, "ana", PASSPHRASE)
    other_phone.goto("/account/passphrase/")
    other_phone.page.get_by_label("Your current passphrase").fill(PASSPHRASE)
    other_phone.page.get_by_label("New passphrase", exact=True).fill(NEW)
    other_phone.page.get_by_label("The same passphrase again").fill(NEW)
    other_phone.page.get_by_role("button", name="Change my passphrase").click()
    expect(other_phone.page.get_by_role("heading", level=1)).to_be_visible()
    this_phone.goto("/account/")
    this_phone.page.wait_for_url("**/account/sign-in/**")
    line = this_phone.page.get_by_role("status").filter(has_text="You were signed out because of a change")
    expect(line).to_contain_text("on another phone")  # a status a screen reader reads, and nothing about who
    this_phone.page.reload()
    expect(this_phone.page.get_by_text("because of a change on another phone")).to_have_count(0)  # said once
