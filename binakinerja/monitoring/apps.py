from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "binakinerja.monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from binakinerja.core.home import register_panel, register_task_source
        from binakinerja.monitoring import home

        register_panel(home.panel)
        register_task_source(home.tasks)
