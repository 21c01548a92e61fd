from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conversations", "0004_answer_reveals")]

    operations = [
        migrations.AddField(model_name="matchtoken", name="mac", field=models.BinaryField(null=True)),
        migrations.AddField(model_name="matchtoken", name="write_id", field=models.BinaryField(null=True)),
    ]
