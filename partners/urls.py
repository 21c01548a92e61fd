from django.urls import path

from .views import pairing

app_name = "partners"

urlpatterns = [
    path("pair/", pairing.pair, name="pair"),
    path("pair/invite/", pairing.create_invite, name="create_invite"),
    path("pair/invite/revoke/", pairing.revoke_invite, name="revoke_invite"),
    path("pair/join/", pairing.join, name="join"),
    path("pair/join/cancel/", pairing.cancel_request, name="cancel_request"),
    path("pair/answer/", pairing.answer_request, name="answer_request"),
    path("pair/leave/", pairing.leave_pair, name="leave"),
    path("pair/pain/", pairing.pain_answer, name="pain_answer"),
    path("pair/settings/", pairing.pair_settings, name="pair_settings"),
    path("pair/vouch/", pairing.vouch_for_partner, name="vouch_for_partner"),
]
