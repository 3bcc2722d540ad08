from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "binakinerja.monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from binakinerja.core.home import register_panel, register_task_source
        from binakinerja.core.signals import figures_changed
        from binakinerja.monitoring import home, signals

        register_panel(home.panel)
        register_task_source(home.tasks)
        figures_changed.connect(signals.refresh_after_change, dispatch_uid="monitoring_refresh")
