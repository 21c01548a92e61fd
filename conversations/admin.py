from django.contrib import admin

from editorial.admin import ShippedContentAdmin, ShippedContentInline

from .models import Idea, IdeaCategory, Script, Step


class StepInline(ShippedContentInline):
    model = Step
    fields = ["order", "speaker", "prompt", "if_hard"]


@admin.register(Script)
class ScriptAdmin(ShippedContentAdmin):
    content_folder = "conversations/content/scripts/"
    list_display = ["title", "minutes", "order", "retired"]
    inlines = [StepInline]


@admin.register(IdeaCategory)
class IdeaCategoryAdmin(ShippedContentAdmin):
    content_folder = "conversations/content/ideas/"
    list_display = ["name", "order"]


@admin.register(Idea)
class IdeaAdmin(ShippedContentAdmin):
    content_folder = "conversations/content/ideas/"
    list_display = ["title", "category", "flare_friendly", "no_genital_touch", "retired"]
    list_filter = ["category", "retired"]
