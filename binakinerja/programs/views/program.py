"""The program page and the coordinator's pages: programs, phases and the planner of their
order, unit statuses, the logframe. The page answers "what do I do next" first, then shows
phases (timeline and table), the units with readiness and signals, open support actions,
collaboration and the logframe against its targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.charts import bar_chart_svg, timeline_svg
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.privacy import small_group_label
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs import insight, rules, services
from binakinerja.programs.models import Indicator, Phase, PhaseUnit, Program
from binakinerja.programs.selectors import (
    actions_visible_to,
    cases_visible_to,
    phase_unit_get_for_user,
    program_get_for_user,
    programs_visible_to,
    units_in_reach,
)
from binakinerja.programs.views.forms import (
    IndicatorForm,
    IndicatorValueForm,
    PhaseForm,
    PlanForm,
    ProgramForm,
    UnitStatusForm,
)


def _governments(reach):
    if reach.manages_everything:
        return OrgUnit.objects.filter(parent__isnull=True)
    return OrgUnit.objects.filter(parent__isnull=True, path__in=reach.admin_paths)


def _stale(request):
    messages.error(request, _("Someone changed this in the meantime. Look again and repeat."))


@login_required
@require_GET
def program_list(request):
    reach = reach_of(request.user)
    if not (reach.manages_everything or reach.dashboard_paths):
        raise PermissionDenied
    programs = programs_visible_to(request.user).order_by("-start_year", "name")
    return render(request, "programs/program_list.html", {
        "programs": programs, "may_create": _governments(reach).exists(),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    reach = reach_of(request.user)
    governments = _governments(reach)
    if not governments.exists():
        raise PermissionDenied
    year = timezone.localdate().year
    form = ProgramForm(request.POST or None, initial={
        "start_year": year + 1, "end_year": year + 3,
        "name": _("Program Pembinaan ASN Berbasis Kinerja %(first)s–%(last)s")
        % {"first": year + 1, "last": year + 3},
    })  # fmt: skip
    form.fields["instansi"].queryset = governments.order_by("name")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = services.program_create(
                actor=request.user, instansi=data["instansi"], name=data["name"],
                start_year=data["start_year"], end_year=data["end_year"],
                objectives=data["objectives"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The program was created. Plan its phases next."))
            return redirect("programs:program_detail", pk=program.pk)
    return render(request, "programs/form.html", {
        "form": form, "title": _("New program"), "submit": _("Create the program"),
        "back": ("programs:program_list", None),
        "intro": _("A program runs for a government over some years: its units join in "
                   "phases, are socialised, answer a readiness questionnaire and get support "
                   "where they stall."),
    })  # fmt: skip


def next_step(program: Program, phases: list, rows: list, open_actions: int) -> str:
    """What the coordinator does next, in one sentence."""
    if not phases:
        return _("Plan the phases: which units join first, and when.")
    if program.proposal:
        return _("Review the proposed order of units into phases and approve it.")
    if not program.units.exists():
        return _("Place the units into the phases (the planner can propose an order).")
    if program.status == Program.Status.DRAFT:
        return _("Start the program: the units' operators can then hold the socialisation.")
    flagged = [row for row in rows if row.signals and not row.open_actions]
    if flagged:
        return _("%(n)s units show signals without a support action: assign one.") % {
            "n": len(flagged)}  # fmt: skip
    if open_actions:
        return _("Follow the %(n)s open support actions to closure.") % {"n": open_actions}
    return _("The units are on track. Check the logframe against its targets.")


@login_required
@require_GET
def program_detail(request, pk):
    program = program_get_for_user(request.user, pk)
    today = timezone.localdate()
    phases = list(program.phases.all())
    phase_units = list(units_in_reach(request.user, program))
    facts = insight.program_facts(program, today)
    rows = insight.unit_rows(program, phase_units, today, facts=facts)
    for row in rows:
        row.reads_persons = reads_persons_of(request.user, row.phase_unit.unit)
        row.index_hidden = row.readiness.hidden and not row.reads_persons
        shown = not row.readiness.hidden or row.reads_persons
        row.barrier_label = rules.DIMENSION_LABELS.get(row.readiness.barrier) if shown else None
    if request.GET.get("export") in ("xlsx", "csv"):
        return _units_export(request, program, rows, request.GET["export"])
    open_actions = actions_visible_to(request.user).filter(program=program, status="open")
    context = {
        "program": program, "phases": phases, "rows": rows, "today": today,
        "status_choices": PhaseUnit.Status.choices, "small": small_group_label(),
        "open_actions": list(open_actions.order_by("due")[:20]),
        "open_action_count": sum(row.open_actions for row in rows),
        "collaboration": insight.collaboration(program, facts),
        "facts_computed_at": facts.computed_at,
        "may_see_cases": cases_visible_to(request.user, program).exists()
        or program.can_coordinate,
        "action_url": reverse("programs:action_create", args=[program.pk]),
    }  # fmt: skip
    if program.can_coordinate:
        context["next_step"] = next_step(program, phases, rows, context["open_action_count"])
    if phases:
        start = min(p.start for p in phases)
        end = max(p.end for p in phases)
        if end > start:
            context["timeline"] = timeline_svg(
                [(str(p), p.start, p.end) for p in phases], start=start, end=end, today=today,
                title=_("Phases of %(program)s") % {"program": program.name},
            )  # fmt: skip
    shown = [(row.phase_unit.unit.name, row.readiness.index) for row in rows
             if row.readiness.respondents and not row.readiness.hidden]  # fmt: skip
    if shown:
        context["readiness_chart"] = bar_chart_svg(
            shown, max_value=100, title=_("Readiness index per unit (0–100)"),
            value_format="{:.0f}", target=rules.SignalLimits().readiness_index,
        )  # fmt: skip
    return render(request, "programs/program_detail.html", context)


def _units_export(request, program: Program, rows: list, kind: str):
    """The unit table as the reader sees it (numbers about units; readiness below the privacy
    limit masked for those who do not read the unit's persons), for Excel."""
    small = small_group_label()
    headers = [_("Phase"), _("Unit"), _("Status"), _("Status since"), _("ASN"),
               _("Respondents"), _("Readiness"), _("Barrier point"),
               _("Socialisation attendees"), _("SKPs overdue"), _("Mean JP"), _("Signals"),
               _("Open actions")]  # fmt: skip

    def cells(row):
        readiness, facts = row.readiness, row.facts
        hidden = row.index_hidden
        return [
            row.phase_unit.phase.number, row.phase_unit.unit.name,
            str(row.phase_unit.get_status_display()), row.phase_unit.status_since,
            facts.employees,
            small if hidden and readiness.respondents else readiness.respondents,
            small if hidden else readiness.index, str(row.barrier_label or ""),
            facts.attendees, facts.skp_overdue,
            round(facts.jp_mean, 1) if facts.jp_mean is not None else None,
            "; ".join(f"{signal.label}: {signal.reason}" for signal in row.signals),
            row.open_actions,
        ]  # fmt: skip

    audit_record(actor=request.user, action="export", instance=program,
                 object_repr=f"Unit program {program}")  # fmt: skip
    name = f"unit-program-{program.pk}"
    if kind == "csv":
        return csv_response(headers, map(cells, rows), f"{name}.csv")
    return xlsx_response(headers, map(cells, rows), f"{name}.xlsx", sheet_title="Unit")


@login_required
@require_POST
def facts_refresh(request, pk):
    """Read SKP, JP and mentoring again now (after a deadline rush, say) instead of the facts
    kept from earlier today."""
    program = program_get_for_user(request.user, pk, write=True)
    insight.program_facts(program, refresh=True)
    messages.success(request, _("The facts were read again."))
    return redirect(f"{_program_url(program.pk)}#units")


@login_required
@require_POST
def program_status(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    try:
        services.program_status_set(actor=request.user, program=program,
                                    status=request.POST.get("status", ""),
                                    version=posted_version(request))  # fmt: skip
    except StaleVersionError:
        _stale(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The program's status was changed."))
    return redirect("programs:program_detail", pk=program.pk)


# --- phases and the planner ---------------------------------------------------------------------


def _phase_form_page(request, program, form, phase=None):
    return render(request, "programs/form.html", {
        "form": form, "program": program, "phase": phase,
        "title": _("Change %(phase)s") % {"phase": phase} if phase else _("New phase"),
        "submit": _("Save the phase"), "back": ("programs:program_detail", program.pk),
        "intro": _("A unit belongs to one phase of a program. Its status moves from not "
                   "started to socialisation, running and done."),
        "version": phase.version if phase else None, "multipart": False,
    })  # fmt: skip


def _phase_save(request, program, form, phase=None):
    data = form.cleaned_data
    try:
        services.phase_save(
            actor=request.user, program=program, phase=phase, number=data["number"],
            name=data["name"], start=data["start"], end=data["end"], quota=data["quota"],
            units=data["units"], partners=form.partners_list(),
            version=posted_version(request) if phase else None,
        )  # fmt: skip
    except StaleVersionError:
        form.add_error(None, _("Someone changed this phase in the meantime. Reload the page."))
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        messages.success(request, _("The phase was saved."))
        return redirect("programs:program_detail", pk=program.pk)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def phase_create(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    number = program.phases.count() + 1
    form = PhaseForm(request.POST or None, program=program, initial={"number": number})
    if request.method == "POST" and form.is_valid():
        done = _phase_save(request, program, form)
        if done:
            return done
    return _phase_form_page(request, program, form)


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, pk):
    phase = get_object_or_404(Phase.objects.select_related("program"), pk=pk)
    program = program_get_for_user(request.user, phase.program_id, write=True)
    initial = {
        "number": phase.number, "name": phase.name, "start": phase.start, "end": phase.end,
        "quota": phase.quota, "units": list(phase.units.values_list("unit_id", flat=True)),
        "partners": "\n".join(f"{p['name']} — {p['role']}" if p.get("role") else p["name"]
                              for p in phase.partners),
    }  # fmt: skip
    form = PhaseForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _phase_save(request, program, form, phase)
        if done:
            return done
    return _phase_form_page(request, program, form, phase)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    """The planner: propose an order (by readiness, or at random with a seed), then edit the
    proposal unit by unit and approve it."""
    program = program_get_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        paths = list(OrgUnit.objects.filter(parent=program.instansi).values_list("path", flat=True))
        readiness = insight.readiness_by_unit(program, paths)
        by_id = dict(OrgUnit.objects.filter(path__in=paths).values_list("path", "pk"))
        index = {by_id[path]: (r.index if not r.hidden else None) for path, r in
                 readiness.items()}  # fmt: skip
        try:
            services.plan_propose(actor=request.user, program=program, method=data["method"],
                                  seed=data["seed"], keep_first_phase=data["keep_first_phase"],
                                  readiness=index)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The order was proposed. Review it below and approve."))
            return redirect("programs:plan", pk=program.pk)
    program.refresh_from_db()
    proposal = program.proposal or {}
    rows = []
    if proposal:
        units = OrgUnit.objects.in_bulk([int(u) for u in proposal["plan"]])
        current = dict(program.units.values_list("unit_id", "phase__number"))
        rows = sorted(
            ({"unit": units[int(u)], "phase": n, "current": current.get(int(u))}
             for u, n in proposal["plan"].items() if int(u) in units),
            key=lambda row: (row["phase"], row["unit"].name),
        )  # fmt: skip
    return render(request, "programs/plan.html", {
        "program": program, "form": form, "proposal": proposal, "rows": rows,
        "phase_numbers": [0, *program.phases.values_list("number", flat=True)],
    })  # fmt: skip


@login_required
@require_POST
def plan_approve(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    chosen = {}
    for key, value in request.POST.items():
        if key.startswith("unit_"):
            try:
                chosen[int(key[5:])] = int(value)
            except ValueError:
                messages.error(request, _("Choose a phase for every unit."))
                return redirect("programs:plan", pk=program.pk)
    try:
        placed = services.plan_approve(actor=request.user, program=program, plan=chosen,
                                       version=posted_version(request))  # fmt: skip
    except StaleVersionError:
        _stale(request)
        return redirect("programs:plan", pk=program.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programs:plan", pk=program.pk)
    messages.success(request, _("The order was approved: %(n)s units placed.") % {"n": placed})
    return redirect("programs:program_detail", pk=program.pk)


@login_required
@require_POST
def unit_status(request, pk):
    phase_unit = phase_unit_get_for_user(request.user, pk, write=True)
    form = UnitStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and a date."))
    else:
        try:
            services.unit_status_set(actor=request.user, phase_unit=phase_unit,
                                     status=form.cleaned_data["status"],
                                     on=form.cleaned_data["on"],
                                     version=posted_version(request))  # fmt: skip
        except StaleVersionError:
            _stale(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(unit)s is now: %(status)s.") % {
                "unit": phase_unit.unit.name,
                "status": PhaseUnit.Status(form.cleaned_data["status"]).label})  # fmt: skip
    return redirect(f"{_program_url(phase_unit.program_id)}#units")


def _program_url(pk) -> str:
    return reverse("programs:program_detail", args=[pk])


# --- the logframe -------------------------------------------------------------------------------


@login_required
@require_GET
def logframe(request, pk):
    program = program_get_for_user(request.user, pk)
    rows = insight.logframe(program)
    for row in rows:
        row.cells = [(y, row.values[y], row.targets[y], row.met[y]) for y in program.years]
    return render(request, "programs/logframe.html", {
        "program": program, "rows": rows, "levels": Indicator.Level.choices,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk, indicator_pk=None):
    program = program_get_for_user(request.user, pk, write=True)
    indicator = (get_object_or_404(Indicator, pk=indicator_pk, program=program)
                 if indicator_pk else None)  # fmt: skip
    initial = {}
    if indicator:
        initial = {"level": indicator.level, "name": indicator.name, "source": indicator.source,
                   "unit_label": indicator.unit_label,
                   "higher_is_better": indicator.higher_is_better,
                   "baseline": indicator.baseline,
                   **{f"target_{y}": v for y, v in indicator.targets.items()}}  # fmt: skip
    form = IndicatorForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_save(
                actor=request.user, program=program, indicator=indicator, level=data["level"],
                name=data["name"], source=data["source"], unit_label=data["unit_label"],
                higher_is_better=data["higher_is_better"], baseline=data["baseline"],
                targets=form.targets(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("programs:logframe", pk=program.pk)
    return render(request, "programs/form.html", {
        "form": form, "program": program, "submit": _("Save the indicator"),
        "title": _("Change the indicator") if indicator else _("New indicator"),
        "back": ("programs:logframe", program.pk),
        "intro": _("Computed indicators are read from the system every time; entered ones "
                   "take a yearly value with its evidence."),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("program"), pk=pk)
    program = program_get_for_user(request.user, indicator.program_id, write=True)
    indicator.program = program
    form = IndicatorValueForm(request.POST or None, request.FILES or None, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_value_set(actor=request.user, indicator=indicator,
                                         year=data["year"], value=data["value"],
                                         evidence=data["evidence"], note=data["note"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The value was saved."))
            return redirect("programs:logframe", pk=program.pk)
    return render(request, "programs/form.html", {
        "form": form, "program": program, "multipart": True,
        "title": _("Value of %(indicator)s") % {"indicator": indicator.name},
        "submit": _("Save the value"), "back": ("programs:logframe", program.pk),
    })  # fmt: skip
