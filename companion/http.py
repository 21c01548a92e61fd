"""Small request helpers shared by every app."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def safe_next(request, default):
    """A path on this site to go to next, or `default` (a URL name or path)."""
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    on_this_site = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if on_this_site else resolve_url(default) if default else ""
