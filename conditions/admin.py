from django.contrib import admin

from editorial.admin import ShippedContentAdmin

from .models import Condition, Page


@admin.register(Condition)
class ConditionAdmin(ShippedContentAdmin):
    content_folder = "conditions/content/conditions/"
    list_display = ["name", "where_felt", "reviewed_on", "next_review_on"]


@admin.register(Page)
class PageAdmin(ShippedContentAdmin):
    content_folder = "conditions/content/pages/"
    list_display = ["title", "slug", "reviewed_on", "next_review_on"]
