from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record, history_for
from binakinerja.core.concurrency import posted_version
from binakinerja.core.exporting import (
    XLSX_TYPE,
    csv_response,
    error_report_response,
    file_response,
    xlsx_response,
)
from binakinerja.core.privacy import masked, min_group
from binakinerja.core.scoping import reach_of
from binakinerja.core.signed import signed_pdf
from binakinerja.core.spreadsheets import import_upload
from binakinerja.organizations.selectors import (
    can_manage_unit,
    opd_of,
    orgunit_list_visible_to,
)
from binakinerja.people.models import Employee
from binakinerja.performance.documents import evaluation_pdf, skp_pdf, skp_workbook
from binakinerja.performance.documents.evaluation import evaluation_xlsx
from binakinerja.performance.forms import (
    AssessmentForm,
    FollowUpForm,
    LampiranForm,
    OrgPredikatForm,
    RealisationForm,
    ReopenForm,
    ResultForm,
    SkpCreateForm,
    YearOpenForm,
)
from binakinerja.performance.importing import skp_targets_import
from binakinerja.performance.models import (
    Evidence,
    FollowUp,
    OrgGoal,
    OrgPerformance,
    Period,
    Skp,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from binakinerja.performance.rules import (
    ASN,
    ATASAN,
    CORE_VALUE_GUIDES,
    EDITABLE_PLAN_STATUSES,
    NEEDS_FOLLOW_UP,
    CoreValue,
    Predikat,
    Rating,
    SkpAction,
    SkpStatus,
    distribution_violations,
    is_jpt,
    skp_next_status,
)
from binakinerja.performance.selectors import (
    cascade_counts,
    cascade_for,
    distribution_rows,
    follow_up_list_visible_to,
    instansi_managed_by,
    opd_overview,
    opd_progress_figures,
    period_list_managed_by,
    predikat_counts,
    predikat_recap_rows,
    reads_persons_of,
    realisation_history,
    skp_get_for_user,
    skp_not_approved,
    skp_team_board,
    unit_head_default_rating,
)
from binakinerja.performance.services import (
    check_in_add,
    follow_up_create,
    org_goal_add,
    org_predikat_set,
    period_close,
    period_open_year,
    period_reopen,
    realisation_record,
    skp_actor_role,
    skp_assess,
    skp_create,
    skp_expectations_set,
    skp_lampiran_set,
    skp_result_add,
    skp_transition,
)


def _require_period_admin(user):
    if not instansi_managed_by(user).exists():
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request):
    """The assessment periods an admin BKPSDM runs, and the form to open a new year."""
    _require_period_admin(request.user)
    form = YearOpenForm(request.POST or None, instansi=instansi_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            period_open_year(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The year's periods are open."))
            return redirect("performance:period_list")
    periods = period_list_managed_by(request.user).order_by("instansi__name", "-year", "start")
    context = {"form": form, "periods": periods[:200], "reopen_form": ReopenForm()}
    return render(request, "performance/period_list.html", context)


@login_required
@require_POST
def period_status(request, pk):
    """Close an open period, or reopen a closed one with a reason."""
    _require_period_admin(request.user)
    period = get_object_or_404(period_list_managed_by(request.user), pk=pk)
    try:
        if period.is_open:
            period_close(actor=request.user, period=period)
            messages.success(request, _("%(period)s closed.") % {"period": period})
        else:
            period_reopen(actor=request.user, period=period, reason=request.POST.get("reason", ""))
            messages.success(request, _("%(period)s reopened.") % {"period": period})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("performance:period_list")


def _report_form_errors(request, form) -> None:
    """Show a refused form's messages after the redirect back to the SKP page."""
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))


def _this_year() -> int:
    return timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def skp_home(request):
    """My SKPs, and (for an atasan) the team board of direct subordinates for a year."""
    reach = reach_of(request.user)
    if not reach.employee_id:
        raise PermissionDenied
    me = Employee.objects.get(pk=reach.employee_id)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else _this_year()
    form = SkpCreateForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            skp = skp_create(actor=request.user, employee=me, year=form.cleaned_data["year"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("performance:skp_detail", pk=skp.pk)
    mine = list(Skp.objects.filter(employee=me).select_related("atasan").order_by("-year"))
    context = {
        "form": form,
        "mine": mine,
        # "Start an SKP" only while the person has none for the year shown.
        "can_start": form.is_bound or all(skp.year != year for skp in mine),
        "year": year,
        "team": skp_team_board(atasan_id=me.pk, year=year) if reach.has_subordinates else None,
    }
    return render(request, "performance/skp_home.html", context)


# The buttons of the SKP page: what each workflow action does, said as a verb. "assess" is no
# button: it is done through the assessment form, which the top of the page links to.
ACTION_LABELS = {
    SkpAction.SUBMIT: gettext_lazy("Submit to the supervisor"),
    SkpAction.RETURN: gettext_lazy("Return with comments"),
    SkpAction.APPROVE: gettext_lazy("Approve"),
    SkpAction.START: gettext_lazy("Start recording realisation"),
    SkpAction.FINALISE: gettext_lazy("Finalise the annual assessment"),
}


def _actions_for(skp, role) -> list[str]:
    """The workflow actions the viewer may take now, from the workflow table itself."""
    if role is None:
        return []
    allowed = []
    for action in SkpAction.values:
        try:
            skp_next_status(skp.status, action, actor_role=role)
        except ValidationError:
            continue
        allowed.append(action)
    return allowed


def _progress(results, realisations) -> None:
    """Sets `progress` on each indicator with a numeric target: the total realised so far (all
    quarters) against the target, as {"total", "target", "percent"} (None otherwise)."""
    totals = {}
    for r in realisations:
        if r.value is not None:
            totals[r.indicator_id] = totals.get(r.indicator_id, 0) + r.value
    for result in results:
        for indicator in result.indicators.all():
            indicator.progress = None
            if indicator.target_value:
                total = totals.get(indicator.pk, 0)
                indicator.progress = {
                    "total": total,
                    "target": indicator.target_value,
                    "percent": round(total * 100 / indicator.target_value),
                }


def _quarter_notes(skp) -> list[str]:
    """Why a quarter of the SKP's year cannot be chosen: closed, or not open yet."""
    periods = {
        p.kind: p
        for p in Period.objects.filter(
            instansi__path=skp.employee.unit.instansi_path, year=skp.year
        ).exclude(kind="annual")
    }
    notes = []
    for kind in ("q1", "q2", "q3", "q4"):
        label = Period.Kind(kind).label
        period = periods.get(kind)
        if period is None:
            notes.append(_("%(period)s is not open yet.") % {"period": label})
        elif period.status == "closed":
            notes.append(_("%(period)s is closed.") % {"period": label})
    return notes


def _lampiran_form(skp, role):
    """The lampiran form for the ASN while the plan is editable, and for the atasan also while
    it waits for approval (as `skp_lampiran_set` allows); None for everyone else."""
    editable = EDITABLE_PLAN_STATUSES | ({"submitted"} if role == ATASAN else set())
    if role not in (ASN, ATASAN) or skp.status not in editable:
        return None
    names = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")
    return LampiranForm(initial={name: getattr(skp, name) for name in names})


def _skp_detail_context(request, skp, *, realisation_form=None) -> dict:
    role = skp_actor_role(actor=request.user, skp=skp)
    results = list(skp.results.select_related("supports").prefetch_related("indicators"))
    allowed = _actions_for(skp, role)
    realisations = list(
        SkpRealisation.objects.filter(indicator__result__skp=skp)
        .select_related("indicator", "period")
        .prefetch_related("evidence")
        .order_by("period__start", "indicator_id")
    )
    earlier = realisation_history(realisations)
    for r in realisations:
        r.earlier = earlier.get(r.pk, [])
    _progress(results, realisations)
    assessments = list(skp.assessments.select_related("period"))
    assessment_form = None
    assess_period = None
    if role == ATASAN and skp.status in ASSESSABLE:
        assessment_form = AssessmentForm(
            periods=_open_periods(skp),
            initial={"hasil_kerja": unit_head_default_rating(skp) or "sesuai"},
        )
        assessed = {a.period_id for a in assessments}
        periods = sorted(assessment_form.fields["period"].queryset, key=lambda p: p.end)
        assess_period = next((p for p in periods if p.pk not in assessed), None)
        assessment_form.initial["period"] = assess_period.pk if assess_period else None
    recording = _shows_realisation_form(skp, role)
    if realisation_form is None and recording:
        realisation_form = _realisation_form(skp, realisations=realisations)
    if role == ASN:
        back = (reverse("performance:skp_home"), _("Back to My SKP"))
    elif role == ATASAN:
        back = (
            reverse("performance:skp_home") + f"?year={skp.year}",
            _("Back to my team's SKPs %(year)s") % {"year": skp.year},
        )
    else:
        back = None
    return {
        "skp": skp,
        "role": role,
        "back": back,
        "curve_warnings": _curve_warnings(skp) if SkpAction.FINALISE in allowed else [],
        "results": results,
        "behaviours": [(b, CORE_VALUE_GUIDES[b.value]) for b in skp.behaviours.all()],
        "check_ins": skp.check_ins.select_related("author", "result")[:50],
        "core_values": CoreValue.choices,
        "can_set_expectations": role == ATASAN and skp.status in {"draft", "returned", "submitted"},
        "lampiran_form": _lampiran_form(skp, role),
        "actions": [(a, ACTION_LABELS[a]) for a in allowed if a in ACTION_LABELS],
        "can_return": SkpAction.RETURN in allowed,
        "assess_period": assess_period if SkpAction.ASSESS in allowed else None,
        "result_form": _result_form(skp)
        if role == ASN and skp.status in EDITABLE_PLAN_STATUSES
        else None,
        "history": history_for(skp)[:30],
        "assessments": assessments,
        "assessment_form": assessment_form,
        "realisations": realisations,
        "realisation_form": realisation_form if recording else None,
        "quarter_notes": _quarter_notes(skp) if recording else [],
        "follow_ups": FollowUp.objects.filter(assessment__skp=skp).select_related(
            "assessment__period"
        ),
        "follow_up_form": _follow_up_form(skp) if role == ATASAN else None,
    }


def _follow_up_form(skp):
    """The atasan's follow-up form, when an assessment of the SKP needs one."""
    form = FollowUpForm(assessments=_low_assessments(skp))
    return form if form.fields["assessment"].queryset else None  # read once, kept


@login_required
@require_GET
def skp_detail(request, pk):
    """The SKP at the task at hand: the viewer's next steps first, then plan, realisation with
    progress, assessments, the dialog kinerja (#dialog) and the history."""
    skp = skp_get_for_user(request.user, pk)
    return render(request, "performance/skp_detail.html", _skp_detail_context(request, skp))


ASSESSABLE = {"in_progress", "assessed"}


def _curve_warnings(skp) -> list:
    """Before an annual assessment is finalised: the distribution rules that the staff of the
    SKP owner's OPD currently break (empty when the OPD has no predikat for the year yet)."""
    opd = opd_of(skp.employee.unit)
    record = OrgPerformance.objects.filter(opd=opd, year=skp.year).first() if opd else None
    if record is None:
        return []
    return distribution_violations(record.predikat, predikat_counts(unit=opd, year=skp.year))


def _shows_realisation_form(skp, role) -> bool:
    """The SKP page offers its owner the realisation form once the SKP is under way."""
    return role == ASN and skp.status in ASSESSABLE


def _open_periods(skp):
    return Period.objects.filter(
        instansi__path=skp.employee.unit.instansi_path, year=skp.year, status="open"
    ).select_related("instansi")


@login_required
@require_POST
def skp_assess_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    form = AssessmentForm(request.POST, periods=_open_periods(skp))
    if form.is_valid():
        try:
            skp_assess(
                actor=request.user, skp=skp, version=posted_version(request), **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Assessment saved."))
    else:
        _report_form_errors(request, form)
    return redirect("performance:skp_detail", pk=skp.pk)


def _result_form(skp, data=None):
    supervisor_results = SkpResult.objects.filter(
        skp__employee_id=skp.atasan_id, skp__year=skp.year
    )
    goals = OrgGoal.objects.filter(year=skp.year, opd__path=skp.employee.unit.opd_path)
    position = skp.employee.position if skp.employee.position_id else None
    return ResultForm(data, supervisor_results=supervisor_results, goals=goals,
                      jpt=bool(position and is_jpt(position.kind)))  # fmt: skip


@login_required
@require_POST
def skp_result_add_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    form = _result_form(skp, request.POST)
    if form.is_valid():
        try:
            skp_result_add(
                actor=request.user, skp=skp, kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"], supports=form.cleaned_data["supports"],
                supports_goal=form.cleaned_data["supports_goal"], indicators=form.indicators(),
                perspective=form.cleaned_data.get("perspective", ""),
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Result added."))
    else:
        _report_form_errors(request, form)
    return redirect("performance:skp_detail", pk=skp.pk)


@login_required
@require_POST
def skp_action_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    try:
        skp_transition(
            actor=request.user, skp=skp, action=request.POST.get("action", ""),
            version=posted_version(request), comment=request.POST.get("comment", ""),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("SKP updated."))
    return redirect("performance:skp_detail", pk=skp.pk)


@login_required
@require_http_methods(["GET", "POST"])
def distribution(request, opd_pk, year):
    """An OPD's staff predikats for a year as a table and bars, its own predikat, and the
    rules of the distribution curve that the spread breaks."""
    opd = get_object_or_404(orgunit_list_visible_to(request.user).filter(kind="opd"), pk=opd_pk)
    can_manage = can_manage_unit(request.user, opd)
    record = OrgPerformance.objects.filter(opd=opd, year=year).first()
    form = OrgPredikatForm(
        request.POST or None, initial={"predikat": getattr(record, "predikat", "")}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            org_predikat_set(actor=request.user, opd=opd, year=year, **form.cleaned_data)
            messages.success(request, _("Organisation predikat saved."))
            return redirect("performance:distribution", opd_pk=opd.pk, year=year)
    counts = predikat_counts(unit=opd, year=year)
    total = sum(counts.values())
    exact = reads_persons_of(request.user, opd)  # pimpinan: small groups masked
    context = {
        "opd": opd,
        "year": year,
        "rows": distribution_rows(counts=counts, exact=exact),
        "total": total,
        "total_shown": total if exact else masked(total, total),
        "exact": exact,
        "min_group": min_group(),
        "record": record,
        "form": form if can_manage else None,
        "violations": distribution_violations(record.predikat, counts) if record else [],
    }
    return render(request, "performance/distribution.html", context)


def _low_assessments(skp):
    return skp.assessments.filter(predikat__in=NEEDS_FOLLOW_UP).select_related("period")


@login_required
@require_POST
def follow_up_create_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    form = FollowUpForm(request.POST, assessments=_low_assessments(skp))
    if form.is_valid():
        try:
            follow_up_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Follow-up recorded."))
    else:
        _report_form_errors(request, form)
    return redirect("performance:skp_detail", pk=skp.pk)


@login_required
@require_GET
def follow_up_list(request):
    """Open follow-ups in the user's scope: an operator's OPD, an atasan's team."""
    reach = reach_of(request.user)
    if not (reach.can_manage_registry or reach.has_subordinates):
        raise PermissionDenied
    follow_ups = follow_up_list_visible_to(request.user).order_by("-created_at")
    page = Paginator(follow_ups, 50).get_page(request.GET.get("page"))
    return render(request, "performance/follow_up_list.html", {"page": page})


def _realisation_form(skp, data=None, files=None, *, realisations=()):
    """The realisation form; unbound, it starts at the quarter under way and the first
    indicator without a realisation for it (from `realisations`, the SKP's, already read)."""
    form = RealisationForm(
        data,
        files,
        auto_id="id_realisation_%s",
        indicators=SkpIndicator.objects.filter(result__skp=skp).select_related("result"),
        periods=_open_periods(skp).exclude(kind="annual"),
    )
    if data is None:
        form.initial = _realisation_initial(form, realisations)
    return form


def _realisation_initial(form, realisations) -> dict:
    """The quarter under way (the latest open one that has begun) and the first indicator
    still without a realisation for it: on most visits only the value is left to give. Reads
    the form's own choices (read once, kept for its options)."""
    today = timezone.localdate()
    begun = [period for period in form.fields["period"].queryset if period.start <= today]
    if not begun:
        return {}
    current = max(begun, key=lambda period: period.start)
    done = {r.indicator_id for r in realisations if r.period_id == current.pk}
    indicators = form.fields["indicator"].queryset
    first_open = next((i.pk for i in indicators if i.pk not in done), None)
    return {"period": current.pk, "indicator": first_open}


@login_required
@require_POST
def realisation_record_view(request, pk):
    """Record a quarter's realisation; a refused form comes back with the choices kept."""
    skp = skp_get_for_user(request.user, pk, write=True)
    form = _realisation_form(skp, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        earlier = SkpRealisation.objects.filter(
            indicator=data["indicator"], period=data["period"]
        ).exists()
        try:
            realisation_record(
                actor=request.user, indicator=data["indicator"], period=data["period"],
                value=data["value"], text=data["text"],
                files=[data["evidence"]] if data["evidence"] else [],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Realisation corrected; the earlier value stays in its history.")
                if earlier
                else _("Realisation saved."),
            )
            return redirect(reverse("performance:skp_detail", args=[skp.pk]) + "#realisation")
    if not _shows_realisation_form(skp, skp_actor_role(actor=request.user, skp=skp)):
        # The page has no realisation form to show the refusal in (an SKP still waiting for
        # approval, a page left open while the SKP moved on, the atasan): say it as a message,
        # as the workflow buttons do, instead of a 400 page that explains nothing.
        _report_form_errors(request, form)
        return redirect("performance:skp_detail", pk=skp.pk)
    context = _skp_detail_context(request, skp, realisation_form=form)
    return render(request, "performance/skp_detail.html", context, status=400)


@login_required
@require_GET
def evidence_download(request, pk):
    """An evidence file, only for people who may see the SKP; never rendered inline."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("realisation__indicator__result__skp"), pk=pk
    )
    skp_get_for_user(request.user, evidence.realisation.indicator.result.skp_id)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Type"] = "application/octet-stream"
    return response


@login_required
@require_POST
def skp_expectations_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    expectations = {value: request.POST.get(value, "")[:2000] for value in CoreValue.values}
    try:
        skp_expectations_set(
            actor=request.user, skp=skp, expectations=expectations,
            version=posted_version(request),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Expectations saved."))
    return redirect("performance:skp_detail", pk=skp.pk)


@login_required
@require_POST
def skp_lampiran_view(request, pk):
    """The lampiran SKP (dukungan sumber daya, skema pertanggungjawaban, konsekuensi)."""
    skp = skp_get_for_user(request.user, pk, write=True)
    form = LampiranForm(request.POST)
    if form.is_valid():
        try:
            skp_lampiran_set(
                actor=request.user, skp=skp, version=posted_version(request), **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Lampiran saved."))
    else:
        _report_form_errors(request, form)
    return redirect(reverse("performance:skp_detail", args=[skp.pk]) + "#lampiran")


@login_required
@require_POST
def check_in_view(request, pk):
    skp = skp_get_for_user(request.user, pk, write=True)
    try:
        result_id = request.POST.get("result", "")
        result = skp.results.filter(pk=result_id).first() if result_id.isdigit() else None
        value = request.POST.get("value", "")
        check_in_add(
            actor=request.user, skp=skp, text=request.POST.get("text", "")[:5000],
            result=result, value=value if value in CoreValue.values else "",
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Check-in saved."))
    return redirect(reverse("performance:skp_detail", args=[skp.pk]) + "#dialog")


@login_required
@require_GET
def opd_progress_view(request, opd_pk, year):
    """SKP progress of an OPD (share approved, assessments per period) and the rekap predikat
    export, for its operator, the admins and leaders of its government."""
    opd = get_object_or_404(orgunit_list_visible_to(request.user).filter(kind="opd"), pk=opd_pk)
    exact = reads_persons_of(request.user, opd)
    if request.GET.get("export") in ("xlsx", "csv"):
        if not exact:
            raise PermissionDenied  # a list of persons: aggregate readers get the page only
        headers = ["NIP", "Nama", "Unit kerja", "Periode", "Hasil kerja", "Perilaku kerja",
                   "Predikat"]  # fmt: skip
        kinds, ratings, predikats = (
            dict(Period.Kind.choices),
            dict(Rating.choices),
            dict(Predikat.choices),
        )
        rows = (
            [nip, name, unit, str(kinds[kind]), str(ratings[h]), str(ratings[p]),
             str(predikats[pr])]
            for nip, name, unit, kind, h, p, pr in predikat_recap_rows(
                user=request.user, unit=opd, year=year
            )
        )  # fmt: skip
        audit_record(
            actor=request.user, action="export", instance=opd,
            object_repr=f"Rekap predikat {opd} {year}",
        )  # fmt: skip
        if request.GET["export"] == "csv":
            return csv_response(headers, rows, f"rekap-predikat-{opd.pk}-{year}.csv")
        return xlsx_response(
            headers, rows, f"rekap-predikat-{opd.pk}-{year}.xlsx", sheet_title="Rekap"
        )
    if request.GET.get("belum") in ("xlsx", "csv"):
        if not exact:
            raise PermissionDenied
        return _not_approved_export(request, opd, year, request.GET["belum"])
    figures = opd_progress_figures(unit=opd, year=year, exact=exact)
    context = {"opd": opd, "year": year, "progress": figures, "periods": figures["periods"],
               "statuses": figures["statuses"], "can_export": exact, "exact": exact,
               "min_group": min_group()}  # fmt: skip
    if exact:  # whom to follow up: persons, so only for those who may read them
        waiting = skp_not_approved(user=request.user, unit=opd, year=year)
        context["not_approved"] = list(waiting[:NOT_APPROVED_SHOWN])
        statuses = dict(SkpStatus.choices)
        for employee in context["not_approved"]:
            employee.skp_status_label = statuses.get(employee.skp_status)
        context["not_approved_count"] = (
            len(context["not_approved"])
            if len(context["not_approved"]) < NOT_APPROVED_SHOWN
            else waiting.count()
        )
    return render(request, "performance/opd_progress.html", context)


NOT_APPROVED_SHOWN = 100


def _not_approved_export(request, opd, year, kind):
    """The full list of ASN without an approved SKP, for the operator's follow-up in Excel."""
    statuses = dict(SkpStatus.choices)
    headers = ["NIP", "Nama", "Unit kerja", "Status SKP", "Atasan langsung"]
    rows = (
        [e.nip, e.full_name, e.unit.name,
         str(statuses[e.skp_status]) if e.skp_status else _("No SKP yet"),
         e.supervisor.full_name if e.supervisor else ""]
        for e in skp_not_approved(user=request.user, unit=opd, year=year).iterator(2000)
    )  # fmt: skip
    audit_record(
        actor=request.user, action="export", instance=opd,
        object_repr=f"ASN tanpa SKP disetujui {opd} {year}",
    )  # fmt: skip
    name = f"skp-belum-disetujui-{opd.pk}-{year}"
    if kind == "csv":
        return csv_response(headers, rows, f"{name}.csv")
    return xlsx_response(headers, rows, f"{name}.xlsx", sheet_title="Belum disetujui")


@login_required
@require_GET
def opd_overview_view(request):
    """SKP progress of all OPDs an admin or leader can see, for a year."""
    reach = reach_of(request.user)
    if not (reach.dashboard_paths or reach.manages_everything):
        raise PermissionDenied
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else _this_year()
    rows = opd_overview(user=request.user, year=year)
    context = {"rows": rows, "year": year, "exact": all(r["exact"] for r in rows),
               "min_group": min_group()}  # fmt: skip
    return render(request, "performance/opd_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cascade(request, opd_pk, year):
    """The OPD's goals and the results cascading from them; managers add goals here."""
    opd = get_object_or_404(orgunit_list_visible_to(request.user).filter(kind="opd"), pk=opd_pk)
    can_manage = can_manage_unit(request.user, opd)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            org_goal_add(actor=request.user, opd=opd, year=year, text=request.POST.get("text", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Goal added."))
        return redirect("performance:cascade", opd_pk=opd.pk, year=year)
    tree, unlinked = cascade_for(opd=opd, year=year, user=request.user)
    # Readers of aggregates (pimpinan) see the goals and how many ASN support each, no names.
    counts = None if reads_persons_of(request.user, opd) else cascade_counts(opd=opd, year=year)
    for goal, _nodes in tree if counts else ():
        goal.supporters = counts["by_goal"].get(goal.pk, 0)
    context = {"opd": opd, "year": year, "tree": tree, "unlinked": unlinked,
               "can_manage": can_manage, "counts": counts, "min_group": min_group()}  # fmt: skip
    return render(request, "performance/cascade.html", context)


@login_required
@require_GET
def skp_xlsx(request, pk):
    """The SKP and its lampiran as a workbook in the layout of the PDF form."""
    skp = skp_get_for_user(request.user, pk)
    audit_record(actor=request.user, action="export", instance=skp)
    return file_response(skp_workbook(skp), XLSX_TYPE, f"skp-{skp.year}-{skp.employee.nip}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def target_import(request):
    """Operators and admins import SKP targets from XLSX, all or nothing."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    result = None
    if request.method == "POST":
        editable = Employee.objects.editable_by(request.user)
        result = import_upload(
            request,
            lambda upload: skp_targets_import(
                actor=request.user, upload=upload, editable_employees=editable
            ),
        )
    if result is not None and result.ok:
        messages.success(
            request,
            _("Imported: %(skps)d new SKPs, %(results)d results, %(indicators)d "
              "indicators.") % {"skps": result.skps_created, "results": result.results_created,
                                "indicators": result.indicators_created},
        )  # fmt: skip
        return redirect("performance:target_import")
    context = {"result": result, "errors_json": result.errors_json if result else ""}
    return render(request, "performance/target_import.html", context)


@login_required
@require_POST
def target_import_report(request):
    """The error report of a refused target import as XLSX (the rows come back from the page,
    so nothing about the refused file is kept on the server)."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-target.xlsx")


@login_required
@require_GET
def skp_pdf_view(request, pk):
    skp = skp_get_for_user(request.user, pk)
    audit_record(actor=request.user, action="export", instance=skp, object_repr=f"PDF {skp}")
    content = signed_pdf("skp", skp.pk, version=str(skp.version)) or skp_pdf(skp)
    return file_response(content, "application/pdf", f"skp-{skp.year}-{skp.employee.nip}.pdf")


@login_required
@require_GET
def evaluation_pdf_view(request, pk, assessment_pk):
    skp = skp_get_for_user(request.user, pk)
    assessment = get_object_or_404(skp.assessments.select_related("period"), pk=assessment_pk)
    audit_record(actor=request.user, action="export", instance=assessment)
    signed = signed_pdf("evaluation", assessment.pk, version=assessment.assessed_at.isoformat())
    return file_response(
        signed or evaluation_pdf(skp, assessment),
        "application/pdf",
        f"evaluasi-{assessment.period.kind}-{skp.year}-{skp.employee.nip}.pdf",
    )


@login_required
@require_GET
def evaluation_xlsx_view(request, pk, assessment_pk):
    """The evaluation of a period as a workbook laid out like its PDF."""
    skp = skp_get_for_user(request.user, pk)
    assessment = get_object_or_404(skp.assessments.select_related("period"), pk=assessment_pk)
    audit_record(actor=request.user, action="export", instance=assessment,
                 object_repr=f"XLSX {assessment}")  # fmt: skip
    return file_response(
        evaluation_xlsx(skp, assessment),
        XLSX_TYPE,
        f"evaluasi-{assessment.period.kind}-{skp.year}-{skp.employee.nip}.xlsx",
    )
