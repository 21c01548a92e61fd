"""This app's part of "Download my data": how sessions felt to me, my check-ins, my own "ready" and "not tonight", my pair's stage.

Sealed records are opened with my own data key, which the export view reads from the session."""

from partners.http import get_membership_or_none

from .models import CheckIn, NotTonight, PairStage, Readiness, Run
from .private_records import Diary


def export(user, data_key):
    membership = get_membership_or_none(user)
    diary = Diary(user, data_key)
    return {
        "programme": {
            "our_stage": PairStage.number_for(membership.pair_id) if membership else None,
            "i_said_ready_on_stage": Readiness.objects.filter(user=user).values_list("stage_number", flat=True).first(),
            "i_said_not_tonight_at": next((n.said_at.isoformat() for n in NotTonight.objects.filter(user=user)), None),
            "sessions_we_did_together": [
                {
                    "session": run.practice.title if run.practice else None,
                    "started_at": run.started_at.isoformat(),
                    "ended_at": run.ended_at.isoformat() if run.ended_at else None,
                }
                for run in (
                    Run.objects.filter(pair_id=membership.pair_id).select_related("practice").order_by("started_at")
                    if membership
                    else []
                )
            ],
            "my_solo_practice": [
                {
                    "step": log.step_title,
                    "minutes": log.minutes,
                    "pain": log.pain,
                    "note": log.note,
                    "at": log.practised_at.isoformat(),
                    "shown_to_my_partner": log.shared,
                }
                for log in diary.practices(oldest_first=True)
            ],
            "my_check_ins": [
                {
                    "at": check_in.checked_at.isoformat(),
                    **{
                        key: "not tried" if value == CheckIn.NOT_TRIED else value
                        for key, value in check_in.answers.items()
                    },
                    "shown_to_my_partner": check_in.shown,
                }
                for check_in in reversed(diary.check_ins())
            ],
            "after_sessions_together": [
                {
                    "at": response.said_at.isoformat(),
                    "session": response.practice_title,
                    "what": "what helped me" if response.about == "helped" else "how I responded",
                    "chosen": response.chosen,
                    "shown_to_my_partner": response.shown,
                }
                for response in reversed(diary.responses())
            ],
            "how_sessions_felt_to_me": [
                {
                    "session": felt.practice_title,
                    "comfort": felt.comfort,
                    "enjoyment": felt.enjoyment,
                    "pain": felt.pain,
                    "note": felt.note,
                    "at": felt.felt_at.isoformat(),
                }
                for felt in reversed(diary.feelings())
            ],
        }
    }
