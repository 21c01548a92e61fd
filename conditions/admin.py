from django.contrib import admin

from .models import Condition, Source


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "where_felt", "reviewed_on", "next_review_on", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SourceInline]
