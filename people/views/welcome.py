"""The invitation link: the new person chooses a password and is signed in.

As Django's own reset view does, the token is moved from the address into the
session at once, so it cannot leak to another site in the Referer header.
"""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ..invitations import invitation_tokens, user_from_uid

SESSION_TOKEN = "_people_invitation_token"
IN_SESSION = "set-password"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def landing():
    """The page a person starts from once signed in (their landing page, or home)."""
    try:
        return reverse("landing")
    except NoReverseMatch:
        return reverse("home")


def invited_user(request, uidb64, token):
    user = user_from_uid(uidb64)
    if user is None or not user.is_active:
        return None
    token = request.session.get(SESSION_TOKEN) if token == IN_SESSION else token
    return user if token and invitation_tokens.check_token(user, token) else None


@sensitive_post_parameters()
@never_cache
def welcome(request, uidb64, token):
    if token != IN_SESSION:
        if invited_user(request, uidb64, token) is None:
            return expired(request)
        request.session[SESSION_TOKEN] = token
        return redirect("people:welcome", uidb64=uidb64, token=IN_SESSION)
    user = invited_user(request, uidb64, token)
    if user is None:
        return expired(request)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()  # changes the hash the token was made from: the link is now used
        request.session.pop(SESSION_TOKEN, None)
        login(request, user, backend=BACKEND)
        return redirect(landing())
    return render(request, "people/welcome.html", {"form": form, "person": user, "username": user.get_username()})


def expired(request):
    return render(request, "people/welcome_expired.html", {"link_valid_days": settings.PASSWORD_RESET_DAYS})
