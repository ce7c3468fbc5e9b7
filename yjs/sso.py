"""Single sign-on with the council's Microsoft Entra ID, or any OpenID Connect
provider (issue 14). Optional: on only when OIDC_CLIENT_ID is set (yjs/settings.py,
README "Single sign-on (Microsoft Entra ID)").

mozilla-django-oidc runs the OpenID Connect code flow; this module decides who
it lets in. SSO never creates an account: a work account signs in only as a
person a plan officer has already invited, matched by an email address the
provider vouches for, while their membership of a partnership is active. A
leaver whose membership was ended, or anyone never invited, lands on "You have
not been invited", which tells them to ask their plan officer.
"""

import logging

from django.core.exceptions import SuspiciousOperation
from django.urls import path, reverse
from django.views.generic import TemplateView
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from plans.models import Membership

log = logging.getLogger(__name__)


def _is_true(value):
    # Most providers send a JSON true; some (Cognito, older Keycloak) the string "true".
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def verified_email(claims, trust_email_claim=False):
    """The email address the provider vouches for, or None.

    A standard provider vouches for `email` by sending `email_verified: true`;
    without that, anyone who could type an address into their profile there
    could sign in here as the person who owns it. Entra ID never sends
    `email_verified`. With SSO_TRUST_EMAIL_CLAIM (on by default for
    ENTRA_TENANT_ID, which must name the council's own tenant) the addresses are
    the council's directory's, set by its IT, so `email` is trusted, or if the
    account has no mailbox address, the sign-in name (`preferred_username`,
    then `upn`), which in Entra is the work address in almost every council.
    """
    if trust_email_claim:
        candidates = [claims.get("email"), claims.get("preferred_username"), claims.get("upn")]
    elif _is_true(claims.get("email_verified")):
        candidates = [claims.get("email")]
    else:
        candidates = []
    for value in candidates:
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return None


class InvitedPeopleOIDCBackend(OIDCAuthenticationBackend):
    """Signs in invited people only (AUTHENTICATION_BACKENDS, after Axes)."""

    def email(self, claims):
        return verified_email(claims, self.get_settings("SSO_TRUST_EMAIL_CLAIM", False))

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo endpoint's claims with the signed ID token's: Entra's
        userinfo (Microsoft Graph) leaves out `preferred_username` and `upn`."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is about someone other than the ID token.")
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        """mozilla-django-oidc checks the token's signature and nonce, not who it
        was issued to or by: a token for another application, or from another
        issuer, is refused here."""
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another application.")
        issuer = self.get_settings("OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return super().get_or_create_user(access_token, id_token, payload)

    def verify_claims(self, claims):
        return self.email(claims) is not None

    def describe_user_by_claims(self, claims):
        return "a verified email address" if self.email(claims) else "no verified email address"

    def filter_users_by_claims(self, claims):
        """The invited person with this address, in any case (Entra often
        capitalises names in addresses): an active account with an active
        membership. Two accounts sharing the address match nobody (mozilla
        refuses rather than guess)."""
        email = self.email(claims)
        if not email:
            return self.UserModel.objects.none()
        invited = Membership.objects.active().values("user")
        return self.UserModel.objects.filter(email__iexact=email, is_active=True, pk__in=invited)

    def create_user(self, claims):
        """No invitation, no account, even if OIDC_CREATE_USER were switched on."""
        return None

    def update_user(self, user, claims):
        """Fill in a name the invitation left blank; never overwrite one."""
        changed = []
        for field, claim in (("first_name", "given_name"), ("last_name", "family_name")):
            value = claims.get(claim)
            if not getattr(user, field) and isinstance(value, str) and value.strip():
                setattr(user, field, value.strip()[:150])
                changed.append(field)
        if changed:
            user.save(update_fields=changed)
        return user


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """The provider sends people back here; anyone not let in (not invited, a
    leaver, or who cancelled at the provider) sees the refusal page."""

    @property
    def failure_url(self):
        return reverse("sso_refused")


def not_a_password_guess(request, credentials):
    """Axes (AXES_WHITELIST_CALLABLE): the SSO callback carries a one-time code
    from the provider, which does its own throttling, and no username, so Axes
    would count every refused person against one shared "no username" record
    per address and, after five, lock every SSO sign-in from the council's
    network out. Password sign-ins are counted as before."""
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "oidc_authentication_callback")


# Included at /oidc/ by yjs/urls.py when SSO is on (mozilla_django_oidc.urls,
# with our callback class and the refusal page).
urlpatterns = [
    path("authenticate/", oidc_views.OIDCAuthenticationRequestView.as_view(), name="oidc_authentication_init"),
    path("callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
    path("not-invited/", TemplateView.as_view(template_name="registration/sso_refused.html"), name="sso_refused"),
]
