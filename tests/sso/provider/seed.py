"""Fill the test provider's database: a signing key, our service as a client,
and the people of tests/sso/test_sign_in_with_sso.py."""

PASSWORD = "provider-password"
CLIENT_ID = "sdp-tracker"
CLIENT_SECRET = "sdp-tracker-secret"
# (username = email, first name, last name, email verified by the provider?)
PEOPLE = [
    ("invited@example.org", "Ivy", "Invited", True),
    ("stranger@example.org", "Sam", "Stranger", True),
    ("leaver@example.org", "Lee", "Leaver", True),
    ("unverified@example.org", "Una", "Unverified", False),
]


def seed(redirect_uri):
    # Imported here: the tests import this module's names in the service's process.
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    from .userinfo import VERIFIED

    call_command("creatersakey")
    client = Client.objects.create(
        name="SDP tracker", client_type="confidential", client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        jwt_alg="RS256", require_consent=True, reuse_consent=False,
    )
    client.redirect_uris = [redirect_uri]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))
    verified = Group.objects.create(name=VERIFIED)
    for email, first, last, is_verified in PEOPLE:
        user = User.objects.create_user(email, email=email, password=PASSWORD, first_name=first, last_name=last)
        if is_verified:
            user.groups.add(verified)
