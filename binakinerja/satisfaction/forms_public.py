"""The public questionnaire: nine optional elements (at least one answered), an optional
respondent profile, the service used, the visit date, the agency's extra questions and a
suggestion. No name, phone or NIK is asked (UU PDP minimisation)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    Occupation,
    Sex,
)
from binakinerja.satisfaction.rules import QUESTIONS

SUGGESTION_MAX = 2000
EXTRA_ANSWER_MAX = 500
HONEYPOT = "website"


def extra_field_name(question_id: int) -> str:
    return f"x{question_id}"


def _blank(choices) -> list:
    return [("", "—"), *choices]


class SharedChoiceField(forms.TypedChoiceField):
    """A choice field whose choices are fixed at import and which no form instance changes:
    every form shares it instead of deep-copying it, because copying re-normalises the choices
    and was the costliest part of building the form on the survey's hot path."""

    def __deepcopy__(self, memo):
        return self


def _element_field(number: int) -> SharedChoiceField:
    question, answers = QUESTIONS[number]
    return SharedChoiceField(
        label=question,
        choices=[(str(score), text) for score, text in enumerate(answers, start=1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the four answers.")},
    )


def _profile_field(label, choices, widget=forms.Select) -> SharedChoiceField:
    return SharedChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=widget,
        error_messages={"invalid_choice": _("Choose one of the options offered.")},
    )


class SurveyForm(forms.Form):
    """Bound to one service unit's services and extra questions; `today` bounds the visit date,
    `period_start` too."""

    u1 = _element_field(1)
    u2 = _element_field(2)
    u3 = _element_field(3)
    u4 = _element_field(4)
    u5 = _element_field(5)
    u6 = _element_field(6)
    u7 = _element_field(7)
    u8 = _element_field(8)
    u9 = _element_field(9)
    sex = _profile_field(_("Sex"), Sex.choices, widget=forms.RadioSelect)
    age_band = _profile_field(_("Age"), _blank(AgeBand.choices))
    education = _profile_field(_("Highest education"), _blank(Education.choices))
    occupation = _profile_field(_("Main occupation"), _blank(Occupation.choices))
    visit_date = forms.DateField(
        label=_("Date of your visit"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as day, month and year.")},
    )
    suggestion = forms.CharField(
        label=_("Suggestions for improving our service"),
        required=False,
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Keep the suggestion to at most %(limit_value)d characters.")
        },
    )
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop), filled in by bots.
    website = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, services, extra_questions, today: dt.date, period_start, **kw):
        super().__init__(*args, **kw)
        self.today = today
        self.period_start = period_start
        self.fields["visit_date"].widget.attrs.update(
            min=period_start.isoformat(), max=today.isoformat()
        )
        self.extra_questions = list(extra_questions)
        self.fields["service"] = forms.TypedChoiceField(
            label=_("Service you used"),
            choices=[("", "—"), *((str(service.pk), service.name) for service in services)],
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": _("Choose a service from the list.")},
        )
        for question in self.extra_questions:
            self.fields[extra_field_name(question.pk)] = forms.CharField(
                label=question.text,
                required=False,
                max_length=EXTRA_ANSWER_MAX,
                error_messages={
                    "max_length": _("Keep the answer to at most %(limit_value)d characters.")
                },
            )

    def options(self, name: str) -> list[tuple[str, str, str, bool]]:
        """(id, value, label, chosen) of a choice field: the page renders these directly, which
        is several times faster than Django's per-option widget templates."""
        bound = self[name]
        current = bound.value()
        current = "" if current is None else str(current)
        choices = bound.field.choices
        return [
            (f"{bound.auto_id}_{i}", str(value), text, str(value) == current)
            for i, (value, text) in enumerate(choices)
        ]

    @property
    def element_fields(self):
        return [(self[name], self.options(name)) for name in ELEMENT_FIELDS]

    @property
    def sex_options(self):
        return self.options("sex")

    @property
    def choice_fields(self):
        return [
            (self[name], self.options(name)) for name in ("age_band", "education", "occupation")
        ]

    @property
    def service_options(self):
        return self.options("service")

    @property
    def extra_fields(self):
        return [self[extra_field_name(q.pk)] for q in self.extra_questions]

    def clean_visit_date(self):
        value = self.cleaned_data.get("visit_date")
        if value is None:
            return None
        if value > self.today:
            raise forms.ValidationError(_("The visit date cannot be in the future."))
        if value < self.period_start:
            raise forms.ValidationError(
                _("The visit date cannot be before the survey period starts (%(date)s)."),
                params={"date": self.period_start.strftime("%d-%m-%Y")},
            )
        return value

    def clean(self):
        data = super().clean()
        answered = [name for name in ELEMENT_FIELDS if data.get(name) is not None]
        element_errors = any(name in self.errors for name in ELEMENT_FIELDS)
        if not answered and not element_errors:
            raise forms.ValidationError(_("Answer at least one of the nine questions."))
        return data

    def extra_answers(self) -> dict[int, str]:
        """{question id: answer} of the extra questions answered."""
        answers = {}
        for question in self.extra_questions:
            text = (self.cleaned_data.get(extra_field_name(question.pk)) or "").strip()
            if text:
                answers[question.pk] = text
        return answers
