"""Who may do what, per partnership (issue 14). Four roles, held as memberships
(plans.models.Membership) rather than Django groups, so a person can chair one
partnership and be a member of another:

- action owners: anyone linked to an Owner record; they update their own actions
  (directly owned, or owned by a team they belong to);
- partnership members and the chair: read the whole plan, write review notes;
  the chair also records meetings;
- plan officers: edit the plan (in the admin and here), produce board packs and
  manage the partnership's people.

Each check takes the partnership it is about; without one it asks "in any of
the person's partnerships" (for the navigation). Which rows a person may see is
not decided here but by plans.tenancy.Scope.
"""

from plans.tenancy import scope_for

# The product's own apps: plan officers may edit their partnerships' rows in them through the admin.
PRODUCT_APPS = ["plans", "review", "alerts", "boardpack", "transfer", "indicators", "meetings", "cycle"]


def is_plan_officer(user, partnership=None):
    return scope_for(user).is_officer(partnership)


def is_partnership_member(user, partnership=None):
    return scope_for(user).can_review(partnership)


def can_view_plans(user, partnership=None):
    """Everyone with a role sees the whole plan: it is the partnership's shared record."""
    return scope_for(user).can_view(partnership)


def can_update_action(user, action):
    """The plan officer, or an owner of the action; nobody once its plan is archived."""
    if not action.plan.accepts_updates:
        return False
    scope = scope_for(user)
    if not scope.can_view(action.plan.partnership_id):
        return False
    if scope.is_officer(action.plan.partnership_id):
        return True
    from plans.models import Action

    return Action.objects.owned_by(user).filter(pk=action.pk).exists()


def can_review(user, partnership=None):
    return scope_for(user).can_review(partnership)


def can_record_meeting(user, partnership=None):
    """The plan officer and the partnership's chair record its meetings; members only read them."""
    return scope_for(user).can_record_meetings(partnership)
