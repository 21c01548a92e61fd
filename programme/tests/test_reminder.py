import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_calendar_file_with_the_neutral_title_chosen(client):
    when = (timezone.now() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/programme/reminder.ics", {"title": "Film night, maybe", "when": when})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="reminder.ics"'
    body = response.content.decode()
    assert "SUMMARY:Film night\\, maybe\r\n" in body
    assert "programme" not in body.lower().replace("prodid:-//companion//en", "")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert (
        f"DTSTART:{when.replace('-', '').replace(':', '')}00\r\n" in body
    )  # the time as typed, in the phone's own zone


def test_it_is_posted_so_nothing_reaches_a_url_or_log(client):
    assert client.get("/programme/reminder.ics?title=x&when=2026-12-01T20:00").status_code == 405


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "when": "2026-12-01T20:00"},
        {"title": "x" * 61, "when": "2026-12-01T20:00"},
        {"title": "Us", "when": "tomorrow"},
        {"title": "Us", "when": "2099-01-01T20:00"},
        {"title": "\x00\x07", "when": "2026-12-01T20:00"},
        {"title": "a\r\nATTENDEE:evil@example.org", "when": "2026-12-01T20:00"},
    ],
)
def test_bad_input_gets_a_kind_message(client, data):
    response = client.post("/programme/reminder.ics", data)
    if response.status_code == 200:  # control characters are dropped, never passed into the file
        assert "\r\nATTENDEE" not in response.content.decode()
    else:
        assert response.status_code == 422 and b"Please" in response.content


def test_the_reminder_carries_an_alarm_a_quarter_of_an_hour_before(client):
    when = (timezone.now() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    body = client.post("/programme/reminder.ics", {"title": "Time for us", "when": when}).content.decode()
    alarm = body[body.index("BEGIN:VALARM") : body.index("END:VALARM")]
    assert "ACTION:DISPLAY\r\n" in alarm and "TRIGGER:-PT15M\r\n" in alarm
    assert "DESCRIPTION:Time for us\r\n" in alarm  # the neutral title, nothing about what it is for
    assert body.index("BEGIN:VALARM") < body.index("END:VEVENT")  # inside the event (RFC 5545)
    assert all(line.endswith("\r") or not line for line in body.split("\n"))  # CRLF lines only
