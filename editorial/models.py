from django.db import models


class Edition(models.Model):
    """Which edition of the shipped content is live. Every `load_content` starts a new one, so a page
    cached from an older edition is never served again (see editorial/page_cache.py). One row."""

    number = models.PositiveBigIntegerField(default=0)
    published_at = models.DateTimeField()

    def __str__(self):
        return f"Edition {self.number} ({self.published_at:%Y-%m-%d %H:%M})"
