from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binakinerja.core.concurrency import parse_version
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.widgets import limit_unit_choices
from binakinerja.people.models import Employee, Position
from binakinerja.people.rules import normalize_nip, parse_nip


class EmployeeForm(forms.ModelForm):
    """Create or edit an employee. The unit comes from a scoped choice, the supervisor by NIP,
    so no page lists every unit or employee."""

    nip = forms.CharField(
        label=_("NIP"),
        max_length=40,
        help_text=_("18 digits; spaces are allowed, e.g. 19860926 201505 1 001."),
    )
    supervisor_nip = forms.CharField(
        label=_("NIP of direct supervisor"), max_length=40, required=False
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Employee
        fields = [
            "nip", "gelar_depan", "name", "gelar_belakang", "unit", "position", "golongan",
            "tmt_golongan", "tmt_jabatan", "state", "education_level", "education_major",
            "birth_place", "email", "phone",
        ]  # fmt: skip
        widgets = {
            "tmt_golongan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tmt_jabatan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, units=None, supervisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.supervisors = supervisors
        self.registered = None  # set by clean_nip when the NIP is already in the registry
        posted_unit = self.data.get("unit")
        limit_unit_choices(
            self.fields["unit"],
            units if units is not None else OrgUnit.objects.none(),
            current_id=int(posted_unit)
            if str(posted_unit or "").isdigit()
            else self.instance.unit_id,
        )
        unit_id = self.data.get("unit") or (self.instance.unit_id if self.instance.pk else None)
        positions = Position.objects.none()
        if unit_id and str(unit_id).isdigit():
            positions = Position.objects.filter(unit_id=unit_id)
        self.fields["position"].queryset = positions
        if self.instance.pk:
            self.fields["nip"].disabled = True
            self.fields["nip"].initial = self.instance.nip
            self.fields["version"].initial = self.instance.version
            if self.instance.supervisor_id:
                self.fields["supervisor_nip"].initial = self.instance.supervisor.nip

    def clean_nip(self):
        if self.instance.pk:
            return self.instance.nip
        info = parse_nip(self.cleaned_data["nip"])
        # The registered employee, wherever they work: the view audits the lookup.
        self.registered = Employee.objects.filter(nip=info.nip).select_related("unit").first()
        if self.registered is not None:
            raise ValidationError(_("An employee with this NIP is already registered."))
        return info.nip

    def clean_version(self) -> int:
        """The version the form was rendered with; a missing or malformed one never matches
        (core.concurrency), so an edit without it is refused rather than overwriting."""
        return parse_version(self.cleaned_data.get("version"))

    def clean_supervisor_nip(self):
        value = self.cleaned_data.get("supervisor_nip", "").strip()
        if not value:
            return None
        nip = normalize_nip(value)
        supervisor = (self.supervisors or Employee.objects.none()).filter(nip=nip).first()
        if supervisor is None:
            raise ValidationError(_("No employee you may see has this NIP."))
        return supervisor


class AccountCreateForm(forms.Form):
    email = forms.EmailField(label=_("E-mail for the login link"))


class PositionForm(forms.ModelForm):
    """A new jabatan in a unit; the unit comes from the page, never from the form."""

    class Meta:
        model = Position
        fields = ["name", "kind", "level"]
