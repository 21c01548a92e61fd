"""Signing out ends that session everywhere its cookie was copied.

Sessions are signed cookies (nothing stored per visitor), so each signed-in
session gets a random id; signing out records the id on the user, and a copy
of the cookie that still carries it is signed out on its next request. No
extra query: the user row is read on every signed-in request anyway.
"""

import secrets

from django.contrib.auth import user_logged_in, user_logged_out
from django.contrib.auth.models import AnonymousUser
from django.dispatch import receiver
from django.utils.deprecation import MiddlewareMixin

SESSION_ID = "_session_id"


@receiver(user_logged_in, dispatch_uid="partners-session-id")
def give_the_session_an_id(sender, request, user, **kwargs):
    request.session[SESSION_ID] = secrets.token_urlsafe(16)


@receiver(user_logged_out, dispatch_uid="partners-revoke-session")
def revoke_the_signed_out_session(sender, request, user, **kwargs):
    session_id = request.session.get(SESSION_ID)
    if user is not None and user.pk is not None and session_id:
        user.revoke_session(session_id)


class RevokedSessionMiddleware(MiddlewareMixin):
    """After AuthenticationMiddleware: a copy of a signed-out session's cookie is signed out too."""

    def process_request(self, request):
        user = request.user
        if user.is_authenticated and request.session.get(SESSION_ID) in user.revoked_sessions:
            request.session.flush()
            request.user = AnonymousUser()
