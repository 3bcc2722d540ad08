import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import OrgUnit


class YearOpenForm(forms.Form):
    instansi = forms.ModelChoiceField(label=_("Government"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi
        self.fields["year"].initial = dt.date.today().year  # noqa: DTZ011 - a calendar year
        if instansi.count() == 1:
            self.fields["instansi"].initial = instansi.first()


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=500)
