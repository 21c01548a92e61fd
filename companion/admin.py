from django.contrib import admin

from .models import ProblemReport


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Reports from "Report a problem with this page". Only the page and the words are kept."""

    list_display = ["page", "created_at", "resolved"]
    list_filter = ["resolved", "page"]
    readonly_fields = ["page", "text", "created_at"]
    fields = ["page", "text", "created_at", "resolved"]

    def has_add_permission(self, request):
        return False
