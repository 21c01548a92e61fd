"""Dates people read are in their own zone: the browser's, from the tz cookie, or TIME_ZONE (Europe/London)."""

import datetime
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from companion.tests.test_production_settings import ROOT, production_env
from conftest import signed_in
from partners.models import Invite

pytestmark = pytest.mark.django_db

# An invite that ends at 02:30 UTC on a winter's night: 02:30 in London, 21:30 the evening before in New York.
EXPIRES = datetime.datetime(2099, 1, 15, 2, 30, tzinfo=datetime.UTC)


@pytest.fixture
def ana(partner_with_pain):
    client = signed_in(partner_with_pain)
    client.post("/pair/invite/", {"lives_with_pain": "yes"})
    Invite.objects.update(expires_at=EXPIRES)
    return client


def invite_expiry_on_the_pair_page(client):
    return re.search(r"stops working at <time [^>]*>([^<]+)</time>", client.get("/pair/").content.decode()).group(1)


def test_without_a_zone_from_the_browser_dates_are_in_the_sites_zone(ana):
    assert settings.TIME_ZONE == "Europe/London"
    assert invite_expiry_on_the_pair_page(ana) == "02:30 on 15 January (GMT)"


def test_the_browsers_zone_from_its_cookie_is_the_one_dates_are_drawn_in(ana):
    ana.cookies["tz"] = "America/New_York"
    assert invite_expiry_on_the_pair_page(ana) == "21:30 on 14 January (EST)"


@pytest.mark.parametrize(
    "cookie",
    ["Mars/Olympus_Mons", "../../../etc/passwd", "/usr/share/zoneinfo/UTC", "Europe/London\x00", "A" * 5000, "", "é"],
)
def test_a_cookie_that_names_no_zone_is_ignored(ana, cookie):
    ana.cookies["tz"] = cookie
    assert invite_expiry_on_the_pair_page(ana) == "02:30 on 15 January (GMT)"


def test_the_zone_ends_with_the_request(ana):
    ana.cookies["tz"] = "Asia/Tokyo"
    ana.get("/pair/")
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_signed_in_pages_say_which_zone_they_were_drawn_in_so_the_phone_can_correct_it(ana):
    ana.cookies["tz"] = "Asia/Tokyo"
    assert '<html lang="en" data-zone="Asia/Tokyo">' in ana.get("/pair/").content.decode()
    del ana.cookies["tz"]
    assert '<html lang="en" data-zone="Europe/London">' in ana.get("/pair/").content.decode()


def test_reading_pages_never_ask_a_reader_for_their_zone(db):
    """No data-zone, so site.js sets no tz cookie for someone who only reads (and the page cache stays shared)."""
    for path in ["/", "/library/", "/ideas/", "/privacy/"]:
        assert "data-zone" not in Client().get(path).content.decode(), path


def test_an_unknown_time_zone_setting_stops_the_start_naming_it(tmp_path):
    env = {**production_env(tmp_path), "TIME_ZONE": "Europe/Atlantis"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "TIME_ZONE must be a zone name" in result.stderr and "Europe/Atlantis" in result.stderr
