from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conversations", "0003_sealed_marks_and_match_tokens")]

    operations = [
        migrations.AddField(
            model_name="answercount", name="changes_cleared", field=models.PositiveIntegerField(default=0)
        ),
        # Changes made before this hold nothing back: nobody's "Both of us" waits on the day it arrives.
        migrations.RunSQL("UPDATE conversations_answercount SET changes_cleared = changes", migrations.RunSQL.noop),
    ]
