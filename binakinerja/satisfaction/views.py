"""Managed pages of service units: settings, services, periods, paper entry, review.

Managers (admin BKPSDM, operator OPD, provincial admin) change the units of their subtree;
pimpinan read them (no edit forms, no suggestions); other roles get 403."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.concurrency import posted_version
from binakinerja.core.exporting import XLSX_TYPE, error_report_response, file_response
from binakinerja.core.spreadsheets import import_upload
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import opd_of, opds_by_path, orgunit_list_visible_to
from binakinerja.satisfaction.forms import (
    DEFAULT_PAPER_ROWS,
    MAX_PAPER_ROWS,
    ExtraQuestionForm,
    PeriodCreateForm,
    ServiceForm,
    ServiceUnitCreateForm,
    ServiceUnitForm,
    paper_formset,
)
from binakinerja.satisfaction.importing import (
    COLUMNS,
    paper_responses_import,
    template_workbook,
)
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    BlockedSubmission,
    ExtraQuestion,
    ServiceUnit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import ancestor_paths
from binakinerja.satisfaction.selectors import (
    can_manage_surveys,
    can_read_surveys,
    ikm_by_period,
    period_get_for_user,
    service_unit_get_for_user,
    service_units_visible_to,
)
from binakinerja.satisfaction.services import (
    extra_question_add,
    extra_question_deactivate,
    paper_responses_record,
    period_close,
    period_create,
    period_publish,
    period_reopen,
    period_unpublish,
    question_units_for,
    responses_review,
    service_add,
    service_unit_create,
    service_unit_update,
    service_update,
)

PAGE_SIZE = 50
BLOCKED_DAYS = 30


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- List of service units --------------------------------------------------------------------


def _unit_rows(service_units: list[ServiceUnit]) -> list[dict]:
    """Per unit of a page: OPD, open period with its valid/flagged responses, the latest
    closed period's IKM and the flagged responses waiting for review. A fixed number of
    queries whatever the page size (the periods' ids come annotated on the units)."""
    opds = opds_by_path(su.unit.opd_path for su in service_units)
    period_ids = [
        pk for su in service_units for pk in (su.open_period_id, su.closed_period_id) if pk
    ]
    periods = SurveyPeriod.objects.in_bulk(period_ids)
    results = ikm_by_period(period_ids)
    flagged_by_period: dict[int, int] = {}
    flagged_by_unit: dict[int, int] = {}
    flagged = (
        SurveyResponse.objects.filter(
            period__service_unit__in=[su.pk for su in service_units],
            status=SurveyResponse.Status.FLAGGED,
        )
        .order_by()
        .values_list("period_id", "period__service_unit_id")
        .annotate(n=Count("id"))
    )
    for period_id, unit_id, n in flagged:
        flagged_by_period[period_id] = n
        flagged_by_unit[unit_id] = flagged_by_unit.get(unit_id, 0) + n
    rows = []
    for su in service_units:
        open_result = results.get(su.open_period_id)
        rows.append(
            {
                "su": su,
                "opd": opds[su.unit.opd_path].name if su.unit.opd_path in opds else "",
                "open_period": periods.get(su.open_period_id),
                "valid": open_result.respondents if open_result else 0,
                "flagged_open": flagged_by_period.get(su.open_period_id, 0),
                "latest_period": periods.get(su.closed_period_id),
                "latest": results.get(su.closed_period_id),
                "flagged": flagged_by_unit.get(su.pk, 0),
            }
        )
    return rows


def _with_period_ids(queryset):
    periods = SurveyPeriod.objects.filter(service_unit=OuterRef("pk"))
    return queryset.annotate(
        open_period_id=Subquery(
            periods.filter(status=SurveyPeriod.Status.OPEN).order_by("-starts_on").values("pk")[:1]
        ),
        closed_period_id=Subquery(
            periods.filter(status=SurveyPeriod.Status.CLOSED)
            .order_by("-ends_on", "-pk")
            .values("pk")[:1]
        ),
    )


@login_required
@require_GET
def unit_list(request):
    """The service units the user may read, filtered by OPD, regency/city and name."""
    if not can_read_surveys(request.user):
        raise PermissionDenied
    units = service_units_visible_to(request.user)
    opds = orgunit_list_visible_to(request.user).filter(kind=OrgUnit.Kind.OPD).order_by("name")
    kab_kota_choices = list(
        units.exclude(unit__kab_kota="")
        .order_by("unit__kab_kota")
        .values_list("unit__kab_kota", flat=True)
        .distinct()
    )
    opd_id = request.GET.get("opd", "")
    kab_kota = request.GET.get("kab_kota", "").strip()
    search = request.GET.get("q", "").strip()[:100]
    if opd_id.isdigit():
        opd = opds.filter(pk=opd_id).first()
        units = units.filter(unit__path__startswith=opd.path) if opd else units.none()
    if kab_kota:
        units = units.filter(unit__kab_kota=kab_kota)
    if search:
        units = units.filter(unit__name__icontains=search)
    page = Paginator(_with_period_ids(units).order_by("unit__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": _unit_rows(list(page.object_list)),
        "opds": opds,
        "kab_kota_choices": kab_kota_choices,
        "opd_id": opd_id,
        "kab_kota": kab_kota,
        "q": search,
        "query_string": query.urlencode(),
        "can_manage": can_manage_surveys(request.user),
    }
    return render(request, "satisfaction/manage/unit_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    """Mark an organisation unit of the manager's scope as a service unit."""
    if not can_manage_surveys(request.user):
        raise PermissionDenied
    scope = (
        orgunit_list_visible_to(request.user, write=True)
        .filter(kind__in=[OrgUnit.Kind.OPD, OrgUnit.Kind.UNIT], service_profile__isnull=True)
        .order_by("name")
    )
    form = ServiceUnitCreateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            su = service_unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(unit)s is now a service unit.") % {"unit": su.unit})
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return render(request, "satisfaction/manage/unit_create.html", {"form": form})


# --- One service unit -------------------------------------------------------------------------


def _public_url(request, su) -> str:
    """The absolute short link of the unit's survey form, for copying onto posters and chats."""
    path = reverse("survey:form", args=[su.public_code])
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def _periods_with_figures(su) -> list[SurveyPeriod]:
    periods = list(su.periods.order_by("-starts_on"))
    results = ikm_by_period([p.pk for p in periods])
    counts = dict(
        SurveyResponse.objects.filter(period__service_unit=su, status=SurveyResponse.Status.FLAGGED)
        .order_by()
        .values_list("period_id")
        .annotate(n=Count("id"))
    )
    for period in periods:
        period.result = results.get(period.pk)
        period.valid_count = period.result.respondents if period.result else 0
        period.flagged_count = counts.get(period.pk, 0)
    return periods


def _render_detail(request, su, *, status: int = 200, **forms):
    """The unit page; `forms` replaces a blank form by the bound one that was refused. `su`
    comes from `service_unit_get_for_user` (it carries `can_manage`)."""
    can_manage = su.can_manage
    periods = _periods_with_figures(su)
    services = list(su.services.all())
    questions = list(
        ExtraQuestion.objects.filter(unit__path__in=ancestor_paths(su.unit.path))
        .select_related("unit")
        .order_by("unit__depth", "position", "pk")
    )
    context = {
        "su": su,
        "can_manage": can_manage,
        "periods": periods,
        "services": services,
        "questions": questions,
        "flagged": sum(p.flagged_count for p in periods),
        "public_url": _public_url(request, su),
        "opd": opd_of(su.unit),
    }
    if can_manage:
        question_units = question_units_for(su, request.user)
        editable_units = {u.pk for u in question_units}
        for question in questions:
            question.can_change = question.unit_id in editable_units
        bound_service = forms.get("service_edit")
        context.update(
            {
                "unit_form": forms.get("unit_form")
                or ServiceUnitForm(
                    initial={
                        "annual_users": su.annual_users,
                        "is_active": su.is_active,
                        "version": su.version,
                    }
                ),
                "service_form": forms.get("service_form") or ServiceForm(prefix="new"),
                "service_rows": [
                    (
                        service,
                        bound_service
                        if bound_service is not None and bound_service.service_pk == service.pk
                        else ServiceForm(
                            prefix=f"s{service.pk}",
                            initial={
                                "name": service.name,
                                "target_minutes": service.target_minutes,
                                "is_active": service.is_active,
                            },
                        ),
                    )
                    for service in services
                ],
                "period_form": forms.get("period_form") or PeriodCreateForm(),
                "question_form": forms.get("question_form")
                or ExtraQuestionForm(units=question_units),
            }
        )
    return render(request, "satisfaction/manage/unit_detail.html", context, status=status)


@login_required
@require_GET
def unit_detail(request, pk):
    su = service_unit_get_for_user(request.user, pk)
    return _render_detail(request, su)


@login_required
@require_POST
def unit_update(request, pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    form = ServiceUnitForm(request.POST)
    if form.is_valid():
        try:
            service_unit_update(actor=request.user, service_unit=su, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return _render_detail(request, su, unit_form=form)


@login_required
@require_POST
def service_add_view(request, pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    form = ServiceForm(request.POST, prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        try:
            service_add(
                actor=request.user, service_unit=su, name=data["name"],
                target_minutes=data["target_minutes"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Service added."))
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return _render_detail(request, su, service_form=form)


@login_required
@require_POST
def service_update_view(request, pk, service_pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    service = get_object_or_404(su.services, pk=service_pk)
    form = ServiceForm(request.POST, prefix=f"s{service.pk}")
    form.service_pk = service.pk
    if form.is_valid():
        try:
            service_update(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Service saved."))
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return _render_detail(request, su, service_edit=form)


@login_required
@require_POST
def period_create_view(request, pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    form = PeriodCreateForm(request.POST)
    if form.is_valid():
        try:
            period = period_create(actor=request.user, service_unit=su, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Period %(period)s opened.") % {"period": period})
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return _render_detail(request, su, period_form=form)


PERIOD_ACTIONS = {
    "close": (period_close, gettext_lazy("Period %(period)s closed.")),
    "reopen": (period_reopen, gettext_lazy("Period %(period)s reopened.")),
    "publish": (period_publish, gettext_lazy("The IKM of %(period)s is now public.")),
    "unpublish": (period_unpublish, gettext_lazy("The IKM of %(period)s is no longer public.")),
}


@login_required
@require_POST
def period_action(request, pk):
    """Close, reopen (with a reason), publish or unpublish a period, at the version seen."""
    period = period_get_for_user(request.user, pk, write=True)
    su = period.service_unit
    action = request.POST.get("action", "")
    if action not in PERIOD_ACTIONS:
        messages.error(request, _("Unknown action."))
        return _render_detail(request, su)
    service, done = PERIOD_ACTIONS[action]
    extra = {"reason": request.POST.get("reason", "")[:500]} if action == "reopen" else {}
    try:
        period = service(
            actor=request.user, period=period, version=posted_version(request), **extra
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _render_detail(request, su)
    messages.success(request, str(done) % {"period": period})
    return redirect("satisfaction:unit_detail", pk=su.pk)


@login_required
@require_POST
def question_add(request, pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    form = ExtraQuestionForm(request.POST, units=question_units_for(su, request.user))
    if form.is_valid():
        try:
            extra_question_add(actor=request.user, service_unit=su, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("satisfaction:unit_detail", pk=su.pk)
    return _render_detail(request, su, question_form=form)


@login_required
@require_POST
def question_deactivate(request, pk, question_pk):
    su = service_unit_get_for_user(request.user, pk, write=True)
    question = get_object_or_404(
        ExtraQuestion.objects.filter(unit__path__in=ancestor_paths(su.unit.path)), pk=question_pk
    )
    try:
        extra_question_deactivate(actor=request.user, service_unit=su, question=question)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _render_detail(request, su)
    messages.success(request, _("Question deactivated."))
    return redirect("satisfaction:unit_detail", pk=su.pk)


# --- Paper questionnaires ---------------------------------------------------------------------


def _rows_wanted(request) -> int:
    value = request.GET.get("rows", "")
    return max(1, min(int(value), MAX_PAPER_ROWS)) if value.isdigit() else DEFAULT_PAPER_ROWS


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, pk):
    """Keyboard-only grid for questionnaires filled in on paper: all rows or none."""
    period = period_get_for_user(request.user, pk, write=True)
    context = {"period": period, "su": period.service_unit, "answers": ELEMENT_FIELDS}
    if not period.is_open:
        messages.error(request, _("This period is closed: paper questionnaires cannot be added."))
        return render(request, "satisfaction/manage/paper_entry.html", context)
    rows = _rows_wanted(request)
    formset = paper_formset(period, request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST":
        if formset.is_valid():
            filled = formset.rows()
            if not filled:
                messages.error(request, _("Nothing to store: every row is blank."))
            else:
                try:
                    created = paper_responses_record(actor=request.user, period=period, rows=filled)
                except ValidationError as error:
                    messages.error(request, _error_text(error))
                else:
                    messages.success(
                        request,
                        _("%(count)d questionnaires stored.") % {"count": len(created)},
                    )
                    return redirect(
                        f"{reverse('satisfaction:paper_entry', args=[period.pk])}?rows={rows}"
                    )
        else:
            messages.error(request, _("Nothing was saved: correct the marked rows."))
    context.update({"formset": formset, "rows": rows, "row_choices": (10, 20, 30, 50)})
    return render(request, "satisfaction/manage/paper_entry.html", context)


def _example_date(period: SurveyPeriod) -> dt.date:
    return max(period.starts_on, min(timezone.localdate(), period.ends_on))


@login_required
@require_http_methods(["GET", "POST"])
def paper_import(request, pk):
    """Paper questionnaires from an XLSX file, one row per respondent, all or nothing;
    `?template=1` downloads an empty template with one example row."""
    period = period_get_for_user(request.user, pk, write=True)
    if request.method == "GET" and request.GET.get("template"):
        service = period.service_unit.services.filter(is_active=True).first()
        content = template_workbook(
            service_name=service.name if service else "", visit_date=_example_date(period)
        )
        return file_response(content, XLSX_TYPE, "skm_kertas.xlsx")
    result = None
    if not period.is_open:
        messages.error(request, _("This period is closed: paper questionnaires cannot be added."))
    elif request.method == "POST":
        result = import_upload(
            request,
            lambda upload: paper_responses_import(actor=request.user, period=period, upload=upload),
        )
    if result is not None and result.ok:
        messages.success(
            request, _("%(count)d questionnaires imported.") % {"count": result.created}
        )
        return redirect("satisfaction:paper_import", pk=period.pk)
    context = {
        "period": period,
        "su": period.service_unit,
        "result": result,
        "errors_json": result.errors_json if result else "",
        "columns": COLUMNS,
    }
    return render(request, "satisfaction/manage/paper_import.html", context)


@login_required
@require_POST
def paper_import_report(request):
    """The error report of a refused import as XLSX (the rows come back from the page, so
    nothing of the refused file is kept on the server)."""
    if not can_manage_surveys(request.user):
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-skm.xlsx")


# --- Review of flagged responses --------------------------------------------------------------


def _review_request(request) -> tuple[str, list[str]]:
    """(decision, ids): one row's button (`one=accept:12`) or the selected rows."""
    one = request.POST.get("one", "")
    if one:
        decision, _sep, pk = one.partition(":")
        return decision, [pk]
    return request.POST.get("decision", ""), request.POST.getlist("ids")


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    """Flagged responses of a unit, accepted (counted) or rejected by its managers; plus the
    submissions the rate limit refused in the last 30 days."""
    su = service_unit_get_for_user(request.user, pk, write=True)
    if request.method == "POST":
        decision, ids = _review_request(request)
        try:
            count = responses_review(
                actor=request.user, service_unit=su, ids=ids, decision=decision
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            if not count:
                messages.warning(request, _("No response changed: they were already reviewed."))
            elif decision == "accept":
                messages.success(request, _("%(count)d responses accepted.") % {"count": count})
            else:
                messages.success(request, _("%(count)d responses rejected.") % {"count": count})
            return redirect("satisfaction:review", pk=su.pk)
    flagged = (
        SurveyResponse.objects.filter(period__service_unit=su, status=SurveyResponse.Status.FLAGGED)
        .select_related("period", "service")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(flagged, PAGE_SIZE).get_page(request.GET.get("page"))
    since = timezone.now() - dt.timedelta(days=BLOCKED_DAYS)
    blocked = BlockedSubmission.objects.filter(service_unit=su, hour__gte=since).order_by(
        "-hour", "device_hash"
    )
    context = {
        "su": su,
        "page": page,
        "answers": ELEMENT_FIELDS,
        "blocked": blocked[:200],
        "blocked_total": blocked.aggregate(total=Sum("count"))["total"] or 0,
    }
    return render(request, "satisfaction/manage/review.html", context)
