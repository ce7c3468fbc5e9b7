from django.contrib import admin

from plans.tenancy import scope_for


class AdminSite(admin.AdminSite):
    """Django's admin, for the service administrator (a superuser) and for plan
    officers, who reach it through their membership rather than `is_staff`.
    What an officer sees inside is their partnerships' rows only
    (plans.admin_scope.ScopedAdmin)."""

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or scope_for(user).is_officer())
