from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """A programme for two: staged touch sessions moving on only when both agree, and private records of how they felt."""

    name = "programme"

    def ready(self):
        from partners.models import seat_released

        from .models import start_afresh

        seat_released.connect(start_afresh, dispatch_uid="programme-start-afresh")
