from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "binakinerja.budgets"
    verbose_name = _("Budget")

    def ready(self):
        from binakinerja.budgets import home
        from binakinerja.core.home import register_task_source

        register_task_source(home.tasks)
