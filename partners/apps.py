from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """People and pairs: accounts, seats, invites and the one pair lifecycle. Knows no feature app."""

    name = "partners"

    def ready(self):
        from . import personal_data, private_records, registry, sessions  # noqa: F401  (sessions: its receivers)

        registry.register(
            registry.Hooks(
                app=self.name,
                reseal=private_records.reseal,
                forget_unreadable=private_records.forget_unreadable,
                export=personal_data.export,
            )
        )
