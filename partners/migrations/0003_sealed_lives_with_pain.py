"""Who lives with the pain is health data: sealed (Membership.lives_with_pain_for) instead of plain columns.
No deployment holds plain answers yet, so they are dropped; each person is asked again on their pair page."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_keys")]

    operations = [
        migrations.RemoveField(model_name="membership", name="lives_with_pain"),
        migrations.RemoveField(model_name="invite", name="requester_lives_with_pain"),
        migrations.AddField(model_name="membership", name="sealed_lives_with_pain", field=models.BinaryField(editable=False, null=True)),
        migrations.AddField(model_name="membership", name="own_sealed_lives_with_pain", field=models.BinaryField(editable=False, null=True)),
        migrations.AddField(model_name="invite", name="sealed_requester_lives_with_pain", field=models.BinaryField(editable=False, null=True)),
    ]
