from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "binakinerja.trainings"
    verbose_name = _("Training")

    def ready(self):
        from binakinerja.core.home import register_task_source
        from binakinerja.trainings import home

        register_task_source(home.tasks)

        # JP flow back to competencies (needs page, IDP) through its hook (ARCHITECTURE.md).
        from binakinerja.competencies.jp import register_jp_source
        from binakinerja.trainings.ledger import jp_done_by_employee

        register_jp_source(jp_done_by_employee)
