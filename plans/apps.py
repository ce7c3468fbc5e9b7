from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Service Development Plans"

    def ready(self):
        from plans.admin_ids import guard_history_views

        guard_history_views()  # malformed ids in admin history URLs: 404, not 500
