"""The solo track: guides anyone can read, and a practice log only its owner ever sees."""

import pytest

from programme.models import SoloGuide, SoloLog, SoloStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(db):
    return SoloStep.objects.get(guide__slug="insertion-steps", number=1)


def log(client, practised, **changes):
    return client.post(
        "/programme/solo/log/",
        {"step": practised.pk, "minutes": 5, "pain": 2, "note": "Went slowly.", **changes},
        follow=True,
    )


def test_anyone_can_read_the_guides(client):
    content = client.get("/programme/solo/").content.decode()
    for guide in SoloGuide.objects.all():
        assert guide.get_absolute_url() in content
        page = client.get(guide.get_absolute_url()).content.decode()
        assert guide.title in page and f'href="{guide.get_absolute_url()}sources/"' in page
    steps = client.get("/programme/solo/insertion-steps/").content.decode()
    for heading in ("How long", "Pressure, not pain", "If it hurts", "When to ask a physiotherapist"):
        assert steps.count(f"<h3>{heading}</h3>") == SoloStep.objects.filter(guide__slug="insertion-steps").count() >= 3


def test_the_log_is_for_its_owner_alone(pair, pain_client, support_client, step):
    assert "Saved. Only you can see this" in log(pain_client, step).content.decode()
    page = step.guide.get_absolute_url()
    assert "Went slowly." in pain_client.get(page).content.decode()
    for client_page in ("/programme/solo/insertion-steps/", "/appointment/", "/account/my-data.json", "/programme/"):
        assert "Went slowly." not in support_client.get(client_page).content.decode()
        assert "My own practice" not in support_client.get(client_page).content.decode()


def test_the_appointment_sheet_shows_a_summary_to_its_owner(pain_client, step):
    log(pain_client, step, pain=4)
    log(pain_client, step, pain=1)
    sheet = pain_client.get("/appointment/").content.decode()
    assert "My own practice of the insertion steps" in sheet
    assert "2 practices since" in sheet and "1 last time, 4 at most" in sheet
    assert "Went slowly." not in sheet  # the notes stay in the log


@pytest.mark.parametrize(
    "changes",
    [
        {"pain": 11},
        {"pain": "x"},
        {"minutes": 121},
        {"minutes": -3},
        {"minutes": ""},
        {"note": "y" * 1001},
        {"step": 999999},
        {"step": "abc"},
    ],
)
def test_bad_input_saves_nothing_and_says_so(pain_client, step, changes):
    response = log(pain_client, step, **changes)
    assert response.status_code == 422 and "Nothing was saved" in response.content.decode()
    assert not SoloLog.objects.exists()


def test_signing_in_is_needed_to_log(client, step):
    assert client.post("/programme/solo/log/", {"step": step.pk}).status_code == 302
    assert "My practice log" not in client.get(step.guide.get_absolute_url()).content.decode()


def test_a_line_is_shown_to_the_partner_only_when_shared_on_purpose(pair, pain_client, support_client, step):
    log(pain_client, step, pain=3, note="Private thought.")
    practice = SoloLog.objects.get()
    assert step.title not in support_client.get("/programme/").content.decode()
    response = pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"}, follow=True)
    assert "Your partner can now see that line, without your note." in response.content.decode()
    partner_sees = support_client.get("/programme/").content.decode()
    assert f"{step.guide.steps.get(number=1).title}" in partner_sees and "pain 3" in partner_sees
    assert "Private thought." not in partner_sees
    pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "0"})  # take it back
    assert "pain 3" not in support_client.get("/programme/").content.decode()


def test_nobody_can_share_someone_elses_practice(pair, pain_client, support_client, stranger_client, step):
    log(pain_client, step)
    practice = SoloLog.objects.get()
    for client in (support_client, stranger_client):
        response = client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"}, follow=True)
        assert "Nothing was shared" in response.content.decode()
    assert not hasattr(SoloLog.objects.get(), "shared")


@pytest.mark.parametrize("value", ["", "x", "-1", "9" * 40, "\x00", "²", "１"])
def test_bad_share_input_is_a_kind_message(pair, pain_client, value):
    response = pain_client.post("/programme/solo/share/", {"log": value}, follow=True)
    assert response.status_code == 200 and "Nothing was shared" in response.content.decode()


def test_a_repeated_make_private_tap_keeps_it_private(pair, pain_client, support_client, step):
    log(pain_client, step, pain=3)
    practice = SoloLog.objects.get()
    pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"})
    for _ in range(2):  # a double tap, or a tap in an older tab
        pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "0"})
    assert "pain 3" not in support_client.get("/programme/").content.decode()


def test_someone_alone_in_a_pair_cannot_share_for_a_later_partner(
    pain_client, partner_with_pain, supporting_partner, step
):
    from partners.models import Membership

    Membership.objects.get(user=supporting_partner).leave()
    log(pain_client, step)
    response = pain_client.post("/programme/solo/share/", {"log": SoloLog.objects.get().pk, "share": "1"}, follow=True)
    assert "Nothing was shared" in response.content.decode()
