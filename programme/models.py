import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from editorial.sources import Source
from partners import keys
from partners.models import Pair

logger = logging.getLogger(__name__)

# --- Sealed rows whose length says nothing ---------------------------------------
# A sealed value is padded (keys.seal_json) to one of its kind's sizes, each worked out here for the worst case,
# so that what a row holds changes its length only where a note moves it to a bigger bucket.

NOTE_MAX_CHARS = 1000  # the forms' maximum for a note
TITLE_MAX_CHARS = 200  # practice and step titles as stored (Practice.title, SoloStep.title)
SLUG_MAX_CHARS = 50  # SlugField's length
LARGEST_ID = 2**63 - 1  # BigAutoField
NO_NUMBER = None  # a rating, minutes or pain missing from a row from before keys: "null" is longer than "120"
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


TAG_BYTES = 16  # AES-GCM's tag, after the nonce in every sealed value


class SealedRow:
    """A row whose `sealed` is JSON under one key, padded to one of its kind's SEALED_BYTES (see above)."""

    def row_context(self):
        raise NotImplementedError

    def is_padded(self):
        """False for a value sealed before padding (its length may tell what it holds): `reseal` it to the same key."""
        return len(bytes(self.sealed)) - keys.NONCE_BYTES - TAG_BYTES in self.SEALED_BYTES

    def reseal(self, old_key, new_key):
        """Sealed again, in place, from `old_key` to `new_key`. A row that does not open under `old_key` is left
        as it is (logged by row number only); returns whether it moved."""
        context = self.row_context()
        try:
            value = keys.unseal_json(old_key, self.sealed, context)
        except keys.Unreadable:
            logger.warning(
                "A sealed %s (row %s) did not open to be sealed again; it is left as it is.",
                self._meta.verbose_name,
                self.pk,
            )
            return False
        type(self).objects.filter(pk=self.pk).update(sealed=keys.seal_json(new_key, value, context, self.SEALED_BYTES))
        return True


class Stage(models.Model):
    """One stage of the programme, from programme/content/stages/ (see docs/content.md)."""

    slug = models.SlugField(unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    why = models.TextField()
    ground_rules = models.TextField()  # Markdown
    for_the_supporting_partner = models.TextField()  # Markdown
    needs_solo_steps = models.BooleanField(default=False)
    reviewed_on = models.DateField()
    next_review_on = models.DateField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Stage {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("programme:stage", args=[self.slug])

    def get_sources_url(self):
        return reverse("programme:stage_sources", args=[self.slug])

    @cached_property
    def source_list(self):
        return [Source.from_stored(source) for source in self.sources]


class Practice(models.Model):
    """One session of a stage: timed parts, from a breathing opener to a check-in."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="practices")
    order = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["stage__number", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "slug"], name="one_practice_slug_per_stage")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:practice", args=[self.stage.slug, self.slug])

    def minutes(self):
        return sum(part.minutes for part in self.parts.all())


class PartKind(models.TextChoices):
    BREATHE = "breathe", "Breathe together"
    FIRST_TURN = "first_turn", "First turn"
    SECOND_TURN = "second_turn", "Second turn"
    BOTH = "both", "Both at once"
    CHECK_IN = "check_in", "Check in"


class Part(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=PartKind.choices)
    minutes = models.PositiveSmallIntegerField()
    text = models.TextField()  # Markdown

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.minutes} minutes"


class PairStage(models.Model):
    """Where a pair is in the programme. It moves on only when both partners said ready (see `Readiness`)."""

    BOTH_READY, WENT_BACK = "both_ready", "went_back"
    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="programme_stage")
    number = models.PositiveSmallIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)
    # Shown to both partners, so a move is never silent (e.g. "ready" then "back" to learn the other's "ready").
    last_change = models.CharField(max_length=20, blank=True)

    @classmethod
    def number_for(cls, pair_id):
        """The pair's stage number, read without making a row (a pair starts at stage 1)."""
        return cls.objects.filter(pair_id=pair_id).values_list("number", flat=True).first() or 1

    @classmethod
    def read(cls, pair_id):
        """The pair's row as it is, or an unsaved one at stage 1 (nothing is written by reading)."""
        return cls.objects.filter(pair_id=pair_id).first() or cls(pair_id=pair_id)

    @classmethod
    def of(cls, pair_id, lock=False):
        """The pair's stage row (made on first use). `lock`: held until the transaction ends, so two taps
        at once are handled one after the other."""
        try:
            with transaction.atomic():
                cls.objects.get_or_create(pair_id=pair_id)
        except IntegrityError:  # made by the partner's tap at the same moment
            pass
        rows = cls.objects.select_for_update() if lock else cls.objects
        return rows.get(pair_id=pair_id)


class Readiness(models.Model):
    """One partner's private "ready for the next stage" on their pair's current stage. Never shown to the partner."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage_number = models.PositiveSmallIntegerField()
    said_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pair", "user"], name="one_readiness_per_person")]


def start_afresh(pair_id, **kwargs):
    """When a seat in the pair is freed (partners.seat_released): the programme starts again for whoever pairs next.
    Nobody's "ready" or "not tonight" carries over to a new partner, and an open session ends."""
    Readiness.objects.filter(pair_id=pair_id).delete()
    NotTonight.objects.filter(pair_id=pair_id).delete()
    SharedLine.objects.filter(pair_id=pair_id).delete()
    PairStage.objects.filter(pair_id=pair_id).delete()
    Run.objects.filter(pair_id=pair_id).delete()  # a new partner never sees what the pair did before


def say_ready(pair_id, user, stage_number, last_stage):
    """Record my private "ready" on `stage_number`; when my partner said it too, move the pair on, once.

    Returns "moved", "noted" or "stale" (the pair is no longer on that stage: a replayed or late tap).
    Both partners tapping at once move the pair exactly one stage: the move is one conditional UPDATE.
    """
    with transaction.atomic():
        current = PairStage.of(pair_id, lock=True)
        if current.number != stage_number or stage_number >= last_stage:
            return "stale"
        Readiness.objects.update_or_create(
            pair_id=pair_id, user=user, defaults={"stage_number": stage_number, "said_at": timezone.now()}
        )
        ready = Readiness.objects.filter(pair_id=pair_id, stage_number=stage_number).count()
        if ready < 2:
            return "noted"
        moved = PairStage.objects.filter(pair_id=pair_id, number=stage_number).update(
            number=stage_number + 1, changed_at=timezone.now(), last_change=PairStage.BOTH_READY
        )
        Readiness.objects.filter(pair_id=pair_id).delete()
        return "moved" if moved else "stale"


def go_back(pair_id, stage_number):
    """One partner is enough to go back a stage. Any "ready" said on the stage they leave is forgotten."""
    with transaction.atomic():
        PairStage.of(pair_id, lock=True)
        moved = PairStage.objects.filter(pair_id=pair_id, number=stage_number, number__gt=1).update(
            number=stage_number - 1, changed_at=timezone.now(), last_change=PairStage.WENT_BACK
        )
        if moved:
            Readiness.objects.filter(pair_id=pair_id).delete()
        return bool(moved)


class Feeling(SealedRow, models.Model):
    """How one session felt to one person: only ever shown to that person (and in their own export).

    Which session, the ratings and the note are sealed under the owner's data key (`sealed`); only the owner and
    the time stay plain. The plain columns are set only on rows from before keys existed, until the owner's next
    sign-in seals them (private_records.py)."""

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
    sealed = models.BinaryField(null=True, editable=False)
    # Rows from before keys existed only: never set on a new row.
    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    practice_title = models.CharField(max_length=200, blank=True)
    comfort = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(SCALE)])
    enjoyment = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(SCALE)])
    pain = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(SCALE)])
    note = models.TextField(blank=True, max_length=NOTE_MAX_CHARS)

    class Meta:
        ordering = ["-felt_at"]

    @staticmethod
    def sealing_context(user_id, felt_at):
        """Bound to its owner and its time, so a sealed value moved to another row does not open."""
        return f"feeling:{user_id}:{felt_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.felt_at)

    @classmethod
    def _seal(cls, data_key, context, practice_id, practice_title, comfort, enjoyment, pain, note):
        felt = {
            "practice": practice_id,
            "practice_title": practice_title[:TITLE_MAX_CHARS],
            "comfort": comfort,
            "enjoyment": enjoyment,
            "pain": pain,
            "note": note[:NOTE_MAX_CHARS],
        }
        return keys.seal_json(data_key, felt, context, cls.SEALED_BYTES)

    @classmethod
    def record(cls, user, data_key, practice, comfort, enjoyment, pain, note):
        felt_at = timezone.now()
        sealed = cls._seal(
            data_key, cls.sealing_context(user.pk, felt_at), practice.pk, practice.title, comfort, enjoyment, pain, note
        )
        return cls.objects.create(user=user, felt_at=felt_at, sealed=sealed)

    def open(self, data_key):
        """This row's content (OpenFeeling), or None when it does not open (logged by row number only)."""
        try:
            felt = keys.unseal_json(data_key, self.sealed, self.sealing_context(self.user_id, self.felt_at))
            return OpenFeeling(
                self.pk,
                self.felt_at,
                felt["practice"],
                felt["practice_title"],
                felt["comfort"],
                felt["enjoyment"],
                felt["pain"],
                felt["note"],
            )
        except (keys.Unreadable, KeyError, TypeError):
            logger.warning("A sealed feeling (row %s) did not open; it is left out.", self.pk)
            return None

    @classmethod
    def mine(cls, user, data_key):
        """Every feeling of mine that opens, newest first (one query: a person has few)."""
        opened = (row.open(data_key) for row in cls.objects.filter(user=user).exclude(sealed=None))
        return [felt for felt in opened if felt]

    @classmethod
    def mine_for(cls, user, data_key, practice, limit=5):
        return [felt for felt in cls.mine(user, data_key) if felt.practice_id == practice.pk][:limit]

    def seal_plain(self, data_key):
        """A row from before keys existed: sealed now, its plain columns emptied."""
        sealed = self._seal(
            data_key,
            self.row_context(),
            self.practice_id,
            self.practice_title,
            self.comfort,
            self.enjoyment,
            self.pain,
            self.note,
        )
        Feeling.objects.filter(pk=self.pk, sealed=None).update(
            sealed=sealed,
            practice=None,
            practice_title="",
            comfort=None,
            enjoyment=None,
            pain=None,
            note="",
        )


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


class NotTonight(models.Model):
    """ "Not tonight", with no reason: the partner is told only that, until NOTICE_HOURS have passed."""

    NOTICE_HOURS = 12
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    said_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pair", "user"], name="one_not_tonight_per_person")]

    @classmethod
    def say(cls, pair_id, user):
        cls.objects.update_or_create(pair_id=pair_id, user=user, defaults={"said_at": timezone.now()})

    @classmethod
    def from_partner(cls, pair_id, user):
        """True when my partner said "not tonight" in the last NOTICE_HOURS."""
        since = timezone.now() - timedelta(hours=cls.NOTICE_HOURS)
        return cls.objects.filter(pair_id=pair_id, said_at__gte=since).exclude(user=user).exists()


class RunQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at=None)


class Run(models.Model):
    """A pair doing one session together on both phones. Each phone works out the part and the time left from
    these times alone, so both timers agree without any message between the phones."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.FloatField(default=0)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = RunQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair"], condition=models.Q(ended_at=None), name="one_open_run_per_pair"),
        ]

    @classmethod
    def start(cls, pair_id, practice, user):
        """Start `practice` for the pair; a session still open is ended first (one at a time)."""
        with transaction.atomic():
            PairStage.of(pair_id, lock=True)  # two phones starting at once start one session
            cls.objects.open().filter(pair_id=pair_id).update(ended_at=timezone.now())
            return cls.objects.create(pair_id=pair_id, practice=practice, started_by=user)

    def parts(self):
        cached = getattr(self, "_parts", None)
        if cached is None:
            cached = self._parts = list(self.practice.parts.all()) if self.practice_id else []
        return cached

    def elapsed(self, now):
        return ((self.paused_at or now) - self.started_at).total_seconds() - self.paused_seconds

    def where(self, now=None):
        """(index of the part, the part, seconds left in it), or None once every part's time is over."""
        elapsed, ends = self.elapsed(now or timezone.now()), 0
        for index, part in enumerate(self.parts()):
            ends += part.minutes * 60
            if elapsed < ends:
                return index, part, ends - elapsed
        return None

    def _change(self, **changes):
        """One conditional UPDATE on the version this phone saw: a stale or doubled tap changes nothing."""
        done = Run.objects.filter(pk=self.pk, version=self.version, ended_at=None).update(
            version=models.F("version") + 1, **changes
        )
        return bool(done)

    def pause(self):
        return self.paused_at is None and self._change(paused_at=timezone.now())

    def resume(self):
        if self.paused_at is None:
            return False
        return self._change(
            paused_at=None, paused_seconds=self.paused_seconds + (timezone.now() - self.paused_at).total_seconds()
        )

    def next_part(self):
        """Skip the rest of this part: the session's start moves earlier by the time that was left."""
        now = timezone.now()
        found = self.where(now)
        if found is None:
            return False
        return self._change(started_at=self.started_at - timedelta(seconds=found[2]))

    def stop(self):
        return self._change(ended_at=timezone.now())


# --- The solo track: for the partner with pain, alone ---------------------------


class SoloGuide(models.Model):
    """A guide for the partner with pain to use alone, from programme/content/solo/."""

    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    why = models.TextField()
    body = models.TextField()  # Markdown; for step-by-step guides, what comes before the steps
    reviewed_on = models.DateField()
    next_review_on = models.DateField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:solo_guide", args=[self.slug])

    def get_sources_url(self):
        return reverse("programme:solo_guide_sources", args=[self.slug])

    @cached_property
    def source_list(self):
        return [Source.from_stored(source) for source in self.sources]


class SoloStep(models.Model):
    guide = models.ForeignKey(SoloGuide, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    how_long = models.TextField()
    pressure_not_pain = models.TextField()
    if_it_hurts = models.TextField()
    when_to_ask = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Step {self.number}: {self.title}"


class SoloLog(SealedRow, models.Model):
    """One practice of the solo steps, for its owner alone: never shown to the partner (see SharedLine).

    Which step, the minutes, the pain and the note are sealed under the owner's data key (`sealed`); only the
    owner and the time stay plain. The plain columns are set only on rows from before keys existed, until the
    owner's next sign-in seals them (private_records.py)."""

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
    sealed = models.BinaryField(null=True, editable=False)
    # Rows from before keys existed only: never set on a new row.
    step = models.ForeignKey(SoloStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    step_title = models.CharField(max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(120)])
    pain = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(10)])
    note = models.TextField(blank=True, max_length=NOTE_MAX_CHARS)

    class Meta:
        ordering = ["-practised_at"]

    @staticmethod
    def sealing_context(user_id, practised_at):
        """Bound to its owner and its time, so a sealed value moved to another row does not open."""
        return f"solo-log:{user_id}:{practised_at.isoformat()}"

    def row_context(self):
        return self.sealing_context(self.user_id, self.practised_at)

    @classmethod
    def _seal(cls, data_key, context, step_id, step_title, guide_slug, minutes, pain, note):
        practised = {
            "step": step_id,
            "step_title": step_title[:TITLE_MAX_CHARS],
            "guide": guide_slug,
            "minutes": minutes,
            "pain": pain,
            "note": note[:NOTE_MAX_CHARS],
        }
        return keys.seal_json(data_key, practised, context, cls.SEALED_BYTES)

    @classmethod
    def record(cls, user, data_key, step, minutes, pain, note):
        practised_at = timezone.now()
        sealed = cls._seal(
            data_key,
            cls.sealing_context(user.pk, practised_at),
            step.pk,
            str(step),
            step.guide.slug,
            minutes,
            pain,
            note,
        )
        return cls.objects.create(user=user, practised_at=practised_at, sealed=sealed)

    def open(self, data_key):
        """This row's content (OpenSoloLog), or None when it does not open (logged by row number only)."""
        try:
            practised = keys.unseal_json(data_key, self.sealed, self.sealing_context(self.user_id, self.practised_at))
            shared = hasattr(self, "shared")  # read with select_related("shared"): no query
            return OpenSoloLog(
                self.pk,
                self.practised_at,
                practised["step"],
                practised["step_title"],
                practised["guide"],
                practised["minutes"],
                practised["pain"],
                practised["note"],
                shared,
            )
        except (keys.Unreadable, KeyError, TypeError):
            logger.warning("A sealed solo log (row %s) did not open; it is left out.", self.pk)
            return None

    @classmethod
    def mine(cls, user, data_key, oldest_first=False):
        """Every practice of mine that opens, newest first unless asked (one query: a person has few)."""
        rows = cls.objects.filter(user=user).exclude(sealed=None).select_related("shared")
        opened = (row.open(data_key) for row in (rows.order_by("practised_at") if oldest_first else rows))
        return [log for log in opened if log]

    @classmethod
    def mine_in(cls, user, data_key, guide, limit=10):
        return [log for log in cls.mine(user, data_key) if log.guide == guide.slug][:limit]

    @classmethod
    def summary_for(cls, user, data_key):
        """What the appointment sheet shows its owner: how often, which step, how much pain. None without a log."""
        logs = cls.mine(user, data_key, oldest_first=True)
        if not logs:
            return None
        return {
            "count": len(logs),
            "since": logs[0].practised_at,
            "last_step": logs[-1].step_title,
            "highest_pain": max(log.pain for log in logs),
            "last_pain": logs[-1].pain,
        }

    def seal_plain(self, data_key):
        """A row from before keys existed: sealed now, its plain columns emptied."""
        guide = SoloGuide.objects.filter(steps__pk=self.step_id).values_list("slug", flat=True).first()
        sealed = self._seal(
            data_key, self.row_context(), self.step_id, self.step_title, guide, self.minutes, self.pain, self.note
        )
        SoloLog.objects.filter(pk=self.pk, sealed=None).update(
            sealed=sealed,
            step=None,
            step_title="",
            minutes=None,
            pain=None,
            note="",
        )


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


class SharedLine(SealedRow, models.Model):
    """One line of my own solo practice that I chose to show my partner (never the note). I can take it back.

    What the partner sees (the date, step, minutes and pain) is sealed under the pair key (`sealed`), so only the
    two partners can read it. A line from before keys existed has none until its owner's next sign-in."""

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
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(null=True, editable=False)

    class Meta:
        ordering = ["-shared_at"]

    @staticmethod
    def sealing_context(pair_id, log_id):
        return f"shared-line:{pair_id}:{log_id}"

    def row_context(self):
        return self.sealing_context(self.pair_id, self.log_id)

    @classmethod
    def _seal(cls, pair_key, pair_id, log):
        line = {
            "practised_at": log.practised_at.isoformat(),
            "step_title": log.step_title[:TITLE_MAX_CHARS],
            "minutes": log.minutes,
            "pain": log.pain,
        }
        return keys.seal_json(pair_key, line, cls.sealing_context(pair_id, log.pk), cls.SEALED_BYTES)

    @classmethod
    def set(cls, log, pair_id, shared, pair_key=None):
        """Shared or private, as asked (never flipped: a repeated or late tap on "make private" keeps it private).

        `log` is the owner's OpenSoloLog; sharing needs the pair key."""
        if not shared:
            cls.objects.filter(log_id=log.pk).delete()
            return
        sealed = cls._seal(pair_key, pair_id, log)
        try:
            with transaction.atomic():
                cls.objects.get_or_create(log_id=log.pk, defaults={"pair_id": pair_id, "sealed": sealed})
        except IntegrityError:  # shared by a second tap at the same moment
            pass
        cls.objects.filter(log_id=log.pk, pair_id=pair_id, sealed=None).update(sealed=sealed)  # one from before keys

    def seal_plain(self, log, pair_key):
        """A line from before keys existed, sealed from its log (`log`, the owner's OpenSoloLog)."""
        SharedLine.objects.filter(pk=self.pk, sealed=None).update(sealed=self._seal(pair_key, self.pair_id, log))

    @classmethod
    def rows_from_partner(cls, pair_id, user, limit=5):
        """My partner's newest shared lines, still sealed (one query): opened with `open_all`."""
        return list(cls.objects.filter(pair_id=pair_id).exclude(log__user=user).exclude(sealed=None)[:limit])

    def open(self, pair_key):
        """What my partner shows me (OpenLine), or None when it does not open (logged by row number only)."""
        try:
            line = keys.unseal_json(pair_key, self.sealed, self.sealing_context(self.pair_id, self.log_id))
            return OpenLine(
                datetime.fromisoformat(line["practised_at"]), line["step_title"], line["minutes"], line["pain"]
            )
        except (keys.Unreadable, KeyError, TypeError, ValueError):
            logger.warning("A sealed shared line (row %s) did not open; it is left out.", self.pk)
            return None

    @classmethod
    def open_all(cls, rows, pair_key):
        opened = (row.open(pair_key) for row in rows) if pair_key else ()
        return [line for line in opened if line]


@dataclass(frozen=True)
class OpenLine:
    """A SharedLine as the partner reads it, in memory only."""

    practised_at: datetime
    step_title: str
    minutes: int | None
    pain: int | None
