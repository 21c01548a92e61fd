"""Load the shipped conversation scripts, so `migrate` alone gives a complete site."""

from django.db import migrations


def load_scripts(apps, schema_editor):
    from conversations.content import SCRIPTS

    Script = apps.get_model("conversations", "Script")
    Step = apps.get_model("conversations", "Step")
    for entry in SCRIPTS:
        script, _ = Script.objects.update_or_create(
            slug=entry["slug"],
            defaults={key: entry[key] for key in ("title", "order", "when_it_helps", "minutes")},
        )
        script.steps.all().delete()
        Step.objects.bulk_create(
            Step(script=script, order=position, **step) for position, step in enumerate(entry["steps"], start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("conversations", "0001_initial")]
    operations = [migrations.RunPython(load_scripts, migrations.RunPython.noop)]
