"""The People area's forms: bounded text, control characters refused, and
errors worded for the GOV.UK error summary."""

from django import forms

from plans import text
from plans.models import Membership, Owner, Role
from plans.models.membership import ROLE_HINTS

from .invitations import user_with_email
from .leaving import TBC

ROLE_CHOICE_HINTS = {role.value: hint for role, hint in ROLE_HINTS.items()}


def bounded(label, max_length=text.NAME, **kwargs):
    return forms.CharField(label=label, max_length=max_length, validators=text.text_validators(max_length), **kwargs)


class InviteForm(forms.Form):
    name = bounded("Full name", error_messages={"required": "Enter the person's full name"})
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The invitation is sent here. It is also the username they sign in with.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    job_title = bounded("Job title", required=False)
    teams = forms.ModelMultipleChoiceField(
        label="Teams",
        queryset=Owner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They update the actions these teams own. Select all that apply.",
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["teams"].queryset = Owner.objects.teams().filter(partnership=partnership).order_by("name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = user_with_email(email)
        if user and Membership.objects.active().filter(user=user, partnership=self.partnership).exists():
            raise forms.ValidationError(f"{email} is already a member of {self.partnership}")
        return email

    def clean(self):
        cleaned = super().clean()
        name, email = cleaned.get("name"), cleaned.get("email")
        if name and email:
            user = user_with_email(email)
            taken = Owner.objects.filter(partnership=self.partnership, name=name).exclude(user__isnull=True)
            if user is not None:
                taken = taken.exclude(user=user)
            if taken.exists() or Owner.objects.teams().filter(partnership=self.partnership, name=name).exists():
                self.add_error(
                    "name",
                    f"Someone else in {self.partnership} is already called {name}: add a middle initial or "
                    "a detail that tells them apart",
                )
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role", choices=Role.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )


class LeaverForm(forms.Form):
    """One "reassign all to" choice, and one per action that can override it."""

    SAME = "same"

    def __init__(self, *args, actions, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        self.owners = {str(owner.pk): owner for owner in owners}
        choices = [("tbc", TBC)]
        choices += [(pk, f"{owner} (team)" if owner.is_team else str(owner)) for pk, owner in self.owners.items()]
        self.fields["all_to"] = forms.ChoiceField(
            label="Reassign all their actions to",
            choices=[("", "Choose a person or team"), *choices],
            required=False,
        )
        for action in self.actions:
            self.fields[f"action_{action.pk}"] = forms.ChoiceField(
                label=f"{action.reference}: new owner",
                choices=[(self.SAME, "As chosen above"), *choices],
                initial=self.SAME,
                required=False,
            )

    def action_fields(self):
        return [(action, self[f"action_{action.pk}"]) for action in self.actions]

    def clean(self):
        cleaned = super().clean()
        all_to = cleaned.get("all_to")
        if not all_to and any((cleaned.get(f"action_{a.pk}") or self.SAME) == self.SAME for a in self.actions):
            self.add_error("all_to", "Choose who takes on their actions, or choose a new owner for each action")
        return cleaned

    def new_owners(self):
        """{action pk: Owner or None (TBC)}."""
        result = {}
        for action in self.actions:
            choice = self.cleaned_data.get(f"action_{action.pk}") or self.SAME
            if choice == self.SAME:
                choice = self.cleaned_data["all_to"]
            result[action.pk] = self.owners.get(choice)
        return result


class TeamForm(forms.Form):
    name = bounded("Team name", error_messages={"required": "Enter the team's name"})

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Owner.objects.filter(partnership=self.partnership, name=name).exists():
            raise forms.ValidationError(f"There is already a team or person called {name}")
        return name


class TeamMemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Add a member", queryset=Owner.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose a person to add", "invalid_choice": "Choose a person from the list"},
    )

    def __init__(self, *args, team, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people.exclude(teams=team)
