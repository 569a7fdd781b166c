from django.db import migrations, models


class Migration(migrations.Migration):
    """A revision records everything the post would publish, not only its text."""

    dependencies = [
        ("posts", "0003_event_market_fit_findings"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="details",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
