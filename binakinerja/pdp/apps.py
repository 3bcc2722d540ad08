from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdpConfig(AppConfig):
    name = "binakinerja.pdp"
    verbose_name = _("Personal data protection")
