"""Small request helpers every app shares: who is asking, their seat, and where to go next."""

import ipaddress

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string, module_has_submodule

from . import keys
from .models import Membership, Pair


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


def each_app(module, function):
    """Each installed app's `<module>.<function>`, found by name, so a lower app never imports the ones above it
    (e.g. `personal_data.export` for "Download my data", `appointment_notes.for_sheet` for the sheet)."""
    return [
        import_string(f"{config.name}.{module}.{function}")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, module)
    ]


def get_pair_key(request, membership, partner=None):
    """The pair key for the signed-in member, opened with the data key in their session (see open_pair_key).
    Raises keys.KeysUnavailable without a usable data key."""
    cached = getattr(request, "_pair_key", None)
    if cached is None or cached[0] != membership.pk:
        cached = request._pair_key = (membership.pk, open_pair_key(keys.data_key(request), membership, partner))
    return cached[1]


def open_pair_key(data_key, membership, partner=None):
    """The pair key, or None while nobody has handed it to this member yet.

    Holding it, this hands it on to a partner (if given) who lacks one and whose key the pair pinned. Someone
    alone in their pair without a key (they were left behind, or started afresh before anyone joined) makes a
    new one, sealed to the public key of their own private key: never to a key read from the database, so
    nobody who can write to it is ever handed a key by emptying the copies."""
    if not membership.sealed_pair_key:
        _own_pair_key(data_key, membership)
    try:
        pair_key = membership.open_pair_key(data_key)
    except keys.Unreadable:
        pair_key = None
    if pair_key is not None and partner is not None and not partner.sealed_pair_key:
        membership.hand_pair_key_to_partner(pair_key, partner)
    return pair_key


@transaction.atomic
def _own_pair_key(data_key, membership):
    Pair.objects.select_for_update().filter(pk=membership.pair_id).first()
    members = list(Membership.objects.filter(pair_id=membership.pair_id))
    if len(members) == 1 and not members[0].sealed_pair_key:  # alone, and nobody made one a moment ago
        membership.make_own_pair_key(data_key)
    membership.refresh_from_db(fields=["sealed_pair_key", "key_pin"])
