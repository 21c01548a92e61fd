from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How shipped content is read from files, checked, rendered and loaded. Knows no feature app."""

    name = "editorial"
