"""Reads of the trainings app, and its one scoping mechanism (SECURITY.md, UU PDP).

Who sees what:
- the catalogue (approved programs, their batches, institutions) is public to every
  logged-in user: it is about courses, not persons;
- admins BKPSDM (and superusers) manage institutions, review programs and see every batch;
  `can_manage_trainings`;
- penyelenggara staff see and edit only their own institution's programs and batches
  (`institutions_of`: the institution named on their role), and the participants of those
  batches — not the registry;
- personal rows (enrolments, attendance, scores, certificates, JP records) are visible when
  the person is visible through `Employee.objects.visible_to` (the registry's one door: the
  ASN themself, their atasan chain, operators and admins in scope) or when the row belongs to
  a batch of the reader's institution (`enrolments_visible_to`);
- pimpinan read aggregates only (never rows about persons): `core.privacy` masks small groups.
Every view fetches through these functions: 404 outside reach, 403 for a write by a reader.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from binakinerja.core.scoping import reach_of
from binakinerja.trainings.models import (
    Batch,
    Enrolment,
    Institution,
    JpRecord,
    Program,
)


def can_manage_trainings(user) -> bool:
    """Admins BKPSDM (any government) and superusers run the program side: institutions,
    reviews, approvals, recognition of outside JP."""
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


def institutions_of(user) -> list[str]:
    """Names of the institutions `user` works for as penyelenggara (RoleAssignment)."""
    if not reach_of(user).is_penyelenggara:
        return []
    from binakinerja.accounts.models import Role, RoleAssignment

    cached = getattr(user, "_bk_institutions", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, role=Role.PENYELENGGARA)
            .exclude(institution="")
            .values_list("institution", flat=True)
        )
        user._bk_institutions = cached
    return cached


def institution_staff_q(user, prefix: str) -> Q:
    """Rows (reached through `prefix`, e.g. "batch__program__institution__") of the
    institutions `user` works for; nothing for others."""
    names = institutions_of(user)
    return Q(**{f"{prefix}name__in": names}) if names else Q(pk__in=[])


def programs_visible_to(user) -> QuerySet[Program]:
    """Approved programs for everyone; every program for managers; also drafts and reviews
    of the reader's own institution."""
    programs = Program.objects.select_related("institution")
    if can_manage_trainings(user):
        return programs
    return programs.filter(
        Q(status=Program.Status.APPROVED) | institution_staff_q(user, "institution__")
    )


def program_get_for_user(user, pk, *, write: bool = False) -> Program:
    """One program: 404 when not visible; with `write`, 403 unless the reader works for its
    institution (who drafts and revises) or manages trainings (who reviews)."""
    program = get_object_or_404(programs_visible_to(user), pk=pk)
    if write and not (
        can_manage_trainings(user) or program.institution.name in institutions_of(user)
    ):
        raise PermissionDenied
    return program


def batches_visible_to(user) -> QuerySet[Batch]:
    """Batches of visible programs (the catalogue's "next batch")."""
    return Batch.objects.filter(program__in=programs_visible_to(user)).select_related(
        "program__institution"
    )


def batch_get_for_user(user, pk, *, write: bool = False) -> Batch:
    """One batch: 404 when not visible; with `write`, 403 unless the reader runs it (its
    institution's staff) or manages trainings."""
    batch = get_object_or_404(batches_visible_to(user), pk=pk)
    if write and not (
        can_manage_trainings(user) or batch.program.institution.name in institutions_of(user)
    ):
        raise PermissionDenied
    return batch


def runs_batch(user, batch: Batch) -> bool:
    """The reader runs `batch`: staff of its institution, or a manager of trainings."""
    return can_manage_trainings(user) or batch.program.institution.name in institutions_of(user)


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Enrolments whose person the reader may see through the registry, plus every enrolment
    of the batches of the reader's institution."""
    from binakinerja.people.models import Employee

    return Enrolment.objects.filter(
        Q(employee__in=Employee.objects.visible_to(user))
        | institution_staff_q(user, "batch__program__institution__")
    )


def enrolment_get_for_user(user, pk) -> Enrolment:
    return get_object_or_404(
        enrolments_visible_to(user).select_related("batch__program__institution", "employee"),
        pk=pk,
    )


def jp_records_visible_to(user) -> QuerySet[JpRecord]:
    """JP records of the persons the reader may see (the ledger is personal data)."""
    from binakinerja.people.models import Employee

    return JpRecord.objects.filter(employee__in=Employee.objects.visible_to(user))


def institutions_visible_to(user) -> QuerySet[Institution]:
    return Institution.objects.all()


# --- the catalogue and the program workbench (institutions and programs area) -------------------

NEXT_BATCH_STATUSES = (Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.RUNNING)
SEAT_STATUSES = (
    Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED, Enrolment.Status.NOT_COMPLETED
)  # fmt: skip


def _total_jp():
    from django.db.models import OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    from binakinerja.trainings.models import Module

    per_program = (
        Module.objects.filter(program=OuterRef("pk"))
        .order_by()
        .values("program")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(Subquery(per_program), 0)


def catalogue_programs(
    *, competency_id=None, form_code: str = "", institution_id=None, need_codes=()
) -> QuerySet[Program]:
    """Approved programs for the catalogue, each with `total_jp_sum` and `fits_needs` (it
    targets one of `need_codes`, the reader's gaps), those first; the target competencies
    prefetched. Filters by competency, form and institution."""
    from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Value

    from binakinerja.trainings.models import ProgramCompetency

    programs = Program.objects.filter(status=Program.Status.APPROVED).select_related("institution")
    if competency_id:
        programs = programs.filter(target_competencies__competency_id=competency_id)
    if form_code:
        programs = programs.filter(form_code=form_code)
    if institution_id:
        programs = programs.filter(institution_id=institution_id)
    fits = (
        Exists(
            ProgramCompetency.objects.filter(
                program=OuterRef("pk"), competency__code__in=list(need_codes)
            )
        )
        if need_codes
        else Value(False, output_field=BooleanField())
    )
    targets = ProgramCompetency.objects.select_related("competency").order_by(
        "competency__group", "competency__code"
    )
    return (
        programs.annotate(total_jp_sum=_total_jp(), fits_needs=fits)
        .prefetch_related(Prefetch("target_competencies", queryset=targets))
        .order_by("-fits_needs", "title", "pk")
    )


def next_batches(program_ids) -> dict[int, Batch]:
    """{program id: its next batch} (planned, open or running, not yet ended), each with
    `seats_left`: one query whatever the number of programs."""
    from django.db.models import Count
    from django.utils import timezone

    ids = list(program_ids)
    if not ids:
        return {}
    batches = (
        Batch.objects.filter(
            program_id__in=ids, status__in=NEXT_BATCH_STATUSES, end__gte=timezone.localdate()
        )
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)))
        .order_by("program_id", "start", "pk")
    )
    result: dict[int, Batch] = {}
    for batch in batches:
        if batch.program_id not in result:
            batch.seats_left = max(batch.capacity - batch.taken, 0)
            result[batch.program_id] = batch
    return result


def need_codes_of(user) -> set[str]:
    """Codes of the competencies where the reader (an ASN) is below their position's
    standard: the "Sesuai kebutuhan Anda" mark of the catalogue. Three queries at most."""
    from binakinerja.competencies.rules import gaps
    from binakinerja.competencies.selectors import latest_levels, required_levels
    from binakinerja.people.models import Employee

    employee_id = reach_of(user).employee_id
    if not employee_id:
        return set()
    position_id = Employee.objects.filter(pk=employee_id).values_list("position_id", flat=True)
    position_id = position_id.first()
    if position_id is None:
        return set()
    required = required_levels([position_id]).get(position_id, {})
    if not required:
        return set()
    actual = latest_levels([employee_id]).get(employee_id, {})
    return {code for code, gap in gaps(required, actual).items() if gap > 0}


def program_workbench_of(user) -> QuerySet[Program]:
    """Programs whose design the reader works on or reviews (every status): managers all,
    penyelenggara their institution's; nobody else."""
    programs = Program.objects.select_related("institution")
    if can_manage_trainings(user):
        return programs
    return programs.filter(institution_staff_q(user, "institution__"))


def institution_get_for_user(user, pk) -> Institution:
    """An institution's own page: managers and the institution's staff; others 404."""
    institution = get_object_or_404(Institution, pk=pk)
    if not (can_manage_trainings(user) or institution.name in institutions_of(user)):
        from django.http import Http404

        raise Http404
    return institution
