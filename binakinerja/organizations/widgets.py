"""A unit chooser that never renders every unit: a search box fills the select by HTMX."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Scopes up to this size are offered in full; larger ones through the search box.
FULL_LIST_LIMIT = 150


class UnitChooser(forms.Select):
    template_name = "organizations/widgets/unit_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_url"] = reverse("organizations:orgunit_options")
        context["widget"]["search_label"] = _("Search unit by name")
        return context


def limit_unit_choices(field: forms.ModelChoiceField, scope, current_id=None) -> None:
    """Offer the whole scope when it is small; otherwise only the current unit (and the one
    just posted), the search box bringing the rest."""
    if scope.count() <= FULL_LIST_LIMIT:
        field.widget = forms.Select()
        field.queryset = scope  # after the widget: the queryset gives the widget its choices
        return
    field.widget = UnitChooser()
    field.queryset = scope  # validation still accepts any unit in scope
    keep = [pk for pk in {current_id} if pk]
    field.widget.choices = [("", "---------")] + [
        (unit.pk, unit.name) for unit in scope.filter(pk__in=keep)
    ]
