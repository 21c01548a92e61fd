"""Private marks, sealed: a copy of the database alone tells nobody which ideas anyone chose or matched on,
how many they answered, or in what order.

- Each person has one mark row per idea from their first sign-in, whether they answered it or not. A row has
  an opaque `slot` (a token of the idea under the owner's data key) and the answer (or "no answer") sealed
  under that data key, padded to one length. Only its owner's session opens it.
- Every change rewrites all of a person's rows in place, each sealed afresh and numbered with the book's
  `edition`: no row says which one changed or when, and a row restored from an older copy (a lower edition)
  is refused and shows as not answered.
- For "Both of us", each paired person also has exactly SLOTS_PER_IDEA match tokens per idea, made with the
  pair key, and also all rewritten on every change. A token stands for one way the idea would be shared
  ("both said yes, seat 1 gives"), so the two partners' answers that would match give the same token; a slot
  with nothing to say holds a filler token made with the owner's own key. Each token row carries a MAC under
  the pair key over its membership, slot and token, so rows copied from another member do not count. "Both of us" is a join on
  equal tokens, mapped back to ideas with the pair key from the session.
- A "not for us" is sealed; besides filler it has only the "answered" token every answer has.
- What the database still shows is listed on the privacy page and in docs/privacy-at-rest.md.
"""

import logging
import os
import secrets

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property

from editorial.page_cache import shared_part
from partners import keys
from partners.http import get_membership_or_none
from partners.keyring import open_pair_key
from partners.models import Membership
from partners.seats import Seat

from .models import AnswerCount, Choice, Idea, Mark, MatchToken, Side

SLOTS_PER_IDEA = 5  # the most one answer needs: answered, and two ways to share it each with or without a maybe
# Every sealed mark holds at most this many bytes of JSON (a 10-digit idea id and edition, "maybe", "receive"
# and a time with microseconds and offset come to about 110), padded to exactly this: one length for all.
MARK_BYTES = (128,)
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


def token_row_mac(pair_key, membership_id, slot, token, write_id):
    """Ties a token row to its member, slot and write: a row copied to another member or slot does not verify,
    and one put back from an earlier write is outvoted by the rest of that member's rows (current_writes)."""
    return keys.token(
        pair_key, "token-row", membership_id, bytes(slot).hex(), bytes(token).hex(), bytes(write_id).hex()
    )


TOKEN_FIELDS = ("membership_id", "slot", "token", "mac", "write_id")


def current_writes(membership_ids):
    """{membership id: the write id most of its token rows carry} (one query). All of a member's rows are
    written together, so rows with another write id were put back from an older copy."""
    counts: dict[int, tuple[bytes, int]] = {}  # membership id -> (write id, rows with it)
    rows = (
        MatchToken.objects.filter(membership_id__in=membership_ids)
        .values_list("membership_id", "write_id")
        .annotate(n=Count("pk"))
    )
    for membership_id, write_id, n in rows:
        if write_id is not None and n > counts.get(membership_id, (None, 0))[1]:
            counts[membership_id] = (bytes(write_id), n)
    return {membership_id: write_id for membership_id, (write_id, _) in counts.items()}


def _verified(pair_key, rows, writes):
    """(membership id, token) of the rows whose MAC holds and whose write is their member's current one; any
    other row is left out (and logged)."""
    good = []
    for membership_id, slot, token, mac, write_id in rows:
        current = write_id is not None and bytes(write_id) == writes.get(membership_id)
        if current and mac is not None and bytes(mac) == token_row_mac(pair_key, membership_id, slot, token, write_id):
            good.append((membership_id, bytes(token)))
        else:
            logger.warning("A match token of membership %s does not verify; it is left out.", membership_id)
    return good


class MarkBook:
    """One signed-in person's own marks, opened with the data key in their session, and their pair's tokens."""

    _seat: Seat  # only on a book made for_seat

    def __init__(self, user, data_key, membership=None, members=None):
        self.user, self.data_key = user, data_key
        if membership is not None:
            self.membership = membership
        self._members = members
        self.refused = 0  # rows that opened but were older than the rest: restored from an old copy

    @classmethod
    def for_seat(cls, seat):
        """The seated person's book, with the pair and pair key their request already read (partners.seats)."""
        book = cls(seat.user, seat.data_key, seat.membership, seat.members)
        book._seat = seat
        return book

    @cached_property
    def membership(self):
        """The person's seat, read only when the pair's tokens are needed (my own marks need none)."""
        return get_membership_or_none(self.user)

    # --- my own marks ---

    def slot_for(self, idea_id):
        return keys.token(self.data_key, "mark", idea_id)

    def _context(self, slot):
        return f"mark:{self.user.pk}:{bytes(slot).hex()}"

    def _open(self, pk, slot, sealed):
        try:
            answer = keys.unseal_json(self.data_key, sealed, self._context(slot))
            if bytes(slot) != self.slot_for(answer["idea"]) or not isinstance(answer["edition"], int):
                raise keys.Unreadable  # moved from another row
            return answer
        except (keys.Unreadable, KeyError, TypeError):
            logger.warning("A sealed mark (row %s) did not open; it is left out.", pk)
            return None

    def _read(self, rows):
        """({idea id: answer dict}, edition) from my rows (a query set of Mark). Only rows of the newest edition
        count: an older one was put back from an old copy, so it shows as not answered (`refused` counts them)."""
        opened = {}
        for pk, slot, sealed in rows.values_list("pk", "slot", "sealed"):
            answer = self._open(pk, slot, sealed)
            if answer is not None:
                opened[answer["idea"]] = answer
        edition = max((answer["edition"] for answer in opened.values()), default=0)
        stale = [idea_id for idea_id, answer in opened.items() if answer["edition"] != edition]
        if stale:
            logger.warning("%s sealed marks were older than the rest; they show as not answered.", len(stale))
        self.refused = len(stale)
        answers = {idea_id: answer for idea_id, answer in opened.items() if idea_id not in stale and answer["choice"]}
        return answers, edition

    @cached_property
    def _answers(self):
        return self._read(Mark.objects.filter(user=self.user))[0]

    def all(self):
        """{idea id: (choice, side)} for every answer of mine (one query, however often asked)."""
        return {idea_id: (a["choice"], a["side"]) for idea_id, a in self._answers.items()}

    def get(self, idea):
        """(choice, side) for my mark on `idea`, or None."""
        answer = self._answers.get(idea.pk)
        return (answer["choice"], answer["side"]) if answer else None

    def updated(self):
        """[(idea id, choice, side, when)] for the export."""
        return [(idea_id, a["choice"], a["side"], a["at"] or None) for idea_id, a in self._answers.items()]

    def mark_rows(self, answers, edition):
        """A Mark for every idea (unsaved): its answer in `answers` {idea id: answer dict} or "no answer"."""
        rows = []
        for idea_id in _ideas_by_id():
            answer = answers.get(idea_id) or {"choice": "", "side": "", "at": ""}
            value = {
                "idea": idea_id,
                "choice": answer["choice"],
                "side": answer["side"],
                "at": answer["at"],
                "edition": edition,
            }
            slot = self.slot_for(idea_id)
            rows.append(
                Mark(
                    user=self.user,
                    slot=slot,
                    sealed=keys.seal_json(self.data_key, value, self._context(slot), MARK_BYTES),
                )
            )
        return rows

    def _write(self, answers, edition):
        """Every row rewritten in place at `edition` (missing ones made, in random order), in one statement."""
        rows = self.mark_rows(answers, edition)
        _shuffle(rows)  # new rows are numbered as they are inserted: in idea order, their numbers would name the ideas
        Mark.objects.bulk_create(rows, update_conflicts=True, unique_fields=["user", "slot"], update_fields=["sealed"])
        self.__dict__["_answers"] = answers

    @transaction.atomic
    def save(self, idea, choice, side):
        """Save, change or clear (choice None) my answer. A real change is counted (AnswerCount). True if it changed."""
        answers, edition = self._read(Mark.objects.select_for_update().filter(user=self.user))
        before = answers.get(idea.pk)
        if ((before["choice"], before["side"]) if before else None) == ((choice, side) if choice else None):
            self.__dict__["_answers"] = answers
            return False
        if choice is None:
            answers.pop(idea.pk, None)
        else:
            answers[idea.pk] = {"choice": choice, "side": side, "at": timezone.now().isoformat()}
        self._write(answers, edition + 1)
        AnswerCount.count_change(self.user)
        self._write_tokens()
        return True

    @transaction.atomic
    def fill(self):
        """A row for every idea, so nothing shows whether or how much this person answered (at sign-in)."""
        if Mark.objects.filter(user=self.user).count() >= len(_ideas_by_id()):
            return
        answers, edition = self._read(Mark.objects.select_for_update().filter(user=self.user))
        self._write(answers, edition + 1)

    @transaction.atomic
    def move_to(self, new_data_key):
        """Every answer of mine sealed again under a new data key (a passphrase change that re-keys): new rows,
        new slots; the old rows go. My tokens are made afresh with the new pair key on my next visit."""
        answers = self._read(Mark.objects.select_for_update().filter(user=self.user))[0]
        Mark.objects.filter(user=self.user).delete()
        MatchToken.objects.filter(membership__user=self.user).delete()
        moved = MarkBook(self.user, new_data_key)
        moved._write(answers, 1)
        return moved

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
        if "_pair_key" not in self.__dict__ and "_seat" in self.__dict__:
            self._pair_key = self._seat.pair_key
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

    def token_rows(self, idea, choice, side, pair_key, write_id):
        """This person's SLOTS_PER_IDEA token rows for one idea: the real tokens and random ones, in random
        slots, so neither a slot nor a row's place says which token is which. Each carries its MAC."""
        real = match_tokens(pair_key, idea, choice, side, self.membership.seat) if choice else []
        # Filler made with my own key: never equal to a partner's token, the same on every rewrite while the
        # answer stays, and all new when it changes, so two copies show which ideas' rows changed, not to what.
        filler = [
            keys.token(self.data_key, "filler", self.membership.pair_id, idea.pk, choice or "", side or "", n)
            for n in range(SLOTS_PER_IDEA - len(real))
        ]
        padded = real + filler
        _shuffle(padded)
        member = self.membership.pk
        return [
            MatchToken(
                membership_id=member,
                slot=slot,
                token=token,
                write_id=write_id,
                mac=token_row_mac(pair_key, member, slot, token, write_id),
            )
            for slot, token in zip(self._token_slots(idea.pk), padded, strict=True)
        ]

    def all_token_rows(self, answers, pair_key):
        """Every idea's token rows from `answers` ({idea id: answer dict}), in random order."""
        rows, write_id = [], os.urandom(8)  # one random id for all of this write's rows: it says nothing itself
        for idea in _ideas_by_id().values():
            answer = answers.get(idea.pk)
            rows += self.token_rows(
                idea,
                answer["choice"] if answer else None,
                answer["side"] if answer else Side.EITHER,
                pair_key,
                write_id,
            )
        _shuffle(rows)  # rows are numbered as they are inserted: in idea order, their numbers would name the ideas
        return rows

    def _write_tokens(self):
        """All my token rows, rewritten in place from my answers (inside the transaction that saved them): no
        row shows which idea changed. Made afresh when they are not complete (new pair key, new ideas)."""
        pair_key = self.pair_key
        if pair_key is None:
            return
        rows = self.all_token_rows(self._answers, pair_key)
        if not self.membership.tokens_complete:
            MatchToken.objects.filter(membership_id=self.membership.pk).delete()
            MatchToken.objects.bulk_create(rows)
            Membership.objects.filter(pk=self.membership.pk).update(tokens_complete=True)
            self.membership.tokens_complete = True
            return
        MatchToken.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["membership", "slot"],
            update_fields=["token", "mac", "write_id"],
        )

    def make_all_tokens(self):
        """Every idea's tokens at once: when this person joins a pair, or their rows were just sealed."""
        if self.pair_key is None:
            return
        with transaction.atomic():  # one at a time per person, reading the marks as they are now
            self.__dict__["_answers"] = self._read(Mark.objects.select_for_update().filter(user=self.user))[0]
            self.membership.tokens_complete = False
            self._write_tokens()

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
        mine, partner = self.membership.pk, self.partner.pk
        rows = (
            MatchToken.objects.filter(membership_id__in=[mine, partner])
            .filter(token__in=MatchToken.objects.filter(membership_id=mine).values("token"))
            .filter(token__in=MatchToken.objects.filter(membership_id=partner).values("token"))
            .values_list(*TOKEN_FIELDS)
        )
        holders: dict[bytes, set[int]] = {}  # token -> the membership ids whose genuine rows have it
        for membership_id, token in _verified(pair_key, rows, self._writes([mine, partner])):
            holders.setdefault(token, set()).add(membership_id)
        meaning = self._token_meanings(pair_key)
        kinds: dict[int, str] = {}  # idea id -> "both-yes" or "yes-and-maybe"
        for token in (token for token, held_by in holders.items() if len(held_by) == 2):  # both rows genuine
            idea_id, kind = meaning.get(token, (None, None))
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

    def _writes(self, membership_ids):
        """current_writes, read once per book for the members asked about."""
        known = self.__dict__.setdefault("_current_writes", {})
        missing = [pk for pk in membership_ids if pk not in known]
        if missing:
            known.update({pk: None for pk in missing} | current_writes(missing))
        return known

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
        result: dict[int, set[int]] = {member.pk: set() for member in members}
        if pair_key is None:
            return result
        wanted = {}
        for member in members:
            for idea in ideas:
                wanted[keys.token(pair_key, "answered", idea.pk, member.seat)] = (member.pk, idea.pk)
        found = MatchToken.objects.filter(membership_id__in=[m.pk for m in members], token__in=list(wanted))
        for membership_id, token in _verified(
            pair_key, found.values_list(*TOKEN_FIELDS), self._writes([m.pk for m in members])
        ):
            owner, idea_id = wanted.get(token, (None, None))
            if owner == membership_id:
                result[owner].add(idea_id)
        return result

    def partner_has_answered(self, idea):
        """Whether the partner has any answer to `idea` (never which): one query, asked once per idea."""
        known = self.__dict__.setdefault("_partner_answered", {})
        if idea.pk not in known:
            pair_key = self.pair_key  # only the partner's tokens are read: mine need not be complete for this
            found = (
                MatchToken.objects.filter(
                    membership__pair_id=self.membership.pair_id,
                    token=keys.token(pair_key, "answered", idea.pk, 3 - self.membership.seat),
                ).exclude(membership_id=self.membership.pk)
                if pair_key is not None
                else MatchToken.objects.none()
            )
            rows = list(found.values_list(*TOKEN_FIELDS))
            known[idea.pk] = bool(rows) and bool(_verified(pair_key, rows, self._writes({row[0] for row in rows})))
        return known[idea.pk]
