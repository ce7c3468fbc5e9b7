import pytest
from django.urls import reverse

from plans.models import Partnership


@pytest.fixture
def elsewhere(db):
    """A second partnership, built after the role fixtures, so nobody holds a role in it."""
    return Partnership.objects.create(name="Elsewhere Youth Justice Partnership", slug="elsewhere")


def signs_in(client, username, password):
    """Whether the sign-in form lets this person in (through django-axes, as in use)."""
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session
