"""Helpers the stepping-through views share: clamping a step number, and my own mark and its form."""

from partners.forms import PairSettingsForm
from partners.models import Membership

from ..forms import MarkForm
from ..models import AnswerCount
from ..private_marks import MarkBook


def nearest_number(number, total):
    return min(max(number, 1), total)


def my_mark_form(request, idea, compact=False, book=None):
    """The form for my own answer on one idea, showing my saved answer (one query when signed in).
    Opening it needs this session's key: keys.KeysUnavailable otherwise (the person signs in again)."""
    if not request.user.is_authenticated:
        return None
    book = book or MarkBook.of(request)
    return MarkForm(idea=idea, answer=book.get(idea), compact=compact)


def both_of_us_context(request, membership, ideas=None):
    """What "Both of us" shows: mutual choices, how many answers the partner changed since I last looked, settings."""
    user = request.user
    context = {"membership": membership, "both_yes": [], "yes_and_maybe": [], "partner_changes": 0}
    if membership:
        members = list(Membership.objects.filter(pair_id=membership.pair_id))
        context["both_yes"], context["yes_and_maybe"] = MarkBook.of(request, membership, members).matches(ideas)
        partner_id = next((m.user_id for m in members if m.user_id != user.pk), None)
        context["partner_hid_matches"] = any(m.hide_matches for m in members if m.user_id != user.pk)
        if partner_id:
            context["partner_changes"] = AnswerCount.unseen_partner_changes(user.pk, partner_id)
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
    return context
