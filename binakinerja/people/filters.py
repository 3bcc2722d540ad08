"""Filters of the employee list. Unit choices are cascaded (instansi → OPD → unit) so that no
page ever renders a select of every unit in the province."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.people.models import Employee, PositionKind
from binakinerja.people.rules import GOLONGAN_CHOICES
from binakinerja.people.selectors import employee_search_q

ALL = _("All")
SORTS = {
    "name": ("name", "nip"),
    "-name": ("-name", "-nip"),
    "nip": ("nip",),
    "-nip": ("-nip",),
    "golongan": ("golongan", "name"),
    "-golongan": ("-golongan", "name"),
    "unit": ("unit__path", "name"),
    "-unit": ("-unit__path", "name"),
}


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("NIP or name"), method="filter_q")
    instansi = django_filters.ModelChoiceFilter(
        label=_("Government"),
        empty_label=ALL,
        queryset=OrgUnit.objects.none(),
        method="filter_subtree",
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("Agency (OPD)"),
        empty_label=ALL,
        queryset=OrgUnit.objects.none(),
        method="filter_subtree",
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), empty_label=ALL, queryset=OrgUnit.objects.none(), method="filter_subtree"
    )
    golongan = django_filters.ChoiceFilter(
        label=_("Golongan"), choices=GOLONGAN_CHOICES, empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(
        label=_("Position kind"),
        field_name="position__kind",
        choices=PositionKind.choices,
        empty_label=ALL,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Employee.Status.choices, empty_label=ALL
    )
    state = django_filters.ChoiceFilter(
        label=_("Employment state"), choices=Employee.State.choices, empty_label=ALL
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method="filter_sort",
        choices=[
            ("name", _("Name A–Z")),
            ("-name", _("Name Z–A")),
            ("nip", _("NIP")),
            ("golongan", _("Golongan")),
            ("unit", _("Unit")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Employee
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        visible = orgunit_list_visible_to(user).only("id", "name", "path", "kind", "parent_id")
        self.filters["instansi"].queryset = visible.filter(kind=OrgUnit.Kind.INSTANSI)
        data = data or {}
        opds = visible.filter(kind=OrgUnit.Kind.OPD)
        instansi_id = data.get("instansi")
        if instansi_id and str(instansi_id).isdigit():
            opds = opds.filter(parent_id=instansi_id)
        elif opds.count() > 60:
            opds = opds.none()  # choose a government first
        self.filters["opd"].queryset = opds.order_by("name")
        opd_id = data.get("opd")
        units = OrgUnit.objects.none()
        if opd_id and str(opd_id).isdigit():
            parent = visible.filter(pk=opd_id).first()
            if parent is not None:
                units = visible.filter(path__startswith=parent.path + ".").order_by("path")
        self.filters["unit"].queryset = units
        # A choice with a single possible answer is noise on a phone screen.
        if self.filters["instansi"].queryset.count() <= 1:
            self.form.fields["instansi"].widget = forms.HiddenInput()
        if not opds.exists() or (instansi_id is None and opds.count() <= 1):
            self.form.fields["opd"].widget = forms.HiddenInput()

    ADVANCED = ("instansi", "opd", "unit", "golongan", "kind", "status", "state", "sort")

    @property
    def advanced_active(self) -> bool:
        return any((self.data or {}).get(name) for name in self.ADVANCED if name != "sort")

    def filter_q(self, queryset, name, value):
        return queryset.filter(employee_search_q(value))

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
