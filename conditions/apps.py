from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Condition library"

    def ready(self):
        from partners import registry

        from . import clinician_links

        registry.register(registry.Hooks(app=self.name, daily=clinician_links.delete_expired))
