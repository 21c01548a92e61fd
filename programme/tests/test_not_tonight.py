import pytest

from programme.models import NotTonight

pytestmark = pytest.mark.django_db


def test_one_tap_no_reason(pair, pain_client, partner_with_pain):
    response = pain_client.post("/programme/not-tonight/", follow=True)
    assert "Your partner will see only “not tonight”" in response.content.decode()
    assert NotTonight.objects.get().user == partner_with_pain
    pain_client.post("/programme/not-tonight/")  # again: still one
    assert NotTonight.objects.count() == 1


def test_it_fades_after_a_night(pair, support_client, partner_with_pain):
    NotTonight.say(pair.pk, partner_with_pain)
    NotTonight.objects.update(said_at=NotTonight.objects.get().said_at - timezone_hours(NotTonight.NOTICE_HOURS + 1))
    assert "not tonight”. That is all" not in support_client.get("/programme/").content.decode()


def timezone_hours(hours):
    from datetime import timedelta

    return timedelta(hours=hours)


def test_get_is_not_allowed(pain_client):
    assert pain_client.get("/programme/not-tonight/").status_code == 405
