"""Partners linking up: one invites, the other asks to join with the code, and the inviter accepts.

The code is only ever POSTed or carried in a link's #fragment (which browsers
never send), so it never appears in a request path or an access log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from .. import keyring, keys
from ..forms import BAD_CODE, AnswerRequestForm, JoinForm, PainAnswerForm, PairSettingsForm, StartPairForm
from ..http import address_group, client_ip, get_membership_or_none, safe_next
from ..models import Invite, Pair, RateLimit
from ..qr import qr_svg

OWN_CODE = "That is the code of your own invite. Your partner types it on their phone; here, type theirs."
JOIN_WINDOW_SECONDS = 15 * 60
JOIN_LIMITS = {"join-user": 10, "join-ip": 30}


def invite_link(request, invite):
    return f"{request.build_absolute_uri(reverse('partners:join'))}#{invite.code}"


def _something_to_show(request, membership):
    """For a waiting page: has the other person asked to join, or accepted, since it was drawn?"""
    if membership is None:
        return not Invite.objects.waiting_for_an_answer().filter(requested_by=request.user).exists()
    return membership.pair.is_full or membership.pair.invites.waiting_for_an_answer().exists()


@login_required
@require_safe
def pair(request):
    membership = get_membership_or_none(request.user)
    if request.htmx and request.GET.get("watch"):
        # A waiting page asks every few seconds; it reloads once there is something new to show.
        return HttpResponseClientRefresh() if _something_to_show(request, membership) else HttpResponse(status=204)
    context = {
        "membership": membership,
        "start_form": StartPairForm(),
        "join_window_minutes": JOIN_WINDOW_SECONDS // 60,
    }
    if membership is None:
        context["my_request"] = Invite.objects.waiting_for_an_answer().filter(requested_by=request.user).first()
    else:
        partner, pair_key = _partner_and_pair_key(request, membership)
        context["paired"] = partner is not None
        context["partner_name"] = partner.user.username if partner else None
        context["partner_key_changed"] = pair_key is not None and membership.partner_key_changed(pair_key, partner)
        mine = _my_pain_answer(request, membership)
        context["pain_form"] = PainAnswerForm(initial={"lives_with_pain": {True: "yes", False: "no"}.get(mine)})
        context["pain_answer_unknown"] = mine is None
        context["settings_form"] = PairSettingsForm(
            initial={"show_maybes": membership.show_maybes, "hide_matches": membership.hide_matches}
        )
        if not context["paired"]:
            waiting = membership.pair.invites.waiting_for_an_answer().select_related("requested_by").first()
            invite = None if waiting else membership.pair.invites.usable().order_by("-created_at").first()
            context.update(join_request=waiting, invite=invite)
            if invite:
                link = invite_link(request, invite)
                context.update(invite_link=link, invite_link_base=link.split("#")[0], qr=qr_svg(link))
    return render(request, "partners/pair.html", context)


@login_required
@require_POST
def create_invite(request):
    membership = get_membership_or_none(request.user)
    if membership is None:
        form = StartPairForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Please say whether you live with the pain, then create the invite.")
            return redirect("partners:pair")
        try:
            lives_with_pain = form.cleaned_data["lives_with_pain"]
            membership = Pair.start(request.user, lives_with_pain, keyring.data_key_or_none(request))
        except IntegrityError:  # a second tap a moment ago already started the pair
            membership = get_membership_or_none(request.user, fresh=True)
    if membership.pair.is_full:
        messages.error(request, "Your pair already has two partners.")
    elif membership.pair.invites.waiting_for_an_answer().exists():
        messages.info(request, "Someone is asking to join. Please accept or decline them first.")
    else:
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
    over_user = (
        RateLimit.hit("join-user", request.user.pk, window_seconds=JOIN_WINDOW_SECONDS) > JOIN_LIMITS["join-user"]
    )
    over_ip = (
        RateLimit.hit("join-ip", address_group(client_ip(request), 48), window_seconds=JOIN_WINDOW_SECONDS)
        > JOIN_LIMITS["join-ip"]
    )
    return over_user or over_ip


@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    """Ask to join with a code. The page fills the code in from a link's #fragment; only a POST uses it."""
    if not request.user.is_authenticated:
        return render(request, "partners/join_signed_out.html", {"next": reverse("partners:join")})
    own = get_membership_or_none(request.user)
    if own and not own.is_empty_pair_of_my_own():
        messages.info(request, "You are already in a pair. Leave it first to join another.")
        return redirect("partners:pair")
    form = JoinForm(request.POST if request.method == "POST" else None)
    status, wait_message = 200, ""
    if request.method == "POST":
        if _too_many_tries(request):
            form = JoinForm(initial={"lives_with_pain": request.POST.get("lives_with_pain")})
            wait_message = f"Too many tries. Please wait {JOIN_WINDOW_SECONDS // 60} minutes, then try again."
            status = 429
        elif form.is_valid():
            code, lives_with_pain = form.cleaned_data["code"], form.cleaned_data["lives_with_pain"]
            if own:  # both made an invite: theirs is used, and this person's own empty pair quietly goes
                asked = Invite.ask_to_join_instead(code, request.user, lives_with_pain, own)
            else:
                asked = Invite.ask_to_join(code, request.user, lives_with_pain)
            if asked:
                messages.success(request, "Your request is sent. Your partner sees your username and can accept it.")
                return redirect("partners:pair")
            form.add_error("code", OWN_CODE if own and own.pair.has_usable_code(code) else BAD_CODE)
            status = 422
        else:
            status = 422
    context = {"form": form, "wait_message": wait_message, "own_invite": own is not None}
    return render(request, "partners/join.html", context, status=status)


def _waiting_request(membership):
    """The request to join this person's pair, or None: nobody else's pair is ever reachable."""
    return membership.pair.invites.waiting_for_an_answer().first() if membership else None


@login_required
@require_POST
def answer_request(request):
    """The inviter accepts or declines the person asking to join."""
    membership = get_membership_or_none(request.user)
    waiting = _waiting_request(membership)
    form = AnswerRequestForm(request.POST)
    if waiting is None or not form.is_valid():
        messages.info(request, "There is no request to answer any more.")
    elif form.cleaned_data["answer"] == "accept":
        try:  # the new partner gets the pair key (and their answer about the pain) now; the key, if not, later
            pair_key, data_key = keyring.pair_key(request, membership), keyring.data_key(request)
        except keys.KeysUnavailable:
            pair_key, data_key = None, None
        if waiting.accept(pair_key, request.user, data_key):
            messages.success(request, "You are paired. Welcome.")
        else:
            messages.info(request, "That request can no longer be accepted. You can make a new invite.")
    elif waiting.decline():
        messages.info(request, "You declined. Nothing was shared, and the code no longer works.")
    return redirect("partners:pair")


@login_required
@require_POST
def cancel_request(request):
    """The person asking to join changes their mind."""
    mine = Invite.objects.waiting_for_an_answer().filter(requested_by=request.user).first()
    if mine and mine.decline():
        messages.info(request, "Your request is cancelled.")
    return redirect("partners:pair")


@login_required
@require_POST
def leave_pair(request):
    membership = get_membership_or_none(request.user)
    if membership:
        alone = not membership.pair.members.exclude(pk=membership.pk).exists()
        membership.leave()
        if alone:  # "Cancel pairing": nobody else was in it
            messages.info(request, "Pairing is cancelled. You can make a new invite, or type your partner's code.")
        else:
            messages.info(request, "You have left the pair. Your own marks stay yours.")
    return redirect("partners:pair")


@login_required
@require_POST
def pain_answer(request):
    membership = get_membership_or_none(request.user)
    form = PainAnswerForm(request.POST)
    if membership and form.is_valid():
        data_key = keyring.data_key(request)  # none in this session: the passphrase is asked for, then back
        membership.set_lives_with_pain(
            form.cleaned_data["lives_with_pain"], keyring.pair_key(request, membership), data_key
        )
        messages.success(request, "Saved.")
    elif membership:
        messages.error(request, "Please choose yes or no. Nothing has changed.")
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


def _partner_and_pair_key(request, membership):
    """(partner's Membership, pair key), either None when there is no partner or no key in this session."""
    partner = membership.pair.members.exclude(pk=membership.pk).select_related("user").first() if membership else None
    try:
        pair_key = keyring.pair_key(request, membership) if partner else None
    except keys.KeysUnavailable:
        pair_key = None
    return partner, pair_key


def _my_pain_answer(request, membership):
    """This person's own answer, sealed again where it no longer opens; None (asked again) when nothing opens."""
    try:
        pair_key, data_key = keyring.pair_key(request, membership), keyring.data_key(request)
    except keys.KeysUnavailable:
        pair_key, data_key = None, None
    return membership.settle_lives_with_pain(pair_key, data_key)


@login_required
@require_POST
def vouch_for_partner(request):
    """ "Yes, that was them": the partner's new keys (they started afresh) are pinned and given the pair key."""
    membership = get_membership_or_none(request.user)
    partner, pair_key = _partner_and_pair_key(request, membership)
    if pair_key is None or not membership.partner_key_changed(pair_key, partner):
        messages.info(request, "There is nothing to confirm now.")
    else:
        membership.vouch_for_partner(pair_key, partner)
        messages.success(request, "Thank you. Your partner can see what you both chose again.")
    return redirect("partners:pair")
