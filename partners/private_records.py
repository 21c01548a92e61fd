"""This app's part of keeping private records sealed: a member's answer to "do you live with the pain?"."""

from . import keys
from .http import get_membership_or_none
from .models import Membership


def seal_plain_rows(user, data_key):
    """At sign-in: the answer sealed again wherever it no longer opens (see Membership.settle_lives_with_pain)."""
    membership = get_membership_or_none(user)
    if membership is None:
        return
    try:
        pair_key = membership.open_pair_key(data_key)
    except keys.Unreadable:
        pair_key = None
    membership.settle_lives_with_pain(pair_key, data_key)


def reseal(user, old_data_key, new_data_key, pair):
    """A re-key: my own copy to my new data key, and with a new pair key (`pair`) both members' pair copies."""
    for member in Membership.objects.filter(pair__members__user=user):
        mine = member.user_id == user.pk
        member.move_lives_with_pain(
            pair.old_key if pair else None,
            pair.new_key if pair else None,
            old_data_key if mine else None,
            new_data_key if mine else None,
        )


def forget_unreadable(user):
    """Starting afresh: my own copy was sealed under the old data key; the pair's copy brings it back later."""
    Membership.objects.filter(user=user).update(own_sealed_lives_with_pain=None)


def count_plain_rows():
    return {}  # no plain answers were ever deployed (migration 0003 dropped them)
