"""This app's part of "Download my data": my own marks, and what my pair stepped through together."""

from partners.http import get_membership_or_none

from .models import Mark, TogetherPresence, TogetherSession


def export(user):
    membership = get_membership_or_none(user)
    sessions = TogetherSession.objects.filter(pair_id=membership.pair_id) if membership else TogetherSession.objects.none()
    return {
        "marks": [
            {"idea": mark.idea.slug, "title": mark.idea.title, "choice": mark.choice, "side": mark.side,
             "updated_at": mark.updated_at.isoformat()}
            for mark in Mark.objects.filter(user=user).select_related("idea").order_by("idea__slug")
        ],
        "together_sessions": [
            {"what": session.script.title if session.script_id else f"Ideas: {session.category or 'all'}",
             "started_at": session.created_at.isoformat(),
             "ended_at": session.ended_at.isoformat() if session.ended_at else None}
            for session in sessions.select_related("script", "category").order_by("created_at")
        ],
        "my_phone_in_together_sessions": [
            {"session_started_at": presence.session.created_at.isoformat(),
             "last_opened_at": presence.seen_at.isoformat() if presence.seen_at else None,
             "last_changed_an_answer_at": presence.touched_at.isoformat() if presence.touched_at else None,
             "tapped_next_on": presence.ready_position}
            for presence in TogetherPresence.objects.filter(user=user).select_related("session").order_by("session__created_at")
        ],
    }
