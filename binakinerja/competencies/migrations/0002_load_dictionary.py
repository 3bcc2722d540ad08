"""Loads the regulation's 9 competencies (8 manajerial, 1 sosial kultural) with their levels
from `binakinerja.competencies.dictionary_data` (the regulation's text: it changes only with
the regulation, and such a change comes with its own migration)."""

from django.db import migrations

from binakinerja.competencies.dictionary_data import DICTIONARY


def load(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    CompetencyLevel = apps.get_model("competencies", "CompetencyLevel")
    for entry in DICTIONARY:
        competency, _created = Competency.objects.update_or_create(
            code=entry["code"],
            defaults={
                "group": entry["group"],
                "name": entry["name"],
                "definition": entry["definition"],
            },
        )
        for level in entry["levels"]:
            CompetencyLevel.objects.update_or_create(
                competency=competency,
                level=level["level"],
                defaults={"title": level["title"], "indicators": list(level["indicators"])},
            )


def unload(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    Competency.objects.filter(code__in=[entry["code"] for entry in DICTIONARY]).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
