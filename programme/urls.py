from django.urls import path

from editorial.views import sources

from . import views
from .models import SoloGuide, Stage

app_name = "programme"

urlpatterns = [
    path("programme/", views.home, name="home"),
    path("programme/ready/", views.ready, name="ready"),
    path("programme/back/", views.back, name="back"),
    path("programme/not-tonight/", views.not_tonight, name="not_tonight"),
    path("programme/how-it-felt/", views.feeling, name="feeling"),
    path("programme/reminder.ics", views.reminder, name="reminder"),
    path("programme/start/", views.start_run, name="start"),
    path("programme/now/", views.now, name="now"),
    path("programme/follow/", views.follow_run, name="follow"),
    path("programme/now/pause/", views.pause_run, name="pause"),
    path("programme/now/next/", views.next_part, name="next"),
    path("programme/now/stop/", views.stop_run, name="stop"),
    path("programme/check-in/", views.check_in, name="check_in"),
    path("programme/check-in/show/", views.show_check_in, name="show_check_in"),
    path("programme/progress/", views.progress, name="progress"),
    path("programme/responded/", views.responded, name="responded"),
    path("programme/responded/show/", views.show_help, name="show_help"),
    path("programme/solo/", views.solo, name="solo"),
    path("programme/solo/log/", views.solo_log, name="solo_log"),
    path("programme/solo/share/", views.solo_share, name="solo_share"),
    path("programme/solo/<slug:slug>/", views.solo_guide, name="solo_guide"),
    path("programme/solo/<slug:slug>/sources/", sources, {"model": SoloGuide}, name="solo_guide_sources"),
    path("programme/<slug:slug>/", views.stage, name="stage"),
    path(
        "programme/<slug:slug>/sources/", sources, {"model": Stage}, name="stage_sources"
    ),  # before a stage's sessions
    path("programme/<slug:stage_slug>/<slug:slug>/", views.practice, name="practice"),
]
