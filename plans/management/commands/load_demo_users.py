"""One demo user per role, for trying the service. Idempotent; never run it in production.

Demo people are fictional and join the plan's real teams and roles, so each login
sees real actions without anyone signing in as a named official.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans.models import Membership, Owner, Partnership, Role

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "sefton-demo-2026")

# username, full name, job title, role, teams joined (by name, where they exist)
DEMO_USERS = [
    ("officer", "Pat Officer", "Quality Assurance and Audit Officer", Role.OFFICER,
     ["Quality Assurance and Audit Officer"]),
    ("manager", "Sam Manager", "Team Manager", Role.OWNER,
     ["Team Managers", "Case Managers", "All YJS staff"]),
    ("analyst", "Alex Analyst", "Business Analyst", Role.OWNER, ["Business Analyst", "All YJS staff"]),
    ("member", "Morgan Member", "Partnership member", Role.MEMBER, []),
]


class Command(BaseCommand):
    help = "Create one demo user per role (plan officer, action owners, chair, member)."

    def handle(self, *args, **options):
        partnership = Partnership.objects.first()
        if partnership is None:
            raise CommandError("Load a plan first: python manage.py load_sefton_plan")
        with transaction.atomic():
            for username, name, job_title, role, teams in DEMO_USERS:
                user = self.ensure_user(username, name)
                Membership.grant(user, partnership, role)
                if role != Role.MEMBER:
                    person = self.ensure_person(partnership, user, name, job_title)
                    self.join_teams(partnership, person, teams)
                    if role == Role.OFFICER and partnership.plan_officer_id is None:
                        partnership.plan_officer = person
                        partnership.save()
            self.ensure_chair(partnership)
        self.stdout.write(self.style.SUCCESS("Demo users ready."))

    def ensure_user(self, username, full_name):
        User = get_user_model()
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def ensure_person(self, partnership, user, name, job_title):
        person, _ = Owner.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={"kind": Owner.Kind.PERSON, "job_title": job_title, "email": user.email, "user": user},
        )
        return person

    def join_teams(self, partnership, person, team_names):
        for team in Owner.objects.teams().filter(partnership=partnership, name__in=team_names):
            team.members.add(person)

    def ensure_chair(self, partnership):
        """The chair's login is linked to the partnership's chair record."""
        user = self.ensure_user("chair", "Demo Chair")
        Membership.grant(user, partnership, Role.CHAIR)
        chair = partnership.chair
        if chair and chair.user_id is None and not hasattr(user, "owner"):
            chair.user = user
            chair.email = chair.email or user.email
            chair.save()
