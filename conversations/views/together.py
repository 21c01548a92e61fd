"""Stepping through together on two phones. State lives in the database, so any
app server can answer. With JavaScript a phone follows through `follow`, one
request held open until something changes (see conversations.follow); `poll`
answers at once and is the fallback. Without JavaScript the card reloads itself."""

import time

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from partners.http import get_membership, get_membership_or_none

from .. import follow as following
from ..forms import MarkForm, MoveForm, PauseForm, StartTogetherForm
from ..models import AnswerCount, Idea, Readers, TogetherPresence, TogetherSession
from ..private_marks import MarkBook
from .shared import both_of_us_context, my_mark_form, together_on


def _open_session(membership):
    session = (
        TogetherSession.objects.open()
        .filter(pair_id=membership.pair_id)
        .select_related("script", "category", "changed_by", "paused_by", "started_by")
        .first()
    )
    return session.still_there() if session is not None else None


FOLLOW_FOR = 25  # seconds a following phone's request waits before answering "no change"


def _partner_presence(session, presences, viewer, book):
    """What the viewer's phone shows of the partner: here or not, and on an idea "answered" or "still choosing".
    Whether the partner has an answer is asked of the viewer's own book (the pair key), never of their marks.
    A viewer who is holding (AnswerCount) is shown neither, only "here" or "ready to go on"."""
    partner = next((p for p in presences.values() if p.user_id != viewer.pk), None)
    if partner is None or not partner.is_here():
        return {"here": False, "status": ""}
    if not session.is_ideas:
        status = ""
    elif partner.ready_position == session.position:
        status = "ready"
    elif AnswerCount.is_holding(viewer.pk):
        status = ""
    else:
        status = "still-choosing" if partner.still_choosing(session, book.partner_has_answered) else "answered"
    return {"here": True, "status": status}


def _partner_answered(viewer, book):
    """How Next asks whether the partner has an answer. For a viewer who is holding, always "not yet": Next then
    waits for any partner who is here and has not tapped Next, whatever they answered, so waiting says nothing."""
    return (lambda idea: False) if AnswerCount.is_holding(viewer.pk) else book.partner_has_answered


def card_stamp(session, presences, viewer, book):
    """Changes whenever the viewer's card would: a follow or poll request compares it with the phone's own."""
    partner = _partner_presence(session, presences, viewer, book)
    waiting_for = session.waiting_for(presences)
    shown = f"{session.pk}-{session.version}-{int(partner['here'])}-{partner['status']}-{waiting_for.pk if waiting_for else 0}"
    # Keyed and cut short: the address a phone asks for (which reaches access logs) says nothing readable.
    return salted_hmac("together-card", shown, algorithm="sha256").hexdigest()[:16]


def _card_context(request, membership, session, book=None):
    book = book or MarkBook.of(request, membership)
    current = session.current_item()
    readers = Readers.for_request(request)
    total = session.length()
    presences = TogetherPresence.of(session)
    waiting_for = session.waiting_for(presences)
    partner_name = _partner_name(membership)
    context = {
        "stamp": card_stamp(session, presences, request.user, book),
        "partner": {**_partner_presence(session, presences, request.user, book), "name": partner_name},
        "waiting_for": waiting_for,
        "anyway_form": MoveForm(initial={"to": session.position + 1, "v": session.version, "anyway": True})
        if waiting_for is not None and waiting_for.pk != request.user.pk
        else None,
        "session": session,
        "membership": membership,
        "total": total,
        "pass_the_phone": False,  # each partner holds their own phone
        "pace_line": readers.pace_line,
        "pause_form": PauseForm(initial={"paused": not session.paused}),
        "may_carry_on": session.may_carry_on(request.user, bool(readers.i_live_with_pain)),
        "news": f"{partner_name} is ready to go on." if waiting_for == request.user else session.news_for(request.user),
        "started_line": (
            ""
            if session.started_by_id is None
            else f"You started “{session.what}”."
            if session.started_by_id == request.user.pk
            else f"{session.started_by.username} started “{session.what}”."
        ),
        "back_form": MoveForm(initial={"to": session.position - 1, "v": session.version})
        if session.position > 1
        else None,
        "next_form": MoveForm(initial={"to": session.position + 1, "v": session.version})
        if session.position < total
        else None,
    }
    if session.is_ideas:
        context["idea"] = current
        context.update(mark_form=my_mark_form(request, current, compact=True, book=book), compact=True)
    else:
        context.update(step=current, read_aloud_by=current.read_aloud_by(readers))
    return context


def _render_card(request, membership, session, status=200, book=None):
    return render(
        request,
        "conversations/together.html#together-card",
        _card_context(request, membership, session, book),
        status=status,
    )


@login_required
@require_safe
def together(request):
    membership = get_membership_or_none(request.user)
    session = _open_session(membership) if membership else None
    if session is None:
        return _start_page(request, membership, _start_form(request, membership))
    TogetherPresence.seen(session, request.user)
    return render(request, "conversations/together.html", _card_context(request, membership, session))


@login_required
@require_POST
def start(request):
    membership = get_membership(request.user)
    if not membership.pair.is_full:
        return redirect("partners:pair")
    form = _start_form(request, membership, request.POST)
    if not form.is_valid():  # show the choices again, with what to change
        return _start_page(request, membership, form, status=422)
    try:
        with transaction.atomic():
            TogetherSession.objects.create(pair_id=membership.pair_id, started_by=request.user, **form.session_fields())
    except IntegrityError:  # the other phone started one a moment ago: both land in that one, and are told
        theirs = _open_session(membership)
        if theirs is not None:
            messages.info(
                request, f"{_partner_name(membership)} had just started “{theirs.what}”, so you are both in that one."
            )
    return redirect("conversations:together")


def _current_card(request, stamp, arriving=True):
    """None when the phone's card (`stamp`) is still right; else the response that brings it up to date.
    `arriving`: the phone has just asked (so it is here); a check after waking says nothing about that."""
    membership = get_membership_or_none(request.user)
    session = _open_session(membership) if membership else None
    if session is None:
        last = (
            TogetherSession.objects.filter(pair_id=membership.pair_id)
            .order_by("-ended_at")
            .values_list("pk", flat=True)
            .first()
            if membership
            else None
        )
        target = reverse("conversations:together_both", args=[last]) if last else reverse("conversations:together")
        return HttpResponseClientRedirect(target), None
    presences = TogetherPresence.of(session)
    if arriving:  # my own presence is not part of my card, so what was read stays right
        TogetherPresence.seen(session, request.user, known=presences)
    book = MarkBook.of(request, membership)
    if card_stamp(session, presences, request.user, book) == stamp:
        return None, session
    return _render_card(request, membership, session, book=book), session


def _next_expiry(session, viewer):
    """Seconds until the partner's "here now" or "still choosing" runs out by itself (a change nobody makes)."""
    now = time.time()
    ends = [FOLLOW_FOR]
    for presence in TogetherPresence.objects.filter(session=session).exclude(user=viewer):
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
    """`_current_card`, and how long to wait if nothing changed; the connection goes back before any wait."""
    try:
        response, session = _current_card(request, stamp, arriving)
        return response, session, None if response else _next_expiry(session, request.user)
    finally:
        following.give_back_connection()


def _check_again_later(status=204, text=""):
    """No new card for now: the phone asks again after Retry-After seconds."""
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(following.CHECK_AGAIN_AFTER)
    return response


@login_required
@require_safe
async def follow(request):
    """Like `poll`, but when nothing changed it waits (up to FOLLOW_FOR seconds) until something does.

    Waiting holds no thread and no database connection under an ASGI server. A person's third waiting
    request answers their oldest at once; a process already holding its most is refused for a few seconds.
    """
    stamp = request.GET.get("s", "")
    deadline = time.monotonic() + FOLLOW_FOR
    user = await request.auser()
    try:
        with following.place(user.pk) as place:
            check = sync_to_async(_check_card)
            response, session, expiry = await check(request, stamp)
            # A request the phone dropped is simply cancelled: the phone drops one on each of its own taps, so that
            # says nothing about leaving. Leaving is said by the page (`away`), or shows once HERE_FOR has passed.
            while response is None and (left := deadline - time.monotonic()) > 0:
                await following.wait_for_change(session.pk, (session.version, session.nudges), min(left, expiry), place)
                if following.closing() or place.replaced:
                    break
                response, session, expiry = await check(request, stamp, arriving=False)
    except following.Busy:
        return _check_again_later(
            503, "A lot of people are here just now. Your screen will check again in a few seconds."
        )
    if response is None and place.replaced:  # the same person asked again (another tab, a retry)
        return _check_again_later()
    return response or HttpResponse(status=204)


@login_required
@require_POST
def away(request):
    """The phone is leaving Together (sent as the page is hidden): the partner sees it at once."""
    membership = get_membership_or_none(request.user)
    session = _open_session(membership) if membership else None
    if session is not None:
        TogetherPresence.seen(session, request.user, here=False)
    return HttpResponse(status=204)


def _start_form(request, membership, data=None):
    partner = membership.pair.members.exclude(pk=membership.pk).select_related("user").first() if membership else None
    book = MarkBook.of(request, membership) if data is not None else None  # only "not answered yet" needs it
    lists_held = partner is not None and AnswerCount.is_holding(request.user.pk, partner.user_id)
    return StartTogetherForm(
        data, stopped=_stopped_early(membership), book=book, partner=partner, lists_held=lists_held
    )


def _start_page(request, membership, form, status=200):
    last = (
        TogetherSession.objects.filter(pair_id=membership.pair_id).order_by("-ended_at").first() if membership else None
    )
    context = {
        "membership": membership,
        "paired": bool(membership and membership.pair.is_full),
        "start_form": form,
        "last_session": last,
    }
    return render(request, "conversations/together_start.html", context, status=status)


def _stopped_early(membership):
    """The pair's last session if they stopped it before the end, to offer "carry on where we stopped"."""
    if membership is None:
        return None
    last = (
        TogetherSession.objects.filter(pair_id=membership.pair_id, ended_at__isnull=False)
        .select_related("script", "category")
        .order_by("-ended_at")
        .first()
    )
    return last if last is not None and last.stopped_early else None


def _partner_name(membership):
    return (
        membership.pair.members.exclude(pk=membership.pk).values_list("user__username", flat=True).first()
        or "Your partner"
    )


def _after_change(request, membership, session, book=None):
    if session is None or session.ended_at:
        return redirect("conversations:together")
    if request.htmx:
        return _render_card(request, membership, session, book=book)
    return redirect("conversations:together")


@login_required
@require_POST
def move(request):
    membership = get_membership(request.user)
    session = _open_session(membership)
    form = MoveForm(request.POST)
    book = MarkBook.of(request, membership)
    if session and "choice" in request.POST:  # Next on an idea carries the answer chosen with it
        answer = MarkForm(
            request.POST, idea=Idea.objects.current().filter(slug=str(request.POST.get("idea", ""))[:50]).first()
        )
        if answer.is_valid():
            answer.save(book, together=together_on(request.user, answer.cleaned_data["idea"]))
    if session and form.is_valid():
        moved = session.move(
            form.cleaned_data["to"],
            form.cleaned_data["v"],
            request.user,
            form.cleaned_data["anyway"],
            partner_answered=_partner_answered(request.user, book),
        )
        # The other phone moved first (or it is paused): nobody skips, and this phone is told why.
        if moved == "refused" and not request.htmx and not session.paused:
            messages.info(request, f"{_partner_name(membership)} moved on: here is where you both are.")
    return _after_change(request, membership, session, book)


@login_required
@require_POST
def pause(request):
    membership = get_membership(request.user)
    session = _open_session(membership)
    form = PauseForm(request.POST)
    if session and form.is_valid():
        if form.cleaned_data["paused"]:
            session.pause(request.user)
        elif (
            session.carry_on(request.user, bool(Readers.for_request(request).i_live_with_pain)) == "asked"
            and not request.htmx
        ):
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
    context = {**both_of_us_context(request, membership, ideas), "session": session}
    return render(request, "conversations/both_of_us.html", context)
