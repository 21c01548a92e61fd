from django.contrib import admin
from django.urls import include, path

from conditions.urls import clinician_urlpatterns, page_urlpatterns
from partners.views import accounts

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("privacy/", views.privacy, name="privacy"),
    path("report-a-problem/", views.report_problem, name="report_problem"),
    path("", include("conditions.urls")),
    path("", include(clinician_urlpatterns)),
    path("", include("conversations.urls")),
    path("", include("programme.urls")),
    path("", include("partners.urls")),
    path("account/", include("partners.account_urls")),
    path("admin/login/", accounts.admin_sign_in),  # the admin's sign-in, behind the same throttle as everyone's
    path("admin/", admin.site.urls),
    # Last, so a library page can never shadow another route.
    path("", include((page_urlpatterns, "pages"))),
]

# Our own handlers, without Django's CSRF decorator: it reads the request body,
# which may be exactly what could not be decoded (a 400 would become a 500).
handler400 = "companion.views.bad_request"
handler404 = "companion.views.page_not_found"
handler500 = "companion.views.server_error"
