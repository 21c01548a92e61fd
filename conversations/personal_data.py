"""This app's part of "Download my data": my own marks, and what my pair stepped through together."""

from partners.http import get_membership_or_none

from .models import Idea, TogetherPresence, TogetherSession
from .private_marks import MarkBook


def export(user, data_key):
    """`data_key`: my own, from the session (the export view reads it), to open my own marks."""
    membership = get_membership_or_none(user)
    ideas = {idea.pk: idea for idea in Idea.objects.all()}
    marks = sorted(
        (ideas[idea_id].slug, ideas[idea_id], choice, side, at)
        for idea_id, choice, side, at in MarkBook(user, data_key).updated()
        if idea_id in ideas
    )
    sessions = (
        TogetherSession.objects.filter(pair_id=membership.pair_id) if membership else TogetherSession.objects.none()
    )
    return {
        "marks": [
            {"idea": idea.slug, "title": idea.title, "choice": choice, "side": side, "updated_at": at}
            for _, idea, choice, side, at in marks
        ],
        "together_sessions": [
            {
                "what": session.script.title if session.script else f"Ideas: {session.category or 'all'}",
                "started_at": session.created_at.isoformat(),
                "ended_at": session.ended_at.isoformat() if session.ended_at else None,
            }
            for session in sessions.select_related("script", "category").order_by("created_at")
        ],
        "my_phone_in_together_sessions": [
            {
                "session_started_at": presence.session.created_at.isoformat(),
                "last_opened_at": presence.seen_at.isoformat() if presence.seen_at else None,
                "last_changed_an_answer_at": presence.touched_at.isoformat() if presence.touched_at else None,
                "tapped_next_on": presence.ready_position,
            }
            for presence in TogetherPresence.objects.filter(user=user)
            .select_related("session")
            .order_by("session__created_at")
        ],
    }
