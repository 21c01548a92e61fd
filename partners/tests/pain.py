"""Who lives with the pain, said and read in tests the way the app does it: sealed under the pair key.

A test opens a person's key with their passphrase (conftest.data_key_of), as their sign-in would."""

from conftest import data_key_of
from partners.models import Membership


def pair_key(user):
    """The pair key as `user`'s next request opens it (made afresh for someone left alone in their pair)."""
    from partners.keyring import open_pair_key

    return open_pair_key(data_key_of(user), Membership.objects.select_related("user").get(user=user))


def lives_with_pain(user, reader=None):
    """`user`'s answer as `reader` (themselves unless given) reads it with their pair key: True, False or None."""
    return Membership.objects.get(user=user).lives_with_pain_for(pair_key(reader or user))


def say_lives_with_pain(user, value):
    membership = Membership.objects.select_related("user").get(user=user)
    key = data_key_of(user)
    membership.set_lives_with_pain(value, membership.open_pair_key(key), key)
