"""Helpers the stepping-through views share: clamping a step number, and my own mark."""

from ..models import Mark


def nearest_number(number, total):
    return min(max(number, 1), total)


def my_mark(user, idea):
    """The signed-in person's own mark on one idea (never anyone else's), or None."""
    return Mark.objects.filter(user=user, idea=idea).first() if user.is_authenticated else None
