from django.db import models


class ProblemReport(models.Model):
    """ "Report a problem with this page": the page's address and the words, nothing about who sent it."""

    TEXT_LIMIT = 2000

    page = models.CharField(max_length=200)
    text = models.TextField(max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False, help_text="Tick once the page is fixed or the report answered.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page} ({self.created_at:%d %b %Y})"
