from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binakinerja.accounts.models import Role
from binakinerja.core.scoping import paths_q, reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.rules import normalize_nip


def role_scope_choices(user):
    """The units `user` may give roles over (`rules.check_role_change`): every government and
    OPD for a superuser or unscoped admin, else the governments the user administers and their
    OPDs. An operator role the same user holds elsewhere adds nothing."""
    reach = reach_of(user)
    units = OrgUnit.objects.filter(kind__in=[OrgUnit.Kind.INSTANSI, OrgUnit.Kind.OPD])
    if not reach.manages_everything:
        units = units.filter(paths_q(reach.admin_paths))
    return units.order_by("path")


class RoleAssignForm(forms.Form):
    """Give a role to the login of an employee the admin manages."""

    nip = forms.CharField(label=_("NIP of the employee"), max_length=40)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    scope = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_(
            "A government for administrators, a government or an OPD for leaders, an OPD for "
            "operators; none for mentors and training provider staff."
        ),
    )
    institution = forms.CharField(label=_("Training institution"), max_length=200, required=False)

    def __init__(self, *args, scopes, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = scopes
        self.employees = employees

    def clean_nip(self):
        nip = normalize_nip(self.cleaned_data["nip"])
        employee = self.employees.select_related("user").filter(nip=nip).first()
        if employee is None:
            raise ValidationError(_("No employee you manage has this NIP."))
        if employee.user is None:
            raise ValidationError(
                _("This employee has no login account yet; create one on their page first.")
            )
        self.user = employee.user
        return nip


class TwoFactorCodeForm(forms.Form):
    """The second step of a login, or the confirmation of a new authenticator app."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),  # fmt: skip
    )


class TwoFactorResetForm(forms.Form):
    """An admin's reset of a user's two-factor login (the user lost the phone and the codes)."""

    account = forms.CharField(label=_("Username or NIP"), max_length=150)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the user asked and how you checked it was them; kept in the audit trail."),
    )
