"""The partner left behind after a break-up: told so, as on the pair page; nothing together is offered or done."""

import pytest
from django.urls import reverse

from partners.models import Membership
from programme.models import NotTonight, Readiness, Run

pytestmark = pytest.mark.django_db

LEFT = "Your partner has left the pair, so for now you are on your own in it."


@pytest.fixture
def left_behind(pair, supporting_partner, pain_client):
    Membership.objects.get(user=supporting_partner).leave()
    return pain_client


def test_home_says_the_partner_left_and_hides_ready_and_not_tonight(left_behind, stages):
    content = left_behind.get("/programme/").content.decode()
    assert LEFT in content and f'href="{reverse("partners:pair")}"' in content
    assert "I’m ready for the next stage" not in content and "Not tonight" not in content
    assert stages[0].title in content and "/programme/solo/" in content  # the stages and the solo track stay


def test_a_practice_offers_no_start_together(left_behind, first_practice):
    content = left_behind.get(first_practice.get_absolute_url()).content.decode()
    assert "Start this together" not in content and first_practice.title in content


@pytest.mark.parametrize("url", ["/programme/ready/", "/programme/not-tonight/", "/programme/start/"])
def test_posts_refuse_kindly(left_behind, first_practice, url):
    response = left_behind.post(url, {"stage": 1, "practice": first_practice.pk}, follow=True)
    assert response.status_code == 200
    assert (
        "Your partner has left the pair, so nothing together can start or change for now." in response.content.decode()
    )
    assert not Run.objects.exists() and not Readiness.objects.exists() and not NotTonight.objects.exists()


def test_a_full_pair_sees_no_partner_left_line(pair, pain_client, stages):
    content = pain_client.get("/programme/").content.decode()
    assert LEFT not in content and "Not tonight" in content
