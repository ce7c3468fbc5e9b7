"""After a rollover the alerts chase the new plan's actions, not the ones handed on or dropped."""

from alerts.attention import attention_for
from alerts.rules import live_actions

from .conftest import roll_over, travel

CHOICES = {"A2.3": ("carried", ""), "A1.4": ("dropped", "Now reported by Children's Social Care.")}


def test_actions_carried_forward_or_dropped_no_longer_raise_alerts_but_their_successors_do(
    sefton, officer_client, demo_day
):
    roll_over(officer_client, sefton, CHOICES, default="closed", default_text="Done.")
    live = live_actions()
    old = {a.reference for a in live.filter(plan=sefton)}
    assert "A2.3" not in old and "A1.4" not in old
    assert live.exclude(plan=sefton).filter(reference="A2.3").exists()  # the carried action, in the new plan


def test_a_manager_sees_the_carried_action_once_in_the_banner(sefton, officer_client, demo_day, django_user_model):
    from django.core.management import call_command
    from io import StringIO

    call_command("load_demo_users", stdout=StringIO())
    roll_over(officer_client, sefton, CHOICES, default="closed", default_text="Done.")
    manager = django_user_model.objects.get(username="manager")
    with travel(demo_day):
        items = attention_for(manager, demo_day).actions_with_reasons()
    assert [action.reference for action, _ in items].count("A2.3") <= 1
