"""This app's part of "Download my data": how sessions felt to me, my own "ready" and "not tonight", my pair's stage."""

from partners.http import get_membership_or_none

from .models import Feeling, NotTonight, PairStage, Readiness


def export(user):
    membership = get_membership_or_none(user)
    return {
        "programme": {
            "our_stage": PairStage.number_for(membership.pair_id) if membership else None,
            "i_said_ready_on_stage": Readiness.objects.filter(user=user).values_list("stage_number", flat=True).first(),
            "i_said_not_tonight_at": next((n.said_at.isoformat() for n in NotTonight.objects.filter(user=user)), None),
            "how_sessions_felt_to_me": [
                {"session": felt.practice_title, "comfort": felt.comfort, "enjoyment": felt.enjoyment, "pain": felt.pain,
                 "note": felt.note, "at": felt.felt_at.isoformat()}
                for felt in Feeling.objects.filter(user=user).order_by("felt_at")
            ],
        }
    }
