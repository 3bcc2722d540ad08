from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "binakinerja.competencies"
    verbose_name = _("Competencies")

    def ready(self):
        from binakinerja.competencies import checks  # noqa: F401 - registers the system checks
