"""The token form of the admins' page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.api import rules
from binakinerja.api.rules import access_label
from binakinerja.api.selectors import token_units_for
from binakinerja.core.scoping import reach_of


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name of the integration"), max_length=100)
    purpose = forms.CharField(label=_("Purpose"), max_length=300,
                              help_text=_("What the integration does with the data."))  # fmt: skip
    unit = forms.ModelChoiceField(
        label=_("Government or OPD"), queryset=None, required=False,
        help_text=_("The token reads and writes only inside this unit."),
    )  # fmt: skip
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), widget=forms.CheckboxSelectMultiple, choices=(),
    )  # fmt: skip
    expires_on = forms.DateField(label=_("Valid until"), widget=forms.DateInput(
        attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Governments and their OPDs only (a few hundred rows at most), in tree order.
        self.fields["unit"].queryset = token_units_for(user).order_by("path")
        if reach_of(user).manages_everything:
            self.fields["unit"].empty_label = _("Every government")
        else:
            self.fields["unit"].required = True
        self.fields["scopes"].choices = [
            (code, f"{label} — {access_label(code)}") for code, label in rules.scope_choices()
        ]
