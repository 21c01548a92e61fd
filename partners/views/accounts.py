"""Accounts: sign up, sign in and out, recovery, passphrase changes, and the privacy controls
(export, delete, sign out everywhere)."""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import keyring, registry, sessions, throttle
from ..forms import (
    NO_MATCH,
    ChangePassphraseForm,
    ConfirmPassphraseForm,
    RecoverForm,
    SignInForm,
    SignUpForm,
    UnlockForm,
)
from ..http import address_group, client_ip, get_membership_or_none, safe_next
from ..models import RateLimit

SIGN_UPS_PER_ADDRESS_PER_HOUR = 10
KEYS_RESET = "_keys_reset"  # set at sign-in when the right passphrase no longer opens the records


def _page(request, template, context, status=200):
    return render(request, template, {"next": safe_next(request, ""), **context}, status=status)


def _show_recovery_code(request, user, data_key, heading):
    """The one-time recovery code (it opens `data_key`), shown once in this response and never stored in the clear."""
    context = {
        "code": user.new_recovery_code(data_key),
        "heading": heading,
        "next": safe_next(request, "partners:pair"),
    }
    response = render(request, "partners/recovery_code.html", context)
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("account:home")
    if request.method == "POST":
        again = SignUpForm(initial={"username": str(request.POST.get("username", ""))[:40]})
        if (
            RateLimit.hit("signup-ip", address_group(client_ip(request), 48), window_seconds=3600)
            > SIGN_UPS_PER_ADDRESS_PER_HOUR
        ):
            return _page(request, "partners/sign_up.html", {"form": again, "limited": True}, status=429)
        ceiling = settings.SIGN_UPS_PER_MINUTE
        if RateLimit.hit("signup-everyone", "everyone", window_seconds=60) > ceiling:  # answered before any hashing
            response = _page(request, "partners/sign_up.html", {"form": again, "busy": True}, status=503)
            response["Retry-After"] = "10"
            return response
        form = SignUpForm(request.POST)
        if form.is_valid():
            user, data_key = form.create_account()
            keyring.signed_up(request, user, data_key)
            return _show_recovery_code(request, user, data_key, "Your account is ready")
        return _page(request, "partners/sign_up.html", {"form": form}, status=422)
    return _page(request, "partners/sign_up.html", {"form": SignUpForm()})


@sensitive_post_parameters("password")
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    if request.method != "POST":
        ended_by_change = request.session.pop(sessions.ENDED_BY_CHANGE, False)
        context = {"form": SignInForm(request), "ended_line": sessions.ENDED_BY_CHANGE_LINE if ended_by_change else ""}
        return _page(request, "partners/sign_in.html", context)
    username = str(request.POST.get("username", ""))[:150]
    wait = throttle.wait_seconds(request, username)
    if wait:  # answered before any passphrase is checked
        form = SignInForm(request, initial={"username": username[:40]})
        return _page(
            request, "partners/sign_in.html", {"form": form, "wait_message": throttle.wait_message(wait)}, status=429
        )
    form = SignInForm(request, data=request.POST)
    if form.is_valid():
        if keyring.sign_in(request, form.get_user(), form.cleaned_data["password"]) is None:
            # The passphrase no longer opens the key (an admin reset it, say): the locked page says so at once.
            request.session[KEYS_RESET] = True
            response = redirect(
                f"{reverse('account:keys_locked')}?{urlencode({'next': safe_next(request, 'account:home')})}"
            )
        else:
            response = redirect(safe_next(request, "account:home"))
        throttle.record_success(request, response, username)
        _tell_of_wrong_tries(request, username)
        return response
    if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
        throttle.record_failure(request, username)
    return _page(request, "partners/sign_in.html", {"form": form}, status=422)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "HEAD", "POST"])
def admin_sign_in(request, **kwargs):
    """The admin's own sign-in page, behind the same throttle as everyone's."""
    username = str(request.POST.get("username", ""))[:150] if request.method == "POST" else ""
    if username and (wait := throttle.wait_seconds(request, username)):
        return HttpResponse(throttle.wait_message(wait), status=429, content_type="text/plain; charset=utf-8")
    response = admin.site.login(request, **kwargs)
    if username:
        if response.status_code == 302 and request.user.is_authenticated:
            throttle.record_success(request, response, username)
        else:
            throttle.record_failure(request, username)
    return response


@sensitive_post_parameters("new_password1", "new_password2", "recovery_code")
@require_http_methods(["GET", "HEAD", "POST"])
def recover(request):
    """Forgot the passphrase: the username, the recovery code and a new passphrase."""
    if request.method != "POST":
        return _page(request, "partners/recover.html", {"form": RecoverForm()})
    username = str(request.POST.get("username", ""))[:150]
    if wait := throttle.wait_seconds(request, username, "recover"):
        form = RecoverForm(initial={"username": username[:40]})
        return _page(
            request, "partners/recover.html", {"form": form, "wait_message": throttle.wait_message(wait)}, status=429
        )
    form = RecoverForm(request.POST)
    if not form.is_valid():
        if form.has_error("recovery_code", "no_match"):
            throttle.record_failure(request, username, "recover")
        return _page(request, "partners/recover.html", {"form": form}, status=422)
    recovered = form.save()
    if recovered is None:
        form.add_error("recovery_code", NO_MATCH)
        return _page(request, "partners/recover.html", {"form": form}, status=422)
    user, data_key = recovered
    if data_key is None:  # an account made before keys existed: nothing to open, so sign in as usual
        messages.success(request, "Your new passphrase is set. Now sign in with your new passphrase.")
        return redirect("account:sign_in")
    # They proved it twice (the one-time code and a new passphrase): signed in, on this phone only.
    keyring.recovered(request, user, data_key)
    return _show_recovery_code(request, user, data_key, "Your new passphrase is set")


def _tell_of_wrong_tries(request, username):
    """After a sign-in: if the name had several wrong tries since the last one, say so, kindly, once."""
    tries = throttle.failures_since_last_sign_in(username)
    if tries >= throttle.NOTICE_AFTER:
        messages.warning(
            request,
            format_html(
                "There were {} wrong tries at the passphrase or recovery code for your name since you last signed in. "
                'If that was not you, you may want to <a href="{}">change your passphrase</a>.',
                tries,
                reverse("account:change_passphrase"),
            ),
        )


@login_required
@sensitive_post_parameters("passphrase")
@require_http_methods(["GET", "HEAD", "POST"])
def keys_locked(request):
    """This session holds no key that opens the person's private records: open them again, or start afresh."""
    form = UnlockForm(
        request.user, request.POST if request.method == "POST" else None, reset=request.session.get(KEYS_RESET, False)
    )
    if form.is_valid():
        request.session.pop(KEYS_RESET, None)
        user = request.user
        if form.data_key is not None:  # the passphrase opened the key
            keyring.opened(request, user, form.data_key)
            messages.success(request, "Your private answers are open again on this phone.")
            return redirect(safe_next(request, "account:home"))
        data_key = keyring.start_afresh(request, user, form.cleaned_data["passphrase"])
        return _show_recovery_code(request, user, data_key, "You are starting afresh")
    context = {"form": form, "has_recovery_code": bool(request.user.recovery_code_hash)}
    return _page(request, "partners/keys_locked.html", context, status=422 if form.errors else 200)


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "HEAD", "POST"])
def change_passphrase(request):
    """Needs the current passphrase. Every other session, on any phone, ends; this one stays signed in."""
    form = ChangePassphraseForm(
        request.user, request.POST if request.method == "POST" else None, data_key=keyring.data_key_or_none(request)
    )
    if form.is_valid():
        user = form.save(resealers=registry.each("reseal"))
        update_session_auth_hash(request, user)
        if form.rekeyed:
            keyring.remember(request, user, form.data_key)
            return _show_recovery_code(
                request, user, form.data_key, "Your passphrase is changed and your private records have a new key"
            )
        messages.success(request, "Your passphrase is changed. Every other phone and browser is signed out.")
        return redirect("account:home")
    return _page(request, "partners/change_passphrase.html", {"form": form}, status=422 if form.errors else 200)


@require_POST
def sign_out(request):
    logout(request)  # this session ends everywhere its cookie was copied (see sessions.py)
    messages.info(request, "You are signed out on this phone.")
    return redirect("home")


@login_required
@require_safe
def account_home(request):
    context = {"membership": get_membership_or_none(request.user), "idle_hours": settings.SESSION_COOKIE_AGE // 3600}
    return render(request, "partners/account.html", context)


@login_required
@require_safe
def export_data(request):
    """Everything stored about me, from every app; nothing of my partner's."""
    data, data_key = {}, keyring.data_key(request)  # sealed records are opened for their owner only
    for export in registry.each("export"):  # each app's part (registry.py)
        data.update(export(request.user, data_key))
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="companion-my-data.json"'
    return response


@login_required
@sensitive_post_parameters("passphrase")
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    form = ConfirmPassphraseForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            user.delete_account()
        logout(request)
        messages.info(request, "Your account and everything of yours are deleted.")
        return redirect("home")
    return render(request, "partners/delete_account.html", {"form": form}, status=422 if form.errors else 200)


@login_required
@require_POST
def sign_out_everywhere(request):
    request.user.sign_out_everywhere()
    logout(request)
    messages.info(request, "You are signed out on every phone and browser.")
    return redirect("account:sign_in")
