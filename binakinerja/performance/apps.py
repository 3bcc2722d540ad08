from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "binakinerja.performance"
    verbose_name = _("Performance (SKP)")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.performance import home

        register_task_source(home.tasks)
