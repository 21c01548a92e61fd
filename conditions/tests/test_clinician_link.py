"""A one-time link to my appointment sheet for a clinician: the server keeps only ciphertext it cannot open."""

import base64
import datetime
import io
import json
import re
from hashlib import sha256

import pytest
import time_machine
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.test import Client

from conditions import clinician_links
from conditions.models import ClinicianLink
from conditions.views import INCOMPLETE, SPENT

pytestmark = pytest.mark.django_db

GUIDE_ANSWERS = {"where": "entrance", "started": "always", "feels": ["burning"]}


def make_link(client, answers=GUIDE_ANSWERS):
    page = client.post("/appointment/link/", answers)
    assert page.status_code == 200
    token, key = re.search(r"http://testserver/c/([\w-]+)/#([\w-]{43})", page.text).groups()
    return token, key


def check_for(key):
    return clinician_links.encode(sha256(clinician_links.decode(key)).digest())


def open_link(token, key, client=None):
    return (client or Client()).post(f"/c/{token}/open/", {"check": check_for(key)})


def opened_sheet(token, key, response):
    sealed = base64.urlsafe_b64decode(response.json()["sealed"] + "==")
    plain = AESGCM(clinician_links.decode(key)).decrypt(sealed[:12], sealed[12:], token.encode())
    return json.loads(plain)


def test_the_link_carries_my_sheet_and_the_server_keeps_nothing_it_can_read(pair, pain_client):
    pain_client.post("/programme/check-in/", {"pain_insertion": "7"})
    token, key = make_link(pain_client)
    row = ClinicianLink.objects.get(token=token)
    assert key.encode() not in bytes(row.sealed) and clinician_links.decode(key) not in bytes(row.sealed)
    assert bytes(row.key_digest) == sha256(clinician_links.decode(key)).digest()  # a digest, never the key
    assert b"burning" not in bytes(row.sealed).lower() and b"check-in" not in bytes(row.sealed)
    assert len(row.sealed) - 12 - 16 == clinician_links.SHEET_BYTES  # its size says nothing
    sheet = opened_sheet(token, key, open_link(token, key))
    assert ["What does it feel like?", ["Burning or stinging"]] in sheet["answers"] or any(
        "Burning" in value for _, values in sheet["answers"] for value in values
    )
    assert any("0 to 10: 7 on" in line for _, lines in sheet["notes"] for line in lines)


def test_it_opens_once_and_is_emptied_when_opened(pair, pain_client):
    token, key = make_link(pain_client)
    assert open_link(token, key).status_code == 200
    again = open_link(token, key)
    assert again.status_code == 410 and again.json() == {"message": SPENT}
    assert bytes(ClinicianLink.objects.get(token=token).sealed) == b""
    page = Client().get(f"/c/{token}/")
    assert page.status_code == 410 and SPENT in page.text and "data-open" not in page.text


def test_the_clinicians_page_needs_no_account_shows_nothing_personal_and_is_never_kept(pair, pain_client):
    token, key = make_link(pain_client)
    page = Client().get(f"/c/{token}/")
    assert page.status_code == 200 and f'data-open="/c/{token}/open/"' in page.text
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex, nofollow"
    assert "Burning" not in page.text and "ana" not in re.findall(r"\w+", page.text)
    assert "needs JavaScript" in page.text  # without it, the page says so and the link still works
    assert ClinicianLink.objects.usable().filter(token=token).exists()


@pytest.mark.parametrize("check", ["", "x", "A" * 43, "é" * 43, "\x00", "A" * 5000])
def test_a_wrong_or_cut_short_key_changes_nothing(pair, pain_client, check):
    token, key = make_link(pain_client)
    refused = Client().post(f"/c/{token}/open/", {"check": check})
    assert refused.status_code == 400 and refused.json() == {"message": INCOMPLETE}
    assert open_link(token, key).status_code == 200  # still works with the right key


def test_a_link_never_made_is_told_as_spent(db):
    token = "A" * 22  # the shape of ours, but never made
    page = Client().get(f"/c/{token}/")
    assert page.status_code == 410 and SPENT in page.text and "data-open" not in page.text
    opened = Client().post(f"/c/{token}/open/", {"check": "x"})
    assert opened.status_code == 410 and opened.json() == {"message": SPENT}


@pytest.mark.parametrize("cut", [lambda t: t[:12], lambda t: t + "x", lambda t: t[:-1] + "%00", lambda t: "é" * 22])
def test_a_cut_short_or_changed_address_is_told_as_not_complete_and_the_link_still_works(pair, pain_client, cut):
    token, key = make_link(pain_client)
    page = Client().get(f"/c/{cut(token)}/")
    assert page.status_code == 404 and INCOMPLETE in page.text and "data-open" not in page.text
    opened = Client().post(f"/c/{cut(token)}/open/", {"check": check_for(key)})
    assert opened.status_code == 404 and opened.json() == {"message": INCOMPLETE}
    assert open_link(token, key).status_code == 200


def test_it_stops_working_after_a_day_with_a_kind_message(pair, pain_client):
    token, key = make_link(pain_client)
    assert Client().get(f"/c/{token}/").status_code == 200  # the clinician's page is open as the day runs out
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + clinician_links.LIFETIME, tick=False):
        opened = open_link(token, key)
        assert opened.status_code == 410 and opened.json() == {"message": SPENT}
        page = Client().get(f"/c/{token}/")
        assert page.status_code == 410 and SPENT in page.text


def test_every_sheet_is_stored_at_one_size_whatever_it_holds(pair, pain_client, support_client):
    empty, _ = make_link(pain_client, answers={})
    assert len(ClinicianLink.objects.get(token=empty).sealed) == clinician_links.SHEET_BYTES + 28
    support_client.post("/appointment/partner-questions/", {"questions": "\n".join(["\x01" * 200] * 5), "agreed": "on"})
    pain_client.post("/programme/check-in/", {"pain_touch": "7", "pain_insertion": "8", "fear": "9", "closeness": "1"})
    everything = dict(GUIDE_ANSWERS, with_partner_questions="1")
    full, _ = make_link(pain_client, answers=everything)
    assert len(ClinicianLink.objects.get(token=full).sealed) == clinician_links.SHEET_BYTES + 28


def test_cancelling_says_what_happened(pair, pain_client):
    assert "There was no link to cancel" in pain_client.post("/appointment/link/cancel/", follow=True).text
    token, key = make_link(pain_client)
    open_link(token, key)
    page = pain_client.post("/appointment/link/cancel/", follow=True).text
    assert "Your link had already been opened, at" in page and "nothing left to cancel" in page
    make_link(pain_client)
    assert (
        "Your link was cancelled. Nobody can open it now."
        in pain_client.post("/appointment/link/cancel/", follow=True).text
    )


def test_nobody_else_can_cancel_my_link(pair, pain_client, support_client, stranger_client):
    token, key = make_link(pain_client)
    for client in (support_client, stranger_client):
        client.post("/appointment/link/cancel/")
    assert open_link(token, key).status_code == 200


def test_cancelling_or_making_a_new_link_stops_the_old_one(pair, pain_client):
    first, first_key = make_link(pain_client)
    second, second_key = make_link(pain_client)
    assert open_link(first, first_key).status_code == 410
    assert pain_client.post("/appointment/link/cancel/", follow=True).status_code == 200
    assert open_link(second, second_key).status_code == 410
    assert all(bytes(row.sealed) == b"" for row in ClinicianLink.objects.all())


def test_opened_twice_at_once_only_one_gets_the_sheet(pair, pain_client, monkeypatch):
    token, key = make_link(pain_client)
    link = clinician_links.usable(token)

    def read_just_before_the_other_open():  # the other request takes it between our read and our update
        ClinicianLink.objects.filter(pk=link.pk).update(opened_at=link.created_at)
        return link

    monkeypatch.setattr(clinician_links, "usable", lambda token: read_just_before_the_other_open())
    with pytest.raises(clinician_links.Refused):
        clinician_links.open_once(token, check_for(key))


def test_my_partners_records_never_go_in_my_link(pair, pain_client, support_client):
    support_client.post("/programme/check-in/", {"worry": "9", "closeness": "2"})
    token, key = make_link(pain_client, answers={})
    sheet = opened_sheet(token, key, open_link(token, key))
    assert sheet["notes"] == [] and sheet["answers"] == []


def test_only_a_signed_in_person_can_make_or_cancel_one(db):
    for path in ["/appointment/link/", "/appointment/link/cancel/"]:
        response = Client().post(path)
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
    assert not ClinicianLink.objects.exists()


def test_answers_that_did_not_come_through_make_no_link_and_keep_the_old_one(pair, pain_client):
    token, key = make_link(pain_client)
    refused = pain_client.post("/appointment/link/", {"where": "nowhere", "started": "always"}, follow=True)
    assert "no link was made. Nothing was changed." in refused.text
    assert ClinicianLink.objects.count() == 1 and open_link(token, key).status_code == 200


def test_the_daily_job_deletes_links_past_their_day(pair, pain_client):
    from django.core.management import call_command

    make_link(pain_client)
    call_command("forget_idle", stdout=io.StringIO())
    assert ClinicianLink.objects.count() == 1  # still within its day
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + clinician_links.LIFETIME, tick=False):
        call_command("forget_idle", stdout=io.StringIO())
    assert not ClinicianLink.objects.exists()


def test_making_links_is_limited_for_one_person_only(pair, pain_client, support_client, monkeypatch):
    from conditions import views

    monkeypatch.setattr(views, "LINKS_PER_HOUR", 2)
    make_link(pain_client)
    newest, key = make_link(pain_client)
    refused = pain_client.post("/appointment/link/", GUIDE_ANSWERS, follow=True)
    assert "no new one was made. Your newest link still works." in refused.text
    assert ClinicianLink.objects.filter(owner__username="ana").count() == 2
    make_link(support_client)  # his own count
    assert open_link(newest, key).status_code == 200


def test_many_refused_opens_from_one_address_are_slowed_and_a_right_link_never_counts(pair, pain_client, monkeypatch):
    from conditions import views

    monkeypatch.setattr(views, "REFUSED_OPENS_PER_HOUR", 3)
    token, key = make_link(pain_client)
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert guesser.post(f"/c/{'B' * 22}/open/", {"check": "x"}).status_code == 410
    slowed = guesser.post(f"/c/{token}/open/", {"check": check_for(key)})
    assert slowed.status_code == 429 and slowed.json() == {"message": views.TOO_MANY_TRIES}
    assert ClinicianLink.objects.usable().filter(token=token).exists()  # nothing was used up
    assert open_link(token, key, Client(REMOTE_ADDR="198.51.100.7")).status_code == 200  # another address


def test_the_sheet_shows_a_link_that_still_works_and_can_cancel_it(pair, pain_client, support_client):
    assert 'id="live-link"' not in pain_client.get("/appointment/").text
    token, key = make_link(pain_client)
    sheet = pain_client.get("/appointment/").text
    assert 'id="live-link"' in sheet and "Cancel my link" in sheet
    assert 'id="live-link"' not in support_client.get("/appointment/").text  # mine alone
    open_link(token, key)
    assert 'id="live-link"' not in pain_client.get("/appointment/").text
