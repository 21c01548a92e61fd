"""This app's part of keeping private records sealed (called by partners at sign-in and by `manage.py plain_rows`)."""

from partners.models import Membership

from .models import Mark, MatchToken
from .private_marks import MarkBook


def seal_plain_rows(user, data_key):
    """At sign-in: marks stored before keys existed sealed under the key just opened, and a sealed row made for
    every idea this person has none for yet (a new account, or ideas added since)."""
    book = MarkBook(user, data_key)
    if Mark.objects.filter(user=user, sealed=None).exists():
        book.seal_plain_rows()
    else:
        book.fill()


def reseal(user, old_data_key, new_data_key, pair):
    """A passphrase change that re-keys: my marks move to the new data key (`pair`, the old and new pair keys,
    and new pair keys: both partners' tokens are remade from their marks)."""
    MarkBook(user, old_data_key).move_to(new_data_key)
    if pair is not None:  # the partner's tokens are under the old pair key: gone now, remade at their next visit
        MatchToken.objects.filter(membership__pair_id=pair.pair_id).delete()


def forget_unreadable(user):
    """Starting afresh: marks and tokens sealed under a key nobody can open any more are deleted."""
    Mark.objects.filter(user=user).delete()
    MatchToken.objects.filter(membership__user=user).delete()
    Membership.objects.filter(user=user).update(tokens_complete=False)
    if user.held_key is not None:
        MarkBook(user, user.held_key).fill()  # rows for every idea again, under the new key


def count_plain_rows():
    return {"marks": Mark.objects.filter(sealed=None).count()}
