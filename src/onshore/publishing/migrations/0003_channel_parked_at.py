from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_channel_kind_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="channel",
            name="parked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
