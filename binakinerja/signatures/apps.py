from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "binakinerja.signatures"
    verbose_name = _("Electronic signatures")

    def ready(self):
        # The apps that make the documents find signed copies through core.signed, as they
        # may not import this app (it imports them).
        from binakinerja.core.signed import register_signed_lookup
        from binakinerja.signatures.selectors import signed_lookup

        register_signed_lookup(signed_lookup)
