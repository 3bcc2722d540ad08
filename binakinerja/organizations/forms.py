from django import forms

from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import EDITABLE_FIELDS


class OrgUnitForm(forms.ModelForm):
    """Name, type and address of a unit; its place in the tree comes from the page."""

    class Meta:
        model = OrgUnit
        fields = EDITABLE_FIELDS
