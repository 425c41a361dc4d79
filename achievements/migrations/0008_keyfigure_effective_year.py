from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    KeyFigure = apps.get_model("achievements", "KeyFigure")
    Achievement = apps.get_model("achievements", "Achievement")
    achievement_year = Achievement.objects.filter(pk=OuterRef("achievement_id")).values("year")
    KeyFigure.objects.update(effective_year=Coalesce("year", Subquery(achievement_year)))


class Migration(migrations.Migration):
    dependencies = [("achievements", "0007_featured_figures_index")]

    operations = [
        migrations.RemoveIndex(model_name="keyfigure", name="keyfigure_featured"),
        migrations.AddField(
            model_name="keyfigure",
            name="effective_year",
            field=models.PositiveSmallIntegerField(null=True, editable=False, verbose_name="所属年度"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="keyfigure",
            name="effective_year",
            field=models.PositiveSmallIntegerField(editable=False, verbose_name="所属年度"),
        ),
        migrations.AddIndex(
            model_name="keyfigure",
            index=models.Index(fields=["-effective_year", "-achievement", "order", "id"], name="keyfigure_listing"),
        ),
        migrations.AddIndex(
            model_name="keyfigure",
            index=models.Index(
                condition=models.Q(("is_featured", True)),
                fields=["-effective_year", "order", "id"],
                name="keyfigure_featured",
            ),
        ),
    ]
