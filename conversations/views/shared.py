"""Helpers the stepping-through views share: clamping a step number, and my own mark and its form."""

from partners.forms import PairSettingsForm
from partners.models import Membership

from ..forms import MarkForm
from ..models import AnswerCount, Mark, matches_for


def nearest_number(number, total):
    return min(max(number, 1), total)


def my_mark(user, idea):
    """The signed-in person's own mark on one idea (never anyone else's), or None."""
    return Mark.objects.filter(user=user, idea=idea).first() if user.is_authenticated else None


def my_mark_form(user, idea, compact=False):
    """The form for my own answer on one idea, showing my saved answer (one query when signed in)."""
    return MarkForm(idea=idea, mark=my_mark(user, idea), compact=compact) if user.is_authenticated else None


def both_of_us_context(user, membership, ideas=None):
    """What "Both of us" shows: mutual choices, how many answers the partner changed since I last looked, settings."""
    context = {"membership": membership, "both_yes": [], "yes_and_maybe": [], "partner_changes": 0}
    if membership:
        members = list(Membership.objects.filter(pair_id=membership.pair_id))
        context["both_yes"], context["yes_and_maybe"] = matches_for(user, membership.pair_id, ideas, members)
        partner_id = next((m.user_id for m in members if m.user_id != user.pk), None)
        context["partner_hid_matches"] = any(m.hide_matches for m in members if m.user_id != user.pk)
        if partner_id:
            context["partner_changes"] = AnswerCount.unseen_partner_changes(user.pk, partner_id)
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
    return context
