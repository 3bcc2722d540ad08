from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "binakinerja.satisfaction"
    verbose_name = _("Public satisfaction (SKM/IKM)")
