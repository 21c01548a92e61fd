"""Marks made and read in tests the way the app does it: sealed under the person's own key (private_marks.py).

A test opens a person's key with their passphrase (conftest.data_key_of), as their sign-in would."""

from conftest import data_key_of
from conversations.private_marks import MarkBook


def book(user):
    return MarkBook(user, data_key_of(user))


def mark(user, idea, choice, side="either"):
    book(user).save(idea, choice, side)


def answer(user, idea):
    """(choice, side) of the person's own mark on `idea`, or None."""
    return book(user).get(idea)


def answers(user):
    """{idea slug: (choice, side)} of all the person's marks."""
    from conversations.models import Idea

    slugs = dict(Idea.objects.values_list("pk", "slug"))
    return {slugs[idea_id]: value for idea_id, value in book(user).all().items()}


def matches_for(user, pair_id=None):
    """(both_yes, yes_and_maybe) as "Both of us" shows them to `user`."""
    return book(user).matches()


def unlocked(username, passphrase):
    """A person as they are after signing in elsewhere (a browser test), holding their key for the test to read."""
    from partners.models import User

    user = User.objects.get(username=username)
    assert data_key_of(user, passphrase) is not None
    return user
