"""This app's part of keeping private records sealed: my marks and my pair's match tokens (private_marks.py)."""

from partners.models import Membership

from .models import Mark, MatchToken
from .private_marks import MarkBook


def unlocked(user, data_key):
    """At every opening of the keys: a sealed row for every idea this person has none for yet (a new account, or
    ideas added since)."""
    MarkBook(user, data_key).fill()


def reseal(user, old_data_key, new_data_key, pair):
    """A passphrase change that re-keys: my marks move to the new data key (`pair`, the old and new pair keys,
    and new pair keys: both partners' tokens are remade from their marks)."""
    MarkBook(user, old_data_key).move_to(new_data_key)
    if pair is not None:  # the partner's tokens are under the old pair key: gone now, remade at their next visit
        MatchToken.objects.filter(membership__pair_id=pair.pair_id).delete()


def forget_unreadable(user, data_key):
    """Starting afresh: marks and tokens sealed under a key nobody can open any more are deleted, and a row for
    every idea made again under the new key (`data_key`)."""
    Mark.objects.filter(user=user).delete()
    MatchToken.objects.filter(membership__user=user).delete()
    Membership.objects.filter(user=user).update(tokens_complete=False)
    MarkBook(user, data_key).fill()
