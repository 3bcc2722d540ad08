"""Certificate pages: the participant's certificates, the certificates of a batch for those
who run it (create drafts, issue, revoke), the list of every certificate in the reader's
reach, the PDF download, and the public verification page (no login).

Who: the participant downloads their issued certificates; their atasan and managers in
scope may too (the enrolment is visible through the registry). Drafts and revoked
certificates exist only for those who run the batch (`selectors.runs_batch`); writes by
anyone else are 403, objects out of reach 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.exporting import file_response
from binakinerja.core.scoping import reach_of
from binakinerja.core.signed import signed_copy, signed_pdf
from binakinerja.trainings import certificates as service
from binakinerja.trainings import rules
from binakinerja.trainings.models import Certificate
from binakinerja.trainings.selectors import batch_get_for_user

PAGE_SIZE = 50


class SignersForm(forms.Form):
    """Who signs the certificates of a batch, each as name, NIP and position."""

    signer_1_name = forms.CharField(label=gettext_lazy("First signer: name"), max_length=120,
                                    required=False)  # fmt: skip
    signer_1_nip = forms.CharField(label=gettext_lazy("First signer: NIP"), max_length=18,
                                   required=False)  # fmt: skip
    signer_1_position = forms.CharField(label=gettext_lazy("First signer: position"),
                                        max_length=150, required=False)  # fmt: skip
    signer_2_name = forms.CharField(label=gettext_lazy("Second signer: name"), max_length=120,
                                    required=False)  # fmt: skip
    signer_2_nip = forms.CharField(label=gettext_lazy("Second signer: NIP"), max_length=18,
                                   required=False)  # fmt: skip
    signer_2_position = forms.CharField(label=gettext_lazy("Second signer: position"),
                                        max_length=150, required=False)  # fmt: skip
    enrolment = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, institution) -> dict:
        initial = {}
        for n, value in enumerate(service.default_signers(institution), start=1):
            name, nip, position = rules.signer_parts(value)
            initial |= {f"signer_{n}_name": name, f"signer_{n}_nip": nip,
                        f"signer_{n}_position": position}  # fmt: skip
        return initial

    def signer(self, n: int) -> str:
        data = self.cleaned_data
        return rules.signer_text(data[f"signer_{n}_name"], data[f"signer_{n}_nip"],
                                 data[f"signer_{n}_position"])  # fmt: skip


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), max_length=300)


# --- the participant and the lists --------------------------------------------------------------


@login_required
@require_GET
def certificate_mine(request):
    """The reader's own certificates (issued and revoked; drafts are the institution's)."""
    employee_id = reach_of(request.user).employee_id
    certificates = (
        Certificate.objects.filter(
            enrolment__employee_id=employee_id,
            status__in=(Certificate.Status.ISSUED, Certificate.Status.REVOKED),
        )
        .select_related("enrolment__batch__program__institution")
        .order_by("-issued_at", "-pk")
        if employee_id
        else Certificate.objects.none()
    )
    return render(request, "trainings/certificate_mine.html", {"certificates": certificates})


@login_required
@require_GET
def certificate_list(request):
    """Every certificate of the batches the reader runs (admins: all), newest first, with the
    finished batches still awaiting certificates on top. Others 403."""
    if not service.runs_any_batch(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    certificates = service.certificates_run_by(request.user).order_by("-pk")
    if status in Certificate.Status.values:
        certificates = certificates.filter(status=status)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "status": status, "statuses": Certificate.Status.choices,
        "awaiting": service.batches_awaiting_certificates(request.user)[:20],
    }  # fmt: skip
    return render(request, "trainings/certificate_list.html", context)


def _batch_page(request, batch, *, signers_form=None, status=200):
    rows = service.batch_certificate_rows(batch)
    context = {
        "batch": batch, "program": batch.program, "rows": rows,
        "without": sum(1 for r in rows if r.cert is None),
        "drafts": sum(1 for r in rows if r.cert and r.cert.status == Certificate.Status.DRAFT),
        "signers_form": signers_form
        or SignersForm(initial=SignersForm.initial_for(batch.program.institution)),
        "revoke_form": RevokeForm(),
    }  # fmt: skip
    return render(request, "trainings/certificate_batch.html", context, status=status)


@login_required
@require_GET
def batch_certificates(request, pk):
    """The completed participants of a batch and their certificates: for those who run it."""
    batch = batch_get_for_user(request.user, pk, write=True)
    return _batch_page(request, batch)


@login_required
@require_POST
def batch_certificates_create(request, pk):
    """Drafts for every completed participant without one (or the one `enrolment` posted)."""
    batch = batch_get_for_user(request.user, pk, write=True)
    form = SignersForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, signers_form=form, status=400)
    enrolments = None
    if form.cleaned_data.get("enrolment"):
        enrolments = list(batch.enrolments.filter(pk=form.cleaned_data["enrolment"]))
        if not enrolments:
            form.add_error(None, _("This participant is not in the batch."))
            return _batch_page(request, batch, signers_form=form, status=400)
    try:
        made = service.certificates_create(
            actor=request.user, batch=batch, enrolments=enrolments,
            signer_1=form.signer(1), signer_2=form.signer(2),
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _batch_page(request, batch, signers_form=form, status=400)
    if made:
        messages.success(request, ngettext("%(n)s draft certificate made.",
                                           "%(n)s draft certificates made.", len(made))
                         % {"n": len(made)})  # fmt: skip
    else:
        messages.info(request, _("Every completed participant already has a certificate."))
    return redirect("trainings:batch_certificates", batch.pk)


@login_required
@require_POST
def batch_certificates_issue(request, pk):
    """Issue every draft whose participant meets the completion rule (or the one posted)."""
    batch = batch_get_for_user(request.user, pk, write=True)
    certificate_pk = request.POST.get("certificate", "")
    if certificate_pk.isdigit():
        certificate = Certificate.objects.filter(pk=certificate_pk, enrolment__batch=batch).first()
        if certificate is None:
            messages.error(request, _("This certificate is not in the batch."))
            return redirect("trainings:batch_certificates", batch.pk)
        try:
            service.certificate_issue(actor=request.user, certificate=certificate)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Certificate %(number)s issued.")
                             % {"number": certificate.number})  # fmt: skip
        return redirect("trainings:batch_certificates", batch.pk)
    issued, refused = service.certificates_issue_for_batch(actor=request.user, batch=batch)
    if issued:
        messages.success(request, ngettext("%(n)s certificate issued.",
                                           "%(n)s certificates issued.", issued)
                         % {"n": issued})  # fmt: skip
    for message in refused:
        messages.error(request, message)
    if not issued and not refused:
        messages.info(request, _("No draft certificate to issue."))
    return redirect("trainings:batch_certificates", batch.pk)


@login_required
@require_POST
def certificate_revoke(request, pk):
    certificate = service.certificate_get_for_user(request.user, pk, write=True)
    batch = certificate.enrolment.batch
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            service.certificate_revoke(actor=request.user, certificate=certificate,
                                       reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Certificate %(number)s revoked.")
                             % {"number": certificate.number})  # fmt: skip
    else:
        messages.error(request, _("Give the reason for revoking the certificate."))
    return redirect(reverse("trainings:batch_certificates", args=[batch.pk]) + "#revoke")


@login_required
@require_GET
def certificate_download(request, pk):
    """The PDF. An issued certificate for whoever sees the enrolment; a draft ("DRAF") or a
    revoked one ("DICABUT") only for those who run the batch. The participant's own first
    download ends the home page's task."""
    certificate = service.certificate_get_for_user(request.user, pk)
    if (
        certificate.status == Certificate.Status.ISSUED
        and reach_of(request.user).employee_id == certificate.enrolment.employee_id
    ):
        service.certificate_mark_downloaded(certificate=certificate)
    content = signed_pdf("certificate", certificate.pk,
                         version=service.signed_version(certificate)) or service.certificate_pdf(
        certificate, verify_url=service.verification_url(certificate.code, request)
    )  # fmt: skip
    return file_response(content, "application/pdf", service.certificate_filename(certificate))


# --- public ------------------------------------------------------------------------------------


@require_GET
def certificate_verify(request, code):
    """Public (no login): whether a certificate is valid. Only the name, the program, the
    dates and valid / revoked (with the date); no NIP. Unknown codes and
    drafts: 404 with a plain message."""
    certificate = service.certificate_by_code(code)
    if certificate is None:
        return render(request, "trainings/certificate_verify_unknown.html", status=404)
    signed = signed_copy("certificate", certificate.pk, version=service.signed_version(certificate))
    return render(request, "trainings/certificate_verify.html",
                  {"certificate": certificate, "signed": signed})  # fmt: skip
