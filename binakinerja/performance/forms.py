import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.core.forms import ShortModelChoiceField
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.models import OrgGoal, Period, SkpResult
from binakinerja.performance.rules import (
    Aspect,
    FollowUpKind,
    OrgPredikat,
    Perspective,
    Rating,
    ResultKind,
)


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


class SkpCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)


class ResultForm(forms.Form):
    """A hasil kerja with its first indicator (more can follow)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ResultKind.choices)
    text = forms.CharField(
        label=_("Planned result (rencana hasil kerja)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    supports = forms.ModelChoiceField(
        label=_("Supervisor's result it supports"),
        queryset=SkpResult.objects.none(),
        required=False,
    )
    supports_goal = forms.ModelChoiceField(
        label=_("Organisational goal it supports (OPD head)"),
        queryset=OrgGoal.objects.none(),
        required=False,
    )
    perspective = forms.ChoiceField(
        label=_("Perspective (JPT)"),
        choices=[("", "---------"), *Perspective.choices],
        required=False,
    )
    aspect = forms.ChoiceField(label=_("Aspect"), choices=Aspect.choices)
    indicator = forms.CharField(label=_("Indicator"), max_length=500)
    target_value = forms.DecimalField(
        label=_("Target (number)"), required=False, max_digits=14, decimal_places=2
    )
    target_unit = forms.CharField(label=_("Unit of the target"), max_length=50, required=False)
    target_text = forms.CharField(label=_("Target (text)"), max_length=255, required=False)

    def __init__(self, *args, supervisor_results, goals, jpt=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supports"].queryset = supervisor_results
        self.fields["supports_goal"].queryset = goals
        if not jpt:  # only the JPT form of the SKP groups results by perspective
            del self.fields["perspective"]

    def clean(self):
        data = super().clean()
        if data.get("target_value") is None and not data.get("target_text"):
            raise forms.ValidationError(_("Give the indicator a target: a number or a text."))
        return data

    def indicators(self) -> list[dict]:
        data = self.cleaned_data
        fields = ("aspect", "target_value", "target_unit", "target_text")
        return [{"text": data["indicator"], **{name: data[name] for name in fields}}]


class LampiranForm(forms.Form):
    """The lampiran SKP: one item per line, as the form numbers them."""

    dukungan_sumber_daya = forms.CharField(
        label=_("Resource support (dukungan sumber daya)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_("One item per line."),
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Accountability scheme (skema pertanggungjawaban)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_("One item per line."),
    )
    konsekuensi = forms.CharField(
        label=_("Consequences (konsekuensi)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_("One item per line."),
    )


class AssessmentForm(forms.Form):
    period = ShortModelChoiceField(label=_("Period"), queryset=Period.objects.none())
    hasil_kerja = forms.ChoiceField(label=_("Work results (hasil kerja)"), choices=Rating.choices)
    perilaku_kerja = forms.ChoiceField(
        label=_("Work behaviour (perilaku kerja)"), choices=Rating.choices
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    catatan_rekomendasi = forms.CharField(
        label=_("Notes and recommendations (annual assessment only)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods


class OrgPredikatForm(forms.Form):
    predikat = forms.ChoiceField(label=_("Organisation predikat"), choices=OrgPredikat.choices)


class FollowUpForm(forms.Form):
    assessment = ShortModelChoiceField(label=_("Assessment"), queryset=None)
    kind = forms.ChoiceField(label=_("Follow-up"), choices=FollowUpKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = assessments


class IndicatorSelect(forms.Select):
    """Options that say whether the indicator's target is a number or a text (`data-kind`), so
    app.js can ask for the matching value."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-kind"] = "number" if instance.target_value is not None else "text"
        return option


class IndicatorChoiceField(ShortModelChoiceField):
    """An indicator named with its target, so the ASN sees what kind of value it needs."""

    def label_from_instance(self, obj):
        if obj.target_value is not None:
            target = f"{obj.target_value.normalize():f} {obj.target_unit}".strip()
        else:
            target = obj.target_text
        return _("%(indicator)s (target: %(target)s)") % {"indicator": obj.text, "target": target}


class RealisationForm(forms.Form):
    """A realisation of one indicator for one open quarter: a number when the indicator's target
    is a number (a text may go with it as a note), a text otherwise."""

    indicator = IndicatorChoiceField(
        label=_("Indicator"),
        queryset=None,
        widget=IndicatorSelect(attrs={"data-realisation-indicator": ""}),
    )
    period = ShortModelChoiceField(label=_("Quarter"), queryset=None)
    value = forms.DecimalField(
        label=_("Realisation (number, for a numeric target)"),
        required=False,
        max_digits=14,
        decimal_places=2,
    )
    text = forms.CharField(
        label=_("Realisation (text, or a note to the number)"), max_length=500, required=False
    )
    evidence = forms.FileField(
        label=_("Evidence (bukti dukung)"),
        required=False,
        help_text=_("PDF, PNG, JPG or office file, up to 10 MB."),
    )

    def __init__(self, *args, indicators, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["period"].queryset = periods

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        if indicator is not None and indicator.target_value is not None:
            if data.get("value") is None and "value" not in self.errors:
                self.add_error(
                    "value",
                    _("This indicator has a numeric target: give the realisation as a number."),
                )
        elif indicator is not None:
            data["value"] = None
            if not data.get("text"):
                self.add_error(
                    "text",
                    _("This indicator has a text target: describe the realisation in words."),
                )
        return data
