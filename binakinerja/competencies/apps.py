from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "binakinerja.competencies"
    verbose_name = _("Competencies")

    def ready(self):
        from binakinerja.competencies import checks, home  # noqa: F401 - checks registers itself
        from binakinerja.core.home import register_task_source

        register_task_source(home.tasks)
