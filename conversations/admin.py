from django.contrib import admin

from .models import Script, Step


class StepInline(admin.StackedInline):
    model = Step
    extra = 0
    fields = ["order", "speaker", "prompt", "if_hard", "link_url", "link_text"]


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ["title", "minutes", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StepInline]
