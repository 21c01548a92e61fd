"""Small request helpers every app shares: who is asking, their seat, and where to go next."""

import ipaddress

from django.conf import settings
from django.http import Http404
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Membership


def client_ip(request):
    """The visitor's address. Behind a trusted proxy (BEHIND_PROXY), the address that proxy saw.

    The proxy appends the address it received to X-Forwarded-For, so the right-most
    entry is the one no visitor can forge; anything to its left may be made up. Without BEHIND_PROXY no
    forwarded header is read, and REMOTE_ADDR is the real peer only because the production command starts
    gunicorn with `--forwarded-allow-ips` empty (uvicorn would otherwise rewrite it for a loopback peer).
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1][:64]
    return request.META.get("REMOTE_ADDR", "")


def address_group(ip, prefix):
    """The address as one limit counts it: IPv4 whole, IPv6 by its first `prefix` bits (/64 is one home or
    phone, /48 one site), since one IPv6 holder has 2^64 addresses or more to rotate through."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 4:
        return str(address)
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def get_membership_or_none(user, fresh=False):
    """The signed-in person's seat in their pair, or None. The one way any view reads it."""
    if not user.is_authenticated:
        return None
    if fresh:
        return Membership.objects.filter(user=user).select_related("pair").first()
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def get_membership(user):
    """The signed-in person's seat, or 404 for anyone not in a pair."""
    membership = get_membership_or_none(user)
    if membership is None:
        raise Http404("Not in a pair.")
    return membership


def safe_next(request, default):
    """A path on this site to go to next, or `default` (a URL name or path)."""
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    on_this_site = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if on_this_site else resolve_url(default) if default else ""


def page_or_fragment(request, template, fragment, context, status=200):
    """The whole page, or for htmx only its named partial (`template#fragment`): one view, one template.

    Sets `Vary: HX-Request`, so no cache ever serves one where the other was asked for.
    """
    response = render(request, f"{template}#{fragment}" if request.htmx else template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
