import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac


class User(AbstractUser):
    """A username and a passphrase: no email, no phone, no real name is ever asked for."""

    # Bumping this signs the user out of every browser (it is part of the session hash).
    session_epoch = models.PositiveIntegerField(default=0)

    REQUIRED_FIELDS = []

    def get_session_auth_hash(self):
        return salted_hmac(
            "companion.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def sign_out_everywhere(self):
        User.objects.filter(pk=self.pk).update(session_epoch=F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])


class RateLimit(models.Model):
    """Attempts per key per time window, in the database so every worker and server shares them."""

    key = models.CharField(max_length=64)  # an HMAC of scope and identifier: no usernames or IPs in clear
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")]
        indexes = [models.Index(fields=["window_start"])]

    @staticmethod
    def key_for(scope, identifier):
        return hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{identifier}".encode(), hashlib.sha256).hexdigest()

    @classmethod
    def hit(cls, scope, identifier, *, window_seconds):
        """Count one attempt and return the attempts in the current window, this one included."""
        key = cls.key_for(scope, identifier)
        now = timezone.now()
        start = now - timezone.timedelta(seconds=now.timestamp() % window_seconds)
        counters = cls.objects.filter(key=key, window_start=start)
        if not counters.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(key=key, window_start=start, count=1)
                    cls.objects.filter(window_start__lt=now - timezone.timedelta(days=1)).delete()
                return 1
            except IntegrityError:  # another worker created it first
                counters.update(count=F("count") + 1)
        return counters.values_list("count", flat=True).get()

    @classmethod
    def forget(cls, scope, identifier):
        cls.objects.filter(key=cls.key_for(scope, identifier)).delete()


class ProblemReport(models.Model):
    """"Report a problem with this page": the page's address and the words, nothing about who sent it."""

    TEXT_LIMIT = 2000

    page = models.CharField(max_length=200)
    text = models.TextField(max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False, help_text="Tick once the page is fixed or the report answered.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page} ({self.created_at:%d %b %Y})"
