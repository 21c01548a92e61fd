from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """A programme for two: staged touch sessions moving on only when both agree, and private records of how they felt."""

    name = "programme"

    def ready(self):
        from django.core import checks

        from partners import registry

        from . import appointment_notes, check_ins, follow, lifecycle, personal_data, private_records, responses

        checks.register(check_ins.check_the_file)
        checks.register(responses.check_the_file)
        registry.register(
            registry.Hooks(
                app=self.name,
                reseal=private_records.reseal,
                forget_unreadable=private_records.forget_unreadable,
                seat_released=lifecycle.start_afresh,
                export=personal_data.export,
                sheet_note=appointment_notes.for_sheet,
            )
        )
        follow.register()  # what a followed session card or programme home is now (partners/follow.py)
