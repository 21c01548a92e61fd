"""Load the shipped library, so `migrate` alone gives a complete site."""

import datetime

from django.db import migrations


def load_conditions(apps, schema_editor):
    from conditions.content import CONDITIONS, NEXT_REVIEW_ON, REVIEWED_ON

    Condition = apps.get_model("conditions", "Condition")
    Source = apps.get_model("conditions", "Source")
    for entry in CONDITIONS:
        fields = {key: value for key, value in entry.items() if key not in {"slug", "sources", "questions"}}
        condition, _ = Condition.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                **fields,
                "questions": "\n".join(entry["questions"]),
                "reviewed_on": datetime.date.fromisoformat(REVIEWED_ON),
                "next_review_on": datetime.date.fromisoformat(NEXT_REVIEW_ON),
            },
        )
        condition.sources.all().delete()
        Source.objects.bulk_create(
            Source(
                condition=condition,
                order=position,
                publisher=source["publisher"],
                title=source["title"],
                url=source["url"],
                dated=datetime.date.fromisoformat(source["date"]),
                date_label=source["date_label"],
            )
            for position, source in enumerate(entry["sources"])
        )


class Migration(migrations.Migration):
    dependencies = [("conditions", "0001_initial")]
    operations = [migrations.RunPython(load_conditions, migrations.RunPython.noop)]
