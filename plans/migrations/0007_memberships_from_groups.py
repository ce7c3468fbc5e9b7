"""Roles move from global groups to memberships (issue 14).

An install before this served one partnership in practice, so each role a
person held through a group becomes that role in every partnership; a person
linked to an owner record becomes an action owner of its partnership; the
chair's sign-in becomes its chair. The groups are left in place, unused."""

from django.db import migrations

RANK = ["owner", "member", "chair", "officer"]


def forwards(apps, schema_editor):
    Membership = apps.get_model("plans", "Membership")
    Partnership = apps.get_model("plans", "Partnership")
    Owner = apps.get_model("plans", "Owner")
    User = apps.get_model("auth", "User")
    wanted = {}

    def want(user_id, partnership_id, role):
        key = (user_id, partnership_id)
        if key not in wanted or RANK.index(role) > RANK.index(wanted[key]):
            wanted[key] = role

    partnership_ids = list(Partnership.objects.values_list("pk", flat=True))
    for group, role in [("Plan officers", "officer"), ("Partnership members", "member")]:
        for user_id in User.objects.filter(groups__name=group).values_list("pk", flat=True):
            for partnership_id in partnership_ids:
                want(user_id, partnership_id, role)
    for user_id, partnership_id in Owner.objects.filter(user__isnull=False).values_list("user_id", "partnership_id"):
        want(user_id, partnership_id, "owner")
    for partnership in Partnership.objects.filter(chair__user__isnull=False).select_related("chair"):
        want(partnership.chair.user_id, partnership.pk, "chair")
    Membership.objects.bulk_create(
        [Membership(user_id=u, partnership_id=p, role=r) for (u, p), r in wanted.items()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_membership"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
