"""Forms of competency assessments. They check the input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.competencies.models import AssessmentMethod, Competency
from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL


class AssessmentForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Choose a competency from the list.")},
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[(n, str(n)) for n in range(MIN_LEVEL, MAX_LEVEL + 1)],
        coerce=int,
        error_messages={"invalid_choice": _("Choose a level from 1 to 5.")},
    )
    assessed_on = forms.DateField(
        label=_("Assessment date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as day, month and year.")},
    )
    method = forms.ChoiceField(label=_("Method"), choices=AssessmentMethod.choices)
    assessor = forms.CharField(label=_("Assessor"), max_length=200, required=False)
    evidence = forms.CharField(
        label=_("Evidence (document or report number)"), max_length=300, required=False
    )
