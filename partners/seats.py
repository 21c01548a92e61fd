"""The signed-in person's seat, read once per request and passed down.

A `Seat` holds the person's membership, their partner's (with the partner's user), their names, and, when asked,
the keys this session holds and who lives with the pain. It is read in one query and kept on the request, so a
page, its fragment and every helper it calls see the same one without reading the pair again.
"""

from functools import cached_property

from django.http import HttpRequest

from . import keyring, keys
from .models import Membership, User


class Seat:
    def __init__(self, request: HttpRequest, user: User, membership: Membership, partner: Membership | None):
        self._request, self.user, self.membership, self.partner = request, user, membership, partner

    @classmethod
    def of(cls, request: HttpRequest, fresh: bool = False) -> "Seat | None":
        """The signed-in person's seat, or None outside a pair (one query, once per request). `fresh`: read it
        again (a waiting request, between checks: a partner may have left meanwhile)."""
        if fresh or "_seat" not in request.__dict__:
            request._seat = cls._read(request)  # type: ignore[attr-defined]
        return request._seat  # type: ignore[attr-defined]

    @classmethod
    def _read(cls, request: HttpRequest) -> "Seat | None":
        user = request.user
        if not user.is_authenticated:
            return None
        members = list(Membership.objects.filter(pair__members__user_id=user.pk).select_related("user", "pair"))
        mine = next((member for member in members if member.user_id == user.pk), None)
        if mine is None:
            return None
        mine.user = user  # the very object the request holds
        user._state.fields_cache["membership"] = mine  # so `user.membership` elsewhere costs no query
        partner = next((member for member in members if member.pk != mine.pk), None)
        return cls(request, user, mine, partner)

    @property
    def members(self) -> list[Membership]:
        return [self.membership, self.partner] if self.partner else [self.membership]

    @property
    def pair_id(self) -> int:
        return self.membership.pair_id

    @property
    def is_full(self) -> bool:
        return self.partner is not None

    @property
    def partner_name(self) -> str:
        return self.partner.user.username if self.partner else "Your partner"

    def name_of(self, user_id: int | None) -> str:
        """The username of whichever of the two this is ("Your partner" for anyone else, e.g. someone who left)."""
        return next((m.user.username for m in self.members if m.user_id == user_id), "Your partner")

    # --- keys, read from this session only when asked ---

    @property
    def data_key(self) -> bytes:
        """keys.KeysUnavailable when this session holds none (the person is asked for their passphrase)."""
        return keyring.data_key(self._request)

    @cached_property
    def pair_key(self) -> bytes | None:
        return keyring.pair_key(self._request, self.membership, self.partner)

    @cached_property
    def lives_with_pain(self) -> dict[int, bool | None]:
        """{membership pk: True, False or None} for both seats; empty when this session cannot open the answers."""
        try:
            return Membership.lives_with_pain_of(self.members, self.pair_key)
        except keys.KeysUnavailable:
            return {}

    @property
    def i_live_with_pain(self) -> bool | None:
        return self.lives_with_pain.get(self.membership.pk)
