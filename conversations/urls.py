from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("talk/", views.script_list, name="list"),
    path("talk/forget/", views.forget_progress, name="forget"),
    path("talk/<slug:slug>/", views.script_intro, name="script"),
    path("talk/<slug:slug>/<int:number>/", views.step, name="step"),
    path("talk/<slug:slug>/<int:number>/pause/", views.pause, name="pause"),
    path("talk/<slug:slug>/finished/", views.finished, name="finished"),
]
