"""The upload form of the ASN-list import, and an upload handler that stops reading a file as
soon as it passes the size limit (so an oversized upload is never stored, even temporarily)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.people.importing.reading import FileRejected, check_upload


def too_large_error() -> ValidationError:
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    return ValidationError(
        _("The file is larger than %(limit)d MB; split it into smaller files."),
        code="too_large",
        params={"limit": limit // (1024 * 1024)},
    )


class SizeLimitUploadHandler(FileUploadHandler):
    """Skips (reads and discards) the rest of a file beyond `IMPORT_MAX_UPLOAD_BYTES` and marks
    the request, so the form can say why the file is missing."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.IMPORT_MAX_UPLOAD_BYTES:
            self.request.import_upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ASN list"),
        help_text=_("A SIASN export or your own spreadsheet, as .csv or .xlsx."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    create_units = forms.BooleanField(
        label=_("Create units that are not in the organisation tree yet"), required=False
    )
    create_units_under = forms.ModelChoiceField(
        label=_("Create them under this agency (OPD)"),
        queryset=OrgUnit.objects.none(),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Only check the file; save nothing"), required=False)

    def __init__(self, *args, user, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        agencies = orgunit_list_visible_to(user, write=True).filter(kind=OrgUnit.Kind.OPD)
        self.fields["create_units_under"].queryset = agencies.order_by("path")
        if agencies.count() == 1:
            self.fields["create_units_under"].initial = agencies.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise too_large_error()
        try:
            check_upload(upload.name, upload)
        except FileRejected as rejected:
            raise rejected.error from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("create_units") and not cleaned.get("create_units_under"):
            self.add_error(
                "create_units_under",
                _("Choose the agency under which missing units are created."),
            )
        if not cleaned.get("create_units"):
            cleaned["create_units_under"] = None
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.too_large and self.is_bound:
            # The size limit skipped the file, so it arrived as "no file": say why instead.
            self._errors.pop("file", None)
            self.add_error("file", too_large_error())
