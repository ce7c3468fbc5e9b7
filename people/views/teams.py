"""A partnership's teams (owner records of kind "team") and who is in each:
the people who update the actions a team owns."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from plans.models import Owner

from ..forms import TeamForm, TeamMemberForm
from .helpers import login_required, managed_partnership, posted


def people_in(partnership):
    return Owner.objects.people().filter(partnership=partnership).order_by("name")


def teams_page(request, partnership, form, member_forms=None):
    teams = Owner.objects.teams().filter(partnership=partnership).prefetch_related("members").order_by("name")
    member_forms = member_forms or {}
    rows = [
        (team, member_forms.get(team.pk) or TeamMemberForm(
            team=team, people=people_in(partnership), prefix=f"team{team.pk}"
        ))
        for team in teams
    ]
    return render(request, "people/teams.html", {"partnership": partnership, "form": form, "rows": rows})


@login_required
def teams(request, slug):
    partnership = managed_partnership(request, slug)
    form = TeamForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        team = Owner(partnership=partnership, kind=Owner.Kind.TEAM, name=form.cleaned_data["name"])
        team._change_reason = "Added on the Teams page"
        team.save()
        messages.success(request, f"Team {team.name} added. Add its members below.")
        return redirect("people:teams", slug=slug)
    return teams_page(request, partnership, form)


def managed_team(request, slug, team_id):
    partnership = managed_partnership(request, slug)
    return partnership, get_object_or_404(Owner.objects.teams(), partnership=partnership, pk=team_id)


@login_required
@require_POST
def add_member(request, slug, team_id):
    partnership, team = managed_team(request, slug, team_id)
    form = TeamMemberForm(request.POST, team=team, people=people_in(partnership), prefix=f"team{team.pk}")
    if not form.is_valid():
        return teams_page(request, partnership, TeamForm(partnership=partnership), {team.pk: form})
    team.members.add(form.cleaned_data["person"])
    messages.success(request, f"{form.cleaned_data['person'].name} added to {team.name}.")
    return redirect("people:teams", slug=slug)


@login_required
@require_POST
def remove_member(request, slug, team_id, owner_id):
    partnership, team = managed_team(request, slug, team_id)
    person = get_object_or_404(team.members.all(), pk=owner_id)
    team.members.remove(person)
    messages.success(request, f"{person.name} removed from {team.name}.")
    return redirect("people:teams", slug=slug)
