"""This app's part of "Download my data": the account and the person's own seat."""

from . import keys
from .http import get_membership_or_none


def _my_answer(membership, data_key):
    """Opened with my own data key; None if nothing opens."""
    try:
        pair_key = membership.open_pair_key(data_key)
    except keys.Unreadable:
        pair_key = None
    return membership.settle_lives_with_pain(pair_key, data_key)


def export(user, data_key):
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
            "i_live_with_pain": _my_answer(membership, data_key),
            "joined_at": membership.joined_at.isoformat(),
            "show_maybes": membership.show_maybes,
            "hide_matches": membership.hide_matches,
        },
    }
