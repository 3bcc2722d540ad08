"""Signing pages and the public verification.

Who: a document's page here is open to whoever may read the document (its app's fetcher;
404 otherwise); signing (POST) only to the official who signs it (403 for other readers).
The batch page: the official named as signer of the batch's certificates signs them all with
one passphrase entry; those who run the batch see what is waiting. The verification pages
need no login: by code (the QR printed in the signature) and by uploading a PDF.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.audit import audit_record
from binakinerja.signatures import selectors, services, validation
from binakinerja.signatures.forms import SignForm, VerifyUploadForm
from binakinerja.signatures.signers import get_signer
from binakinerja.signatures.targets import target_get_for_user


def _sign_form(data=None) -> SignForm:
    return SignForm(data, asks_nik=getattr(get_signer(), "asks_nik", False))


def _refused(request, form, error: ValidationError, *, instance, title: str) -> None:
    """The reasons on the form; a refused passphrase or certificate is audited (never the
    passphrase itself)."""
    for message in error.messages:
        form.add_error(None, message)
    code = getattr(error, "code", "") or ""
    if code in ("wrong_passphrase", "certificate_inactive", "not_registered"):
        audit_record(actor=request.user, action="denied", instance=instance,
                     object_repr=f"signing refused ({code}): {title}")  # fmt: skip


@login_required
@require_GET
def index(request):
    """The reader's signing desk: batches whose certificates wait for their signature, and
    what they signed lately."""
    waiting = (
        selectors.certificates_awaiting(request.user)
        .values("enrolment__batch", "enrolment__batch__name",
                "enrolment__batch__program__title")
        .annotate(n=Count("pk")).order_by("enrolment__batch")
    )  # fmt: skip
    context = {"waiting": list(waiting), "signed": selectors.signed_by_user(request.user)}
    return render(request, "signatures/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, kind, pk):
    """ "Tanda tangani": the document, its signature state, and the passphrase form for the
    official who signs it."""
    write = request.method == "POST"
    target = target_get_for_user(request.user, kind, pk, request=request, write=write)
    form = _sign_form(request.POST if write else None)
    status = 200
    if write:
        if form.is_valid():
            try:
                document = services.document_sign(
                    actor=request.user, target=target, passphrase=form.cleaned_data["passphrase"],
                    nik=form.cleaned_data.get("nik", ""), visible=form.cleaned_data["visible"],
                    request=request,
                )  # fmt: skip
            except ValidationError as error:
                _refused(request, form, error, instance=target.obj, title=target.title)
            else:
                messages.success(request, _("%(title)s signed electronically.")
                                 % {"title": document.title})  # fmt: skip
                return redirect("signatures:sign", kind, pk)
        status = 400
    context = {
        "target": target, "form": form,
        "current": selectors.signed_current(target.kind, target.pk, target.version),
        "latest": selectors.signed_latest(target.kind, target.pk),
    }  # fmt: skip
    return render(request, "signatures/sign.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def batch_sign(request, pk):
    """Every issued certificate of a batch that names the reader as signer and is not signed
    yet, signed with one passphrase entry; all or nothing."""
    from binakinerja.trainings.models import Batch, Certificate
    from binakinerja.trainings.selectors import runs_batch

    batch = get_object_or_404(Batch.objects.select_related("program__institution"), pk=pk)
    waiting = list(selectors.certificates_awaiting(request.user, batch))
    named = bool(waiting) or any(
        target_named(request.user, c)
        for c in Certificate.objects.filter(enrolment__batch=batch,
                                            status=Certificate.Status.ISSUED)[:200]
    )  # fmt: skip
    if not named and not runs_batch(request.user, batch):
        raise Http404
    form = _sign_form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not named:
            raise PermissionDenied
        if form.is_valid():
            try:
                targets = [target_get_for_user(request.user, "certificate", c.pk, request=request,
                                               write=True) for c in waiting]  # fmt: skip
                stored = services.documents_sign_batch(
                    actor=request.user, targets=targets,
                    passphrase=form.cleaned_data["passphrase"],
                    nik=form.cleaned_data.get("nik", ""), visible=form.cleaned_data["visible"],
                    request=request,
                )  # fmt: skip
            except ValidationError as error:
                _refused(request, form, error, instance=batch, title=str(batch))
            else:
                messages.success(request, ngettext("%(n)s certificate signed electronically.",
                                                   "%(n)s certificates signed electronically.",
                                                   len(stored)) % {"n": len(stored)})  # fmt: skip
                return redirect("signatures:batch_sign", batch.pk)
        status = 400
    context = {"batch": batch, "waiting": waiting, "named": named, "form": form}
    return render(request, "signatures/batch_sign.html", context, status=status)


def target_named(user, certificate) -> bool:
    from binakinerja.signatures.targets import certificate_signer_slot, official_of

    _key, nip = certificate_signer_slot(certificate)
    return bool(nip) and nip == official_of(user).nip_digits


# --- public -------------------------------------------------------------------------------------


def _file_state(document) -> str:
    """The stored signed file checked again: VALID, TAMPERED, … (MISSING when gone)."""
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        return "missing"
    if hashlib.sha256(content).hexdigest() != document.sha256:
        return validation.TAMPERED
    return validation.validate_pdf(content).result


@require_GET
def verify(request, code):
    """Public (no login): who signed the document with this code, when, and whether the
    stored signed file is intact. Only the document's title and the signer's name and
    position; no NIP, no content."""
    documents = selectors.signed_by_code(code)
    if not documents:
        return render(request, "signatures/verify_unknown.html", status=404)
    latest = documents[0]
    context = {"document": latest, "state": _file_state(latest), "earlier": documents[1:],
               "form": VerifyUploadForm()}  # fmt: skip
    return render(request, "signatures/verify.html", context)


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Public: check a PDF one holds — valid and signed by us, changed since signing, or not
    signed by us. The file is read in memory and not kept."""
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            check = validation.validate_pdf(data)
            ours = selectors.signed_by_digest(hashlib.sha256(data).hexdigest())
            result = {"check": check, "ours": ours}
            audit_record(actor=request.user, action="lookup", instance=ours,
                         object_type="signatures.signeddocument",
                         object_repr=f"signature check: {check.result}")  # fmt: skip
        else:
            status = 400
    return render(request, "signatures/verify_upload.html",
                  {"form": form, "result": result}, status=status)  # fmt: skip
