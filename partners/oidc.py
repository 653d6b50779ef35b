"""Signing in through the organisation's identity provider (NHSmail, Entra ID) with OpenID
Connect: the authorization-code flow with PKCE, offered only when configured from the
environment (settings.OIDC_ENABLED).

The provider vouches for who someone is, never for whether they may use the portal: its
verified email is matched, in any case, to an existing active account, and a person the portal
does not know is refused and nothing is created. Its sign-in counts as the second factor only
when its ID token says a second factor was used (`amr` includes "mfa")."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from . import signin

log = logging.getLogger(__name__)

REFUSED = (
    "Your organisation's account could not be used to sign in here. Only people the portal "
    "already knows can sign in, with the email address the secretariat holds for them: sign "
    "in with your password, or ask the secretariat."
)


def provider_mfa(claims):
    """Whether the provider's ID token says a second factor was used."""
    amr = claims.get("amr") or []
    return "mfa" in ([amr] if isinstance(amr, str) else amr)


class ProviderBackend(OIDCAuthenticationBackend):
    """Finds the portal's account for a provider's sign-in; never creates one."""

    def __init__(self, *args, **kwargs):
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        verified = claims.get("email_verified")
        if verified is None:
            verified = settings.OIDC_PROVIDER_VERIFIES_EMAIL
        return bool(claims.get("email")) and verified is True

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        audience = payload.get("aud")
        audience = [audience] if isinstance(audience, str) else audience or []
        issuer = settings.OIDC_ISSUER
        if self.OIDC_RP_CLIENT_ID not in audience or (issuer and payload.get("iss") != issuer):
            raise SuspiciousOperation("ID token for another client or issuer")
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            log.warning("Organisation sign-in refused: no active account with that email")
            return None
        user.provider_mfa = provider_mfa(payload)
        return user


class ProviderSignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with a fresh state, nonce and PKCE challenge."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: signs in the matching account, then to the second factor
    unless the provider has done one. A callback whose state this session did not start is
    refused (400)."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)

    def login_failure(self):
        messages.error(self.request, REFUSED)
        return redirect(settings.LOGIN_URL)

    def login_success(self):
        response = super().login_success()
        if self.user.provider_mfa:
            signin.second_factor_passed_by_provider(self.request, self.user)
        elif signin.second_factor_needed(self.request.user):
            return signin.redirect_to_second_factor(response["Location"])
        return response


class SignInView(LoginView):
    """The sign-in page: the password, and the organisation's account when configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.OIDC_ENABLED:
            context["provider_label"] = settings.OIDC_BUTTON_LABEL
        return context
