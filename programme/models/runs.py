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
