"""Signing in: the lockout page and the account name django-axes counts failures against,
and the limits of a signed-in session (how long it may sit idle, and how long it may last)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def sign_in_username(request, credentials):
    """The account a sign-in tried, as django-axes counts it: emails in any case are one."""
    tried = (credentials or request.POST).get("username") or ""
    return tried.strip().lower()


def sign_in_address(request):
    """The address a sign-in came from: the connection's, or behind N reverse proxies the
    N-th address from the right of X-Forwarded-For (the ones further left are the client's
    own say, and not trusted)."""
    proxies = settings.SIGN_IN_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def sign_in_locked_out(request, response=None, credentials=None):
    """What django-axes shows once an account or an address is locked: the same page whether
    or not the account exists, naming neither."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# The last request's time is written at most this often, not on every request.
LAST_SEEN_GRANULARITY = 60


def session_stamp_sign_in(sender, request, user, **kwargs):
    """On `user_logged_in`: the session's clocks start now."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def session_expired(session, now):
    """Why the session has ended ("idle" or "absolute"), or None while it is live."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
    if signed_in_at is None:
        return None
    if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - last_seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


class SessionLimitsMiddleware:
    """Signs out a session idle for 30 minutes or 12 hours old (settings.SESSION_*_SECONDS),
    and sends the request to sign in again, back to the page it asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if SIGNED_IN_AT not in session:
                # Signed in before the clocks existed: they start now.
                session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            if session_expired(session, now):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_GRANULARITY:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)
