"""The program's forms (input only; the services validate and refuse)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import OrgUnit
from binakinerja.programs import rules
from binakinerja.programs.models import Indicator, PhaseUnit, SupportAction


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgramForm(forms.Form):
    instansi = forms.ModelChoiceField(label=_("Government"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 4}),
                                 required=False)  # fmt: skip


class UnitsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.kind == OrgUnit.Kind.OPD else f"— {obj.name}"


class PhaseForm(forms.Form):
    number = forms.IntegerField(label=_("Phase number"), min_value=1, max_value=20)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    start = forms.DateField(label=_("Start"), widget=DateInput())
    end = forms.DateField(label=_("End"), widget=DateInput())
    quota = forms.IntegerField(label=_("Quota (ASN)"), min_value=0, required=False,
                               help_text=_("How many ASN this phase can take into training "
                                           "and mentoring."))  # fmt: skip
    units = UnitsField(label=_("Units"), queryset=OrgUnit.objects.none(),
                       widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip
    partners = forms.CharField(
        label=_("Partner institutions"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: name — role (e.g. BPSDM Provinsi Gorontalo — pelatihan)."),
    )  # fmt: skip

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        # OPDs and their service units (puskesmas, schools): the places a phase covers.
        self.fields["units"].queryset = (
            OrgUnit.objects.filter(path__startswith=program.instansi.path + ".")
            .filter(Q(kind=OrgUnit.Kind.OPD) | Q(is_service_unit=True))
            .order_by("path")
        )

    def partners_list(self) -> list[dict]:
        found = []
        for line in (self.cleaned_data.get("partners") or "").splitlines():
            if not line.strip():
                continue
            for separator in ("—", " - ", ":"):
                if separator in line:
                    name, role = line.split(separator, 1)
                    break
            else:
                name, role = line, ""
            found.append({"name": name.strip(), "role": role.strip()})
        return found


class PlanForm(forms.Form):
    method = forms.ChoiceField(label=_("Order"), choices=[
        (rules.ORDER_RANDOM, _("At random, with a recorded seed (fair for the impact estimate)")),
        (rules.ORDER_READINESS, _("Most ready units first")),
    ])  # fmt: skip
    seed = forms.IntegerField(label=_("Seed"), required=False, min_value=0,
                              help_text=_("Leave empty for a new one; the same seed gives the "
                                          "same order."))  # fmt: skip
    keep_first_phase = forms.BooleanField(label=_("Keep the units already in phase 1 there"),
                                          required=False, initial=True)  # fmt: skip


class UnitStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PhaseUnit.Status.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput())


class IndicatorForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Indicator.Level.choices)
    name = forms.CharField(label=_("Indicator"), max_length=300)
    source = forms.ChoiceField(label=_("Source"), choices=Indicator.Source.choices)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=30, required=False)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False,
                                          initial=True)  # fmt: skip
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=12,
                                  decimal_places=2)  # fmt: skip

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = program.years
        for year in program.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year}, required=False, max_digits=12,
                decimal_places=2,
            )  # fmt: skip

    def targets(self) -> dict:
        return {y: self.cleaned_data.get(f"target_{y}") for y in self.years
                if self.cleaned_data.get(f"target_{y}") is not None}  # fmt: skip


class IndicatorValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    evidence = forms.FileField(label=_("Evidence"), required=False)
    note = forms.CharField(label=_("Source document or note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in program.years]


class EventForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    materials = forms.CharField(label=_("Materials presented"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    materials_file = forms.FileField(label=_("Materials file"), required=False)


class AttendanceForm(forms.Form):
    nips = forms.CharField(
        label=_("NIPs of those present"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One NIP per line, from the signed attendance list."),
    )  # fmt: skip


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question raised"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("Answer given"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ItemForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=[
        (d, rules.DIMENSION_LABELS[d]) for d in rules.DIMENSIONS])  # fmt: skip
    text = forms.CharField(label=_("Statement"), max_length=300)


class ActionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportAction.Kind.choices)
    signal = forms.ChoiceField(label=_("Signal answered"), required=False, choices=[
        ("", "—"), *[(code, label) for code, label in rules.SIGNAL_CODES.items()]])  # fmt: skip
    description = forms.CharField(label=_("What is to be done"),
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    owner_nip = forms.CharField(label=_("…or the NIP of an ASN of the unit with a login"),
                                required=False, max_length=30)  # fmt: skip
    due = forms.DateField(label=_("Due date"), widget=DateInput())


class CloseForm(forms.Form):
    status = forms.ChoiceField(label=_("Close as"), choices=[
        (SupportAction.Status.DONE, SupportAction.Status.DONE.label),
        (SupportAction.Status.CANCELLED, SupportAction.Status.CANCELLED.label),
    ])  # fmt: skip
    outcome = forms.CharField(label=_("What came of it"), widget=forms.Textarea(attrs={"rows": 3}))


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Problem"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    agencies = UnitsField(label=_("Agencies involved"), queryset=OrgUnit.objects.none(),
                          widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip
    raised_on = forms.DateField(label=_("Raised on"), widget=DateInput())


class StepForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(label=_("Step taken"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DateInput())
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))
