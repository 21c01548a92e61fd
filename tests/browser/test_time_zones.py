"""A phone in another time zone says so once, and from the next page on its dates are drawn in its own zone."""

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "a quiet walk by the river"


def zone_cookie(phone):
    return {cookie["name"]: cookie["value"] for cookie in phone.context.cookies()}.get("tz")


def test_a_phone_in_new_york_gets_its_dates_in_new_york_time(phone_factory, django_user_model):
    django_user_model.objects.create_user(username="ana", password=PASSPHRASE)
    phone = sign_in(phone_factory(time_zone="America/New_York"), "ana", PASSPHRASE)
    expect(phone.page.locator("html")).to_have_attribute("data-zone", "Europe/London")  # drawn before it said
    phone.goto("/pair/")
    expect(phone.page.locator("html")).to_have_attribute("data-zone", "America/New_York")
    assert zone_cookie(phone) == "America/New_York"


def test_a_phone_in_the_sites_zone_and_a_reader_keep_no_zone_cookie(phone_factory, django_user_model):
    django_user_model.objects.create_user(username="ana", password=PASSPHRASE)
    reader = phone_factory(time_zone="Asia/Tokyo")
    reader.goto("/library/")
    expect(reader.page.get_by_role("heading", level=1)).to_be_visible()
    assert zone_cookie(reader) is None
    phone = sign_in(phone_factory(), "ana", PASSPHRASE)
    phone.goto("/pair/")
    expect(phone.page.locator("html")).to_have_attribute("data-zone", "Europe/London")
    assert zone_cookie(phone) is None
