"""Import of SIASN-style ASN lists (web side): upload → job page with progress (HTMX polling,
or a reload link without JavaScript) → result or error report (table and XLSX download).

The import itself runs in a django-tasks background task through `employee_import`, the same
code path as `manage.py import_asn`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.audit import audit_record
from binakinerja.core.exporting import xlsx_response
from binakinerja.core.jobs import job_fail_if_stale
from binakinerja.core.scoping import reach_of
from binakinerja.people.forms_import import ImportUploadForm, SizeLimitUploadHandler
from binakinerja.people.importing.jobs import (
    import_job_create,
    import_job_errors,
    import_job_get_for_user,
    import_job_list_for_user,
)
from binakinerja.people.importing.report import REPORT_HEADERS, report_rows

ERRORS_ON_PAGE = 500  # the XLSX report holds them all
RECENT_JOBS = 10


def _require_importer(user):
    if not reach_of(user).can_manage_registry:
        raise PermissionDenied


@csrf_exempt  # CSRF is checked in `_upload`, once the size-limiting upload handler is in place
@login_required
def import_upload(request):
    if request.method == "POST":
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    return _upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request):
    _require_importer(request.user)
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=request.user,
        too_large=getattr(request, "import_upload_too_large", False),
    )
    if posted and form.is_valid():
        job = import_job_create(
            actor=request.user,
            upload=form.cleaned_data["file"],
            create_units_under=form.cleaned_data["create_units_under"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("people:import_job", pk=job.pk)
    context = {
        "form": form,
        "jobs": import_job_list_for_user(request.user)[:RECENT_JOBS],
        "max_mb": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "people/import_upload.html", context)


def _job_context(job) -> dict:
    errors = import_job_errors(job) if job.is_finished else []
    return {
        "job": job,
        "errors": errors[:ERRORS_ON_PAGE],
        "errors_cut": len(errors) > ERRORS_ON_PAGE or job.error_count > len(errors),
    }


@login_required
@require_GET
def import_job(request, pk):
    job = job_fail_if_stale(import_job_get_for_user(request.user, pk))
    return render(request, "people/import_job.html", _job_context(job))


@login_required
@require_GET
def import_job_progress(request, pk):
    """HTMX fragment: polled every second while the job runs; the finished state stops it. A
    job whose worker died (no heartbeat) is given up here, so its owner learns it at once."""
    job = job_fail_if_stale(import_job_get_for_user(request.user, pk))
    return render(request, "people/partials/import_progress.html", _job_context(job))


@login_required
@require_GET
def import_report(request, pk):
    """The error report as XLSX (formulas neutralised by core.exporting). It repeats cells of
    the uploaded file, so the download is audited like any export."""
    job = import_job_get_for_user(request.user, pk)
    errors = import_job_errors(job)
    if not errors:
        raise Http404
    audit_record(
        actor=request.user,
        action="export",
        object_type="people.importjob",
        object_id=str(job.pk),
        object_repr=_("Import error report"),
        changes={"file": job.original_name, "errors": len(errors)},
    )
    return xlsx_response(
        [str(h) for h in REPORT_HEADERS],
        report_rows(errors),
        f"laporan-kesalahan-impor-{job.pk}.xlsx",
        sheet_title=_("Errors"),
    )
