from django.contrib import admin
from django.urls import include, path

from conditions.urls import page_urlpatterns

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("report-a-problem/", views.report_problem, name="report_problem"),
    path("", include("conditions.urls")),
    path("", include("conversations.urls")),
    path("", include("partners.urls")),
    path("account/", include("partners.account_urls")),
    path("admin/", admin.site.urls),
    # Last, so a library page can never shadow another route.
    path("", include((page_urlpatterns, "pages"))),
]
