"""Who may do what. Three roles, held as Django groups so the plan officer can
grant them in the admin without a deployment:

- action owners: anyone linked to an Owner record; they update their own actions
  (directly owned, or owned by a team they belong to);
- partnership members (the chair among them): read everything, update nothing,
  write review notes;
- plan officers: edit the plan in the admin and update any action.
"""

from django.contrib.auth.models import Group

PLAN_OFFICERS = "Plan officers"
# The product's own apps: plan officers may edit everything in them through the admin.
PRODUCT_APPS = ["plans", "review", "alerts", "boardpack", "transfer", "indicators", "meetings"]
PARTNERSHIP_MEMBERS = "Partnership members"


def in_group(user, name):
    if not user.is_authenticated:
        return False
    # Cache group names on the user object: templates ask several times per page.
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return name in user._group_names


def is_plan_officer(user):
    return user.is_authenticated and (user.is_superuser or in_group(user, PLAN_OFFICERS))


def is_partnership_member(user):
    return in_group(user, PARTNERSHIP_MEMBERS)


def can_view_plans(user):
    """Everyone with a role sees the whole plan: it is the partnership's shared record."""
    return user.is_authenticated and (
        is_plan_officer(user) or is_partnership_member(user) or hasattr(user, "owner")
    )


def can_update_action(user, action):
    """The plan officer, or an owner of the action; nobody once its plan is archived."""
    if not action.plan.accepts_updates:
        return False
    if is_plan_officer(user):
        return True
    if not user.is_authenticated:
        return False
    from plans.models import Action

    return Action.objects.owned_by(user).filter(pk=action.pk).exists()


def can_review(user):
    return is_plan_officer(user) or is_partnership_member(user)


def can_record_meeting(user, partnership=None):
    """The plan officer and the partnership's chair record its meetings (of any
    partnership the user chairs, when none is given); members only read them."""
    if is_plan_officer(user):
        return True
    if not user.is_authenticated:
        return False
    from plans.models import Partnership

    chaired = Partnership.objects.filter(chair__user=user)
    if partnership is not None:
        chaired = chaired.filter(pk=partnership.pk)
    return chaired.exists()


def ensure_groups():
    """Create the role groups (idempotent); admin permissions are granted to plan officers."""
    from django.contrib.auth.models import Permission

    officers, _ = Group.objects.get_or_create(name=PLAN_OFFICERS)
    Group.objects.get_or_create(name=PARTNERSHIP_MEMBERS)
    app_perms = Permission.objects.filter(content_type__app_label__in=PRODUCT_APPS)
    officers.permissions.add(*app_perms)
    return officers
