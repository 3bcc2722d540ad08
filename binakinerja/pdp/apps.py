from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdpConfig(AppConfig):
    name = "binakinerja.pdp"
    verbose_name = _("Personal data protection")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.pdp import home

        register_task_source(home.tasks)
