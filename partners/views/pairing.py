"""Partners linking up: one invites, the other joins with a code, a link or a QR code."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..forms import BAD_CODE, JoinForm, PairSettingsForm
from ..http import client_ip, get_membership_or_none, safe_next
from ..models import Invite, Pair, RateLimit, Role

JOIN_WINDOW = 15 * 60
JOIN_LIMITS = {"join-user": 10, "join-ip": 30}


def _qr_svg(url):
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff", border=2, omitsize=True)
    return mark_safe(svg)  # segno's own markup: no user input beyond our URL


@login_required
@require_safe
def pair(request):
    membership = get_membership_or_none(request.user)
    context = {"membership": membership, "join_form": JoinForm(), "roles": Role.choices}
    if membership:
        members = list(membership.pair.members.all())
        context["paired"] = len(members) == 2
        if not context["paired"]:
            invite = membership.pair.invites.usable().order_by("-created_at").first()
            if invite:
                link = request.build_absolute_uri(reverse("partners:join_link", args=[invite.code]))
                context.update(invite=invite, invite_link=link, qr=_qr_svg(link))
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
    return render(request, "partners/pair.html", context)


@login_required
@require_POST
def create_invite(request):
    membership = get_membership_or_none(request.user)
    if membership is None:
        role = request.POST.get("role")
        if role not in Role.values:
            messages.error(request, "Please choose which partner you are, then create the invite.")
            return redirect("partners:pair")
        try:
            membership = Pair.start(request.user, role)
        except IntegrityError:  # a second tap a moment ago already started the pair
            membership = get_membership_or_none(request.user, fresh=True)
    if membership.pair.is_full:
        messages.error(request, "Your pair already has two partners.")
        return redirect("partners:pair")
    Invite.issue(membership.pair)
    return redirect("partners:pair")


@login_required
@require_POST
def revoke_invite(request):
    membership = get_membership_or_none(request.user)
    if membership:
        membership.pair.invites.usable().update(revoked_at=timezone.now())
        messages.info(request, "The invite no longer works.")
    return redirect("partners:pair")


def _too_many_tries(request):
    over_user = RateLimit.hit("join-user", request.user.pk, window_seconds=JOIN_WINDOW) > JOIN_LIMITS["join-user"]
    over_ip = RateLimit.hit("join-ip", client_ip(request), window_seconds=JOIN_WINDOW) > JOIN_LIMITS["join-ip"]
    return over_user or over_ip


@require_http_methods(["GET", "HEAD", "POST"])
def join(request, code=""):
    """Join with a code. GET (from a link or QR code) only fills the form in: nothing is used up."""
    if not request.user.is_authenticated:
        return render(request, "partners/join_signed_out.html", {"next": request.get_full_path()})
    if get_membership_or_none(request.user):
        messages.info(request, "You are already in a pair. Leave it first to join another.")
        return redirect("partners:pair")
    form = JoinForm(request.POST if request.method == "POST" else None, initial={"code": code})
    status = 200
    if request.method == "POST":
        if _too_many_tries(request):
            form.add_error(None, "Too many tries. Please wait 15 minutes, then try again.")
            status = 429
        elif form.is_valid():
            try:
                joined = Invite.redeem(form.cleaned_data["code"], request.user)
            except IntegrityError:
                joined = None
            if joined:
                messages.success(request, "You are paired. Welcome.")
                return redirect("partners:pair")
            form.add_error("code", BAD_CODE)
        if status == 200:
            status = 422
    return render(request, "partners/join.html", {"form": form}, status=status)


@login_required
@require_POST
def leave_pair(request):
    membership = get_membership_or_none(request.user)
    if membership:
        membership.leave()
        messages.info(request, "You have left the pair. Your own marks stay yours.")
    return redirect("partners:pair")


@login_required
@require_POST
def pair_settings(request):
    membership = get_membership_or_none(request.user)
    form = PairSettingsForm(request.POST)
    if membership and form.is_valid():
        membership.show_maybes = form.cleaned_data["show_maybes"]
        membership.hide_matches = form.cleaned_data["hide_matches"]
        membership.save(update_fields=["show_maybes", "hide_matches"])
        messages.success(request, "Saved.")
    return redirect(safe_next(request, "partners:pair"))
