"""Reads of performance data, scoped through the one mechanism in core.scoping."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binakinerja.core.models import AuditLog
from binakinerja.core.privacy import is_small_group, masked, small_group_label
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OPD_PATH_LENGTH, PATH_WIDTH, OrgUnit
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.people.models import Employee
from binakinerja.performance.models import (
    CheckIn,
    FollowUp,
    OrgGoal,
    OrgPerformance,
    Period,
    Skp,
    SkpAssessment,
    SkpResult,
)
from binakinerja.performance.rules import Predikat, SkpStatus, hasil_kerja_of_unit_head


def instansi_managed_by(user):
    """Governments whose performance periods the user runs: an admin BKPSDM's own, or all for
    the provincial super-admin."""
    reach = reach_of(user)
    if reach.manages_everything:
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI)
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI, path__in=reach.admin_paths)


def period_list_managed_by(user):
    return Period.objects.filter(instansi__in=instansi_managed_by(user)).select_related("instansi")


def skp_list_visible_to(user):
    """SKPs of the employees the user may see (the one scoping mechanism)."""
    return Skp.objects.filter(employee__in=Employee.objects.visible_to(user)).select_related(
        "employee", "employee__user", "atasan", "atasan__user"
    )


def skp_get_for_user(user, pk, *, write: bool = False) -> Skp:
    """The fetcher for one SKP: 404 to anyone who may not see its owner; with `write`, 403 to
    a reader who is neither its owner nor its atasan (managers read SKPs, only those two change
    them; the services then check which of the two may take each step)."""
    skp = get_object_or_404(skp_list_visible_to(user), pk=pk)
    if write and user.pk not in (skp.employee.user_id, skp.atasan.user_id if skp.atasan else None):
        raise PermissionDenied
    return skp


def board_quarter(year: int, today: dt.date | None = None) -> str | None:
    """The quarter the team board counts realisations for: today's quarter in the current
    year, the fourth of a past year, none of a future one."""
    today = today or timezone.localdate()
    if year == today.year:
        return f"q{(today.month - 1) // 3 + 1}"
    return "q4" if year < today.year else None


def skp_team_board(*, atasan_id: int, year: int):
    """The direct subordinates of an atasan with their SKP of the year (or None), each SKP with
    its last dialog, its results with a realisation in the board's quarter out of all its
    results, and what is overdue: three queries whatever the team size."""
    team = list(
        Employee.objects.filter(supervisor_id=atasan_id, state="aktif")
        .select_related("position")
        .order_by("name")
    )
    cutoff = timezone.now() - dt.timedelta(days=settings.SKP_CHECK_IN_DAYS)
    skps = {
        s.employee_id: s
        for s in Skp.objects.filter(employee__in=team, year=year).annotate(
            last_check_in=Max("check_ins__created_at")
        )
    }
    quarter = board_quarter(year)
    in_quarter = Q(
        indicators__realisations__period__kind=quarter,
        indicators__realisations__period__year=year,
    )
    results = {
        row["skp"]: row
        for row in SkpResult.objects.filter(
            skp__employee__supervisor_id=atasan_id, skp__employee__state="aktif", skp__year=year
        )
        .values("skp")
        .annotate(
            total=Count("id", distinct=True),
            done=Count("id", distinct=True, filter=in_quarter) if quarter else Value(0),
        )
        .order_by()
    }
    for skp in skps.values():
        row = results.get(skp.pk, {})
        skp.results_total = row.get("total", 0)
        skp.results_done = row.get("done", 0)
        skp.quarter = quarter
        running = skp.status in ("approved", "in_progress", "assessed")
        # Overdue: waiting for the atasan, being carried out without a recent dialog, or
        # without any realisation in the quarter.
        skp.awaiting_atasan = skp.status == "submitted"
        skp.needs_dialog = running and (skp.last_check_in is None or skp.last_check_in < cutoff)
        skp.needs_realisation = running and bool(quarter) and skp.results_done == 0
    return [(member, skps.get(member.pk)) for member in team]


def predikat_counts(*, unit, year: int) -> dict[str, int]:
    """Annual predikats of the staff in a unit's subtree, counted in one grouped query."""
    rows = (
        SkpAssessment.objects.filter(
            period__kind="annual",
            period__year=year,
            skp__employee__unit__path__startswith=unit.path,
        )
        .values("predikat")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["predikat"]: row["n"] for row in rows}


def follow_up_list_visible_to(user, *, open_only: bool = True):
    """Follow-ups of the employees the user may see (operators: their OPD; atasan: their
    team), newest first."""
    queryset = FollowUp.objects.filter(
        assessment__skp__employee__in=Employee.objects.visible_to(user)
    ).select_related(
        "assessment__period", "assessment__skp__employee__unit", "assessment__skp__atasan"
    )
    return queryset.filter(is_done=False) if open_only else queryset


def skp_without_recent_check_in(*, year: int, days: int):
    """SKPs being carried out whose last check-in is older than `days` days (or missing),
    with their atasan, for the reminders command."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    return (
        Skp.objects.filter(year=year, status__in=["approved", "in_progress", "assessed"])
        .annotate(last_check_in=Max("check_ins__created_at"))
        .filter(Q(last_check_in__isnull=True) | Q(last_check_in__lt=cutoff))
        .select_related("employee", "atasan", "atasan__user")
    )


APPROVED_OR_LATER = ("approved", "in_progress", "assessed", "final")


def opd_progress(*, unit, year: int) -> dict:
    """SKP progress of a unit's subtree for a year, in three grouped queries: SKPs per status,
    the share approved, and the share assessed per period."""
    staff = Employee.objects.filter(state="aktif", unit__path__startswith=unit.path).count()
    by_status = dict(
        Skp.objects.filter(year=year, employee__unit__path__startswith=unit.path)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    approved = sum(by_status.get(s, 0) for s in APPROVED_OR_LATER)
    assessed = dict(
        SkpAssessment.objects.filter(
            period__year=year, skp__employee__unit__path__startswith=unit.path
        )
        .values_list("period__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "staff": staff,
        "by_status": by_status,
        "approved": approved,
        "approved_share": round(100 * approved / staff) if staff else 0,
        "assessed": assessed,
    }


def predikat_recap_rows(*, user, unit, year: int):
    """One row per assessment in a unit's subtree, for the rekap predikat export: only of the
    employees `user` may read (`Employee.objects.visible_to`), so an aggregate reader
    (pimpinan) gets no person rows whatever the page lets through."""
    return (
        SkpAssessment.objects.filter(
            period__year=year,
            skp__employee__unit__path__startswith=unit.path,
            skp__employee__in=Employee.objects.visible_to(user),
        )
        .order_by("skp__employee__unit__path", "skp__employee__name", "period__start")
        .values_list(
            "skp__employee__nip",
            "skp__employee__name",
            "skp__employee__unit__name",
            "period__kind",
            "hasil_kerja",
            "perilaku_kerja",
            "predikat",
        )  # fmt: skip
    )


def skp_not_approved(*, user, unit, year: int):
    """Active employees of a unit's subtree without an approved SKP for `year` (none yet, in
    draft, submitted or returned): whom the operator follows up when the OPD is behind. Only
    the employees `user` may read; each with their SKP's status (None: no SKP) and atasan."""
    status = Skp.objects.filter(employee=OuterRef("pk"), year=year).values("status")[:1]
    return (
        Employee.objects.visible_to(user)
        .filter(state="aktif", unit__path__startswith=unit.path)
        .exclude(skps__year=year, skps__status__in=APPROVED_OR_LATER)
        .annotate(skp_status=Subquery(status))
        .select_related("unit", "supervisor")
        .order_by("unit__path", "name")
    )


# --- aggregates for aggregate readers (SECURITY.md: small groups are persons) ------------------


def reads_persons_of(user, unit) -> bool:
    """Whether `user` may read every person of `unit`'s subtree (superusers, admins and
    operators of it). They see person lists and exact figures; everyone else who may browse
    the unit (pimpinan) reads aggregates only, with groups of fewer than AGGREGATE_MIN_GROUP
    people shown as "< 5". No query: the reach is read once per request."""
    reach = reach_of(user)
    return reach.manages_everything or any(unit.path.startswith(p) for p in reach.managed_paths)


def small_cells(counts: list[int]) -> list[bool]:
    """Which cells of a breakdown to hide: every group of 1 … AGGREGATE_MIN_GROUP − 1 people
    and, when exactly one cell is hidden, the next smallest non-empty one too (otherwise the
    total minus the shown cells gives the hidden one back)."""
    hidden = [is_small_group(n) for n in counts]
    if sum(hidden) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n and not hidden[i]]
        if others:
            hidden[min(others)[1]] = True
    return hidden


def masked_breakdown(counts: list[int], *, exact: bool) -> list[tuple]:
    """(count, percent of the total) per cell, for display: exact for readers of the persons,
    otherwise small cells as "< 5" with their percent left out (None)."""
    total = sum(counts)
    hidden = [False] * len(counts) if exact else small_cells(counts)
    return [
        (small_group_label(), None) if hide else (n, round(100 * n / total) if total else 0)
        for n, hide in zip(counts, hidden, strict=True)
    ]


def opd_progress_figures(*, unit, year: int, exact: bool) -> dict:
    """The progress page's figures (`opd_progress`), masked for aggregate readers unless
    `exact`: staff, the share approved, SKPs per status and assessments per period."""
    progress = opd_progress(unit=unit, year=year)
    staff, approved = progress["staff"], progress["approved"]
    statuses = masked_breakdown(
        [progress["by_status"].get(v, 0) for v in SkpStatus.values], exact=exact
    )
    total_skps = sum(progress["by_status"].values())
    periods = []
    for kind, label in Period.Kind.choices:
        n = progress["assessed"].get(kind, 0)
        if not exact and is_small_group(n):
            periods.append((label, small_group_label(), None))
        else:
            periods.append((label, n, round(100 * n / total_skps) if total_skps else 0))
    small_share = not exact and (is_small_group(staff) or is_small_group(approved))
    return {
        "staff": staff if exact else masked(staff, staff),
        "approved": approved if exact else masked(approved, approved),
        "approved_share": None if small_share else progress["approved_share"],
        "statuses": [(label, n) for label, (n, _p) in zip(SkpStatus.labels, statuses, strict=True)],
        "periods": periods,
    }


def distribution_rows(*, counts: dict[str, int], exact: bool) -> list[tuple]:
    """(label, count, percent) per predikat for the distribution page, masked unless
    `exact`; the percent of a hidden cell is None."""
    cells = masked_breakdown([counts.get(v, 0) for v in Predikat.values], exact=exact)
    return [(label, n, p) for label, (n, p) in zip(Predikat.labels, cells, strict=True)]


def opd_overview(*, user, year: int) -> list[dict]:
    """Every OPD the user can browse with its active staff, SKPs approved and SKPs assessed in
    the year: four grouped queries (by the OPD part of the unit path), whatever the size."""
    opds = list(orgunit_list_visible_to(user).filter(kind="opd").order_by("path"))
    if not opds:
        return []

    def grouped(queryset, path_field, count_field="id", distinct=False):
        rows = (
            queryset.annotate(opd=Substr(path_field, 1, OPD_PATH_LENGTH))
            .values("opd")
            .annotate(n=Count(count_field, distinct=distinct))
            .order_by()
        )
        return {row["opd"]: row["n"] for row in rows}

    prefix = Q()
    for root in {o.path[:PATH_WIDTH] for o in opds}:
        prefix |= Q(unit__path__startswith=root)
    staff = grouped(Employee.objects.filter(prefix, state="aktif"), "unit__path")
    skp_prefix = Q()
    for root in {o.path[:PATH_WIDTH] for o in opds}:
        skp_prefix |= Q(employee__unit__path__startswith=root)
    approved = grouped(
        Skp.objects.filter(skp_prefix, year=year, status__in=APPROVED_OR_LATER),
        "employee__unit__path",
    )
    assessed = grouped(
        SkpAssessment.objects.filter(period__year=year, skp__year=year),
        "skp__employee__unit__path",
        "skp",
        distinct=True,
    )
    rows = [
        {
            "opd": opd,
            "staff": staff.get(opd.path, 0),
            "approved": approved.get(opd.path, 0),
            "approved_share": round(100 * approved.get(opd.path, 0) / staff[opd.path])
            if staff.get(opd.path)
            else 0,
            "assessed": assessed.get(opd.path, 0),
        }
        for opd in opds
    ]
    for row in rows:
        # Aggregate readers (pimpinan): small groups are persons (SECURITY.md).
        row["exact"] = reads_persons_of(user, row["opd"])
        if not row["exact"]:
            if is_small_group(row["staff"]) or is_small_group(row["approved"]):
                row["approved_share"] = None
            for key in ("staff", "approved", "assessed"):
                row[key] = masked(row[key], row[key])
    return rows


def cascade_for(*, opd, year: int, user=None):
    """The cascade of an OPD's year: its goals, each with the results that support it, each
    with the results that support those, down to every ASN; plus the results that support
    nothing. With `user`, only the results of employees they may read
    (`Employee.objects.visible_to`): a pimpinan gets the goals and `cascade_counts`, no
    names. Two queries; the tree is put together in Python."""
    goals = list(OrgGoal.objects.filter(opd=opd, year=year))
    results = SkpResult.objects.filter(
        skp__year=year, skp__employee__unit__path__startswith=opd.path
    )
    if user is not None:
        results = results.filter(skp__employee__in=Employee.objects.visible_to(user))
    results = list(
        results.select_related("skp__employee").order_by("skp__employee__name", "kind", "order")
    )
    children: dict[int, list] = {}
    by_goal: dict[int, list] = {}
    orphans = []
    for result in results:
        if result.supports_goal_id:
            by_goal.setdefault(result.supports_goal_id, []).append(result)
        elif result.supports_id:
            children.setdefault(result.supports_id, []).append(result)
        elif result.kind == "utama":
            orphans.append(result)

    def branch(result, depth=0):
        nodes = [(depth, result)]
        for child in children.get(result.pk, []):
            if depth < 12:
                nodes.extend(branch(child, depth + 1))
        return nodes

    tree = [(goal, [n for r in by_goal.get(goal.pk, []) for n in branch(r)]) for goal in goals]
    unlinked = [n for r in orphans for n in branch(r)]
    return tree, unlinked


def cascade_counts(*, opd, year: int) -> dict:
    """How many ASN have a result supporting each goal of the OPD directly, and how many have a
    main result supporting nothing: one grouped query, for readers of aggregates (masked in
    the template)."""
    rows = (
        SkpResult.objects.filter(skp__year=year, skp__employee__unit__path__startswith=opd.path)
        .filter(Q(supports_goal__isnull=False) | Q(supports__isnull=True, kind="utama"))
        .values("supports_goal")
        .annotate(n=Count("skp__employee", distinct=True))
        .order_by()
    )
    counts = {row["supports_goal"]: row["n"] for row in rows}
    return {"by_goal": counts, "unlinked": counts.pop(None, 0)}


def unit_head_default_rating(skp: Skp):
    """For the head of an OPD (works in the OPD itself, supervised from outside it or by
    nobody) whose OPD has a predikat for the year: the hasil kerja rating it implies."""
    unit = skp.employee.unit
    if unit.kind != "opd":
        return None
    atasan_unit_path = skp.atasan.unit.path if skp.atasan else ""
    if atasan_unit_path.startswith(unit.path):
        return None  # supervised from inside the OPD: not its head
    record = OrgPerformance.objects.filter(opd=unit, year=skp.year).first()
    return hasil_kerja_of_unit_head(record.predikat) if record else None


def predikat_counts_by_opd(
    *, year: int, kind: str = "annual", root=None
) -> dict[str, dict[str, int]]:
    """Predikat counts of every OPD for one period kind of a year, in one grouped query keyed
    by the OPD's path (for the province-wide distribution check). `root`: only the units under
    that government (where the ASN work now, as without it), so that a government's rollups do
    not group the whole country's assessments."""
    assessments = SkpAssessment.objects.filter(period__year=year, period__kind=kind)
    if root is not None:
        assessments = assessments.filter(root.subtree_q("skp__employee__unit__"))
    rows = (
        assessments.annotate(opd=Substr("skp__employee__unit__path", 1, OPD_PATH_LENGTH))
        .values("opd", "predikat")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["opd"], {})[row["predikat"]] = row["n"]
    return counts


# --- read by competencies (development needs, the 9-box) ----------------------------------------


def skp_hasil_kerja_latest(employee_ids, *, year: int) -> dict[int, str]:
    """{employee_id: hasil kerja rating} of each employee's latest SKP assessment of `year` or,
    failing that, of the year before (the annual assessment before a quarter ending the same
    day): one query. `employee_ids`: a list of ids or an id queryset (kept as a subquery).
    Unscoped: callers pass ids they scoped."""
    rows = (
        SkpAssessment.objects.filter(
            skp__employee_id__in=employee_ids, skp__year__in=[year, year - 1]
        )
        .order_by("-skp__year", "-period__end", "period__start", "-pk")
        .values_list("skp__employee_id", "hasil_kerja")
    )
    result: dict[int, str] = {}
    for employee_id, rating in rows:
        result.setdefault(employee_id, rating)
    return result


def annual_predikat(employee_ids, *, year: int) -> dict[int, str]:
    """{employee_id: predikat} of each employee's annual SKP assessment of `year` (the newest
    when there are several): one query. `employee_ids`: ids or an id queryset. Unscoped:
    callers pass ids they scoped (mentoring reads last year's predikat of its mentors)."""
    rows = (
        SkpAssessment.objects.filter(
            skp__employee_id__in=employee_ids, skp__year=year, period__kind="annual"
        )
        .order_by("-pk")
        .values_list("skp__employee_id", "predikat")
    )
    result: dict[int, str] = {}
    for employee_id, predikat in rows:
        result.setdefault(employee_id, predikat)
    return result


def annual_predikat_expression(year: int, employee_ref: str = "pk"):
    """`annual_predikat` as a subquery for annotating employees (`employee_ref` names the outer
    row's employee id): the predikat of the newest annual assessment of `year`, or NULL."""
    rows = SkpAssessment.objects.filter(
        skp__employee_id=OuterRef(employee_ref), skp__year=year, period__kind="annual"
    ).order_by("-pk")
    return Subquery(rows.values("predikat")[:1])


def follow_up_list_open(*, employee_ids, year: int, predikats):
    """The open follow-ups (tindak lanjut) of the SKP assessments of `year` whose predikat is
    one of `predikats`, of these employees (ids or an id queryset), with assessment and period
    joined. Unscoped: callers pass ids they scoped."""
    return FollowUp.objects.filter(
        is_done=False,
        assessment__skp__year=year,
        assessment__predikat__in=list(predikats),
        assessment__skp__employee_id__in=employee_ids,
    ).select_related("assessment__period")


def realisation_history(realisations) -> dict[int, list[dict]]:
    """The earlier values of each realisation, newest first, from the audit trail: a corrected
    realisation keeps what it said before (`{"at", "actor", "value", "text"}` per change).
    One query whatever the number of realisations."""
    ids = [str(r.pk) for r in realisations]
    if not ids:
        return {}
    history: dict[int, list[dict]] = {}
    entries = AuditLog.objects.filter(
        object_type="performance.skprealisation", object_id__in=ids, action="update"
    ).order_by("-at", "-id")
    for entry in entries.only("at", "actor_label", "object_id", "changes"):
        changes = entry.changes or {}
        if "value" not in changes and "text" not in changes:
            continue  # only evidence was added
        history.setdefault(int(entry.object_id), []).append(
            {
                "at": entry.at,
                "actor": entry.actor_label,
                "value": changes["value"][0] if "value" in changes else None,
                "text": changes["text"][0] if "text" in changes else None,
            }
        )
    return history


def skp_counts_by_unit(*, root, year: int, check_in_days: int) -> dict[str, dict[str, int]]:
    """Per unit path under `root` (employees in service), how many SKPs of `year` are approved
    or later, how many are being carried out, and how many of those had no dialog kinerja for
    `check_in_days` days. One grouped query (the program's signals roll these up)."""
    cutoff = timezone.now() - dt.timedelta(days=check_in_days)
    recent = CheckIn.objects.filter(skp=OuterRef("pk"), created_at__gte=cutoff)
    running = Q(status__in=["approved", "in_progress", "assessed"])
    rows = (
        Skp.objects.filter(year=year, employee__unit__path__startswith=root.path,
                           employee__state="aktif")
        .annotate(recent_dialog=Exists(recent))
        .order_by()
        .values("employee__unit__path")
        .annotate(
            approved=Count("pk", filter=Q(status__in=APPROVED_OR_LATER)),
            running=Count("pk", filter=running),
            without_dialog=Count("pk", filter=running & Q(recent_dialog=False)),
        )
    )  # fmt: skip
    return {
        row["employee__unit__path"]: {k: row[k] for k in ("approved", "running", "without_dialog")}
        for row in rows
    }
