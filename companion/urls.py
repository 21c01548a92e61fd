from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("what-to-do/", views.what_to_do, name="what_to_do"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("conditions.urls")),
    path("", include("conversations.urls")),
    path("account/", include("companion.account_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "companion.views.page_not_found"
handler500 = "companion.views.server_error"
