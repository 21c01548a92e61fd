"""Load the shipped idea list, so `migrate` alone gives a complete site."""

from django.db import migrations


def load_ideas(apps, schema_editor):
    from conversations.ideas_content import CATEGORIES, IDEAS

    IdeaCategory = apps.get_model("conversations", "IdeaCategory")
    Idea = apps.get_model("conversations", "Idea")
    categories = {}
    for entry in CATEGORIES:
        categories[entry["slug"]], _ = IdeaCategory.objects.update_or_create(
            slug=entry["slug"], defaults={k: entry[k] for k in ("name", "order", "description")}
        )
    for position, entry in enumerate(IDEAS, start=1):
        fields = {k: v for k, v in entry.items() if k not in {"slug", "category"}}
        Idea.objects.update_or_create(
            slug=entry["slug"], defaults={**fields, "category": categories[entry["category"]], "order": position}
        )


class Migration(migrations.Migration):
    dependencies = [("conversations", "0003_ideas_partners_marks_together")]
    operations = [migrations.RunPython(load_ideas, migrations.RunPython.noop)]
