"""Stepping through together on two phones. State lives in the database, so any
app server can answer; phones poll a cheap endpoint that says "no change" with
a 204 and renders nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from partners.http import get_membership, get_membership_or_none

from ..forms import MarkForm, MoveForm, PauseForm, StartTogetherForm
from ..models import Idea, Readers, TogetherSession
from .shared import both_of_us_context, my_mark_form


def _open_session(membership):
    return (
        TogetherSession.objects.open()
        .filter(pair_id=membership.pair_id)
        .select_related("script", "category", "changed_by", "paused_by", "started_by")
        .first()
    )


def _card_context(request, membership, session):
    _, current = session.current_item()
    readers = Readers.for_user(request.user)
    total = session.length()
    context = {
        "session": session,
        "membership": membership,
        "total": total,
        "pass_the_phone": False,  # each partner holds their own phone
        "pace_line": readers.pace_line,
        "pause_form": PauseForm(initial={"paused": not session.paused}),
        "may_carry_on": session.may_carry_on(request.user, membership.lives_with_pain),
        "news": session.news_for(request.user),
        "started_line": (
            "" if session.started_by_id is None
            else f"You started “{session.what}”." if session.started_by_id == request.user.pk
            else f"{session.started_by.username} started “{session.what}”."
        ),
        "back_form": MoveForm(initial={"to": session.position - 1, "v": session.version}) if session.position > 1 else None,
        "next_form": MoveForm(initial={"to": session.position + 1, "v": session.version}) if session.position < total else None,
    }
    if session.is_ideas:
        context["idea"] = current
        context.update(mark_form=my_mark_form(request.user, current, compact=True), compact=True)
    else:
        context.update(step=current, read_aloud_by=current.read_aloud_by(readers))
    return context


def _render_card(request, membership, session, status=200):
    return render(
        request, "conversations/together.html#together-card", _card_context(request, membership, session), status=status
    )


@login_required
@require_safe
def together(request):
    membership = get_membership_or_none(request.user)
    session = _open_session(membership) if membership else None
    if session is None:
        last = TogetherSession.objects.filter(pair_id=membership.pair_id).order_by("-ended_at").first() if membership else None
        context = {
            "membership": membership,
            "paired": bool(membership and membership.pair.is_full),
            "start_form": StartTogetherForm(stopped=_stopped_early(membership)),
            "last_session": last,
        }
        return render(request, "conversations/together_start.html", context)
    return render(request, "conversations/together.html", _card_context(request, membership, session))


@login_required
@require_POST
def start(request):
    membership = get_membership(request.user)
    if not membership.pair.is_full:
        return redirect("partners:pair")
    form = StartTogetherForm(request.POST, stopped=_stopped_early(membership))
    if not form.is_valid():
        return redirect("conversations:together")  # nothing valid chosen: show the choices again
    try:
        with transaction.atomic():
            TogetherSession.objects.create(pair_id=membership.pair_id, started_by=request.user, **form.session_fields())
    except IntegrityError:  # the other phone started one a moment ago: both land in that one, and are told
        theirs = _open_session(membership)
        if theirs is not None:
            messages.info(request, f"{_partner_name(membership)} had just started “{theirs.what}”, so you are both in that one.")
    return redirect("conversations:together")


@login_required
@require_safe
def poll(request):
    """204 when nothing moved since version `v`; otherwise the new card. The
    unchanged case is one query after authentication."""
    row = (
        TogetherSession.objects.open()
        .filter(pair__members__user=request.user)
        .values_list("pk", "version")
        .first()
    )
    if row is not None and str(row[1]) == request.GET.get("v"):
        return HttpResponse(status=204)
    membership = get_membership(request.user)
    if row is None:
        last = TogetherSession.objects.filter(pair_id=membership.pair_id).order_by("-ended_at").values_list("pk", flat=True).first()
        target = reverse("conversations:together_both", args=[last]) if last else reverse("conversations:together")
        return HttpResponseClientRedirect(target)
    return _render_card(request, membership, _open_session(membership))


def _stopped_early(membership):
    """The pair's last session if they stopped it before the end, to offer "carry on where we stopped"."""
    if membership is None:
        return None
    last = (
        TogetherSession.objects.filter(pair_id=membership.pair_id, ended_at__isnull=False)
        .select_related("script", "category").order_by("-ended_at").first()
    )
    return last if last is not None and last.stopped_early else None


def _partner_name(membership):
    return membership.pair.members.exclude(pk=membership.pk).values_list("user__username", flat=True).first() or "Your partner"


def _after_change(request, membership, session):
    if session is None or session.ended_at:
        return redirect("conversations:together")
    if request.htmx:
        return _render_card(request, membership, session)
    return redirect("conversations:together")


@login_required
@require_POST
def move(request):
    membership = get_membership(request.user)
    session = _open_session(membership)
    form = MoveForm(request.POST)
    if session and "choice" in request.POST:  # Next on an idea carries the answer chosen with it
        answer = MarkForm(request.POST, idea=Idea.objects.current().filter(slug=str(request.POST.get("idea", ""))[:50]).first())
        if answer.is_valid():
            answer.save(request.user)
    if session and form.is_valid() and not session.move(form.cleaned_data["to"], form.cleaned_data["v"], request.user):
        # The other phone moved first (or it is paused): nobody skips, and this phone is told why.
        if not request.htmx and not session.paused:
            messages.info(request, f"{_partner_name(membership)} moved on: here is where you both are.")
    return _after_change(request, membership, session)


@login_required
@require_POST
def pause(request):
    membership = get_membership(request.user)
    session = _open_session(membership)
    form = PauseForm(request.POST)
    if session and form.is_valid():
        if form.cleaned_data["paused"]:
            session.pause(request.user)
        elif session.carry_on(request.user, membership.lives_with_pain) == "asked" and not request.htmx:
            messages.info(request, f"{_partner_name(membership)} paused. We let them know you would like to carry on.")
    return _after_change(request, membership, session)


@login_required
@require_POST
def end(request):
    membership = get_membership(request.user)
    session = _open_session(membership)
    if session is None:
        return redirect("conversations:together")
    session.end(request.user)
    target = reverse("conversations:together_both", args=[session.pk])
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@login_required
@require_safe
def session_both_of_us(request, pk):
    membership = get_membership(request.user)
    session = get_object_or_404(TogetherSession, pk=pk, pair_id=membership.pair_id)
    ideas = Idea.objects.in_category(session.category) if session.is_ideas else None
    context = {**both_of_us_context(request.user, membership, ideas), "session": session}
    return render(request, "conversations/both_of_us.html", context)
