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
