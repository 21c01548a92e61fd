from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_sealed_lives_with_pain")]

    operations = [
        migrations.AddField(model_name="membership", name="key_pin", field=models.BinaryField(editable=False, null=True)),
    ]
