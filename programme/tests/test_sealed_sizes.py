"""A sealed feeling, solo log or shared line is one of its kind's few lengths, whatever it holds
(security review finding #2): a copy of the database learns nothing from `length(sealed)`."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from partners import keys
from programme.forms import FeelingForm, SoloLogForm
from programme.models import (
    CheckIn,
    Feeling,
    OpenSoloLog,
    Practice,
    Response,
    SharedCheckIn,
    SharedHelp,
    SharedLine,
    SoloGuide,
    SoloLog,
    SoloStep,
)
from programme.models.private import NOTE_MAX_CHARS
from programme.private_records import Diary, open_row

pytestmark = pytest.mark.django_db

KEY = bytes(32)
OVERHEAD = keys.NONCE_BYTES + 16  # the nonce and the GCM tag
TITLES = ["", "A", "é" * 200, "😀" * 200, '"\\' * 100, "\x01" * 200]  # up to 6 bytes a character in JSON
IDS = [1, 999999, 2**63 - 1]
NOTES = ["", "Fine.", "é" * 60, "x" * 300, "😀" * NOTE_MAX_CHARS, "\x01" * NOTE_MAX_CHARS]


def sealed_lengths(table):
    """What an attacker with a copy of the database reads."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT length(sealed) FROM {table}")  # noqa: S608 (a fixed table name)
        return [length for (length,) in cursor.fetchall()]


def allowed(model):
    return {size + OVERHEAD for size in model.SEALED_BYTES}


def practice(pk, title):
    return Practice(pk=pk, title=title)


def step(pk, title, number=1, guide="insertion-steps"):
    return SoloStep(pk=pk, number=number, title=title, guide=SoloGuide(slug=guide))


def test_the_forms_note_maximum_is_the_one_the_sizes_are_worked_out_for():
    assert FeelingForm().fields["note"].max_length == SoloLogForm().fields["note"].max_length == NOTE_MAX_CHARS


def test_every_feeling_without_a_note_has_one_length(partner_with_pain):
    for pk in IDS:
        for title in TITLES:
            for rating in (0, 10):
                Diary(partner_with_pain, KEY).record_feeling(practice(pk, title), rating, 10 - rating, rating, "")
    assert set(sealed_lengths("programme_feeling")) == {Feeling.SEALED_BYTES[0] + OVERHEAD}


def test_every_solo_log_without_a_note_has_one_length(partner_with_pain):
    for pk in IDS:
        for title in TITLES:
            for minutes, pain in [(1, 0), (120, 10), (0, 10)]:
                Diary(partner_with_pain, KEY).record_practice(step(pk, title, number=pk % 30000), minutes, pain, "")
    Diary(partner_with_pain, KEY).record_practice(step(1, "A", guide="\x01" * 50), 1, 0, "")
    assert set(sealed_lengths("programme_sololog")) == {SoloLog.SEALED_BYTES[0] + OVERHEAD}


def test_a_note_only_moves_a_row_between_its_kinds_few_lengths(partner_with_pain):
    for note in NOTES:
        for title in ("A", "\x01" * 200):
            Diary(partner_with_pain, KEY).record_feeling(practice(1, title), 5, 5, 5, note)
            Diary(partner_with_pain, KEY).record_practice(step(1, title), 10, 5, note)
    feelings, logs = sealed_lengths("programme_feeling"), sealed_lengths("programme_sololog")
    assert set(feelings) <= allowed(Feeling) and set(logs) <= allowed(SoloLog)
    assert max(feelings) == max(allowed(Feeling)) and max(logs) == max(allowed(SoloLog))  # the longest note fits
    opened = [open_row(row, KEY) for row in Feeling.objects.all()]
    assert {felt.note for felt in opened} == set(NOTES)  # padding never changes what comes back


def test_every_shared_line_has_one_length(pair, partner_with_pain):
    row = Diary(partner_with_pain, KEY).record_practice(step(1, "A"), 1, 0, "")
    times = [datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)]
    lengths = set()
    for when in times:
        for title in TITLES:
            for minutes, pain in [(1, 0), (120, 10), (None, None)]:
                Diary.share(
                    OpenSoloLog(row.pk, when, 1, title, "insertion-steps", minutes, pain, "", False), pair.pk, False
                )
                Diary.share(
                    OpenSoloLog(row.pk, when, 1, title, "insertion-steps", minutes, pain, "", False), pair.pk, True, KEY
                )
                lengths.update(sealed_lengths("programme_sharedline"))
    assert lengths == allowed(SharedLine) and len(SharedLine.SEALED_BYTES) == 1


def test_the_sizes_are_the_ones_docs_privacy_at_rest_gives():
    from pathlib import Path

    from django.conf import settings

    page = (Path(settings.BASE_DIR) / "docs" / "privacy-at-rest.md").read_text()
    for model in (Feeling, SoloLog, SharedLine, CheckIn, Response, SharedHelp, SharedCheckIn):
        [row] = [line for line in page.splitlines() if line.startswith(f"| `{model.__name__}` |")]
        for size in model.SEALED_BYTES:
            assert f"{size:,}" in row and f"{size + OVERHEAD:,}" in row, (model.__name__, size)


def test_every_check_in_has_one_length_whatever_was_answered(partner_with_pain):
    diary = Diary(partner_with_pain, KEY)
    everything = dict.fromkeys(["pain_touch", "pain_insertion", "fear", "worry", "closeness"], 10)
    for answers in [{"pain_insertion": CheckIn.NOT_TRIED}, {"fear": 0}, {"closeness": 10}, everything]:
        diary.record_check_in(answers)
    assert set(sealed_lengths("programme_checkin")) == allowed(CheckIn) and len(CheckIn.SEALED_BYTES) == 1


def test_every_check_in_shown_to_the_partner_has_one_length(pair, partner_with_pain):
    diary = Diary(partner_with_pain, KEY)
    everything = dict.fromkeys(["pain_touch", "pain_insertion", "fear", "worry", "closeness"], 10)
    for answers in [{"pain_insertion": CheckIn.NOT_TRIED}, {"fear": 0}, everything]:
        Diary.show_check_in(diary.check_in(diary.record_check_in(answers).pk), pair.pk, True, KEY)
    assert set(sealed_lengths("programme_sharedcheckin")) == allowed(SharedCheckIn)
    assert len(SharedCheckIn.SEALED_BYTES) == 1


def test_every_note_after_a_session_and_what_is_shown_of_it_has_one_length(pair, partner_with_pain, first_practice):
    diary = Diary(partner_with_pain, KEY)
    for title, chosen in [("", []), ("A", ["my-pace"]), ("😀" * 200, ["x" * 40] * 20)]:
        first_practice.title = title
        response = diary.record_response(first_practice, Response.HELPED, chosen)
        Diary.show_help(diary.response(response.pk), pair.pk, True, KEY)
    assert set(sealed_lengths("programme_response")) == allowed(Response) and len(Response.SEALED_BYTES) == 1
    assert set(sealed_lengths("programme_sharedhelp")) == allowed(SharedHelp) and len(SharedHelp.SEALED_BYTES) == 1
