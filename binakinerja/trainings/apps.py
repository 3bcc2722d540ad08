from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "binakinerja.trainings"
    verbose_name = _("Training")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.trainings import home

        register_task_source(home.tasks)
