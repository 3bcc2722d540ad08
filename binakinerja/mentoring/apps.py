from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "binakinerja.mentoring"
    verbose_name = _("Mentoring")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.mentoring import home

        register_task_source(home.tasks)
