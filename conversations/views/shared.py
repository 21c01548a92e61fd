"""Helpers the stepping-through views share: clamping a step number, and access to a pair."""

from django.http import Http404

from ..models import Mark


def nearest_number(number, total):
    return min(max(number, 1), total)


def get_membership(user):
    """The signed-in user's seat, or 404 for anyone not in a pair."""
    membership = getattr(user, "membership", None)
    if membership is None:
        raise Http404("Not in a pair.")
    return membership


def my_mark(user, idea):
    """The signed-in person's own mark on one idea (never anyone else's), or None."""
    return Mark.objects.filter(user=user, idea=idea).first() if user.is_authenticated else None
