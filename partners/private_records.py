"""This app's part of keeping private records sealed: a member's answer to "do you live with the pain?"."""

from .models import Membership


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


def forget_unreadable(user, data_key):
    """Starting afresh: my own copy was sealed under the old data key; the pair's copy brings it back later."""
    Membership.objects.filter(user=user).update(own_sealed_lives_with_pain=None)
