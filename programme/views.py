from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from editorial.page_cache import shared_page
from partners import keyring, keys
from partners.http import get_membership, get_membership_or_none, page_or_fragment
from partners.models import Membership

from .forms import FeelingForm, ReminderForm, SoloLogForm, StageForm, StartRunForm
from .models import (
    NotTonight,
    PairStage,
    Practice,
    Readiness,
    Run,
    SoloGuide,
    Stage,
    go_back,
    say_ready,
)
from .private_records import Diary, partner_lines

BACK_TO_PROGRAMME = "programme:home"


def _shared_with_me(request, membership):
    """Lines my partner chose to show me, opened with our pair key (asked for only when there are some)."""
    return partner_lines(membership.pair_id, request.user, lambda: keyring.pair_key(request, membership))


def _pair_context(request):
    """My pair's place in the programme, my own "ready" (never my partner's) and my partner's "not tonight"."""
    user = request.user
    membership = get_membership_or_none(user)
    if membership is None:
        return {"membership": None}
    place = PairStage.read(membership.pair_id)
    number = place.number
    return {
        "membership": membership,
        "place": place,
        "current_number": number,
        "i_said_ready": Readiness.objects.filter(pair_id=membership.pair_id, user=user, stage_number=number).exists(),
        "partner_not_tonight": NotTonight.from_partner(membership.pair_id, user),
        "running": Run.objects.open().filter(pair_id=membership.pair_id).select_related("practice").first(),
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
    context = {"practice": shown, "stage": shown.stage, "parts": list(shown.parts.all())}
    if request.user.is_authenticated:
        membership = get_membership_or_none(request.user)
        context["can_start"] = membership is not None and shown.stage.number <= PairStage.number_for(membership.pair_id)
        context["feeling_form"] = FeelingForm(initial={"practice": shown.pk})
        context["my_feelings"] = Diary(request.user, keyring.data_key(request)).feelings_for(shown)
    return render(request, "programme/practice.html", context)


def _stage_tapped(request):
    form = StageForm(request.POST)
    return form.cleaned_data["stage"] if form.is_valid() else None


@login_required
@require_POST
def ready(request):
    """My private "ready for the next stage". The pair moves on only when both said it; my partner is never told I did."""
    membership = get_membership(request.user)
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
    context = {
        "practice": practice,
        "stage": practice.stage,
        "parts": list(practice.parts.all()),
        "feeling_form": form,
        "my_feelings": diary.feelings_for(practice),
    }
    return render(request, "programme/practice.html", context, status=422)


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


def _run_context(request, membership, run):
    found = run.where() if run else None
    context = {"run": run, "found": found, "practice": run.practice if run else None}
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
    return context


def _open_run(membership):
    return Run.objects.open().filter(pair_id=membership.pair_id).select_related("practice__stage").first()


@login_required
@require_POST
def start_run(request):
    membership = get_membership(request.user)
    form = StartRunForm(request.POST, up_to_stage=PairStage.number_for(membership.pair_id))
    if not form.is_valid():
        messages.error(
            request,
            "That session is not on a stage you have both reached yet, or is no longer in the programme, "
            "so nothing started.",
        )
        return redirect(BACK_TO_PROGRAMME)
    practice = form.cleaned_data["practice"]
    Run.start(membership.pair_id, practice, request.user)
    return redirect("programme:now")


@login_required
@require_safe
def now(request):
    """The session this pair is doing now. htmx asks with the stamp it shows: 204 while nothing changed."""
    membership = get_membership(request.user)
    context = _run_context(request, membership, _open_run(membership))
    if request.htmx and context.get("stamp") and request.GET.get("s") == context["stamp"]:
        return HttpResponse(status=204)
    return page_or_fragment(request, "programme/now.html", "run-card", context)


def _run_action(request, act):
    """Pause, next part or stop, from either phone. A tap made on an old card changes nothing and says so."""
    membership = get_membership(request.user)
    run = _open_run(membership)
    same = (
        run is not None
        and str(request.POST.get("run", "")) == str(run.pk)
        and str(request.POST.get("v", "")) == str(run.version)
    )
    done = same and act(run)
    notice = "" if done else "Your partner changed this a moment ago, so here is where you both are."
    if request.htmx:
        context = {**_run_context(request, membership, _open_run(membership)), "notice": notice}
        return page_or_fragment(request, "programme/now.html", "run-card", context)
    if notice:
        messages.info(request, notice)
    return redirect("programme:now")


@login_required
@require_POST
def pause_run(request):
    return _run_action(request, lambda run: run.resume() if run.paused_at else run.pause())


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
        context["my_log"] = Diary(request.user, keyring.data_key(request)).practices_in(guide)
        membership = get_membership_or_none(request.user)
        context["paired"] = membership is not None and membership.has_partner()
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
