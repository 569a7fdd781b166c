from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether the occurrence of a repeated wall time was chosen by a person."""

    dependencies = [
        ("posts", "0004_revision_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="scheduled_fold_chosen",
            field=models.BooleanField(default=False),
        ),
    ]
