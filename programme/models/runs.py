"""A pair doing one session together on both phones, timed from the database alone."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from partners.models import Pair

from .content import Practice
from .gate import PairStage


class RunQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at=None)

    def last_of(self, pair_id):
        """The pair's most recent session together, open or ended (or None), with its practice and stage."""
        return self.filter(pair_id=pair_id).order_by("-started_at").select_related("practice__stage").first()

    def running_or_stopped(self, pair_id, hours=4):
        """(the pair's open run, or None; their last run if it was stopped early, by a tap, in the last `hours`,
        or None): in one query. What a stop leaves on both phones until a new session starts."""
        last = self.last_of(pair_id)
        if last is None:
            return None, None
        if last.ended_at is None:
            return last, None
        lately = last.ended_at >= timezone.now() - timedelta(hours=hours) and last.last_change == Run.STOPPED
        return None, last if lately else None


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
    # Who made the last change, and which: so the other phone is told ("Paused by Sam", "Sam stopped for today").
    STARTED, PAUSED, CARRIED_ON, NEXT_PART, STOPPED, CLOSED = (
        "started",
        "paused",
        "carried_on",
        "next",
        "stopped",
        "closed",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_change = models.CharField(max_length=20, default=STARTED)

    objects = RunQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair"], condition=models.Q(ended_at=None), name="one_open_run_per_pair"),
        ]

    @classmethod
    def start(cls, pair_id, practice, user):
        """(the pair's open run, whether this call started it). A run already open is never ended or restarted:
        a second start (two at once, a stale page) joins it. One at a time, whoever taps first."""
        with transaction.atomic():
            PairStage.of(pair_id, lock=True)  # two phones starting at once: the second waits, then joins
            running = cls.objects.open().filter(pair_id=pair_id).select_related("practice__stage").first()
            if running is not None:
                return running, False
            return cls.objects.create(pair_id=pair_id, practice=practice, started_by=user, changed_by=user), True

    def parts(self):
        cached = getattr(self, "_parts", None)
        if cached is None:
            cached = self._parts = list(self.practice.parts.all()) if self.practice else []
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

    def _change(self, user, change, **changes):
        """One conditional UPDATE on the version this phone saw: a stale or doubled tap changes nothing."""
        done = Run.objects.filter(pk=self.pk, version=self.version, ended_at=None).update(
            version=models.F("version") + 1, changed_by=user, last_change=change, **changes
        )
        return bool(done)

    def pause(self, user):
        return self.paused_at is None and self._change(user, self.PAUSED, paused_at=timezone.now())

    def resume(self, user):
        if self.paused_at is None:
            return False
        return self._change(
            user,
            self.CARRIED_ON,
            paused_at=None,
            paused_seconds=self.paused_seconds + (timezone.now() - self.paused_at).total_seconds(),
        )

    def next_part(self, user):
        """Skip the rest of this part: the session's start moves earlier by the time that was left."""
        now = timezone.now()
        found = self.where(now)
        if found is None:
            return False
        return self._change(user, self.NEXT_PART, started_at=self.started_at - timedelta(seconds=found[2]))

    def stop(self, user):
        """Stop for today (before the end), or close a session whose time is over or whose practice went."""
        early = self.practice is not None and self.where() is not None
        return self._change(user, self.STOPPED if early else self.CLOSED, ended_at=timezone.now())
