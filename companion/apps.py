from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CompanionConfig(AppConfig):
    name = "companion"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from companion import logs

        request_started.connect(logs.start_request_id, dispatch_uid="companion-request-id")
        request_finished.connect(logs.end_request_id, dispatch_uid="companion-request-id")


class CompanionAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with our site (a second factor for staff) as admin.site."""

    default = False  # CompanionConfig stays the one Django picks for "companion"
    default_site = "companion.admin_site.CompanionAdminSite"
