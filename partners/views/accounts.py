"""Accounts: sign up, sign in and out, and the privacy controls (export, delete, sign out everywhere)."""

import json

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from django.utils.module_loading import import_string, module_has_submodule

from ..forms import ConfirmPassphraseForm, SignInForm, SignUpForm
from ..http import client_ip, get_membership_or_none, safe_next
from ..models import RateLimit

LOGIN_WINDOW = 15 * 60
LOGIN_LIMITS = {"login-ip": 30, "login-user": 10}


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("account:home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next(request, "partners:pair"))
    return render(request, "partners/sign_up.html", {"form": form, "next": safe_next(request, "")},
                  status=422 if form.errors else 200)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    limited = False
    if request.method == "POST":
        username = str(request.POST.get("username", ""))[:150].lower()
        counts = [
            RateLimit.hit("login-ip", client_ip(request), window_seconds=LOGIN_WINDOW) > LOGIN_LIMITS["login-ip"],
            RateLimit.hit("login-user", username, window_seconds=LOGIN_WINDOW) > LOGIN_LIMITS["login-user"],
        ]
        limited = any(counts)
        if not limited and form.is_valid():
            login(request, form.get_user())
            return redirect(safe_next(request, "account:home"))
    status = 429 if limited else 422 if request.method == "POST" else 200
    return render(request, "partners/sign_in.html", {"form": form, "limited": limited, "next": safe_next(request, "")},
                  status=status)


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, "You are signed out on this phone.")
    return redirect("home")


@login_required
@require_GET
def account_home(request):
    return render(request, "partners/account.html", {"membership": get_membership_or_none(request.user)})


def personal_data_exporters():
    """Each installed app's `personal_data.export(user)`: the one way an app adds its part to "Download my data"."""
    return [
        import_string(f"{config.name}.personal_data.export")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "personal_data")
    ]


@login_required
@require_GET
def export_data(request):
    """Everything stored about me, from every app; nothing of my partner's."""
    data = {}
    for export in personal_data_exporters():
        data.update(export(request.user))
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="companion-my-data.json"'
    return response


@login_required
@sensitive_post_parameters("passphrase")
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = ConfirmPassphraseForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            RateLimit.forget("login-user", user.username.lower())
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
