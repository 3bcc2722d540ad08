"""The SIASN page of a government's year: finished SKP results and JP records with whether and
when each was sent and what SIASN answered, filtered by state, sent one by one, selected or all
at once, and exported; the history of one record's submissions."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.siasn import client as siasn_client
from binakinerja.siasn import payloads, selectors, services
from binakinerja.siasn.models import SiasnSubmission

PAGE_SIZE = 50
SKP, JP = "skp", "jp"


def _status_label(status) -> str:
    return str(SiasnSubmission.Status(status).label) if status else ""


@login_required
@require_GET
def index(request):
    """Straight to this year's page of the reader's government (a choice when several)."""
    governments = list(selectors.governments_managed_by(request.user))
    if not governments:
        raise PermissionDenied
    year = timezone.localdate().year
    if len(governments) == 1:
        return redirect("siasn:government", governments[0].pk, year)
    return render(request, "siasn/index.html", {"governments": governments, "year": year})


def _rows(request, government, year, kind, status):
    if kind == SKP:
        return selectors.finished_skp_results(request.user, government, year, status=status)
    return selectors.jp_records(request.user, government, year, status=status)


def _state(obj) -> str:
    """ "unsent", "failed", "sent" or "changed" (sent, but its content changed since)."""
    if obj.siasn_status is None:
        return "unsent"
    if obj.siasn_status == SiasnSubmission.Status.FAILED:
        return "failed"
    if obj.siasn_fingerprint != services.content_fingerprint(obj):
        return "changed"
    return "sent"


@login_required
@require_GET
def government(request, pk, year):
    government = selectors.government_get_for_user(request.user, pk)
    kind = SKP if request.GET.get("jenis", SKP) != JP else JP
    status = request.GET.get("status", "")
    status = status if status in selectors.STATUS_FILTERS else ""
    rows = _rows(request, government, year, kind, status)
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        return _export(request, government, year, kind, rows, export)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for obj in page:
        obj.siasn_state = _state(obj)
        if kind == JP:
            obj.siasn_kind = payloads.kind_of_record(obj)
    context = {
        "government": government, "year": year, "kind": kind, "status": status, "page": page,
        "counts": {
            SKP: selectors.status_counts(_rows(request, government, year, SKP, "")),
            JP: selectors.status_counts(_rows(request, government, year, JP, "")),
        },
        "configured": siasn_client.is_configured(), "batch_limit": settings.SIASN_BATCH_LIMIT,
        "filters": [("", _("All")), (selectors.UNSENT, _("Not sent")),
                    (selectors.FAILED, _("Failed")), (selectors.SENT, _("Sent"))],
        **year_neighbours(year),
    }  # fmt: skip
    return render(request, "siasn/government.html", context)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def _export(request, government, year, kind, rows, export):
    audit_record(actor=request.user, action="export", instance=government,
                 object_repr=f"SIASN {kind} {government} {year} ({export})")  # fmt: skip
    common = [_("SIASN status"), _("Sent"), _("SIASN id"), _("SIASN's answer")]
    if kind == SKP:
        headers = ["NIP", _("Name"), _("Year"), _("Work results"), _("Work behaviour"),
                   _("Predikat"), *common]  # fmt: skip
        data = (
            [a.skp.employee.nip, a.skp.employee.full_name, a.skp.year,
             a.get_hasil_kerja_display(), a.get_perilaku_kerja_display(),
             a.get_predikat_display(), _status_label(a.siasn_status),
             _when(a.siasn_sent_at), a.siasn_siasn_id or "", a.siasn_answer or ""]
            for a in rows.iterator(chunk_size=2000)
        )  # fmt: skip
    else:
        headers = ["NIP", _("Name"), _("Activity"), "jenisDiklatId", _("End"), "JP",
                   _("SIASN endpoint"), *common]  # fmt: skip
        data = (
            [r.employee.nip, r.employee.full_name, r.title, r.jenis_diklat_id,
             r.end.strftime("%d-%m-%Y"), r.jp, payloads.ENDPOINTS[payloads.kind_of_record(r)],
             _status_label(r.siasn_status), _when(r.siasn_sent_at),
             r.siasn_siasn_id or "", r.siasn_answer or ""]
            for r in rows.iterator(chunk_size=2000)
        )  # fmt: skip
    name = f"siasn-{kind}-{government.pk}-{year}"
    if export == "csv":
        return csv_response(headers, data, f"{name}.csv")
    return xlsx_response(headers, data, f"{name}.xlsx", sheet_title="SIASN")


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:1000]


@login_required
@require_POST
def send(request, pk, year):
    """Send the selected records (`ids`) or every record not yet sent (`semua`)."""
    government = selectors.government_get_for_user(request.user, pk)
    kind = JP if request.POST.get("jenis") == JP else SKP
    back = reverse("siasn:government", args=[government.pk, year]) + f"?jenis={kind}"
    if request.POST.get("semua"):
        objects = list(_rows(request, government, year, kind, selectors.UNSENT)
                       [: settings.SIASN_BATCH_LIMIT])  # fmt: skip
    else:
        ids = _ids(request.POST.getlist("ids"))
        objects = list(_rows(request, government, year, kind, "").filter(pk__in=ids))
    if not objects:
        messages.error(request, _("Choose the records to send."))
        return redirect(back)
    try:
        client = siasn_client.SiasnClient()
    except siasn_client.SiasnError as error:
        messages.error(request, error.message)
        return redirect(back)
    result = services.submissions_send(actor=request.user, objects=objects, client=client)
    if result.sent:
        messages.success(request, _("%(n)d sent to SIASN.") % {"n": result.sent})
    if result.failed:
        messages.error(request, _("%(n)d refused or failed: see SIASN's answer in the list.")
                       % {"n": result.failed})  # fmt: skip
    if result.stopped:
        messages.error(request, _("Sending stopped: %(reason)s") % {"reason": result.stopped})
    for message in sorted(set(result.messages))[:5]:
        messages.info(request, message)
    return redirect(back)


@login_required
@require_GET
def record(request, kind, pk):
    """Every submission of one record: the payload as sent and SIASN's answer."""
    if kind not in (SKP, JP):
        raise Http404
    if kind == SKP:
        obj = selectors.assessment_get_for_user(request.user, pk)
        submissions = selectors.submissions_of(assessment=obj)
        employee = obj.skp.employee
        year = obj.skp.year
    else:
        obj = selectors.jp_record_get_for_user(request.user, pk)
        submissions = selectors.submissions_of(jp_record=obj)
        employee, year = obj.employee, obj.year
    for submission in submissions:
        submission.payload_text = json.dumps(submission.payload, indent=2, ensure_ascii=False)
    try:
        preview = payloads.payload_for(services.kind_of(obj), obj)
        problem = ""
    except payloads.PayloadError as error:
        preview, problem = None, str(error)
    instansi = next((g for g in selectors.governments_managed_by(request.user)
                     if employee.unit.path.startswith(g.path)), None)  # fmt: skip
    return render(request, "siasn/record.html", {
        "obj": obj, "kind": kind, "employee": employee, "year": year, "instansi": instansi,
        "submissions": submissions, "problem": problem,
        "preview": json.dumps(preview, indent=2, ensure_ascii=False) if preview else "",
        "endpoint": payloads.ENDPOINTS[services.kind_of(obj)],
    })  # fmt: skip


@login_required
@require_POST
def record_send(request, kind, pk):
    """Send (or, after a change, send again) one record."""
    if kind not in (SKP, JP):
        raise Http404
    if kind == SKP:
        obj = selectors.assessment_get_for_user(request.user, pk)
    else:
        obj = selectors.jp_record_get_for_user(request.user, pk)
    back = reverse("siasn:record", args=[kind, pk])
    try:
        client = siasn_client.SiasnClient()
        submission = services.submission_send(actor=request.user, obj=obj, client=client)
    except siasn_client.SiasnError as error:
        messages.error(request, error.message)
        return redirect(back)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    if submission.status == SiasnSubmission.Status.SENT:
        messages.success(request, _("Sent to SIASN (id %(id)s).") % {"id": submission.siasn_id})
    else:
        messages.error(request, submission.answer)
    return redirect(back)
