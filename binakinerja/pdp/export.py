"""Everything the system holds about one person, as JSON and XLSX (UU PDP Pasal 7 and 13: the
right of access and to a machine-readable copy).

One function per app's part (`PARTS`), each adding sections of rows about the subject only:
their registry record, account, SKPs, competencies, training, mentoring, program answers,
notifications, requests, and last the audit entries about the records the other parts found.
Other persons appear only as the name of the one who acted on the subject's own record (the
atasan who assessed their SKP, their mentor), never with a record of their own: the SKPs the
subject assessed as atasan, their subordinates, the enrolments they approved are the others'
data. A new app with personal data adds its part here and names its person fields in
`EXPORTED_FIELDS` or `NOT_EXPORTED` (a test walks every model and fails on a field in neither).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from binakinerja.core.exporting import safe_cell

FORMAT = "binakinerja-pdp-export/1"


@dataclass
class Subject:
    """The person whose data is gathered: their login and, for an ASN, their registry record."""

    user: object
    employee: object | None = None


@dataclass
class Section:
    key: str
    title: str
    rows: list[dict]


@dataclass
class Export:
    subject: Subject
    sections: list[Section] = field(default_factory=list)
    refs: dict[str, set[str]] = field(default_factory=dict)  # audit object_type → ids

    def add(self, key: str, title, rows: list[dict]) -> None:
        self.sections.append(Section(key, str(title), rows))

    def own(self, *objects) -> None:
        """Record objects of the subject whose audit entries belong to the export."""
        for obj in objects:
            self.refs.setdefault(obj._meta.label_lower, set()).add(str(obj.pk))

    def own_many(self, queryset) -> list:
        found = list(queryset)
        self.own(*found)
        return found


def plain(value):
    """A JSON-safe value: dates and times in ISO 8601 (local time), decimals as strings."""
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file: its name only
        return value.name or ""
    return value


def row(obj, fields: tuple[str, ...] | list[str], **extra) -> dict:
    """`obj`'s plain `fields` (no relations: those are named in `extra`, so nobody else's
    identity enters by accident)."""
    values = {"id": obj.pk}
    for name in fields:
        values[name] = plain(getattr(obj, name))
    values.update({key: plain(value) for key, value in extra.items()})
    return values


def name_of(employee) -> str:
    """Another person as they appear on the subject's record: the name, never the NIP."""
    return employee.full_name if employee is not None else ""


# --- the parts, one per app -----------------------------------------------------------------------


def part_account(subject: Subject, out: Export) -> None:
    from binakinerja.accounts.models import RoleAssignment

    user = subject.user
    out.own(user)
    out.add("account", gettext_lazy("Login account"), [row(
        user, ("username", "first_name", "last_name", "email", "is_active", "date_joined",
               "last_login"),
    )])  # fmt: skip
    roles = RoleAssignment.objects.filter(user=user).select_related("scope")
    out.add("role_assignments", gettext_lazy("Role assignments"), [
        row(r, ("role", "institution", "created_at"), scope=r.scope.name if r.scope else "")
        for r in out.own_many(roles)
    ])  # fmt: skip


def part_registry(subject: Subject, out: Export) -> None:
    from binakinerja.people.models import CareerHistory

    e = subject.employee
    if e is None:
        return
    out.own(e)
    out.add("registry", gettext_lazy("Registry record (ASN)"), [row(
        e, ("nip", "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date",
            "birth_place", "tmt_cpns", "golongan", "tmt_golongan", "tmt_jabatan", "state",
            "education_level", "education_major", "email", "phone", "created_at",
            "updated_at"),
        position=e.position.name if e.position else "", unit=e.unit.name,
        supervisor=name_of(e.supervisor),
    )])  # fmt: skip
    history = CareerHistory.objects.filter(employee=e).order_by("recorded_at", "pk")
    out.add("career_history", gettext_lazy("Career history"), [
        row(h, ("kind", "old_value", "new_value", "effective_date", "recorded_at"))
        for h in out.own_many(history)
    ])  # fmt: skip


def part_performance(subject: Subject, out: Export) -> None:
    from binakinerja.performance.models import (
        CheckIn,
        Evidence,
        FollowUp,
        Skp,
        SkpAssessment,
        SkpBehaviour,
        SkpIndicator,
        SkpRealisation,
        SkpResult,
    )

    e = subject.employee
    if e is None:
        return
    skps = out.own_many(Skp.objects.filter(employee=e).select_related("atasan").order_by("year"))
    out.add("skp", gettext_lazy("SKP"), [
        row(s, ("year", "status", "dukungan_sumber_daya", "skema_pertanggungjawaban",
                "konsekuensi", "created_at", "updated_at"), atasan=name_of(s.atasan))
        for s in skps
    ])  # fmt: skip
    results = out.own_many(
        SkpResult.objects.filter(skp__employee=e).select_related("supports_goal")
        .order_by("skp_id", "order", "pk")
    )  # fmt: skip
    out.add("skp_results", gettext_lazy("SKP planned results"), [
        # The atasan's result it supports is the atasan's SKP: named by its id only.
        row(r, ("kind", "text", "perspective", "order"), skp=r.skp_id,
            supports_result=r.supports_id,
            supports_goal=r.supports_goal.text if r.supports_goal else "")
        for r in results
    ])  # fmt: skip
    indicators = out.own_many(SkpIndicator.objects.filter(result__skp__employee=e).order_by("pk"))
    out.add("skp_indicators", gettext_lazy("SKP indicators"), [
        row(i, ("aspect", "text", "target_value", "target_unit", "target_text"),
            result=i.result_id)
        for i in indicators
    ])  # fmt: skip
    behaviours = out.own_many(SkpBehaviour.objects.filter(skp__employee=e).order_by("pk"))
    out.add(
        "skp_behaviours",
        gettext_lazy("SKP work behaviour"),
        [row(b, ("value", "expectation"), skp=b.skp_id) for b in behaviours],
    )
    realisations = out.own_many(
        SkpRealisation.objects.filter(indicator__result__skp__employee=e)
        .select_related("period").order_by("pk")
    )  # fmt: skip
    out.add("skp_realisations", gettext_lazy("SKP realisations"), [
        row(r, ("value", "text", "recorded_at"), indicator=r.indicator_id, period=str(r.period))
        for r in realisations
    ])  # fmt: skip
    evidence = out.own_many(
        Evidence.objects.filter(realisation__indicator__result__skp__employee=e).order_by("pk")
    )
    out.add("skp_evidence", gettext_lazy("SKP evidence files"), [
        row(f, ("original_name", "size", "uploaded_at"), realisation=f.realisation_id)
        for f in evidence
    ])  # fmt: skip
    assessments = out.own_many(
        SkpAssessment.objects.filter(skp__employee=e)
        .select_related("period", "assessed_by").order_by("pk")
    )  # fmt: skip
    out.add("skp_assessments", gettext_lazy("SKP assessments"), [
        row(a, ("hasil_kerja", "perilaku_kerja", "predikat", "reason", "catatan_rekomendasi",
                "assessed_at"),
            skp=a.skp_id, period=str(a.period), assessed_by=name_of(a.assessed_by))
        for a in assessments
    ])  # fmt: skip
    follow_ups = out.own_many(FollowUp.objects.filter(assessment__skp__employee=e).order_by("pk"))
    out.add("skp_follow_ups", gettext_lazy("Follow-ups of assessments"), [
        row(f, ("kind", "description", "is_done", "created_at"), assessment=f.assessment_id)
        for f in follow_ups
    ])  # fmt: skip
    check_ins = out.own_many(
        CheckIn.objects.filter(skp__employee=e).select_related("author").order_by("created_at")
    )
    out.add("skp_check_ins", gettext_lazy("Performance dialogues"), [
        row(c, ("value", "text", "created_at"), skp=c.skp_id, result=c.result_id,
            author=name_of(c.author))
        for c in check_ins
    ])  # fmt: skip


def part_competencies(subject: Subject, out: Export) -> None:
    from binakinerja.competencies.models import (
        CompetencyAssessment,
        DevelopmentActivity,
        IndividualDevelopmentPlan,
        PotentialAssessment,
    )
    from binakinerja.competencies.selectors import employee_gap_rows

    e = subject.employee
    if e is None:
        return
    assessments = out.own_many(
        CompetencyAssessment.objects.filter(employee=e).select_related("competency")
        .order_by("assessed_on", "pk")
    )  # fmt: skip
    out.add("competency_assessments", gettext_lazy("Competency assessments"), [
        row(a, ("level", "assessed_on", "method", "assessor", "evidence", "is_current",
                "created_at"), competency=f"{a.competency.code} {a.competency.name}")
        for a in assessments
    ])  # fmt: skip
    potentials = out.own_many(PotentialAssessment.objects.filter(employee=e).order_by("pk"))
    out.add("potential_assessments", gettext_lazy("Potential assessments"), [
        row(p, ("potential", "score", "assessed_on", "method", "assessor", "created_at"))
        for p in potentials
    ])  # fmt: skip
    report = employee_gap_rows(subject.user, e)
    out.add("competency_gaps", gettext_lazy("Competency gaps"), [
        {"competency": f"{g.competency.code} {g.competency.name}", "required": g.required,
         "actual": g.actual, "gap": g.gap}
        for g in report.rows
    ])  # fmt: skip
    plans = out.own_many(IndividualDevelopmentPlan.objects.filter(employee=e).order_by("year"))
    out.add("development_plans", gettext_lazy("Individual development plans (IDP)"), [
        row(p, ("year", "status", "submitted_at", "decided_at", "return_comment", "created_at",
                "updated_at"))
        for p in plans
    ])  # fmt: skip
    activities = out.own_many(
        DevelopmentActivity.objects.filter(plan__employee=e).select_related("competency")
        .order_by("plan_id", "pk")
    )  # fmt: skip
    out.add("development_activities", gettext_lazy("IDP activities"), [
        row(a, ("title", "need_source", "need_ref", "form", "planned_jp", "target_month",
                "status", "completed_on", "evidence", "created_at"),
            plan=a.plan_id, competency=a.competency.name if a.competency else "")
        for a in activities
    ])  # fmt: skip


def part_trainings(subject: Subject, out: Export) -> None:
    from binakinerja.trainings.models import (
        Attendance,
        BehaviourSurvey,
        Certificate,
        Enrolment,
        Facilitator,
        JpRecord,
        OutsideActivity,
        ReactionResponse,
    )

    e = subject.employee
    if e is None:
        return
    enrolments = out.own_many(
        Enrolment.objects.filter(employee=e).select_related("batch__program__institution")
        .order_by("nominated_at", "pk")
    )  # fmt: skip
    out.add("training_enrolments", gettext_lazy("Training enrolments"), [
        row(n, ("status", "reason", "nominated_at", "decided_at", "queued_at", "pre_score",
                "post_score"),
            program=n.batch.program.title, institution=n.batch.program.institution.name,
            batch=n.batch.name, start=n.batch.start, end=n.batch.end)
        for n in enrolments
    ])  # fmt: skip
    attendance = out.own_many(
        Attendance.objects.filter(enrolment__employee=e).select_related("session")
        .order_by("marked_at")
    )  # fmt: skip
    out.add("training_attendance", gettext_lazy("Training attendance"), [
        row(a, ("method", "marked_at"), enrolment=a.enrolment_id, session_date=a.session.date)
        for a in attendance
    ])  # fmt: skip
    reactions = out.own_many(ReactionResponse.objects.filter(enrolment__employee=e))
    out.add("training_reactions", gettext_lazy("Training evaluations you gave (L1)"), [
        row(r, ("answers", "comment", "submitted_at"), enrolment=r.enrolment_id)
        for r in reactions
    ])  # fmt: skip
    surveys = out.own_many(BehaviourSurvey.objects.filter(enrolment__employee=e).order_by("pk"))
    out.add("training_behaviour_surveys", gettext_lazy("Behaviour change surveys (L3)"), [
        row(s, ("respondent", "due", "answers", "impact", "submitted_at"),
            enrolment=s.enrolment_id)
        for s in surveys
    ])  # fmt: skip
    certificates = out.own_many(Certificate.objects.filter(enrolment__employee=e))
    out.add("training_certificates", gettext_lazy("Certificates"), [
        row(c, ("number", "status", "result", "issued_at", "revoked_at", "revoked_reason",
                "identity", "downloaded_at"), enrolment=c.enrolment_id)
        for c in certificates
    ])  # fmt: skip
    records = out.own_many(JpRecord.objects.filter(employee=e).order_by("start", "pk"))
    out.add("jp_records", gettext_lazy("JP records"), [
        row(r, ("title", "institution_name", "form_code", "jenis_diklat_id", "start", "end",
                "year", "minutes", "jp", "source", "certificate_number", "evidence",
                "created_at"))
        for r in records
    ])  # fmt: skip
    outside = out.own_many(OutsideActivity.objects.filter(employee=e).order_by("start", "pk"))
    out.add("outside_activities", gettext_lazy("Outside learning activities"), [
        row(a, ("title", "organiser", "form_code", "start", "end", "minutes", "status",
                "evidence", "certificate_number", "recognised_jp", "review_note",
                "created_at"))
        for a in outside
    ])  # fmt: skip
    facilitator = out.own_many(
        Facilitator.objects.filter(Q(employee=e) | Q(user=subject.user))
        .select_related("institution")
    )  # fmt: skip
    out.add(
        "facilitator",
        gettext_lazy("Facilitator records"),
        [row(f, ("name", "nip", "expertise"), institution=f.institution.name) for f in facilitator],
    )


def part_mentoring(subject: Subject, out: Export) -> None:
    from binakinerja.mentoring.models import (
        Conflict,
        Feedback,
        MentoringSession,
        MentorOffer,
        Pair,
        PairGoal,
    )

    e = subject.employee
    if e is None:
        return
    offers = out.own_many(MentorOffer.objects.filter(mentor=e).select_related("cycle"))
    out.add(
        "mentor_offers",
        gettext_lazy("Mentoring offers"),
        [row(o, ("capacity", "note", "status", "created_at"), cycle=o.cycle.name) for o in offers],
    )
    pairs = out.own_many(
        Pair.objects.filter(Q(mentor=e) | Q(mentee=e))
        .select_related("cycle", "mentor", "mentee", "competency").order_by("pk")
    )  # fmt: skip
    role_of = {p.pk: "mentor" if p.mentor_id == e.pk else "mentee" for p in pairs}
    out.add("mentoring_pairs", gettext_lazy("Mentoring pairs"), [
        row(p, ("status", "score", "mentor_accepted_at", "mentee_accepted_at", "swap_reason",
                "reflection", "created_at"),
            cycle=p.cycle.name, role=role_of[p.pk],
            counterpart=name_of(p.mentee if role_of[p.pk] == "mentor" else p.mentor),
            competency=p.competency.name if p.competency else "")
        for p in pairs
    ])  # fmt: skip
    goals = out.own_many(PairGoal.objects.filter(pair__in=pairs).order_by("pair_id", "pk"))
    out.add(
        "mentoring_goals",
        gettext_lazy("Mentoring goals"),
        [row(g, ("text", "source", "done"), pair=g.pair_id) for g in goals],
    )
    sessions = out.own_many(MentoringSession.objects.filter(pair__in=pairs).order_by("date", "pk"))
    out.add("mentoring_sessions", gettext_lazy("Mentoring sessions"), [
        row(s, ("date", "start_time", "minutes", "mode", "topic", "actions", "evidence",
                "confirmed_at", "created_at"), pair=s.pair_id)
        for s in sessions
    ])  # fmt: skip
    given = Q()
    for pair in pairs:
        given |= Q(pair=pair, author_role=role_of[pair.pk])
    feedback = out.own_many(Feedback.objects.filter(given).order_by("pk")) if pairs else []
    out.add(
        "mentoring_feedback",
        gettext_lazy("Mentoring feedback you gave"),
        [row(f, ("author_role", "text", "rating", "created_at"), pair=f.pair_id) for f in feedback],
    )
    conflicts = out.own_many(
        Conflict.objects.filter(Q(mentor=e) | Q(mentee=e)).select_related("mentor", "mentee")
    )
    out.add(
        "mentoring_conflicts",
        gettext_lazy("Declared conflicts of interest"),
        [
            row(c, ("reason",), counterpart=name_of(c.mentee if c.mentor_id == e.pk else c.mentor))
            for c in conflicts
        ],
    )


def part_programs(subject: Subject, out: Export) -> None:
    from binakinerja.programs.models import (
        ReadinessItem,
        ReadinessResponse,
        SocialisationAttendance,
    )

    e = subject.employee
    if e is None:
        return
    responses = out.own_many(
        ReadinessResponse.objects.filter(employee=e).select_related("program", "unit")
        .order_by("answered_on", "pk")
    )  # fmt: skip
    item_ids = {int(k) for r in responses for k in r.answers if str(k).isdigit()}
    items = dict(ReadinessItem.objects.filter(pk__in=item_ids).values_list("pk", "text"))
    out.add("readiness_answers", gettext_lazy("Program readiness answers"), [
        row(r, ("answered_on", "index", "awareness", "desire", "knowledge", "ability",
                "reinforcement", "barrier", "is_current"),
            program=r.program.name, unit=r.unit.name if r.unit else "",
            answers={items.get(int(k), k) if str(k).isdigit() else k: v
                     for k, v in r.answers.items()})
        for r in responses
    ])  # fmt: skip
    attended = out.own_many(
        SocialisationAttendance.objects.filter(employee=e).select_related("event")
    )
    out.add(
        "socialisation_attendance",
        gettext_lazy("Program socialisations attended"),
        [row(a, ("recorded_at",), event=a.event.title, date=a.event.date) for a in attended],
    )


def part_pdp(subject: Subject, out: Export) -> None:
    from binakinerja.pdp.models import Breach, SubjectRequest

    e = subject.employee
    if e is None:
        return
    requests = out.own_many(SubjectRequest.objects.filter(employee=e).order_by("received_at"))
    out.add("subject_requests", gettext_lazy("Your requests about your data"), [
        row(r, ("kind", "details", "channel", "received_at", "deadline", "status", "exemption",
                "decision", "decided_at"))
        for r in requests
    ])  # fmt: skip
    breaches = Breach.objects.filter(affected=e).order_by("discovered_at")
    out.add("breaches", gettext_lazy("Data breaches that affected you"), [
        row(b, ("discovered_at", "description", "categories", "measures",
                "subjects_notified_at"))
        for b in breaches
    ])  # fmt: skip


def part_siasn(subject: Subject, out: Export) -> None:
    """What was sent about the person to BKN's SIASN, and what SIASN answered."""
    from binakinerja.siasn.models import SiasnSubmission

    e = subject.employee
    if e is None:
        return
    sent = out.own_many(SiasnSubmission.objects.filter(employee=e).order_by("sent_at", "pk"))
    out.add("siasn_submissions", gettext_lazy("Sent to SIASN"), [
        row(x, ("kind", "reference", "year", "payload", "status", "siasn_id", "answer",
                "sent_at"))
        for x in sent
    ])  # fmt: skip


def part_notifications(subject: Subject, out: Export) -> None:
    from binakinerja.core.models import Notification

    notes = Notification.objects.filter(recipient=subject.user).order_by("created_at", "pk")
    out.add(
        "notifications",
        gettext_lazy("Notifications"),
        [row(n, ("link", "created_at", "read_at"), text=n.body) for n in notes],
    )


def part_audit(subject: Subject, out: Export) -> None:
    """The audit entries about the records the other parts found (runs last)."""
    from binakinerja.core.models import AuditLog

    about = Q(pk__in=[])
    for object_type, ids in out.refs.items():
        about |= Q(object_type=object_type, object_id__in=sorted(ids))
    entries = AuditLog.objects.filter(about).order_by("at", "pk")
    out.add("audit_entries", gettext_lazy("Audit entries about your records"), [
        row(a, ("at", "actor_label", "action", "object_type", "object_id", "object_repr",
                "changes", "reason"))
        for a in entries
    ])  # fmt: skip


PARTS: list[Callable[[Subject, Export], None]] = [
    part_account, part_registry, part_performance, part_competencies, part_trainings,
    part_mentoring, part_programs, part_siasn, part_pdp, part_notifications, part_audit,
]  # fmt: skip

# Every field that ties a record to a person (a foreign key to an employee or a user), and
# whether the export reads the subject's records through it. A field in neither list fails
# pdp/tests/test_export.py, so a new app cannot be forgotten.
EXPORTED_FIELDS = {
    "core.notification.recipient",
    "accounts.roleassignment.user", "people.employee.user", "people.careerhistory.employee",
    "performance.skp.employee", "competencies.competencyassessment.employee",
    "competencies.potentialassessment.employee",
    "competencies.individualdevelopmentplan.employee", "trainings.enrolment.employee",
    "trainings.jprecord.employee", "trainings.outsideactivity.employee",
    "trainings.facilitator.employee", "trainings.facilitator.user",
    "mentoring.mentoroffer.mentor", "mentoring.pair.mentor", "mentoring.pair.mentee",
    "mentoring.conflict.mentor", "mentoring.conflict.mentee",
    "programs.readinessresponse.employee", "programs.socialisationattendance.employee",
    "pdp.subjectrequest.employee", "pdp.breach.affected", "siasn.siasnsubmission.employee",
}  # fmt: skip
NOT_EXPORTED = {
    # Audit entries are exported by the record they are about (a login is about the user), not
    # by who acted: an atasan's approvals are entries about the subordinates' SKPs.
    "core.auditlog.actor": "entries are chosen by the record they are about",
    # The atasan of someone else's SKP, the assessor or dialogue author on someone else's SKP:
    # the others' records. On the subject's own SKP these persons are named.
    "people.employee.supervisor": "names the subject's atasan (exported as a name)",
    "performance.skp.atasan": "names the atasan on the subject's SKP (exported as a name)",
    "performance.skpassessment.assessed_by": "the assessor's name on the subject's SKP",
    "performance.checkin.author": "the author's name on the subject's SKP",
    "mentoring.pair.swapped_from": "the former mentor of a pair, another person",
    "trainings.behavioursurvey.respondent_employee": "the respondent about another alumnus",
    # Work done in an official role on records about others or about units.
    "people.importjob.owner": "an admin's uploads of other persons' records",
    "satisfaction.surveyresponse.entered_by": "an operator typing anonymous questionnaires",
    "satisfaction.improvementaction.created_by": "a unit's improvement work",
    "competencies.competencyassessment.created_by": "who typed another person's assessment",
    "competencies.individualdevelopmentplan.decided_by": "the atasan deciding another's IDP",
    "trainings.programrevision.submitted_by": "an institution's program design",
    "trainings.reviewcomment.author": "a reviewer's comment on a program",
    "trainings.enrolment.nominated_by": "who nominated another person",
    "trainings.enrolment.decided_by": "who decided another person's enrolment",
    "trainings.attendance.marked_by": "who marked another person present",
    "trainings.jprecord.created_by": "who recorded another person's JP",
    "trainings.outsideactivity.reviewer": "who reviewed another person's activity",
    "mentoring.mentoringcycle.coordinator": "a coordinator's cycle",
    "mentoring.mentoringsession.logged_by": "one side of the pair (the session is exported)",
    "mentoring.mentoringsession.confirmed_by": "one side of the pair (the session is exported)",
    "programs.program.coordinator": "a program's coordinator",
    "programs.indicatorvalue.entered_by": "a program's figures",
    "programs.socialisationevent.created_by": "a program's event",
    "programs.socialisationattendance.recorded_by": "who recorded another person's attendance",
    "programs.socialisationquestion.answered_by": "an answer at a program's event",
    "programs.supportaction.owner": "a unit's support action",
    "programs.supportaction.created_by": "a unit's support action",
    "programs.coordinationcase.raised_by": "a coordination case between agencies",
    "programs.coordinationstep.by": "a step of a coordination case",
    "budgets.budgetline.created_by": "a budget line",
    "budgets.pagurevision.by": "a budget revision",
    "budgets.realisation.recorded_by": "a budget entry",
    "budgets.realisation.override_reviewed_by": "a budget entry's review",
    "monitoring.earlywarning.closed_by": "a unit's warning",
    "monitoring.monevreport.updated_by": "a monitoring report",
    "pdp.subjectrequest.decided_by": "the admin answering another person's request",
    "pdp.subjectrequest.filed_by": "the admin recording another person's paper request",
    "pdp.breach.recorded_by": "the admin recording a breach",
    "siasn.siasnsubmission.sent_by": "who sent another person's record to SIASN",
    "signatures.signeddocument.signer": "an official signing documents (the documents are "
    "exported through the records they are about)",
    "api.apitoken.user": "an integration's own login, not a person",
    "api.apitoken.created_by": "an admin creating an integration's token",
    "api.apitoken.revoked_by": "an admin revoking an integration's token",
}


def collect(subject: Subject) -> Export:
    out = Export(subject)
    for part in PARTS:
        part(subject, out)
    return out


def as_json(export: Export) -> bytes:
    e = export.subject.employee
    document = {
        "format": FORMAT,
        "generated_at": plain(timezone.now()),
        "subject": {"username": export.subject.user.get_username(),
                    "nip": e.nip if e else "", "name": e.full_name if e else ""},
        "sections": {s.key: {"title": s.title, "rows": s.rows} for s in export.sections},
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode()


def _cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return safe_cell(value)


def as_xlsx(export: Export) -> bytes:
    """One sheet per section (the first lists them), a header row of field names."""
    book = Workbook(write_only=True)
    index = book.create_sheet(_("Contents")[:31])
    index.append([_("Sheet"), _("Contents"), _("Rows")])
    for number, section in enumerate(export.sections, start=1):
        index.append([str(number), safe_cell(section.title), len(section.rows)])
    for number, section in enumerate(export.sections, start=1):
        sheet = book.create_sheet(f"{number} {section.key}"[:31])
        keys = list(dict.fromkeys(k for r in section.rows for k in r)) or ["id"]
        sheet.append(keys)
        for values in section.rows:
            sheet.append([_cell(values.get(k)) for k in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
