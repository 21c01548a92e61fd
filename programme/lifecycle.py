"""What a freed seat means for the programme (the `seat_released` hook, registered in apps.py)."""

from . import follow
from .models import NotTonight, PairStage, Readiness, Run, SharedCheckIn, SharedHelp, SharedLine


def start_afresh(pair_id, **kwargs):
    """When a seat in the pair is freed: the programme starts again for whoever pairs next. Nobody's "ready" or
    "not tonight" carries over to a new partner, and an open session ends."""
    Readiness.objects.filter(pair_id=pair_id).delete()
    NotTonight.objects.filter(pair_id=pair_id).delete()
    SharedLine.objects.filter(pair_id=pair_id).delete()
    SharedHelp.objects.filter(pair_id=pair_id).delete()
    SharedCheckIn.objects.filter(pair_id=pair_id).delete()
    PairStage.objects.filter(pair_id=pair_id).delete()
    Run.objects.filter(pair_id=pair_id).delete()  # a new partner never sees what the pair did before
    follow.changed(pair_id)  # the phone left behind stops showing the session
