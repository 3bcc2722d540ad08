from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiasnConfig(AppConfig):
    name = "binakinerja.siasn"
    verbose_name = _("SIASN interchange")
