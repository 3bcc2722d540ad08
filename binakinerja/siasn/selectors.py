"""Reads of the SIASN interchange: which governments a user sends for, the finished SKP results
and JP records of a government's year with the state of their last submission, and the status
of single records for the SKP page and the JP ledger (the templates reach these through the
`siasn` template tags; no other app imports this one).

Only admins BKPSDM send and see submissions: their own government's (the provincial
super-admin and superusers: every government's). Persons are read through
`Employee.objects.visible_to`, the one door."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404

from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.performance.models import SkpAssessment
from binakinerja.performance.selectors import instansi_managed_by
from binakinerja.siasn.models import SiasnSubmission
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.siasn import records_for_export

# Filter values of the page (Indonesian in the URL, as the other pages' parameters).
UNSENT, FAILED, SENT = "belum", "gagal", "terkirim"
STATUS_FILTERS = {UNSENT: None, FAILED: SiasnSubmission.Status.FAILED,
                  SENT: SiasnSubmission.Status.SENT}  # fmt: skip
LATEST = ("status", "sent_at", "siasn_id", "answer", "fingerprint")


def sends_for_any(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


def governments_managed_by(user):
    """The governments whose records `user` sends to SIASN."""
    if not sends_for_any(user):
        return OrgUnit.objects.none()
    return instansi_managed_by(user).order_by("name")


def government_get_for_user(user, pk) -> OrgUnit:
    """403 to a user who sends for no government, 404 for a government not theirs."""
    if not sends_for_any(user):
        raise PermissionDenied
    government = governments_managed_by(user).filter(pk=pk).first()
    if government is None:
        raise Http404
    return government


def may_send_for(user, employee) -> bool:
    """Whether `user` is an admin BKPSDM of `employee`'s government (or of every one)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    return any(employee.unit.path.startswith(path) for path in reach.admin_paths)


def _with_latest(queryset, field: str):
    latest = SiasnSubmission.objects.filter(**{field: OuterRef("pk")}).order_by("-pk")
    return queryset.annotate(
        **{f"siasn_{name}": Subquery(latest.values(name)[:1]) for name in LATEST}
    )


def _filtered(queryset, status: str):
    if status == UNSENT:
        return queryset.filter(siasn_status__isnull=True)
    if status in STATUS_FILTERS:
        return queryset.filter(siasn_status=STATUS_FILTERS[status])
    return queryset


def _employees(user, government):
    return Employee.objects.visible_to(user).filter(government.subtree_q("unit__"))


def finished_skp_results(user, government, year: int, *, status: str = ""):
    """The finished SKP results of `year`: the annual assessments (their predikat is the year's
    result; SIASN's `skp22` is yearly) of the government's ASN in service, with their last
    submission as `siasn_status`, `siasn_sent_at`, `siasn_siasn_id`, `siasn_answer`,
    `siasn_fingerprint`."""
    rows = SkpAssessment.objects.filter(
        period__kind="annual", skp__year=year,
        skp__employee__in=_employees(user, government).exclude(state__in=GONE_STATES),
    ).select_related(
        "skp__employee__unit", "skp__employee__position", "skp__atasan__unit",
        "skp__atasan__position", "skp__atasan__supervisor__unit",
        "skp__atasan__supervisor__position", "period",
    ).order_by("skp__employee__name", "pk")  # fmt: skip
    return _filtered(_with_latest(rows, "assessment"), status)


def jp_records(user, government, year: int, *, status: str = ""):
    """The JP records of `year` of the government's ASN in service (the same records as the
    SIASN training-history file export), with their last submission as above."""
    rows = records_for_export(government, year, employees=Employee.objects.visible_to(user))
    rows = rows.order_by("employee__name", "start", "pk")
    return _filtered(_with_latest(rows, "jp_record"), status)


def status_counts(queryset) -> dict[str, int]:
    """{UNSENT, FAILED, SENT: count} of an annotated list: one grouped query."""
    counts = {UNSENT: 0, FAILED: 0, SENT: 0}
    by_status = {SiasnSubmission.Status.FAILED: FAILED, SiasnSubmission.Status.SENT: SENT}
    for row in queryset.order_by().values("siasn_status").annotate(n=Count("pk")):
        counts[by_status.get(row["siasn_status"], UNSENT)] += row["n"]
    return counts


def submissions_of(*, assessment=None, jp_record=None):
    """Every submission of one record, newest first."""
    q = Q(assessment=assessment) if assessment is not None else Q(jp_record=jp_record)
    return SiasnSubmission.objects.filter(q).select_related("sent_by").order_by("-pk")


def assessment_get_for_user(user, pk) -> SkpAssessment:
    if not sends_for_any(user):
        raise PermissionDenied
    assessment = (
        SkpAssessment.objects.filter(pk=pk, skp__employee__in=Employee.objects.visible_to(user))
        .select_related("skp__employee__unit", "period")
        .first()
    )
    if assessment is None or not may_send_for(user, assessment.skp.employee):
        raise Http404
    return assessment


def jp_record_get_for_user(user, pk) -> JpRecord:
    if not sends_for_any(user):
        raise PermissionDenied
    record = (
        JpRecord.objects.filter(pk=pk, employee__in=Employee.objects.visible_to(user))
        .select_related("employee__unit")
        .first()
    )
    if record is None or not may_send_for(user, record.employee):
        raise Http404
    return record


def latest_for_assessments(user, assessment_ids) -> dict[int, SiasnSubmission]:
    """{assessment id: its last submission} for a reader who may see submissions (admins
    BKPSDM; others get {}): the SKP page's status line. One query."""
    if not sends_for_any(user):
        return {}
    found: dict[int, SiasnSubmission] = {}
    rows = SiasnSubmission.objects.filter(
        assessment_id__in=list(assessment_ids), employee__in=Employee.objects.visible_to(user)
    ).order_by("-pk")
    for submission in rows:
        found.setdefault(submission.assessment_id, submission)
    return found


def latest_for_jp_records(user, record_ids) -> dict[int, SiasnSubmission]:
    """{JP record id: its last submission}, as above: the JP ledger's SIASN column."""
    if not sends_for_any(user):
        return {}
    found: dict[int, SiasnSubmission] = {}
    rows = SiasnSubmission.objects.filter(
        jp_record_id__in=list(record_ids), employee__in=Employee.objects.visible_to(user)
    ).order_by("-pk")
    for submission in rows:
        found.setdefault(submission.jp_record_id, submission)
    return found
