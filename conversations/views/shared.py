"""Helpers the stepping-through views share: clamping a step number, and my own mark and its form."""

from partners.forms import PairSettingsForm
from partners.models import Membership

from ..forms import MarkForm
from ..models import AnswerCount, TogetherPresence, TogetherSession
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
    """What "Both of us" shows: mutual choices, how many answers the partner changed since I last looked, settings.

    Someone holding (AnswerCount: many changes their partner has not been told about) sees no matches until
    the partner has been told; their matches are then not even worked out, so nothing about them is read."""
    user = request.user
    context = {"membership": membership, "both_yes": [], "yes_and_maybe": [], "partner_changes": 0, "held_back": False}
    if membership:
        members = list(Membership.objects.filter(pair_id=membership.pair_id).select_related("user"))
        partner = next((m for m in members if m.user_id != user.pk), None)
        context["partner_name"] = partner.user.username if partner else ""
        context["partner_hid_matches"] = any(m.hide_matches for m in members if m.user_id != user.pk)
        if partner:
            context["partner_changes"], context["my_untold_changes"], holding = AnswerCount.look(
                user.pk, partner.user_id
            )
            context["held_back"] = holding and not any(m.hide_matches for m in members)
        if not context["held_back"]:
            context["both_yes"], context["yes_and_maybe"] = MarkBook.of(request, membership, members).matches(ideas)
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
    return context


def together_on(user, idea):
    """Whether `idea` is on screen in the pair's Together session with both phones there. An answer changed then
    is part of stepping through together, so it holds nothing back (AnswerCount.count_change_together)."""
    session = TogetherSession.objects.open().filter(pair__members__user=user).first()
    if session is None or not session.is_ideas or session.current_item().pk != idea.pk:
        return False
    presences = TogetherPresence.of(session).values()
    return len([p for p in presences if p.is_here()]) == 2
