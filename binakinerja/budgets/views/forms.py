"""The budget's forms: they collect input; the services validate it (amounts as rupiah text,
codes against the chart) and say what is wrong in Bahasa Indonesia."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LineForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("Agency (OPD)"), queryset=OrgUnit.objects.none())
    kegiatan_code = forms.CharField(label=_("Kegiatan code"), max_length=20,
                                    help_text=_("E.g. 5.04.02.1.01 Pengembangan Kompetensi "
                                                "Teknis."))  # fmt: skip
    sub_kegiatan_code = forms.CharField(label=_("Sub-kegiatan code"), max_length=30,
                                        required=False)  # fmt: skip
    rekening_code = forms.CharField(label=_("Account code (rekening)"), max_length=30,
                                    initial="5.1.02.02.12")  # fmt: skip
    name = forms.CharField(label=_("Name"), max_length=300)
    pagu = forms.CharField(label=_("Pagu (Rp)"), max_length=40,
                           help_text=_("E.g. 150.000.000"))  # fmt: skip
    source_document = forms.CharField(label=_("Source document"), max_length=300,
                                      help_text=_("E.g. DPA BKPSDM 2027."))  # fmt: skip
    tie = forms.ChoiceField(label=_("Pays for"), required=False)

    def __init__(self, *args, opds=None, ties=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds if opds is not None else OrgUnit.objects.none()
        self.fields["tie"].choices = [("", _("General (nothing in particular)")), *ties]
        if editing:
            del self.fields["pagu"]  # the pagu changes by revision only


class PaguForm(forms.Form):
    pagu = forms.CharField(label=_("New pagu (Rp)"), max_length=40)
    on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    document = forms.CharField(label=_("Document"), max_length=300,
                               help_text=_("E.g. Perda APBD Perubahan 2027."))  # fmt: skip


class RealisationForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    amount = forms.CharField(label=_("Amount (Rp)"), max_length=40)
    description = forms.CharField(label=_("What for"), max_length=300)
    document = forms.FileField(label=_("Supporting document"), required=False,
                               help_text=_("PDF, image or office file: the receipt, SPJ or "
                                           "payment order."))  # fmt: skip
    override_reason = forms.CharField(
        label=_("Reason for exceeding the pagu"), max_length=300, required=False,
        help_text=_("Only when this spending takes the line above its pagu; it is reviewed."),
    )  # fmt: skip


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=200)


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("Supporting document"))


class YearForm(forms.Form):
    total_spending = forms.CharField(
        label=_("Total regional spending (Rp)"), max_length=40, required=False,
        help_text=_("Belanja daerah of the APBD: the floor is a share of it."),
    )  # fmt: skip
    spending_source = forms.CharField(label=_("Source of the total"), max_length=300,
                                      required=False)  # fmt: skip
    floor_percent = forms.CharField(
        label=_("Floor (% of total spending)"),
        max_length=10,
        help_text=_("0,34 unless the government set another."),
    )
    publish = forms.BooleanField(label=_("Publish this year's figures on the public page"),
                                 required=False)  # fmt: skip
