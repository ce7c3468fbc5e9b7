"""Request plumbing for signing in: what a browser may keep, and who is asking.

Both live here, beside the middleware list in settings, because both are about
the request itself rather than about the plan."""

import ipaddress

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """Send `Cache-Control: no-store` with every response to a signed-in person.

    Pages, board pack PDFs and spreadsheet downloads hold the partnership's plan,
    its RAG ratings and the chair's notes; a shared council PC or a proxy must
    not keep a copy after the person signs out. It sits after WhiteNoise, which
    answers static files itself, so CSS, JS and images are still cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address sign-in throttling counts failures against (AXES_CLIENT_IP_CALLABLE).

    Only behind our own proxy (BEHIND_PROXY=1) is X-Forwarded-For believed, and
    then only the entry that proxy appended (the last, or PROXY_COUNT from the
    end for a chain of proxies): anything further left came from the client and
    could be made up to escape a lockout. Without a proxy the header is ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            address = _valid_ip(forwarded[-min(settings.PROXY_COUNT, len(forwarded))])
            if address:
                return address
    return request.META.get("REMOTE_ADDR")


class RefuseNulInAddressMiddleware:
    """Answer 400 Bad Request to an address holding a NUL byte (``%00``).

    No link the service makes holds one, and PostgreSQL refuses NUL in any text
    it is asked to compare, so a crafted ``?plan=%00`` would otherwise reach a
    query and fail with a 500. One rule here rather than a check in each view
    that reads a query parameter. Form fields refuse NUL themselves (Django's
    ProhibitNullCharactersValidator); uploads go through transfer.guards.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("A NUL byte in the address.")
        return self.get_response(request)


class ScopeMiddleware:
    """Put the person's scope on the request: `request.scope.of(Model)` is the one
    place views get rows from (plans.tenancy). Built lazily, so a static file or
    a signed-out page costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.functional import SimpleLazyObject

        from plans.tenancy import scope_for

        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)
