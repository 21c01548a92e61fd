"""Signing out ends that session everywhere its cookie was copied.

Sessions are signed cookies (nothing stored per visitor), so each signed-in
session gets a random id; signing out records the id on the user, and a copy
of the cookie that still carries it is signed out on its next request. No
extra query: the user row is read on every signed-in request anyway.
"""

import secrets

from django.contrib.auth import HASH_SESSION_KEY, user_logged_in, user_logged_out
from django.contrib.auth.models import AnonymousUser
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from . import keys

SESSION_ID = "_session_id"
# Set on a session that was signed in until a change on another phone ended it (a new passphrase, a recovery,
# "sign out everywhere"): the sign-in page says why, once. It holds no name and nothing about the change.
ENDED_BY_CHANGE = "_ended_by_change"
ENDED_BY_CHANGE_LINE = (
    "You were signed out because of a change on another phone: a new passphrase, a recovery code used, "
    "or \u201csign out everywhere\u201d. Sign in again with your current passphrase."
)


@receiver(user_logged_in, dispatch_uid="partners-session-id")
def give_the_session_an_id(sender, request, user, **kwargs):
    """A new id for this session: the data key the sign-in opens is sealed to it (keyring.remember)."""
    request.session[SESSION_ID] = secrets.token_urlsafe(16)


@receiver(user_logged_out, dispatch_uid="partners-revoke-session")
def revoke_the_signed_out_session(sender, request, user, **kwargs):
    session_id = request.session.get(SESSION_ID)
    if user is not None and user.pk is not None and session_id:
        user.revoke_session(session_id)


class RevokedSessionMiddleware(MiddlewareMixin):
    """After AuthenticationMiddleware: a copy of a signed-out session's cookie is signed out too."""

    def process_request(self, request):
        was_signed_in = HASH_SESSION_KEY in request.session  # read before the user, whose check may flush it
        user = request.user
        if user.is_authenticated and request.session.get(SESSION_ID) in user.revoked_sessions:
            request.session.flush()
            request.user = AnonymousUser()
        elif was_signed_in and not user.is_authenticated:  # its passphrase hash or epoch no longer matches
            request.session[ENDED_BY_CHANGE] = True


class LockedKeysMiddleware(MiddlewareMixin):
    """A page that needs the person's data key, in a session that holds none that opens (keys.KeysUnavailable):
    never a 500 and never a plain-text fallback, but the page that asks for the passphrase again, then back here."""

    def process_exception(self, request, exception):
        if not isinstance(exception, keys.KeysUnavailable):
            return None
        htmx = getattr(request, "htmx", None)
        back_to = (htmx.current_url_abs_path if htmx else None) or (
            request.get_full_path() if request.method == "GET" else "/"
        )
        target = f"{reverse('account:keys_locked')}?{urlencode({'next': back_to})}"
        if htmx:
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
