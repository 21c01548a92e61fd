import pytest

pytestmark = pytest.mark.django_db


def test_it_says_what_is_stored_and_what_quick_exit_cannot_do(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Only you ever see them" in content
    assert "What Quick exit cannot remove" in content and "History list" in content


def test_reading_sets_no_cookies(client):
    for path in ["/", "/library/", "/library/vaginismus/", "/privacy/", "/what-to-do/"]:
        response = client.get(path)
        assert response.cookies == {} or list(response.cookies) == [], path


def test_it_says_what_a_partner_can_work_out_and_what_we_do_about_it(client):
    from conversations.models import AnswerCount

    content = client.get("/privacy/").content.decode()
    assert "Nobody ever sees what you said no to" not in content
    assert "including what you said no to" in content
    assert f"more than {AnswerCount.HOLD_AFTER} answers that their partner has not been told about" in content


def test_it_names_error_reports_only_where_they_are_turned_on(client, settings):
    assert "error report" not in client.get("/privacy/").content.decode()
    settings.SENTRY_DSN = "https://public@sentry.invalid/1"
    from django.core.cache import caches

    caches[settings.SHARED_PAGE_CACHE].clear()
    assert "sends a short error report" in client.get("/privacy/").content.decode()
