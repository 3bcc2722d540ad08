from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "binakinerja.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from binakinerja.accounts import signals  # noqa: F401
