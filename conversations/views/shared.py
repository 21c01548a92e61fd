"""Helpers the stepping-through views share: clamping a step number, my own book of marks, and its form."""

from typing import Any

from partners import keyring
from partners.forms import PairSettingsForm

from ..forms import MarkForm
from ..models import AnswerCount
from ..private_marks import MarkBook


def nearest_number(number, total):
    return min(max(number, 1), total)


def my_book(request, seat=None):
    """The signed-in person's own marks, opened with the key this session holds (read here, once, and passed
    down); with their `seat`, also their pair's tokens. keys.KeysUnavailable without a key (they are asked for
    their passphrase)."""
    return MarkBook.for_seat(seat) if seat is not None else MarkBook(request.user, keyring.data_key(request))


def my_mark_form(request, idea, compact=False, book=None):
    """The form for my own answer on one idea, showing my saved answer (one query when signed in)."""
    if not request.user.is_authenticated:
        return None
    book = book or my_book(request)
    return MarkForm(idea=idea, answer=book.get(idea), compact=compact)


def both_of_us_context(request, seat, ideas=None):
    """What "Both of us" shows: mutual choices, how many answers the partner changed since I last looked, settings.

    Someone holding (AnswerCount: many changes their partner has not been told about) sees no matches until
    the partner has been told; their matches are then not even worked out, so nothing about them is read."""
    user = request.user
    membership = seat.membership if seat else None
    context: dict[str, Any] = {
        "membership": membership,
        "both_yes": [],
        "yes_and_maybe": [],
        "partner_changes": 0,
        "held_back": False,
    }
    if seat:
        members, partner = seat.members, seat.partner
        context["partner_name"] = partner.user.username if partner else ""
        context["partner_hid_matches"] = bool(partner and partner.hide_matches)
        if partner:
            context["partner_changes"], context["my_untold_changes"], holding = AnswerCount.look(
                user.pk, partner.user_id
            )
            context["held_back"] = holding and not any(m.hide_matches for m in members)
        if not context["held_back"]:
            context["both_yes"], context["yes_and_maybe"] = my_book(request, seat).matches(ideas)
        assert membership is not None  # a seat is always someone's membership
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
    return context
