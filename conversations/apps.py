from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = "Conversations"

    def ready(self):
        from partners.models import seat_released

        from .models import TogetherSession

        seat_released.connect(TogetherSession.end_for_pair, dispatch_uid="conversations-end-together-sessions")
