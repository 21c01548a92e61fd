from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """People and pairs: accounts, seats, invites and the one pair lifecycle. Knows no feature app."""

    name = "partners"

    def ready(self):
        from . import sessions  # noqa: F401  (connects the sign-in and sign-out receivers)
