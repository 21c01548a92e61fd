"""Stepping through together on two phones. State lives in the database, so any
app server can answer. With JavaScript a phone follows through `follow`, one
request held open until something changes (see conversations.follow); `poll`
answers at once and is the fallback. Without JavaScript the card reloads itself.

Each request reads the person's seat once (partners.seats) and the session's
card once (conversations.together.Card), and passes both down."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from partners.seats import Seat

from .. import follow as following
from ..forms import MarkForm, MoveForm, PauseForm, StartTogetherForm
from ..models import AnswerCount, Idea, TogetherPresence, TogetherSession
from ..together import changed, open_card, open_session
from .shared import both_of_us_context, my_book, my_mark_form

START_STAMP = "start"  # what the start page follows with: nothing is open yet


def _seat(request):
    """The signed-in person's seat, or 404 for anyone not in a pair."""
    seat = Seat.of(request)
    if seat is None:
        raise Http404("Not in a pair.")
    return seat


def _card_page(request, card, status=200):
    """The whole page, or for htmx only the card: from the one card read for this request."""
    context = card.context(lambda idea, book: my_mark_form(request, idea, compact=True, book=book))
    template = "conversations/together.html#together-card" if request.htmx else "conversations/together.html"
    return render(request, template, context, status=status)


@login_required
@require_safe
def together(request):
    card = open_card(request)
    if card is None:
        seat = Seat.of(request)
        return _start_page(request, seat, _start_form(request, seat))
    card.seen()
    return render(
        request,
        "conversations/together.html",
        card.context(lambda idea, book: my_mark_form(request, idea, compact=True, book=book)),
    )


@login_required
@require_POST
def start(request):
    seat = _seat(request)
    if not seat.is_full:
        return redirect("partners:pair")
    form = _start_form(request, seat, request.POST)
    if not form.is_valid():  # show the choices again, with what to change
        return _start_page(request, seat, form, status=422)
    try:
        with transaction.atomic():
            opened = TogetherSession.objects.create(
                pair_id=seat.pair_id, started_by=request.user, **form.session_fields()
            )
        changed(opened)  # the partner's start page moves to the card
    except IntegrityError:  # the other phone started one a moment ago: both land in that one, and are told
        theirs = open_session(request.user)
        if theirs is not None:
            messages.info(
                request, f"{seat.partner_name} had just started “{theirs.what}”, so you are both in that one."
            )
    return redirect("conversations:together")


def _current_card(request, stamp, arriving=True):
    """(None, card) when the phone's card (`stamp`) is still right; else (the response that brings it up to date,
    card). `arriving`: the phone has just asked (so it is here); a check after waking says nothing about that."""
    card = open_card(request)
    if card is None and stamp == START_STAMP:  # the start page, and still nothing open: it is still right
        return None, None
    if card is not None and stamp == START_STAMP:  # opened while this phone was on the start page: go to it
        session = card.session
        seat = Seat.of(request)
        who = "You" if session.started_by_id == request.user.pk or seat is None else seat.partner_name
        messages.info(request, f"{who} started “{session.what}”.")
        return HttpResponseClientRedirect(reverse("conversations:together")), card
    if card is None:
        last = (
            TogetherSession.objects.filter(pair__members__user_id=request.user.pk)
            .order_by("-ended_at")
            .values_list("pk", flat=True)
            .first()
        )
        # Ended while this phone followed it: to that session's own end page (who stopped, where), as the other phone
        target = reverse("conversations:together_ended", args=[last]) if last else reverse("conversations:together")
        return HttpResponseClientRedirect(target), None
    if arriving:
        card.seen()
    if card.still_right(stamp):  # no seat, no key: the unchanged poll reads the session and presences only
        return None, card
    return _card_page(request, card), card


def _next_expiry(card):
    """Seconds until the partner's "here now" or "still choosing" runs out by itself (a change nobody makes)."""
    now = time.time()
    ends = [following.FOLLOW_FOR]
    for presence in card.presences.values() if card is not None else ():
        if presence.user_id == card.viewer.pk:
            continue
        if presence.seen_at:
            ends.append(presence.seen_at.timestamp() + TogetherPresence.HERE_FOR - now)
        if presence.touched_at:
            ends.append(presence.touched_at.timestamp() + TogetherPresence.CHOOSING_FOR - now)
    return max(0.2, min(end for end in ends if end > 0) + 0.05)


@login_required
@require_safe
def poll(request):
    """204 when the phone's card (stamp `s`) is still right; otherwise the new card. The fallback for `follow`."""
    response, _ = _current_card(request, request.GET.get("s", ""))
    return response or HttpResponse(status=204)


def _check_card(request, stamp, arriving=True):
    """`_current_card`, and if nothing changed how long to wait and on what (topic, what it is now); the
    connection goes back before any wait."""
    try:
        Seat.of(request, fresh=True)  # each check reads the pair afresh: a partner may have left meanwhile
        response, card = _current_card(request, stamp, arriving)
        if response is not None:
            return response, card, None
        if card is None:  # the start page waits for the pair to open a session
            seat = Seat.of(request)
            if seat is None:
                return HttpResponseClientRedirect(reverse("conversations:together")), None, None
            return None, None, (following.FOLLOW_FOR, following.pair_topic(seat.pair_id), None)
        session = card.session
        return None, card, (_next_expiry(card), following.session_topic(session.pk), (session.version, session.nudges))
    finally:
        following.give_back_connection()


@login_required
@require_safe
async def follow(request):
    """Like `poll`, but when nothing changed it waits (up to FOLLOW_FOR seconds) until something does.

    Waiting holds no thread and no database connection under an ASGI server. A person's third waiting
    request answers their oldest at once; a process already holding its most is refused for a few seconds.
    Leaving is said by the page (`away`), or shows once HERE_FOR has passed: a phone drops a request on each
    of its own taps, so a dropped one says nothing.
    """
    stamp = request.GET.get("s", "")
    user = await request.auser()

    def check(first):
        response, _card, until = _check_card(request, stamp, arriving=first)
        return response, until

    return await following.answer_when_changed(user.pk, check)


@login_required
@require_POST
def away(request):
    """The phone is leaving Together (sent as the page is hidden): the partner sees it at once."""
    card = open_card(request)
    if card is not None:
        card.seen(here=False)
    return HttpResponse(status=204)


def _start_form(request, seat, data=None):
    partner = seat.partner if seat else None
    book = my_book(request, seat) if data is not None else None  # only "not answered yet" needs it
    lists_held = partner is not None and AnswerCount.is_holding(request.user.pk, partner.user_id)
    return StartTogetherForm(data, stopped=_stopped_early(seat), book=book, partner=partner, lists_held=lists_held)


def _start_page(request, seat, form, status=200):
    last = TogetherSession.objects.filter(pair_id=seat.pair_id).order_by("-ended_at").first() if seat else None
    context = {
        "membership": seat.membership if seat else None,
        "paired": bool(seat and seat.is_full),
        "start_form": form,
        "last_session": last,
    }
    return render(request, "conversations/together_start.html", context, status=status)


def _stopped_early(seat):
    """The pair's last session if they stopped it before the end, to offer "carry on where we stopped"."""
    if seat is None:
        return None
    last = (
        TogetherSession.objects.filter(pair_id=seat.pair_id, ended_at__isnull=False)
        .select_related("script", "category")
        .order_by("-ended_at")
        .first()
    )
    return last if last is not None and last.stopped_early else None


def _after_change(request, card):
    if card is None or card.session.ended_at:
        return redirect("conversations:together")
    if request.htmx:
        return _card_page(request, card)
    return redirect("conversations:together")


@login_required
@require_POST
def move(request):
    seat = _seat(request)
    card = open_card(request)
    form = MoveForm(request.POST)
    if card and "choice" in request.POST:  # Next on an idea carries the answer chosen with it
        answer = MarkForm(
            request.POST, idea=Idea.objects.current().filter(slug=str(request.POST.get("idea", ""))[:50]).first()
        )
        if answer.is_valid():
            answer.save(card.book, together=card.both_here_on(answer.cleaned_data["idea"]))
    if card and form.is_valid():
        moved = card.move(form.cleaned_data["to"], form.cleaned_data["v"], form.cleaned_data["anyway"])
        # The other phone moved first (or it is paused): nobody skips, and this phone is told why.
        if moved == "refused" and not request.htmx and not card.session.paused:
            messages.info(request, f"{seat.partner_name} moved on: here is where you both are.")
    return _after_change(request, card)


@login_required
@require_POST
def pause(request):
    seat = _seat(request)
    card = open_card(request)
    form = PauseForm(request.POST)
    if card and form.is_valid():
        if form.cleaned_data["paused"]:
            card.pause()
        elif card.carry_on() == "asked" and not request.htmx:
            messages.info(request, f"{seat.partner_name} paused. We let them know you would like to carry on.")
    return _after_change(request, card)


@login_required
@require_POST
def end(request):
    _seat(request)  # 404 outside a pair
    card = open_card(request)
    if card is None:
        return redirect("conversations:together")
    card.end(finished=request.POST.get("finish") == "1")
    target = reverse("conversations:together_ended", args=[card.session.pk])
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@login_required
@require_safe
def session_ended(request, pk):
    """Where a session ended, for both phones: how far it got, who stopped, "carry on any time", and "Both of us"
    only after ideas (a conversation has no yeses). The partner left behind by a break-up is told that kindly."""
    seat = _seat(request)
    session = get_object_or_404(TogetherSession, pk=pk, pair_id=seat.pair_id, ended_at__isnull=False)
    context = {
        "session": session,
        "total": session.length(),
        "kind": "idea" if session.is_ideas else "step",
        "ended_by_me": session.ended_by_id == request.user.pk,
        "ended_by_name": seat.name_of(session.ended_by_id) if session.ended_by_id else "",
        "partner_left": session.ended_by_id is None and not seat.is_full,
        "may_carry_on": seat.is_full and not session.finished and session.stopped_early,
    }
    return render(request, "conversations/together_ended.html", context)


@login_required
@require_safe
def session_both_of_us(request, pk):
    seat = _seat(request)
    session = get_object_or_404(TogetherSession, pk=pk, pair_id=seat.pair_id)
    if not session.is_ideas:  # a conversation has no yeses: its own end page says how it went
        return redirect("conversations:together_ended", pk=session.pk)
    ideas = Idea.objects.in_category(session.category)
    context = {**both_of_us_context(request, seat, ideas), "session": session}
    return render(request, "conversations/both_of_us.html", context)
