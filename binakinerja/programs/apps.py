from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "binakinerja.programs"
    verbose_name = _("Program")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.programs import home

        register_task_source(home.tasks)
