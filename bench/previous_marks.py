"""The sealed marks as they were before issue 19 (one row per answered idea, written alone, unpadded; token rows
without a MAC), kept only to measure against in the same run (bench/run.py `sealing_cost`). Never used by the app.
"""

import logging
import os
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property

from conversations.models import AnswerCount, Choice, Idea, Mark, MatchToken, Side
from editorial.page_cache import shared_part
from partners import keys
from partners.http import get_membership_or_none, open_pair_key
from partners.models import Membership

UNPADDED = tuple(range(1, 4097))  # any length: as before padding
SLOTS_PER_IDEA = 5  # the most one answer needs: answered, and two ways to share it each with or without a maybe
logger = logging.getLogger(__name__)
_shuffle = secrets.SystemRandom().shuffle


def _ideas_by_id():
    return shared_part("ideas-by-id", lambda: {i.pk: i for i in Idea.objects.select_related("category")})


def _ways_to_share(idea, side, seat):
    """Who gives, for a two-sided idea (one way, or both for "either way"); one way for any other idea."""
    if not idea.two_sided:
        return ["together"]
    other = 3 - seat
    givers = {Side.GIVE: [seat], Side.RECEIVE: [other]}.get(side, [seat, other])
    return [f"seat-{giver}-gives" for giver in givers]


def match_tokens(pair_key, idea, choice, side, seat):
    """The tokens one answer adds. Equal across partners exactly when the two answers match (see matches)."""
    made = [keys.token(pair_key, "answered", idea.pk, seat)]  # per seat: never equal to the partner's
    if choice in (Choice.YES, Choice.MAYBE):
        for way in _ways_to_share(idea, side, seat):
            if choice == Choice.YES:
                made.append(keys.token(pair_key, "both-yes", idea.pk, way))
                made.append(keys.token(pair_key, "yes-and-maybe", idea.pk, way, 3 - seat))  # the maybe is theirs
            else:
                made.append(keys.token(pair_key, "yes-and-maybe", idea.pk, way, seat))  # the maybe is mine
    return made


class MarkBook:
    """One signed-in person's own marks, opened with the data key in their session, and their pair's tokens."""

    def __init__(self, user, data_key, membership=None, members=None):
        self.user, self.data_key = user, data_key
        if membership is not None:
            self.membership = membership
        self._members = members

    @cached_property
    def membership(self):
        """The person's seat, read only when the pair's tokens are needed (my own marks need none)."""
        return get_membership_or_none(self.user)

    @classmethod
    def of(cls, request, membership=None, members=None):
        """The signed-in person's book; keys.KeysUnavailable (they sign in again) when the session holds no key."""
        return cls(request.user, keys.data_key(request), membership, members)

    # --- my own marks ---

    def _slot(self, idea_id):
        return keys.token(self.data_key, "mark", idea_id)

    def _context(self, slot):
        return f"mark:{self.user.pk}:{bytes(slot).hex()}"

    def _open(self, row):
        try:
            answer = keys.unseal_json(self.data_key, row.sealed, self._context(row.slot))
            if bytes(row.slot) != self._slot(answer["idea"]):
                raise keys.Unreadable  # moved from another row
            return answer
        except (keys.Unreadable, KeyError, TypeError):
            logger.warning("A sealed mark (row %s) did not open; it is left out.", row.pk)
            return None

    def _opened(self):
        """Every mark of mine that opens, as its sealed answer (one query)."""
        opened = (self._open(row) for row in Mark.objects.filter(user=self.user).exclude(sealed=None))
        return [answer for answer in opened if answer]

    def all(self):
        """{idea id: (choice, side)} for every mark of mine that opens (one query)."""
        return {answer["idea"]: (answer["choice"], answer["side"]) for answer in self._opened()}

    def get(self, idea):
        """(choice, side) for my mark on `idea`, or None (one query)."""
        row = Mark.objects.filter(user=self.user, slot=self._slot(idea.pk)).first()
        answer = self._open(row) if row is not None and row.sealed is not None else None
        return (answer["choice"], answer["side"]) if answer else None

    def updated(self):
        """[(idea id, choice, side, when)] for the export."""
        return [(a["idea"], a["choice"], a["side"], a.get("at")) for a in self._opened()]

    def sealed(self, idea_id, choice, side, at=None):
        """(slot, sealed answer) for a mark row: nothing about the idea or the answer shows outside the seal."""
        slot = self._slot(idea_id)
        answer = {"idea": idea_id, "choice": choice, "side": side, "at": at}
        return slot, keys.seal_json(self.data_key, answer, self._context(slot), UNPADDED)

    @transaction.atomic
    def save(self, idea, choice, side):
        """Save, change or clear (choice None) my answer. A real change is counted (AnswerCount). True if it changed."""
        before = self.get(idea)
        if before == ((choice, side) if choice else None):
            return False
        if choice is None:
            Mark.objects.filter(user=self.user, slot=self._slot(idea.pk)).delete()
        else:
            slot, sealed = self.sealed(idea.pk, choice, side, timezone.now().isoformat())
            Mark.objects.update_or_create(user=self.user, slot=slot, defaults={"sealed": sealed})
        AnswerCount.count_change(self.user)
        self._write_tokens(idea, choice, side)
        return True

    def seal_plain_rows(self):
        """Rows stored before keys existed: sealed now, plain columns emptied."""
        for row in Mark.objects.filter(user=self.user, sealed=None).exclude(idea=None):
            slot, sealed = self.sealed(row.idea_id, row.choice, row.side or Side.EITHER)
            Mark.objects.filter(user=self.user, slot=slot).exclude(pk=row.pk).delete()
            Mark.objects.filter(pk=row.pk).update(idea=None, choice="", side="", slot=slot, sealed=sealed)
        if self.membership is not None:
            Membership.objects.filter(pk=self.membership.pk).update(tokens_complete=False)
            self.membership.tokens_complete = False

    # --- the pair's tokens ---

    @property
    def members(self):
        if self._members is None:
            self._members = list(Membership.objects.filter(pair_id=self.membership.pair_id)) if self.membership else []
        return self._members

    @property
    def partner(self):
        return next((m for m in self.members if m.user_id != self.user.pk), None)

    @property
    def pair_key(self):
        if self.membership is None:
            return None
        if "_pair_key" not in self.__dict__:
            # The partner, when already read, gets the pair key now if they have none yet.
            self._pair_key = open_pair_key(
                self.data_key, self.membership, self.partner if self._members is not None else None
            )
        return self._pair_key

    def _token_slots(self, idea_id):
        return [
            keys.token(self.data_key, "token-slot", self.membership.pair_id, idea_id, n) for n in range(SLOTS_PER_IDEA)
        ]

    def token_rows(self, idea, choice, side, pair_key):
        """This person's SLOTS_PER_IDEA token rows for one idea: the real tokens and random ones, in random
        slots, so neither a slot nor a row's place says which token is which."""
        real = match_tokens(pair_key, idea, choice, side, self.membership.seat) if choice else []
        padded = real + [os.urandom(keys.TOKEN_BYTES) for _ in range(SLOTS_PER_IDEA - len(real))]
        _shuffle(padded)
        return [
            MatchToken(membership_id=self.membership.pk, slot=slot, token=token)
            for slot, token in zip(self._token_slots(idea.pk), padded)
        ]

    def _write_tokens(self, idea, choice, side):
        pair_key = self.pair_key
        if pair_key is None:
            return
        if not self.membership.tokens_complete:
            self.make_all_tokens()
            return
        MatchToken.objects.bulk_create(
            self.token_rows(idea, choice, side, pair_key),
            update_conflicts=True,
            unique_fields=["membership", "slot"],
            update_fields=["token"],
        )

    def make_all_tokens(self):
        """Every idea's tokens at once: when this person joins a pair, or their rows were just sealed."""
        pair_key = self.pair_key
        if pair_key is None:
            return
        with transaction.atomic():  # one at a time per person, reading the marks as they are now
            Membership.objects.select_for_update().filter(pk=self.membership.pk).first()
            mine = self.all()
            rows = []
            for idea in _ideas_by_id().values():
                choice, side = mine.get(idea.pk, (None, Side.EITHER))
                rows += self.token_rows(idea, choice, side, pair_key)
            _shuffle(rows)  # rows are numbered as they are inserted: in idea order, their numbers would name the ideas
            MatchToken.objects.filter(membership_id=self.membership.pk).delete()
            MatchToken.objects.bulk_create(rows)
            Membership.objects.filter(pk=self.membership.pk).update(tokens_complete=True)
        self.membership.tokens_complete = True

    def tokens_ready(self):
        """This person's tokens, complete (made now if they are not yet): the pair key, or None without one."""
        pair_key = self.pair_key
        if pair_key is not None and not self.membership.tokens_complete:
            self.make_all_tokens()
        return pair_key

    def matches(self, ideas=None):
        """(both_yes, yes_and_maybe): ideas both partners chose, never stored and never saying who chose what.

        The join reads this person's and the partner's SLOTS_PER_IDEA tokens for every idea, whatever either
        answered, so its work cannot hint at the partner's answers. Maybes show only when both opted in."""
        members = self.members
        if len(members) != 2 or any(m.hide_matches for m in members):
            return [], []
        pair_key = self.tokens_ready()
        if pair_key is None:
            return [], []
        partner = self.partner
        shared = MatchToken.objects.filter(
            membership_id=self.membership.pk,
            token__in=MatchToken.objects.filter(membership_id=partner.pk).values("token"),
        ).values_list("token", flat=True)
        meaning = self._token_meanings(pair_key)
        kinds = {}
        for token in shared:
            idea_id, kind = meaning.get(bytes(token), (None, None))
            if idea_id is not None and kinds.get(idea_id) != "both-yes":
                kinds[idea_id] = kind
        ideas_by_id = _ideas_by_id()
        wanted = None if ideas is None else {idea.pk for idea in ideas}
        chosen = sorted(
            (
                ideas_by_id[idea_id]
                for idea_id in kinds
                if idea_id in ideas_by_id and not ideas_by_id[idea_id].retired and (wanted is None or idea_id in wanted)
            ),
            key=lambda idea: (idea.category.order, idea.order, idea.pk),
        )
        show_maybes = all(m.show_maybes for m in members)
        both_yes = [idea for idea in chosen if kinds[idea.pk] == "both-yes"]
        yes_and_maybe = [idea for idea in chosen if kinds[idea.pk] == "yes-and-maybe"] if show_maybes else []
        return both_yes, yes_and_maybe

    def _token_meanings(self, pair_key):
        """{token: (idea id, kind)} for every token two partners' answers can share."""
        meaning = {}
        for idea in _ideas_by_id().values():
            ways = _ways_to_share(idea, Side.EITHER, 1)
            for way in ways:
                meaning[keys.token(pair_key, "both-yes", idea.pk, way)] = (idea.pk, "both-yes")
                for maybe_seat in (1, 2):
                    meaning[keys.token(pair_key, "yes-and-maybe", idea.pk, way, maybe_seat)] = (
                        idea.pk,
                        "yes-and-maybe",
                    )
        return meaning

    def answered(self, members, ideas):
        """{idea id} of `ideas` that each given member (Membership) has answered: {member pk: set}."""
        pair_key = self.tokens_ready()
        result = {member.pk: set() for member in members}
        if pair_key is None:
            return result
        wanted = {}
        for member in members:
            for idea in ideas:
                wanted[keys.token(pair_key, "answered", idea.pk, member.seat)] = (member.pk, idea.pk)
        found = MatchToken.objects.filter(membership_id__in=[m.pk for m in members], token__in=list(wanted))
        for membership_id, token in found.values_list("membership_id", "token"):
            owner, idea_id = wanted.get(bytes(token), (None, None))
            if owner == membership_id:
                result[owner].add(idea_id)
        return result

    def partner_has_answered(self, idea):
        """Whether the partner has any answer to `idea` (never which): one query, asked once per idea."""
        known = self.__dict__.setdefault("_partner_answered", {})
        if idea.pk not in known:
            pair_key = self.tokens_ready()
            known[idea.pk] = (
                pair_key is not None
                and MatchToken.objects.filter(
                    membership__pair_id=self.membership.pair_id,
                    token=keys.token(pair_key, "answered", idea.pk, 3 - self.membership.seat),
                )
                .exclude(membership_id=self.membership.pk)
                .exists()
            )
        return known[idea.pk]
