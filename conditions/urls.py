from django.urls import path

from editorial.views import sources

from . import views
from .models import Condition, Page

app_name = "conditions"

urlpatterns = [
    path("library/", views.library_index, name="index"),
    path("library/find/", views.find_a_topic, name="find"),
    path("library/<slug:slug>/", views.condition_detail, name="detail"),
    path("library/<slug:slug>/sources/", sources, {"model": Condition}, name="sources"),
    path("where-does-it-hurt/", views.where_does_it_hurt, name="where_does_it_hurt"),
    path("appointment/", views.appointment_sheet, name="appointment"),
    path("appointment/link/", views.make_clinician_link, name="make_clinician_link"),
    path("appointment/partner-questions/", views.write_partner_questions, name="partner_questions"),
    path(
        "appointment/partner-questions/take-back/",
        views.take_back_partner_questions,
        name="take_back_partner_questions",
    ),
    path("appointment/link/cancel/", views.cancel_clinician_link, name="cancel_clinician_link"),
]

# The clinician's page has no app prefix in its name: a short link that says nothing about what it holds.
clinician_urlpatterns = [
    path("c/<str:token>/", views.clinician_sheet, name="clinician_sheet"),
    path("c/<str:token>/open/", views.open_clinician_sheet, name="open_clinician_sheet"),
]

# Library pages (What to do together, Support and safety, ...) live at the top
# level, /<slug>/; companion/urls.py includes these after every other route.
page_urlpatterns = [
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/sources/", sources, {"model": Page}, name="sources"),
]
