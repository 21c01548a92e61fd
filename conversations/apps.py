from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = "Conversations"

    def ready(self):
        from partners import registry

        from . import follow, personal_data, private_records
        from .models import TogetherSession

        registry.register(
            registry.Hooks(
                app=self.name,
                unlocked=private_records.unlocked,
                reseal=private_records.reseal,
                forget_unreadable=private_records.forget_unreadable,
                seat_released=TogetherSession.end_for_pair,
                export=personal_data.export,
            )
        )
        follow.register()  # what a followed Together card or start page is now (partners/follow.py)
