from django.contrib import admin

from . import edition


class ShippedContentAdmin(admin.ModelAdmin):
    """Shipped content is read-only here: it is edited in its file and loaded with `manage.py load_content`."""

    content_folder = ""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        edition.start_new()  # if saving is ever allowed here, cached pages must not outlive the change

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        edition.start_new()

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": f"{self.model._meta.verbose_name_plural.capitalize()} (read-only)",
        }
        self.say_where_to_edit(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.say_where_to_edit(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def say_where_to_edit(self, request):
        # Shown on the page it is added to; the message store is read when this page renders.
        from django.contrib import messages

        messages.info(
            request,
            f"To change this, edit the files in {self.content_folder} (see docs/content.md) and run manage.py load_content.",
        )


class ShippedContentInline(admin.StackedInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
