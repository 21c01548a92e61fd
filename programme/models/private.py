"""Private records, as rows: each holds only its owner (or pair), a time and one sealed value.

What a value holds, and every sealing and opening of it, is in programme/private_records.py (the one place,
as conversations/private_marks.py is for marks). Here are only the rows, the context each value is bound to,
and the sizes each kind is padded to.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from partners.models import Pair

# --- Sealed values whose length says nothing ---------------------------------------
# A sealed value is padded (keys.seal_json) to one of its kind's sizes, each worked out here for the worst case,
# so that what a row holds changes its length only where a note moves it to a bigger bucket.

NOTE_MAX_CHARS = 1000  # the forms' maximum for a note
TITLE_MAX_CHARS = 200  # practice and step titles as stored (Practice.title, SoloStep.title)
SLUG_MAX_CHARS = 50  # SlugField's length
LARGEST_ID = 2**63 - 1  # BigAutoField
NO_NUMBER = None  # the longest a rating, minutes or pain is written: "null" is longer than "120"
# The longest JSON a character can take: a control character is written \u0001 (6 bytes); any other is at most
# 4 bytes of UTF-8 (ensure_ascii=False).
WORST_CHAR = "\x01"
LONGEST_TIME = "2026-12-31T23:59:59.999999+00:00"  # isoformat() with microseconds and a UTC offset


def worst_case_bytes(value):
    """The length of `value` as keys.seal_json writes it before padding."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def note_buckets(worst_without_note):
    """Sizes for a value with a note: no note (or a short one), up to 100 or 400 more bytes, or the longest note."""
    longest = worst_case_bytes(WORST_CHAR * NOTE_MAX_CHARS) - worst_case_bytes("")
    return tuple(worst_without_note + extra for extra in (0, 100, 400, longest))


class Feeling(models.Model):
    """How one session felt to one person: only ever shown to that person (and in their own export).

    Which session, the ratings and the note are sealed under the owner's data key; only the owner and the time
    stay plain."""

    SCALE = 10
    # One size whatever the practice, title and ratings; four buckets for the note.
    SEALED_BYTES = note_buckets(
        worst_case_bytes(
            {
                "practice": LARGEST_ID,
                "practice_title": WORST_CHAR * TITLE_MAX_CHARS,
                "comfort": NO_NUMBER,
                "enjoyment": NO_NUMBER,
                "pain": NO_NUMBER,
                "note": "",
            }
        )
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    felt_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-felt_at"]

    @staticmethod
    def sealing_context(user_id, felt_at):
        """Bound to its owner and its time, so a sealed value moved to another row does not open."""
        return f"feeling:{user_id}:{felt_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.felt_at)


@dataclass(frozen=True)
class OpenFeeling:
    """A Feeling as its owner reads it, in memory only."""

    pk: int
    felt_at: datetime
    practice_id: int | None
    practice_title: str
    comfort: int | None
    enjoyment: int | None
    pain: int | None
    note: str


class SoloLog(models.Model):
    """One practice of the solo steps, for its owner alone: never shown to the partner (see SharedLine).

    Which step, the minutes, the pain and the note are sealed under the owner's data key; only the owner and the
    time stay plain."""

    # One size whatever the step, its guide, the minutes and pain; four buckets for the note.
    SEALED_BYTES = note_buckets(
        worst_case_bytes(
            {
                "step": LARGEST_ID,
                "step_title": WORST_CHAR * TITLE_MAX_CHARS,
                "guide": WORST_CHAR * SLUG_MAX_CHARS,
                "minutes": NO_NUMBER,
                "pain": NO_NUMBER,
                "note": "",
            }
        )
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    practised_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-practised_at"]

    @staticmethod
    def sealing_context(user_id, practised_at):
        """Bound to its owner and its time, so a sealed value moved to another row does not open."""
        return f"solo-log:{user_id}:{practised_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.practised_at)


@dataclass(frozen=True)
class OpenSoloLog:
    """A SoloLog as its owner reads it, in memory only."""

    pk: int
    practised_at: datetime
    step_id: int | None
    step_title: str
    guide: str | None
    minutes: int | None
    pain: int | None
    note: str
    shared: bool


class ShownToMyPartner(models.Model):
    """Something of mine I chose to show my partner, sealed under the pair key (only the two of us can read it)."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        abstract = True
        ordering = ["-shared_at"]


class SharedLine(ShownToMyPartner):
    """One line of my own solo practice that I chose to show my partner (never the note). I can take it back.

    What the partner sees (the date, step, minutes and pain) is sealed under the pair key, so only the two
    partners can read it."""

    # One size whatever the time, step, minutes and pain (there is no note).
    SEALED_BYTES = (
        worst_case_bytes(
            {
                "practised_at": LONGEST_TIME,
                "step_title": WORST_CHAR * TITLE_MAX_CHARS,
                "minutes": NO_NUMBER,
                "pain": NO_NUMBER,
            }
        ),
    )
    log = models.OneToOneField(SoloLog, on_delete=models.CASCADE, related_name="shared")

    class Meta(ShownToMyPartner.Meta):
        pass

    @staticmethod
    def sealing_context(pair_id, log_id):
        return f"shared-line:{pair_id}:{log_id}"

    def row_context(self):
        return self.sealing_context(self.pair_id, self.log_id)


@dataclass(frozen=True)
class OpenLine:
    """A SharedLine as the partner reads it, in memory only."""

    practised_at: datetime
    step_title: str
    minutes: int | None
    pain: int | None


CHECK_IN_ANSWERS = ("pain_touch", "pain_insertion", "fear", "worry", "closeness")  # programme/content/check-in.yaml


class CheckIn(models.Model):
    """A check-in every few weeks (pain, fear or worry, closeness): only ever shown to its owner.

    Every answer is sealed under the owner's data key, padded to one size whichever questions were answered or
    skipped; only the owner and the time stay plain."""

    SCALE = 10
    NOT_TRIED = -1  # "I have not tried this lately": kept apart from a skipped question (None)
    SEALED_BYTES = (worst_case_bytes(dict.fromkeys(CHECK_IN_ANSWERS, NO_NUMBER)),)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-checked_at"]

    @staticmethod
    def sealing_context(user_id, checked_at):
        """Bound to its owner and its time, so a sealed value moved to another row does not open."""
        return f"check-in:{user_id}:{checked_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.checked_at)


@dataclass(frozen=True)
class OpenCheckIn:
    """A CheckIn as its owner reads it, in memory only: each answer 0-10, NOT_TRIED, or None (skipped); `shown`
    when its owner chose to show it to their partner, or None as the partner reads a SharedCheckIn."""

    pk: int
    checked_at: datetime
    answers: dict
    shown: bool | None = None


class SharedCheckIn(ShownToMyPartner):
    """One check-in of mine that I chose to show my partner, whole (its date and answers). I can take it back.

    Sealed under the pair key, so only the two partners can read it; one size whatever was answered."""

    SEALED_BYTES = (
        worst_case_bytes({"checked_at": LONGEST_TIME, "answers": dict.fromkeys(CHECK_IN_ANSWERS, NO_NUMBER)}),
    )
    check_in = models.OneToOneField(CheckIn, on_delete=models.CASCADE, related_name="shown")

    class Meta(ShownToMyPartner.Meta):
        pass

    @staticmethod
    def sealing_context(pair_id, check_in_id):
        return f"shared-check-in:{pair_id}:{check_in_id}"

    def row_context(self):
        return self.sealing_context(self.pair_id, self.check_in_id)


RESPONSE_KEY_MAX = 32  # an option's key in programme/content/responses.yaml
RESPONSE_CHOICES_MAX = 12  # options a list may have
WORST_CHOSEN = [WORST_CHAR * RESPONSE_KEY_MAX] * RESPONSE_CHOICES_MAX


class Response(models.Model):
    """After a session together, privately: how the supporting partner responded ("responded"), or what helped
    the partner with pain ("helped"). Only ever shown to its owner, unless the owner shows a "helped" one (SharedHelp).

    Which session, which kind and the options chosen are sealed under the owner's data key, padded to one size."""

    RESPONDED, HELPED = "responded", "helped"
    SEALED_BYTES = (
        worst_case_bytes(
            {
                "practice": LARGEST_ID,
                "practice_title": WORST_CHAR * TITLE_MAX_CHARS,
                "about": RESPONDED,
                "chosen": WORST_CHOSEN,
            }
        ),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    said_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-said_at"]

    @staticmethod
    def sealing_context(user_id, said_at):
        return f"response:{user_id}:{said_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.said_at)


@dataclass(frozen=True)
class OpenResponse:
    pk: int
    said_at: datetime
    practice_id: int | None
    practice_title: str
    about: str
    chosen: list
    shown: bool  # a "helped" one I chose to show my partner


class SharedHelp(ShownToMyPartner):
    """What helped me in one session, shown to my partner because I chose to (I can take it back).

    Sealed under the pair key: only the two partners can read it."""

    SEALED_BYTES = (worst_case_bytes({"said_at": LONGEST_TIME, "chosen": WORST_CHOSEN}),)
    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="shown")

    class Meta(ShownToMyPartner.Meta):
        pass

    @staticmethod
    def sealing_context(pair_id, response_id):
        return f"shared-help:{pair_id}:{response_id}"

    def row_context(self):
        return self.sealing_context(self.pair_id, self.response_id)


@dataclass(frozen=True)
class OpenHelp:
    """A SharedHelp as the partner reads it, in memory only."""

    said_at: datetime
    chosen: list
