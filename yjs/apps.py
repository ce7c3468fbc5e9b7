from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The admin, opened to plan officers by their membership (yjs.admin_site)."""

    default_site = "yjs.admin_site.AdminSite"
