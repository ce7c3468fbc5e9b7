"""The site's addresses as yjs/urls.py builds them with single sign-on on.

yjs/urls.py adds /oidc/ only when SSO_ENABLED is set at start-up; the tests
switch SSO on after Django has started, so this runs that same file again with
the setting on (the `sso` fixture points ROOT_URLCONF here)."""

import importlib.util

from django.test import override_settings

import yjs.urls

with override_settings(SSO_ENABLED=True):
    _spec = importlib.util.spec_from_file_location("tests.sso._site_urls_with_sso", yjs.urls.__file__)
    _site = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_site)

urlpatterns = _site.urlpatterns
