from django.core.management.base import BaseCommand

from .load_demo_users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print how to sign in to the demo."

    def handle(self, *args, **options):
        roles = [(username, title) for username, _, title, _, _ in DEMO_USERS]
        roles.insert(3, ("chair", "Partnership chair"))
        self.stdout.write("\nThe tracker is starting on http://127.0.0.1:8000/")
        self.stdout.write(f"Sign in with any of these demo users; the password for each is: {DEMO_PASSWORD}")
        for username, title in roles:
            self.stdout.write(f"  {username:<8} {title}")
        self.stdout.write("The plan officer also edits the plan at http://127.0.0.1:8000/admin/\n")
