"""Forms of the PDP pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.pdp.models import DataCategory, Exemption, SubjectRequest

LOCAL_TIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_NIPS = 2000


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=SubjectRequest.Kind.choices)
    details = forms.CharField(
        label=_("What do you ask for?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For a correction: which data is wrong and what is right. For an "
                    "objection: which processing and why."),
    )  # fmt: skip


class PaperRequestForm(RequestForm):
    nip = forms.CharField(label=_("NIP of the person"), max_length=30)
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=LOCAL_TIME,
        help_text=_("When the letter arrived: the 3 × 24 hours run from then."),
    )  # fmt: skip
    field_order = ["nip", "kind", "details", "received_at"]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"), widget=forms.RadioSelect,
        choices=[(SubjectRequest.Status.COMPLETED, _("Completed: the request was carried out")),
                 (SubjectRequest.Status.REFUSED, _("Refused, on an exemption"))],
    )  # fmt: skip
    exemption = forms.ChoiceField(
        label=_("Exemption (when refusing)"), required=False,
        choices=[("", "—"), *Exemption.choices],
    )  # fmt: skip
    decision = forms.CharField(
        label=_("What was done, or the reason for refusing"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class BreachForm(forms.Form):
    instansi = forms.ModelChoiceField(label=_("Government"), queryset=None)
    discovered_at = forms.DateTimeField(label=_("Discovered at"), widget=LOCAL_TIME)
    description = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories of data"), choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    affected_nips = forms.CharField(
        label=_("Affected persons (NIP, one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Name the persons when they are known; otherwise give their number below."),
    )  # fmt: skip
    affected_count = forms.IntegerField(
        label=_("Number of persons affected"), required=False, min_value=0, max_value=10_000_000
    )
    measures = forms.CharField(
        label=_("Measures taken"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = governments

    def clean_affected_nips(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["affected_nips"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_NIPS:
            raise forms.ValidationError(
                _("At most %(n)s NIPs; give a larger number as a count.") % {"n": MAX_NIPS}
            )
        return lines


class NotifiedForm(forms.Form):
    whom = forms.ChoiceField(
        choices=[("subjects", _("Affected persons")), ("authority", _("The authority"))],
        widget=forms.HiddenInput,
    )  # fmt: skip
    at = forms.DateTimeField(label=_("Notified at"), widget=LOCAL_TIME)
