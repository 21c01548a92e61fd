"""Report a problem with this page: the page and the words only, plain text, throttled, never a 500."""

import pytest
from django.test import Client

from companion.models import ProblemReport
from companion.views import REPORTS_PER_ADDRESS_PER_HOUR

pytestmark = pytest.mark.django_db


def report(client, text="The link to the clinic is broken.", page="/library/vaginismus/", **extra):
    return client.post("/report-a-problem/", {"page": page, "text": text}, **extra)


def test_every_content_page_offers_it(client):
    for path in ["/library/vaginismus/", "/what-to-do/", "/support/", "/what-can-help/", "/for-partners/"]:
        content = client.get(path).content.decode()
        assert "Report a problem with this page" in content, path
        assert f'name="page" value="{path}"' in content


def test_it_works_without_an_account_or_a_cookie():
    client = Client(enforce_csrf_checks=True)
    response = report(client)
    assert response.status_code == 200
    assert b"Your report has been sent" in response.content
    assert not response.cookies
    saved = ProblemReport.objects.get()
    assert (saved.page, saved.text, saved.resolved) == (
        "/library/vaginismus/",
        "The link to the clinic is broken.",
        False,
    )
    assert {field.name for field in ProblemReport._meta.fields} == {"id", "page", "text", "created_at", "resolved"}


def test_with_htmx_only_the_box_is_swapped(client):
    response = report(client, headers={"HX-Request": "true"})
    assert b"<html" not in response.content and b"Your report has been sent" in response.content
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    "text, page, message",
    [
        ("", "/library/vaginismus/", "Please tell us what is wrong"),
        ("x" * 2001, "/library/vaginismus/", "Please keep it to 2000 characters"),
        ("bad\x00byte", "/library/vaginismus/", "did not come through"),
        ("ok", "/library/not-a-page/", "could not tell which page"),
        ("ok", "/account/", "could not tell which page"),
        ("ok", "https://evil.example/", "could not tell which page"),
        ("ok", "/library/%ff/", "could not tell which page"),
        ("ok", "/" * 300, "could not tell which page"),
    ],
)
def test_bad_input_gets_a_kind_message_and_stores_nothing(client, text, page, message):
    response = report(client, text=text, page=page)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_script_text_is_stored_as_plain_text_and_never_rendered(client, admin_client):
    report(client, text="<script>alert(1)</script>")
    assert ProblemReport.objects.get().text == "<script>alert(1)</script>"
    pk = ProblemReport.objects.get().pk
    content = admin_client.get(f"/admin/companion/problemreport/{pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_flooding_is_throttled_per_address(client):
    for _ in range(REPORTS_PER_ADDRESS_PER_HOUR):
        assert report(client).status_code == 200
    response = report(client)
    assert response.status_code == 429
    assert "could not take this one now" in response.content.decode()
    assert ProblemReport.objects.count() == REPORTS_PER_ADDRESS_PER_HOUR
    assert report(Client(REMOTE_ADDR="10.0.0.9")).status_code == 200  # another address is not blocked


def test_reports_are_listed_in_the_admin(client, admin_client):
    report(client, text="Typo in the second paragraph.")
    content = admin_client.get("/admin/companion/problemreport/").content.decode()
    assert "/library/vaginismus/" in content


def test_scripts_and_the_idea_list_can_be_reported_too(client):
    for path in ["/talk/first-talk/", "/ideas/"]:
        assert f'name="page" value="{path}"' in client.get(path).content.decode()
        assert report(client, page=path).status_code == 200
    assert report(client, page="/talk/no-such-script/").status_code == 422


def test_past_the_cap_for_everyone_a_reader_is_still_thanked_and_storage_stays_bounded(monkeypatch):
    from companion import views

    monkeypatch.setattr(views, "REPORTS_PER_HOUR", 4)
    monkeypatch.setattr(views, "KEEP_ONE_IN", 3)
    for n in range(4 + 6):  # the cap, then six more, each from an address of its own
        response = report(Client(REMOTE_ADDR=f"198.51.100.{n}"))
        assert response.status_code == 200 and b"Your report has been sent" in response.content
    assert ProblemReport.objects.count() == 4 + 2  # one in three past the cap


def test_one_ipv6_48_is_one_address_for_the_limit():
    for n in range(REPORTS_PER_ADDRESS_PER_HOUR):
        assert report(Client(REMOTE_ADDR=f"2001:db8:0:{n:x}::1")).status_code == 200
    assert report(Client(REMOTE_ADDR="2001:db8:0:ff::1")).status_code == 429
