from django.urls import path

from .views import ideas, scripts, together

app_name = "conversations"

urlpatterns = [
    # Guided conversation scripts
    path("talk/", scripts.script_list, name="list"),
    path("talk/forget/", scripts.forget_progress, name="forget"),
    path("talk/<slug:slug>/", scripts.script_intro, name="script"),
    path("talk/<slug:slug>/<int:number>/", scripts.step, name="step"),
    path("talk/<slug:slug>/<int:number>/pause/", scripts.pause, name="pause"),
    path("talk/<slug:slug>/finished/", scripts.finished, name="finished"),
    # The idea list and private marks
    path("ideas/", ideas.idea_list, name="ideas"),
    path("ideas/both-of-us/", ideas.both_of_us, name="both_of_us"),
    path("ideas/<slug:category_slug>/<int:number>/", ideas.idea_step, name="idea_step"),
    path("marks/", ideas.save_mark, name="save_mark"),
    # Together on two phones
    path("together/", together.together, name="together"),
    path("together/start/", together.start, name="together_start"),
    path("together/poll/", together.poll, name="together_poll"),
    path("together/follow/", together.follow, name="together_follow"),
    path("together/away/", together.away, name="together_away"),
    path("together/move/", together.move, name="together_move"),
    path("together/pause/", together.pause, name="together_pause"),
    path("together/end/", together.end, name="together_end"),
    path("together/<int:pk>/ended/", together.session_ended, name="together_ended"),
    path("together/<int:pk>/both-of-us/", together.session_both_of_us, name="together_both"),
]
