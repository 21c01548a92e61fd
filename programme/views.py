from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from editorial.page_cache import shared_page
from partners import follow as waiting
from partners import keyring, keys
from partners.http import get_membership, get_membership_or_none, page_or_fragment
from partners.models import Membership
from partners.seats import Seat

from . import charts, check_ins, follow, responses
from .forms import CheckInForm, FeelingForm, ReminderForm, ResponseForm, SoloLogForm, StageForm, StartRunForm
from .models import (
    NotTonight,
    PairStage,
    Practice,
    Readiness,
    Run,
    SoloGuide,
    SoloStep,
    Stage,
    go_back,
    say_ready,
)
from .private_records import Diary, partner_check_ins, partner_help, partner_lines

BACK_TO_PROGRAMME = "programme:home"


def _shared_with_me(request, membership):
    """Lines my partner chose to show me, opened with our pair key (asked for only when there are some)."""
    return partner_lines(membership.pair_id, request.user, lambda: keyring.pair_key(request, membership))


def _pair_context(request):
    """My pair's place in the programme, my own "ready" (never my partner's) and my partner's "not tonight"."""
    user = request.user
    seat = Seat.of(request) if user.is_authenticated else None
    if seat is None:
        return {"membership": None}
    membership = seat.membership
    place = PairStage.read(membership.pair_id)
    number = place.number
    return {
        **_running_context(seat),
        "partner_left": not seat.is_full,
        "membership": membership,
        "place": place,
        "current_number": number,
        "i_said_ready": Readiness.objects.filter(pair_id=membership.pair_id, user=user, stage_number=number).exists(),
        "partner_not_tonight": NotTonight.from_partner(membership.pair_id, user),
        "shared_with_me": _shared_with_me(request, membership),
    }


@require_safe
@shared_page
def home(request):
    stages = list(Stage.objects.all())
    context = {"stages": stages, "reminder_form": ReminderForm(), **_pair_context(request)}
    if context.get("current_number") and stages:
        context["last_number"] = stages[-1].number
        if context["current_number"] > context["last_number"]:  # stages were taken out of the content: the last one
            PairStage.objects.filter(pair_id=context["membership"].pair_id).update(number=context["last_number"])
            context["current_number"] = context["last_number"]
        context["current_stage"] = next((s for s in stages if s.number == context["current_number"]), None)
    data_key = keyring.data_key_or_none(request) if request.user.is_authenticated else None
    if data_key is not None:  # a locked session still sees the programme, without the reminder
        diary = Diary(request.user, data_key)
        context["reminder"] = _reminder(request, diary.check_ins(), diary.practices(), context.get("place"))
    return render(request, "programme/home.html", context)


@require_safe
@shared_page
def stage(request, slug):
    shown = get_object_or_404(Stage, slug=slug)
    practices = list(shown.practices.prefetch_related("parts"))
    return render(request, "programme/stage.html", {"stage": shown, "practices": practices})


@require_safe
@shared_page
def practice(request, stage_slug, slug):
    shown = get_object_or_404(Practice.objects.select_related("stage"), stage__slug=stage_slug, slug=slug)
    return render(request, "programme/practice.html", _practice_context(request, shown))


def _practice_context(request, shown, feeling_form=None, response_form=None):
    """A session's page: its parts and, for someone signed in, starting it, and their own forms and feelings (a form
    sent back with its errors, after a bad save, instead of an empty one)."""
    context = {"practice": shown, "stage": shown.stage, "parts": list(shown.parts.all())}
    if request.user.is_authenticated:
        seat = Seat.of(request)
        context["can_start"] = (
            seat is not None and seat.is_full and shown.stage.number <= PairStage.number_for(seat.pair_id)
        )
        context["running"] = _open_run(seat.pair_id) if seat is not None and context["can_start"] else None
        context["feeling_form"] = feeling_form or FeelingForm(initial={"practice": shown.pk})
        context["my_feelings"] = Diary(request.user, keyring.data_key(request)).feelings_for(shown)
        if seat is not None and seat.is_full:
            context["response_form"] = response_form or _response_form(seat, initial={"practice": shown.pk})
    return context


def _response_form(seat, data=None, **kwargs):
    """How I responded (supporting partner) or what helped me (partner with pain), for a pair of two."""
    lives_with_pain = bool(seat.i_live_with_pain)
    return ResponseForm(data, asked=responses.asked_of(lives_with_pain), can_show=lives_with_pain, **kwargs)


def _stage_tapped(request):
    form = StageForm(request.POST)
    return form.cleaned_data["stage"] if form.is_valid() else None


@login_required
@require_POST
def ready(request):
    """My private "ready for the next stage". The pair moves on only when both said it; my partner is never told I did."""
    membership = get_membership(request.user)
    if not membership.has_partner():
        messages.info(request, PARTNER_LEFT)
        return redirect(BACK_TO_PROGRAMME)
    number = _stage_tapped(request)
    last = Stage.objects.order_by("-number").values_list("number", flat=True).first() or 0
    outcome = say_ready(membership.pair_id, request.user, number, last) if number else "stale"
    messages.info(
        request,
        {
            "moved": "You both said you are ready, so you have moved on to the next stage together.",
            "noted": "Saved, privately. You move on when you both feel ready. Your partner is not told, and you can still go back.",
            "stale": "That was about a stage you are no longer on, so nothing changed.",
        }[outcome],
    )
    return redirect(BACK_TO_PROGRAMME)


@login_required
@require_POST
def back(request):
    """Either partner can go back a stage, alone, with no reason asked."""
    membership = get_membership(request.user)
    number = _stage_tapped(request)
    if number and go_back(membership.pair_id, number):
        messages.info(request, "You have gone back a stage. Going back is part of the programme, never a failure.")
    else:
        messages.info(request, "That was about a stage you are no longer on, so nothing changed.")
    return redirect(BACK_TO_PROGRAMME)


@login_required
@require_POST
def not_tonight(request):
    membership = get_membership(request.user)
    if not membership.has_partner():
        messages.info(request, PARTNER_LEFT)
        return redirect(BACK_TO_PROGRAMME)
    NotTonight.say(membership.pair_id, request.user)
    messages.info(request, "Done. Your partner will see only “not tonight”. No reason is asked or given.")
    return redirect(BACK_TO_PROGRAMME)


@login_required
@require_POST
def feeling(request):
    """How a session felt: kept for me alone, sealed under my key."""
    diary = Diary(request.user, keyring.data_key(request))
    form = FeelingForm(request.POST)
    if form.is_valid():
        form.save_to(diary)
        messages.success(request, "Saved. Only you can see this.")
        return redirect(form.cleaned_data["practice"].get_absolute_url() + "#how-it-felt")
    practice = form.cleaned_data.get("practice")
    if practice is None:
        messages.error(request, "That session is no longer in the programme. Nothing was saved.")
        return redirect(BACK_TO_PROGRAMME)
    return render(
        request, "programme/practice.html", _practice_context(request, practice, feeling_form=form), status=422
    )


@csrf_exempt  # Stores and changes nothing, so it needs no cookie; POSTed so the time stays out of URLs and logs.
@require_POST
def reminder(request):
    """A calendar file for a time the person picks, with a neutral title; nothing is stored."""
    form = ReminderForm(request.POST)
    if not form.is_valid():
        # Without the pair's state: this form needs no CSRF token, so its answer shows nothing personal.
        return render(
            request, "programme/home.html", {"stages": list(Stage.objects.all()), "reminder_form": form}, status=422
        )
    response = HttpResponse(form.calendar_file(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reminder.ics"'
    response["Cache-Control"] = "no-store"
    return response


# --- A session together, on both phones ------------------------------------------


def _roles(request, membership, run):
    """(who receives in a first turn, who gives): the partner with pain receives first, so they can guide;
    if that says nothing (both, neither, or an answer this phone cannot open), the one who started receives first."""
    members = list(membership.pair.members.select_related("user"))
    try:
        lives_with_pain = Membership.lives_with_pain_of(members, keyring.pair_key(request, membership))
    except keys.KeysUnavailable:
        lives_with_pain = {}
    with_pain = [m for m in members if lives_with_pain.get(m.pk)]
    receiver = (
        with_pain[0]
        if len(with_pain) == 1
        else next((m for m in members if m.user_id == run.started_by_id), members[0])
    )
    giver = next((m for m in members if m.pk != receiver.pk), receiver)
    return receiver.user.username, giver.user.username


def _news(seat, run):
    """What the other phone is told, once, in #run-news: the partner's latest change (never the viewer's own)."""
    if run is None or run.changed_by_id in (None, seat.user.pk) or run.practice is None:
        return ""
    who = seat.name_of(run.changed_by_id)
    return {
        Run.STARTED: f"{who} started “{run.practice.title}”. You are in it together.",
        Run.PAUSED: f"Paused by {who}.",
        Run.CARRIED_ON: f"{who} carried on.",
        Run.NEXT_PART: f"{who} moved on to the next part.",
    }.get(run.last_change, "")


def _stopped_line(seat, stopped):
    if stopped is None:
        return ""
    who = "You" if stopped.changed_by_id == seat.user.pk else seat.name_of(stopped.changed_by_id) or "Your partner"
    return f"{who} stopped for today. Stopping is always fine."


def _run_context(request, seat, run):
    membership = seat.membership
    found = run.where() if run else None
    context = {
        "run": run,
        "found": found,
        "practice": run.practice if run else None,
        "partner_left": not seat.is_full,
        "news": _news(seat, run),
        "follow_on": "now",
    }
    if found:
        index, part, left = found
        receiver, giver = _roles(request, membership, run)
        context.update(
            index=index,
            part=part,
            seconds_left=int(left),
            minutes_left=max(1, round(left / 60)),
            parts=run.parts(),
            giver=giver if part.kind != "second_turn" else receiver,
            receiver=receiver if part.kind != "second_turn" else giver,
            stamp=f"{run.pk}-{run.version}-{index}",
        )
    elif run:
        context["stamp"] = f"{run.pk}-{run.version}-done"
    else:
        stopped = Run.objects.running_or_stopped(seat.pair_id)[1]
        context.update(
            stopped=stopped, stopped_line=_stopped_line(seat, stopped), stamp=f"none-{stopped.pk if stopped else 0}"
        )
    return context


def _running_context(seat):
    """The programme home's part that follows the pair: a session running (to join) or one just stopped."""
    running, stopped = Run.objects.running_or_stopped(seat.pair_id)
    return {
        "running": running,
        "running_by": seat.name_of(running.started_by_id) if running and running.started_by_id else "",
        "stopped": stopped,
        "stopped_line": _stopped_line(seat, stopped),
        "running_stamp": f"{running.pk if running else 0}-{stopped.pk if stopped else 0}",
        "follow_on": "home",
    }


def _open_run(pair_id):
    return Run.objects.open().filter(pair_id=pair_id).select_related("practice__stage").first()


def _seat(request):
    seat = Seat.of(request)
    if seat is None:
        raise Http404("Not in a pair.")
    return seat


PARTNER_LEFT = (
    "Your partner has left the pair, so nothing together can start or change for now. "
    "The stages and the solo track are still here for you to read."
)


@login_required
@require_POST
def start_run(request):
    seat = _seat(request)
    if not seat.is_full:
        messages.info(request, PARTNER_LEFT)
        return redirect(BACK_TO_PROGRAMME)
    form = StartRunForm(request.POST, up_to_stage=PairStage.number_for(seat.pair_id))
    if not form.is_valid():
        messages.error(
            request,
            "That session is not on a stage you have both reached yet, or is no longer in the programme, "
            "so nothing started.",
        )
        return redirect(BACK_TO_PROGRAMME)
    run, started = Run.start(seat.pair_id, form.cleaned_data["practice"], request.user)
    if started:
        follow.changed(seat.pair_id)
    else:  # one was already running (two starts at once, a stale page): both are in that one, and are told
        what = run.practice.title if run.practice else "a session"
        who = "You" if run.started_by_id == request.user.pk else seat.name_of(run.started_by_id) or "Your partner"
        messages.info(request, f"{who} had just started “{what}”, so you are both in that one.")
    return redirect("programme:now")


@login_required
@require_safe
def now(request):
    """The session this pair is doing now. htmx asks with the stamp it shows: 204 while nothing changed."""
    seat = _seat(request)
    context = _run_context(request, seat, _open_run(seat.pair_id))
    if request.htmx and context.get("stamp") and request.GET.get("s") == context["stamp"]:
        return HttpResponse(status=204)
    return page_or_fragment(request, "programme/now.html", "run-card", context)


def _check_run(request, on, stamp):
    """(the fragment that brings the phone's `stamp` up to date, or None and (how long to wait, topic, what the
    topic is now)). The connection goes back before any wait."""
    try:
        seat = Seat.of(request, fresh=True)  # each check reads the pair afresh: a partner may have left meanwhile
        if seat is None:
            return HttpResponseClientRedirect(reverse(BACK_TO_PROGRAMME)), None
        run = _open_run(seat.pair_id)
        if on == "home":
            context = _running_context(seat)
            fresh, template, wait_for = context["running_stamp"], "programme/home.html#running", waiting.FOLLOW_FOR
        else:
            context = _run_context(request, seat, run)
            fresh, template = context["stamp"], "programme/now.html#run-card"
            # A part ending is a change nobody makes: the card answers then by itself.
            running = context.get("found") and not run.paused_at
            wait_for = min(waiting.FOLLOW_FOR, context["seconds_left"] + 0.3) if running else waiting.FOLLOW_FOR
        if fresh != stamp:
            return render(request, template, context), None
        return None, (wait_for, follow.topic(seat.pair_id), follow.now(run))
    finally:
        waiting.give_back_connection()


@login_required
@require_safe
async def follow_run(request):
    """The run card, the empty card or the programme home (`on`), once it differs from the phone's stamp `s`:
    at once if it already does (or with `wait=0`), else as soon as the pair's session changes (FOLLOW_FOR at
    most). 204 when nothing changed. Limits as for Together (partners/follow.py)."""
    on = "home" if request.GET.get("on") == "home" else "now"
    stamp, wait = request.GET.get("s", ""), request.GET.get("wait") != "0"
    user = await request.auser()
    return await waiting.answer_when_changed(user.pk, lambda first: _check_run(request, on, stamp), wait=wait)


def _run_action(request, act):
    """Pause, next part or stop, from either phone. A tap made on an old card changes nothing and says so."""
    seat = _seat(request)
    run = _open_run(seat.pair_id)
    same = (
        run is not None
        and str(request.POST.get("run", "")) == str(run.pk)
        and str(request.POST.get("v", "")) == str(run.version)
    )
    done = same and act(run, request.user)
    if done:
        follow.changed(seat.pair_id)
    if run is None:
        notice = "That session has already ended, so nothing changed. Here is where you both are."
    else:
        notice = "" if done else "Your partner changed this a moment ago, so here is where you both are."
    if request.htmx:
        context = {**_run_context(request, seat, _open_run(seat.pair_id)), "notice": notice}
        return page_or_fragment(request, "programme/now.html", "run-card", context)
    if notice:
        messages.info(request, notice)
    return redirect("programme:now")


@login_required
@require_POST
def pause_run(request):
    return _run_action(request, lambda run, user: run.resume(user) if run.paused_at else run.pause(user))


@login_required
@require_POST
def next_part(request):
    return _run_action(request, Run.next_part)


@login_required
@require_POST
def stop_run(request):
    return _run_action(request, Run.stop)


# --- The solo track ----------------------------------------------------------------


@require_safe
@shared_page
def solo(request):
    return render(request, "programme/solo.html", {"guides": list(SoloGuide.objects.all())})


def _solo_context(request, guide, form=None):
    context = {"guide": guide, "steps": list(guide.steps.all())}
    if request.user.is_authenticated and context["steps"]:
        context["log_form"] = form or SoloLogForm(guide=guide)
        diary = Diary(request.user, keyring.data_key(request))
        practices = diary.practices()
        context["my_log"] = diary.practices_in(practices, guide)
        context["reminder"] = _reminder(request, diary.check_ins(), practices)
        seat = Seat.of(request)  # read once for the request: _reminder above has it already
        context["paired"] = seat is not None and seat.is_full
    return context


@require_safe
@shared_page
def solo_guide(request, slug):
    return render(request, "programme/solo_guide.html", _solo_context(request, get_object_or_404(SoloGuide, slug=slug)))


@login_required
@require_POST
def solo_log(request):
    """One practice, logged for its owner alone, sealed under their key."""
    diary = Diary(request.user, keyring.data_key(request))
    form = SoloLogForm(request.POST)
    if form.is_valid():
        form.save_to(diary)
        messages.success(request, "Saved. Only you can see this, and you can add it to your appointment sheet.")
        return redirect(form.cleaned_data["step"].guide.get_absolute_url() + "#my-log")
    step = form.cleaned_data.get("step")
    guide = step.guide if step else SoloGuide.objects.filter(steps__isnull=False).first()
    if guide is None:
        messages.error(request, "That step is no longer in the guide, so nothing was saved.")
        return redirect("programme:solo")
    return render(request, "programme/solo_guide.html", _solo_context(request, guide, form), status=422)


@login_required
@require_POST
def solo_share(request):
    """Show my partner one line of my own practice (never its note), or take it back."""
    membership = get_membership_or_none(request.user)
    log_id, shared = str(request.POST.get("log", "")), request.POST.get("share") == "1"
    known = log_id.isascii() and log_id.isdigit() and len(log_id) < 12
    log = Diary(request.user, keyring.data_key(request)).practice(log_id) if known else None
    if log is None or membership is None or not membership.has_partner():
        messages.error(request, "Nothing was shared. Sharing needs a practice of your own and a partner to pair with.")
        return redirect("programme:solo")
    back_to_log = (
        reverse("programme:solo_guide", args=[log.guide]) if log.guide else reverse("programme:solo")
    ) + "#my-log"
    pair_key = keyring.pair_key(request, membership) if shared else None
    if shared and pair_key is None:
        messages.error(
            request,
            "Nothing was shared yet. Your phone is still waiting for the key you share with your partner. "
            "Please try again after your partner has next used Companion.",
        )
        return redirect(back_to_log)
    Diary.share(log, membership.pair_id, shared, pair_key)
    messages.success(
        request, "Your partner can now see that line, without your note." if shared else "That line is private again."
    )
    return redirect(back_to_log)


# --- Check-ins, and how far I've come: only ever the signed-in person's own ----------


def _reminder(request, my_check_ins, practices, place=None):
    """Whether a check-in, a booster check-in or a welcome back is due for me now (`place`: my pair's PairStage,
    if the page has read it already)."""
    seat = Seat.of(request)
    if place is None and seat is not None:
        place = PairStage.read(seat.pair_id)
    finished_at = place.changed_at if place and place.last_change == PairStage.BOTH_READY else None
    last = _last_practice(seat, practices)
    return check_ins.reminder(my_check_ins, last, finished_at, timezone.now())


def _last_practice(seat, practices):
    """My most recent practice: on my own (my solo log, newest first) or with my partner (our last session)."""
    solo = practices[0] if practices else None
    together = Run.objects.last_of(seat.pair_id) if seat is not None else None
    if together is not None and (solo is None or together.started_at > solo.practised_at):
        sessions = list(
            Practice.objects.select_related("stage")
        )  # every stage's, in order: one lower may be the last stage's
        return check_ins.LastPractice(together.started_at, sessions, together.practice)
    if solo is None:
        return None
    steps = list(SoloStep.objects.filter(guide__slug=solo.guide).select_related("guide").order_by("number"))
    return check_ins.LastPractice(solo.practised_at, steps, next((s for s in steps if s.pk == solo.step_id), None))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request):
    """A few questions every few weeks, each one optional, kept for me alone, sealed under my key (and shown to my
    partner only if I tick it)."""
    diary = Diary(request.user, keyring.data_key(request))  # asked first: a locked session is asked before typing
    seat = Seat.of(request)
    partner_name = seat.partner_name if seat is not None and seat.is_full else None
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        questions=check_ins.questions_for(seat.i_live_with_pain if seat else None),
        partner_name=partner_name,
    )
    if form.is_valid():
        saved = form.save_to(diary)
        shown = form.cleaned_data.get("show") and _show(
            request, seat, Diary.show_check_in, diary.check_in(saved.pk), True
        )
        messages.success(
            request,
            f"Saved. {partner_name} can see these answers." if shown else "Saved. Only you can see these answers.",
        )
        return redirect("programme:progress")
    context = {"form": form, "content": check_ins.content(), "scale": [str(n) for n in range(11)]}
    return render(request, "programme/check_in.html", context, status=422 if form.is_bound else 200)


@login_required
@require_POST
def show_check_in(request):
    """Show my partner one of my check-ins, or make it private again (never flipped by a repeated tap)."""
    seat = Seat.of(request)
    check_in_id, shown = _posted_row_id(request, "check_in"), request.POST.get("show") == "1"
    check_in = Diary(request.user, keyring.data_key(request)).check_in(check_in_id) if check_in_id else None
    if check_in is None or seat is None or not seat.is_full:
        messages.error(request, "Nothing was changed. This needs one of your own check-ins, and a partner.")
        return redirect("programme:progress")
    if _show(request, seat, Diary.show_check_in, check_in, shown):
        messages.success(request, f"{seat.partner_name} can see it now." if shown else "It is private again.")
    return redirect(reverse("programme:progress") + "#my-check-ins")


def _chart(heading, points, words=None, not_tried=()):
    return {
        "heading": heading,
        "points": points,
        "chart": charts.line_chart(points),
        "words": words,
        "not_tried": not_tried,
    }


@login_required
@require_safe
def progress(request):
    """How far I've come: my own check-ins and practice over time, as charts and as tables."""
    diary = Diary(request.user, keyring.data_key(request))
    my_check_ins, practices, feelings = diary.check_ins(), diary.practices(), diary.feelings()
    answered = check_ins.trends(my_check_ins, check_ins.content().questions)
    practice_pain = [(log.practised_at, log.pain) for log in reversed(practices) if log.pain is not None]
    session_pain = [(felt.felt_at, felt.pain) for felt in reversed(feelings) if felt.pain is not None]
    context = {
        "reminder": _reminder(request, my_check_ins, practices),
        "check_in_charts": [_chart(t.question.short, t.points, t.words, t.not_tried) for t in answered],
        "practice_charts": [
            _chart(heading, points)
            for heading, points in [
                ("Pain during my solo practice", practice_pain),
                ("Pain in our sessions together", session_pain),
            ]
            if points
        ],
        "practice_count": len(practices),
        "session_count": len(feelings),
        "after_sessions": _after_sessions(request, diary),
        **_check_ins_between_us(request, my_check_ins),
    }
    return render(request, "programme/progress.html", context)


def _check_ins_between_us(request, my_check_ins):
    """In a pair of two: my check-ins, each to show my partner or make private again, and charts of the ones my
    partner chose to show me (their figures only, never compared with mine)."""
    seat = Seat.of(request)
    if seat is None or not seat.is_full:
        return {}
    shown_to_me = partner_check_ins(seat.pair_id, request.user, lambda: seat.pair_key)
    return {
        "partner_name": seat.partner_name,
        "my_check_ins_to_show": [c for n, c in enumerate(my_check_ins) if n < 10 or c.shown],  # newest, and shown
        "partner_check_in_charts": [
            _chart(trend.question.short, trend.points, not_tried=trend.not_tried)
            for trend in check_ins.trends(shown_to_me, check_ins.content().questions)
        ],
    }


def _after_sessions(request, diary):
    """My own notes after sessions together, my pattern in them, and what my partner chose to show me."""
    seat = Seat.of(request)
    if seat is None or not seat.is_full:
        return None
    asked = responses.asked_of(bool(seat.i_live_with_pain))
    mine = [response for response in diary.responses() if response.about == asked.about]
    return {
        "asked": asked,
        "mine": [(response, asked.texts(response.chosen)) for response in mine[:10]],
        "pattern": responses.pattern(mine, asked.about),
        "from_partner": [
            (shown, responses.content().helped.texts(shown.chosen))
            for shown in partner_help(seat.pair_id, request.user, lambda: seat.pair_key)
        ],
        "partner_name": seat.partner_name,
    }


# --- Responding with care, after a session together: each person's own, never compared ----------


@login_required
@require_POST
def responded(request):
    """How I responded, or what helped me, after a session: kept for me alone; what helped, shown if I ticked it."""
    seat = Seat.of(request)
    if seat is None or not seat.is_full:
        messages.error(request, "This is for a pair of two, after a session together. Nothing was saved.")
        return redirect(BACK_TO_PROGRAMME)
    diary = Diary(request.user, keyring.data_key(request))
    form = _response_form(seat, request.POST)
    if not form.is_valid():
        practice = form.cleaned_data.get("practice")
        if practice is None:
            messages.error(request, "That session is no longer in the programme. Nothing was saved.")
            return redirect(BACK_TO_PROGRAMME)
        context = _practice_context(request, practice, response_form=form)
        return render(request, "programme/practice.html", context, status=422)
    saved = form.save_to(diary)
    shown = form.cleaned_data.get("show") and _show(request, seat, Diary.show_help, diary.response(saved.pk), True)
    messages.success(request, "Saved. Your partner can see what helped." if shown else "Saved. Only you can see this.")
    return redirect(form.cleaned_data["practice"].get_absolute_url() + "#responding")


def _show(request, seat, show_it, record, shown):
    """One record of mine shown to my partner (`show_it`: Diary.show_help or Diary.show_check_in), or private
    again; False, and said, while the pair key has not reached this phone."""
    pair_key = seat.pair_key if shown else None
    if shown and pair_key is None:
        messages.error(request, keyring.PAIR_KEY_NOT_HERE_YET)
        return False
    show_it(record, seat.pair_id, shown, pair_key)
    return True


def _posted_row_id(request, name):
    """A row number as posted in `name`, or None for anything that is not one."""
    value = str(request.POST.get(name, ""))
    return value if value.isascii() and value.isdigit() and len(value) < 12 else None


@login_required
@require_POST
def show_help(request):
    """Show my partner what helped me in one session, or make it private again (never flipped by a repeated tap)."""
    seat = Seat.of(request)
    response_id, shown = _posted_row_id(request, "response"), request.POST.get("show") == "1"
    response = Diary(request.user, keyring.data_key(request)).response(response_id) if response_id else None
    if response is None or response.about != "helped" or seat is None or not seat.is_full:
        messages.error(request, "Nothing was changed. This needs one of your own notes of what helped, and a partner.")
        return redirect("programme:progress")
    if _show(request, seat, Diary.show_help, response, shown):
        messages.success(request, "Your partner can see it now." if shown else "It is private again.")
    return redirect(reverse("programme:progress") + "#after-sessions")
