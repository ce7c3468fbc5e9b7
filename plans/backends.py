"""Admin permissions for plan officers, from their membership (issue 14).

A plan officer may add, change, view and delete the product's records in the
admin; which records is the scope's business (plans.admin_scope). Nothing else
(users, groups, sessions) is theirs: people are managed in the People pages.
"""

from plans.permissions import PRODUCT_APPS
from plans.tenancy import scope_for


class OfficerBackend:
    def authenticate(self, request, **credentials):
        return None  # grants permissions; signs nobody in

    def _is_officer(self, user):
        return user.is_active and scope_for(user).is_officer()

    def has_perm(self, user, perm, obj=None):
        return perm.split(".", 1)[0] in PRODUCT_APPS and self._is_officer(user)

    def has_module_perms(self, user, app_label):
        return app_label in PRODUCT_APPS and self._is_officer(user)

    def get_user(self, user_id):
        return None
