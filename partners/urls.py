from django.urls import path

from .views import pairing

app_name = "partners"

urlpatterns = [
    path("pair/", pairing.pair, name="pair"),
    path("pair/invite/", pairing.create_invite, name="create_invite"),
    path("pair/invite/revoke/", pairing.revoke_invite, name="revoke_invite"),
    path("pair/join/", pairing.join, name="join"),
    path("pair/join/<str:code>/", pairing.join, name="join_link"),
    path("pair/leave/", pairing.leave_pair, name="leave"),
    path("pair/settings/", pairing.pair_settings, name="pair_settings"),
]
