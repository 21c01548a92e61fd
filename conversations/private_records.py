"""This app's part of keeping private records sealed (called by partners at sign-in and by `manage.py plain_rows`)."""

from partners.models import Membership

from .models import Mark, MatchToken
from .private_marks import MarkBook


def seal_plain_rows(user, data_key):
    """Marks stored before keys existed, sealed under the key this sign-in just opened."""
    if Mark.objects.filter(user=user, sealed=None).exists():
        MarkBook(user, data_key).seal_plain_rows()


def forget_unreadable(user):
    """Starting afresh: marks and tokens sealed under a key nobody can open any more are deleted."""
    Mark.objects.filter(user=user).delete()
    MatchToken.objects.filter(membership__user=user).delete()
    Membership.objects.filter(user=user).update(tokens_complete=False)


def count_plain_rows():
    return {"marks": Mark.objects.filter(sealed=None).count()}
