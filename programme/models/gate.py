"""The stage gate: where a pair is, each partner's private "ready", "not tonight", and going back."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from partners.models import Pair


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
