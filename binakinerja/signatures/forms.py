"""The signing form (passphrase typed each time, never kept) and the public check of a file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binakinerja.signatures.signers import PDF_MAGIC


class SignForm(forms.Form):
    """`nik` only for a signer that knows officials by NIK (BSrE); typed like the passphrase
    and used for this request only."""

    passphrase = forms.CharField(
        label=gettext_lazy("Passphrase of your electronic certificate"), max_length=128,
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip
    nik = forms.RegexField(
        label=gettext_lazy("NIK (registered with BSrE)"), regex=r"^\d{16}$", required=False,
        error_messages={"invalid": gettext_lazy("The NIK has 16 digits.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )  # fmt: skip
    visible = forms.BooleanField(
        label=gettext_lazy("Visible signature (specimen and QR in the signature block)"),
        required=False, initial=True,
    )  # fmt: skip

    def __init__(self, *args, asks_nik: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.asks_nik = asks_nik
        if asks_nik:
            self.fields["nik"].required = True
        else:
            del self.fields["nik"]


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Signed PDF"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SIGNING_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
            )
        if not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("Choose a PDF file (.pdf)."))
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise forms.ValidationError(_("This file is not a PDF."))
        return upload
