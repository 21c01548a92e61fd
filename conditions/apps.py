from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Condition library"

    def ready(self):
        from partners import registry

        from . import clinician_links, partner_questions

        registry.register(
            registry.Hooks(
                app=self.name,
                daily=clinician_links.delete_expired,
                seat_released=partner_questions.forget_when_a_seat_is_freed,
                reseal=partner_questions.reseal,
                export=partner_questions.export,
            )
        )
