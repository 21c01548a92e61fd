from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """A programme for two: staged touch sessions moving on only when both agree, and private records of how they felt."""

    name = "programme"
