from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "binakinerja.people"
    verbose_name = _("ASN registry")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.people import home

        register_task_source(home.tasks)
