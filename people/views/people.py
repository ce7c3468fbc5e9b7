"""The People area: a partnership's people, inviting someone, a person's page
(role, resend), and a leaver."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from plans.models import Partnership, Role

from ..forms import ROLE_CHOICE_HINTS, InviteForm, LeaverForm, RoleForm
from ..invitations import invite, send_invitation
from ..leaving import mark_leaver
from ..roster import (
    INVITED,
    assignable_owners,
    owned_actions,
    people_of,
    person_owner,
    removing_officer_problem,
    status_of,
)
from .helpers import login_required, managed_membership, managed_partnership, posted

logger = logging.getLogger(__name__)


def mailed(request, user, partnership):
    """Send the invitation; if the mail server refuses it, say so (the person is
    saved either way, so the officer can press Resend later)."""
    try:
        send_invitation(request, user, partnership, request.user)
    except Exception:
        logger.exception("Invitation email to user %s failed", user.pk)
        messages.error(
            request,
            f"{user.get_full_name() or user} has been added, but the invitation email could not be sent. "
            "Try Resend the invitation in a few minutes, or tell the service administrator.",
        )
        return False
    return True


@login_required
def index(request):
    """An officer of one partnership goes straight to its people; otherwise, pick one."""
    managed = request.scope.of(Partnership).filter(pk__in=request.scope.officer_partnership_ids())
    if request.user.is_superuser:
        managed = Partnership.objects.all()
    managed = list(managed.order_by("name"))
    if not managed:
        raise PermissionDenied
    if len(managed) == 1:
        return redirect("people:partnership", slug=managed[0].slug)
    return render(request, "people/index.html", {"partnerships": managed})


@login_required
def partnership(request, slug):
    partnership = managed_partnership(request, slug)
    return render(request, "people/partnership.html", {"partnership": partnership, "people": people_of(partnership)})


@login_required
def invite_person(request, slug):
    partnership = managed_partnership(request, slug)
    form = InviteForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = invite(  # one transaction; the email goes once it has committed
            partnership,
            name=data["name"], email=data["email"], job_title=data["job_title"], teams=data["teams"],
            role=data["role"], invited_by=request.user, now=timezone.now(),
        )
        name = invitation.owner.name if invitation.owner else data["name"]
        if not mailed(request, invitation.user, partnership):
            return redirect("people:person", slug=partnership.slug, user_id=invitation.user.pk)
        note = f"Invitation sent to {name} at {invitation.user.email or data['email']}."
        if invitation.owner_elsewhere:
            note += (
                f" They already act as an owner in {invitation.owner_elsewhere.partnership}, so they were added to "
                f"{partnership} by membership only: they cannot own actions or join teams here."
            )
        elif not invitation.new_user:
            note += " They already had a sign-in, so they use the same one here."
        messages.success(request, note)
        return redirect("people:person", slug=partnership.slug, user_id=invitation.user.pk)
    return render(
        request,
        "people/invite.html",
        {
            "partnership": partnership, "form": form, "role_hints": ROLE_CHOICE_HINTS,
            "link_valid_days": settings.PASSWORD_RESET_DAYS,
        },
    )


@login_required
def person(request, slug, user_id):
    partnership, membership = managed_membership(request, slug, user_id)
    form = RoleForm(posted(request), initial={"role": membership.role})
    if request.method == "POST":
        if not membership.active:
            raise Http404  # a leaver's role cannot change; invite them again instead
        if form.is_valid():
            role = form.cleaned_data["role"]
            problem = removing_officer_problem(membership, request.user) if role != Role.OFFICER else None
            if problem:
                form.add_error("role", problem)
            else:
                membership.role = role
                membership._change_reason = f"Role changed by {request.user.get_username()}"[:100]
                membership.save(update_fields=["role"])
                messages.success(request, f"{membership.user.get_full_name() or membership.user} is now {membership.get_role_display()}.")
                return redirect("people:person", slug=slug, user_id=user_id)
    owner = person_owner(membership.user, partnership)
    return render(
        request,
        "people/person.html",
        {
            "partnership": partnership,
            "membership": membership,
            "person": membership.user,
            "owner": owner,
            "teams": owner.teams.all() if owner else [],
            "actions": owned_actions(owner).filter(plan__partnership=partnership) if owner else [],
            "status": status_of(membership),
            "invited": status_of(membership) == INVITED,
            "form": form,
            "role_hints": ROLE_CHOICE_HINTS,
        },
    )


@login_required
@require_POST
def resend(request, slug, user_id):
    partnership, membership = managed_membership(request, slug, user_id)
    if not membership.active or not membership.user.is_active:
        raise Http404
    if status_of(membership) != INVITED:
        # Someone who has signed in resets a forgotten password themselves: an
        # officer should not be able to mail out a way into their account.
        messages.info(request, "They have already signed in. If they forget their password, they can reset it from the sign-in page.")
    elif mailed(request, membership.user, partnership):
        messages.success(request, f"Invitation sent again to {membership.user.email or membership.user}.")
    return redirect("people:person", slug=slug, user_id=user_id)


@login_required
def leaving(request, slug, user_id):
    partnership, membership = managed_membership(request, slug, user_id)
    if not membership.active:
        raise Http404
    leaver = person_owner(membership.user, partnership)
    actions = owned_actions(leaver).filter(plan__partnership=partnership) if leaver else []
    form = LeaverForm(posted(request), actions=actions, owners=assignable_owners(partnership, exclude=leaver))
    problem = None
    if membership.role == Role.OFFICER:
        problem = removing_officer_problem(membership, request.user)
    elif membership.user_id == request.user.pk:
        problem = "You cannot mark yourself as leaving: ask a plan officer"
    if request.method == "POST" and problem is None and form.is_valid():
        moved = mark_leaver(membership, form.new_owners(), by=request.user, now=timezone.now())
        name = membership.user.get_full_name() or membership.user.get_username()
        messages.success(
            request,
            f"{name} has left {partnership}. {moved} action{'s' if moved != 1 else ''} moved to "
            f"{'their new owners' if moved != 1 else 'its new owner'}. They can no longer sign in here.",
        )
        return redirect(reverse("people:partnership", args=[slug]))
    return render(
        request,
        "people/leaving.html",
        {"partnership": partnership, "membership": membership, "person": membership.user, "form": form,
         "problem": problem, "actions": actions},
    )
