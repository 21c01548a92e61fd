"""Together on two phones, as one request sees it: the card's state read once, and each change announced.

- `Card`: one together session's state for the phone asking, read once per request and passed to the page, the
  fragment, the stamp, `move`, `poll` and `follow`: the session, its length and current item (from the content
  kept in the process: no query), both phones' presences with the viewer's answer counts (one query), whether the
  partner has answered (the viewer's own book), and what the viewer's card shows of them.
- `move`, `pause`, `end`, `seen`, `touched`: each change through the model's conditional UPDATE, then announced
  to the phones following (follow.py) once its transaction commits.
"""

from functools import cached_property

from django.utils.crypto import salted_hmac

from partners.seats import Seat

from . import follow
from .forms import MoveForm, PauseForm
from .models import AnswerCount, Readers, TogetherPresence, TogetherSession
from .private_marks import MarkBook


def changed(session):
    """`session` changed (or opened): its followers, and the pair's start pages, are woken once the change commits
    (at once outside a transaction)."""
    follow.announce_after_commit(follow.session_topic(session.pk), follow.pair_topic(session.pair_id))


def _still_there(session):
    """`session`, or None when what it steps through has gone (then it ends); one past its end moves back."""
    alive, did_change = session.still_there()
    if did_change:
        changed(session)
    return alive


def open_session(user):
    """The open session of `user`'s pair (one query), or None."""
    if not user.is_authenticated:
        return None
    session = TogetherSession.objects.open().filter(pair__members__user_id=user.pk).first()
    return _still_there(session) if session is not None else None


def open_card(request):
    """The card of the pair's open session for the phone asking, or None: the session and both phones' presences
    in one query (two on a phone's very first visit)."""
    found = TogetherPresence.with_open_session_of(request.user) if request.user.is_authenticated else None
    session, presences = found if found else (open_session(request.user), None)
    session = _still_there(session) if found and session is not None else session
    if session is None:
        return None
    card = Card(request, session)
    if presences is not None:
        card.presences = presences
    return card


class Card:
    """`request`'s view of `session`. The seat (names, keys) is read only when something needs it: an unchanged
    poll needs none (see `still_right`)."""

    def __init__(self, request, session):
        self.request, self.session, self.viewer = request, session, request.user

    @cached_property
    def seat(self):
        return Seat.of(self.request)

    @cached_property
    def presences(self):
        return TogetherPresence.of(self.session)

    @cached_property
    def book(self):
        return MarkBook.for_seat(self.seat)

    @property
    def total(self):
        return self.session.length()

    @property
    def current(self):
        return self.session.current_item()

    @property
    def _mine(self):
        return self.presences.get(self.viewer.pk)

    @property
    def _partner(self):
        return next((p for p in self.presences.values() if p.user_id != self.viewer.pk), None)

    @cached_property
    def holding(self):
        """Whether the viewer is holding (AnswerCount): read once, and only when the card needs it."""
        return AnswerCount.is_holding(self.viewer.pk)

    def partner_answered(self, idea):
        """How Next asks whether the partner has an answer. For a viewer who is holding, always "not yet": Next
        then waits for any partner who is here and has not tapped Next, whatever they answered, so waiting says
        nothing. Otherwise the viewer's own book answers (the pair key), never the partner's marks."""
        return False if self.holding else self.book.partner_has_answered(idea)

    @property
    def partner_presence(self):
        """What the viewer's phone shows of the partner: here or not, and on an idea "answered" or "still
        choosing". A viewer who is holding is shown neither, only "here" or "ready to go on"."""
        return self._partner_state(self.partner_answered, lambda: self.holding)[0]

    def _partner_state(self, partner_answered, holding):
        """(what the card shows of the partner, the words the stamp takes for it). `partner_answered(idea)` and
        `holding()` are asked only when the status needs them. The words name what the
        status was worked out from, not only the status: "still choosing" because of a recent change is told
        apart from "still choosing" because of no answer, since the first runs out by itself (see still_right)."""
        partner, session = self._partner, self.session
        if partner is None or not partner.is_here():
            return {"here": False, "status": ""}, "away"
        if not session.is_ideas:
            return {"here": True, "status": ""}, "here"
        if partner.ready_position == session.position:
            return {"here": True, "status": "ready"}, "ready"
        if holding():
            return {"here": True, "status": ""}, "holding"
        if partner.touched_recently(session):
            return {"here": True, "status": "still-choosing"}, "changed-just-now"
        answered = partner_answered(session.current_item())
        return {"here": True, "status": "answered" if answered else "still-choosing"}, f"answered-{answered:d}"

    @property
    def waiting_for(self):
        """The user the other phone waits for on this item, or None."""
        user_id = self.session.waiting_for(self.presences)
        return next((m.user for m in self.seat.members if m.user_id == user_id), None) if user_id else None

    def _stamp_of(self, words):
        session, partner = self.session, self._partner
        waiting_for = session.waiting_for(self.presences) or 0
        # When the partner last changed an answer to the idea on screen (TogetherPresence.touched): with the
        # version, what decides whether they have an answer to it, so the viewer's own comings and goings never
        # make a new stamp.
        changed = partner.touched_at.timestamp() if partner is not None and partner.touched_at else 0
        shown = f"{session.pk}-{session.version}-{changed}-{words}-{waiting_for}"
        # Keyed and cut short: the address a phone asks for (which reaches access logs) says nothing readable.
        return salted_hmac("together-card", shown, algorithm="sha256").hexdigest()[:16]

    def stamp(self):
        """Changes whenever the viewer's card would: a follow or poll request compares it with the phone's own."""
        return self._stamp_of(self._partner_state(self.partner_answered, lambda: self.holding)[1])

    def still_right(self, phone_stamp):
        """Whether the phone's card (`phone_stamp`) is still right, worked out without the seat, any key or the
        viewer's answer counts: only from the session and the presences already read.

        Whether the partner has answered the idea on screen changes only with a move (the version) or with an
        answer they save to it while their phone is here (their presence's `touched_at`); away, it is not asked.
        Both are in the stamp: so if the phone's stamp is the one for either answer, it is the one for the true
        answer. Whether the viewer is holding is tried both
        ways too: when it flips with nothing else changing, the card stays as it was (it shows nothing new) until
        the next change."""
        return any(
            phone_stamp == self._stamp_of(self._partner_state(lambda idea, a=answered: a, lambda h=holding: h)[1])
            for answered in (True, False)
            for holding in (True, False)
        )

    def context(self, mark_form_for):
        """Everything the card shows. `mark_form_for(idea, book)`: the viewer's own answer's form."""
        session, viewer, seat = self.session, self.viewer, self.seat
        partner = self.partner_presence
        waiting_for = self.waiting_for
        readers = Readers.for_seat(seat)
        total, current = self.total, self.current
        context = {
            "stamp": self.stamp(),
            "partner": {**partner, "name": seat.partner_name},
            "waiting_for": waiting_for,
            "anyway_form": MoveForm(initial={"to": session.position + 1, "v": session.version, "anyway": True})
            if waiting_for is not None and waiting_for.pk != viewer.pk
            else None,
            "session": session,
            "membership": seat.membership,
            "total": total,
            "pass_the_phone": False,  # each partner holds their own phone
            # Without JavaScript, checking by itself only when asked (?auto=30) and no answer could be unsent.
            "auto_check": self.request.GET.get("auto") == "30" and (not session.is_ideas or session.paused),
            "pace_line": readers.pace_line,
            "pause_form": PauseForm(initial={"paused": not session.paused}),
            "may_carry_on": session.may_carry_on(viewer, bool(readers.i_live_with_pain)),
            "paused_by_name": seat.name_of(session.paused_by_id) if session.paused_by_id else "",
            "news": f"{seat.partner_name} is ready to go on."
            if waiting_for is not None and waiting_for.pk == viewer.pk
            else session.news_for(viewer, seat.name_of),
            "started_line": (
                ""
                if session.started_by_id is None
                else f"You started “{session.what}”."
                if session.started_by_id == viewer.pk
                else f"{seat.name_of(session.started_by_id)} started “{session.what}”."
            ),
            "back_form": MoveForm(initial={"to": session.position - 1, "v": session.version})
            if session.position > 1
            else None,
            "next_form": MoveForm(initial={"to": session.position + 1, "v": session.version})
            if session.position < total
            else None,
        }
        if session.is_ideas:
            context.update(idea=current, mark_form=mark_form_for(current, self.book), compact=True)
        else:
            context.update(step=current, read_aloud_by=current.read_aloud_by(readers))
        return context

    def both_here_on(self, idea):
        """Whether `idea` is on screen now with both phones here. An answer changed then is part of stepping
        through together, so it holds nothing back (AnswerCount.count_change_together)."""
        current = self.current
        on_it = self.session.is_ideas and current is not None and current.pk == idea.pk
        return on_it and len([p for p in self.presences.values() if p.is_here()]) == 2

    def touched(self, idea):
        """The viewer just saved an answer to `idea`: if the pair is on it together, the partner's phone shows
        "still choosing"."""
        if TogetherPresence.touched(self.session, self.viewer, idea):
            changed(self.session)

    def seen(self, here=True):
        """This phone is on Together now (or has just left it)."""
        if TogetherPresence.seen(self.session, self.viewer, here=here, known=self.presences if here else None):
            changed(self.session)
            self.__dict__.pop("presences", None)  # it flipped: read again if asked

    def move(self, to_position, seen_version, anyway=False):
        result = self.session.move(
            to_position, seen_version, self.viewer, self.presences, anyway, partner_answered=self.partner_answered
        )
        if result != "refused":
            changed(self.session)
        return result

    def pause(self):
        if self.session.pause(self.viewer):
            changed(self.session)

    def carry_on(self):
        """Returns "carried-on" or "asked" (TogetherSession.carry_on)."""
        version = self.session.version
        result = self.session.carry_on(self.viewer, bool(self.seat.i_live_with_pain))
        if self.session.version != version:
            changed(self.session)
        return result

    def end(self, finished=False):
        if self.session.end(self.viewer, finished=finished):
            changed(self.session)
