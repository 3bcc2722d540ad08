"""Forms of the survey administration. They check the input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binakinerja.core.converters import MAX_YEAR, MIN_YEAR
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.widgets import limit_unit_choices
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    ExtraQuestion,
    Occupation,
    Service,
    Sex,
    SurveyPeriod,
)
from binakinerja.satisfaction.services import row_problems

MAX_PAPER_ROWS = 50
DEFAULT_PAPER_ROWS = 10


class ServiceUnitCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Organisation unit"), queryset=OrgUnit.objects.none())
    annual_users = forms.IntegerField(
        label=_("Service users per year"),
        min_value=0,
        max_value=100_000_000,
        help_text=_("Number of people served in a year: the population for the sample size."),
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.data.get("unit")
        limit_unit_choices(
            self.fields["unit"], scope, current_id=int(posted) if str(posted).isdigit() else None
        )


class ServiceUnitForm(forms.Form):
    annual_users = forms.IntegerField(
        label=_("Service users per year"), min_value=0, max_value=100_000_000
    )
    is_active = forms.BooleanField(
        label=_("Accepting responses on the online form"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Service name"), max_length=200)
    target_minutes = forms.IntegerField(
        label=_("Target service time (minutes)"), min_value=1, max_value=10_000, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class PeriodCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyPeriod.Kind.choices)
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=4,
        initial=1,
        help_text=_("1 for a year; 1–2 for a semester; 1–4 for a quarter."),
    )
    population = forms.IntegerField(
        label=_("Population (service users in the period)"),
        min_value=0,
        max_value=100_000_000,
        required=False,
        help_text=_("Leave empty to use the yearly users scaled to the period."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ExtraQuestionForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Asked in"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("Question"), max_length=ExtraQuestion._meta.get_field("text").max_length
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


# --- The paper-entry grid ---------------------------------------------------------------------

ANSWER_ERRORS = {
    "invalid": _("An answer is a digit from 1 to 4."),
    "min_value": _("An answer is a digit from 1 to 4."),
    "max_value": _("An answer is a digit from 1 to 4."),
}


def _answer_field(number: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"U{number}",
        required=False,
        min_value=1,
        max_value=4,
        error_messages=ANSWER_ERRORS,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric", "maxlength": "1", "pattern": "[1-4]", "size": "1",
                "autocomplete": "off", "class": "answer",
            }
        ),
    )  # fmt: skip


def _choices(choices):
    return [("", "–"), *choices]


class PaperRowForm(forms.Form):
    """One questionnaire of the grid. A row left blank is skipped (the formset's extra forms
    are empty-permitted); a filled row is checked with the same rules as the service."""

    visit_date = forms.DateField(
        label=_("Visit date"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=_choices(Sex.choices), required=False)
    age_band = forms.ChoiceField(label=_("Age"), choices=_choices(AgeBand.choices), required=False)
    education = forms.ChoiceField(
        label=_("Education"), choices=_choices(Education.choices), required=False
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), choices=_choices(Occupation.choices), required=False
    )
    suggestion = forms.CharField(
        label=_("Suggestion"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, period, services: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.services = services  # {pk: Service}, read once for the whole grid
        self.fields["service"].choices = _choices([(pk, s.name) for pk, s in services.items()])
        for number, name in enumerate(ELEMENT_FIELDS, start=1):
            self.fields[name] = _answer_field(number)
        # Answers between the respondent and the suggestion, as on the paper form.
        order = ["visit_date", "service", "sex", "age_band", "education", "occupation",
                 *ELEMENT_FIELDS, "suggestion"]  # fmt: skip
        self.order_fields(order)
        row = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else 1
        for field in self.fields.values():  # a grid cell has no visible label of its own
            field.widget.attrs["aria-label"] = _("%(field)s, row %(row)d") % {
                "field": field.label,
                "row": row,
            }

    def clean_service(self):
        value = self.cleaned_data.get("service")
        return self.services[int(value)] if value else None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        problems = row_problems(
            data, period=self.period, services=set(self.services), today=timezone.localdate()
        )
        for name, message in problems.items():
            self.add_error(None if name == "__all__" else name, message)
        return data


class BasePaperFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The cleaned data of the filled-in rows (blank rows left out)."""
        return [form.cleaned_data for form in self.forms if form.has_changed()]


def paper_formset(period, data=None, *, rows: int = DEFAULT_PAPER_ROWS) -> BasePaperFormSet:
    services = {
        s.pk: s
        for s in Service.objects.filter(service_unit_id=period.service_unit_id, is_active=True)
    }
    formset_class = forms.formset_factory(
        PaperRowForm,
        formset=BasePaperFormSet,
        extra=max(1, min(rows, MAX_PAPER_ROWS)),
        max_num=MAX_PAPER_ROWS,
        absolute_max=MAX_PAPER_ROWS,
        validate_max=True,
    )
    return formset_class(data, prefix="r", form_kwargs={"period": period, "services": services})
