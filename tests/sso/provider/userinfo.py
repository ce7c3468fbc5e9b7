"""The claims the test provider gives about a person."""

from django.contrib.auth.models import Group

# A person whose address the provider has checked belongs to this group; the
# others' email_verified is false, as an account with a self-typed address.
VERIFIED = "email-verified"


def userinfo(claims, user):
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = Group.objects.filter(name=VERIFIED, user=user).exists()
    return claims
