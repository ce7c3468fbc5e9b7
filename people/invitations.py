"""Inviting someone to a partnership, and the link that lets them in.

The invitation creates (or reuses) the sign-in, the membership and the person's
owner record in one transaction, then emails a link to set a password. The
link is Django's password-reset token with its own salt: it works for
PASSWORD_RESET_DAYS, and once only, because setting the password changes the
hash the token is made from.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from plans.models import Membership, Owner
from plans.text import strip_control_characters


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """A reset token that cannot be used as a password-reset link, nor the reverse."""

    key_salt = "people.invitations.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def user_with_email(email):
    """The existing sign-in for this email address (its username, or its email), or None."""
    User = get_user_model()
    email = email.strip().lower()
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).order_by("pk").first()
    )


def split_name(name):
    first, _, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


@dataclass
class Invitation:
    user: object
    membership: Membership
    owner: Owner | None
    new_user: bool
    owner_elsewhere: Owner | None = None  # their owner record is in another partnership


def invite(partnership, *, name, email, job_title, teams, role, invited_by, now):
    """Create or reuse the sign-in, give it `role` in `partnership` and an owner
    record there. A person who already has an owner record in another
    partnership is added by membership only (Owner.user is one-to-one)."""
    User = get_user_model()
    email = email.strip().lower()
    with transaction.atomic():
        user = user_with_email(email)
        new_user = user is None
        if new_user:
            first, last = split_name(name)
            user = User(username=email, email=email, first_name=first[:150], last_name=last[:150], is_active=True)
            user.set_unusable_password()
            user.save()
        elif not user.is_active:  # a leaver coming back
            user.is_active = True
            user.save(update_fields=["is_active"])
        membership, _ = Membership.objects.update_or_create(
            user=user,
            partnership=partnership,
            defaults={"role": role, "active": True, "left_at": None, "invited_by": invited_by, "invited_at": now},
        )
        owner = Owner.objects.filter(user=user).first()
        elsewhere = owner if owner and owner.partnership_id != partnership.pk else None
        if owner is None:
            # A person the plan already names (imported without a sign-in) is linked, not duplicated.
            owner = Owner.objects.filter(
                partnership=partnership, kind=Owner.Kind.PERSON, name=name, user__isnull=True
            ).first() or Owner(partnership=partnership, kind=Owner.Kind.PERSON, name=name)
            owner.user = user
        if elsewhere is None:
            owner.job_title = job_title or owner.job_title
            owner.email = owner.email or email
            owner._change_reason = f"Invited by {invited_by.get_username()}"[:100]
            owner.save()
            owner.teams.add(*teams)
    return Invitation(user, membership, None if elsewhere else owner, new_user, elsewhere)


def welcome_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("people:welcome", args=[uid, invitation_tokens.make_token(user)])


def user_from_uid(uidb64):
    User = get_user_model()
    try:
        return User._default_manager.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, UnicodeDecodeError):
        return None


def send_invitation(request, user, partnership, invited_by):
    """One email, plain text and HTML (user text escaped in the HTML), with the welcome link."""
    context = {
        "user": user,
        "name": strip_control_characters(user.get_full_name() or user.get_username()),
        "partnership": partnership,
        "invited_by": invited_by.get_full_name() or invited_by.get_username(),
        "link": request.build_absolute_uri(welcome_path(user)),
        "username": user.get_username(),
        "link_valid_days": settings.PASSWORD_RESET_DAYS,
        "service_name": settings.SERVICE_NAME,
    }
    send_mail(
        subject=f"You have been invited to the {settings.SERVICE_NAME}",
        message=render_to_string("people/email/invitation.txt", context),
        html_message=render_to_string("people/email/invitation.html", context),
        from_email=None,
        recipient_list=[user.email or user.get_username()],
    )
