"""This app's part of "Download my data": the account and the person's own seat."""

from .http import get_membership_or_none


def export(user):
    membership = get_membership_or_none(user)
    return {
        "account": {
            "username": user.username,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "pair": None
        if membership is None
        else {
            "i_live_with_pain": membership.lives_with_pain,
            "joined_at": membership.joined_at.isoformat(),
            "show_maybes": membership.show_maybes,
            "hide_matches": membership.hide_matches,
        },
    }
