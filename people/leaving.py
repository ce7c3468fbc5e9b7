"""A leaver: their actions move to someone else, and they can no longer sign in.

All in one transaction, so a half-done leaver (actions moved but still able to
sign in, or the reverse) cannot happen. Each moved action gets one history
record whose reason says who it moved from and to, as the admin's history
shows for its own edits.
"""

from django.db import transaction
from django.utils.text import Truncator

from plans.models import Membership

from .roster import owned_actions, person_owner

TBC = "No owner yet (TBC)"
REASON_LENGTH = 100  # simple-history's history_change_reason column


def reassignment_reason(leaver, new_owner):
    leaver_name = Truncator(leaver.name).chars(30)
    to = Truncator(new_owner.name).chars(30) if new_owner else TBC
    return Truncator(f"Reassigned from {leaver_name} to {to}: {leaver_name} left").chars(REASON_LENGTH)


def reassign(action, leaver, new_owner, by):
    """Move one action from the leaver to `new_owner` (None: no owner yet), with one history record."""
    action.skip_history_when_saving = True
    try:
        action.owners.remove(leaver)
        if new_owner is not None:
            action.owners.add(new_owner)
    finally:
        del action.skip_history_when_saving
    action._change_reason = reassignment_reason(leaver, new_owner)
    action._history_user = by
    action.save(update_fields=["updated_at"])


def mark_leaver(membership, new_owners, *, by, now):
    """`new_owners`: {action pk: Owner or None}. Returns how many actions moved."""
    partnership, user = membership.partnership, membership.user
    with transaction.atomic():
        leaver = person_owner(user, partnership)
        moved = 0
        if leaver is not None:
            for action in owned_actions(leaver).filter(plan__partnership=partnership):
                reassign(action, leaver, new_owners.get(action.pk), by)
                moved += 1
            leaver.teams.clear()
        membership.active = False
        membership.left_at = now
        membership.save(update_fields=["active", "left_at"])
        still_member = Membership.objects.filter(user=user, active=True).exclude(pk=membership.pk).exists()
        if not still_member and not user.is_superuser:
            user.is_active = False
            user.save(update_fields=["is_active"])
    return moved
