from django.core.management.base import BaseCommand

from .load_demo_users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print how to sign in to the demo."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, **options):
        url = options["url"]
        roles = [(username, title) for username, _, title, _, _ in DEMO_USERS]
        roles.insert(3, ("chair", "Partnership chair"))
        self.stdout.write(f"\nThe tracker is starting on {url}")
        self.stdout.write(f"Sign in with any of these demo users; the password for each is: {DEMO_PASSWORD}")
        for username, title in roles:
            self.stdout.write(f"  {username:<8} {title}")
        self.stdout.write(f"The plan officer also edits the plan at {url}admin/\n")
