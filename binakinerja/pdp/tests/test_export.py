"""The PDP export contains everything about the person and nothing about others.

Two persons of the same unit and atasan, A (the world's ASN) and B (their peer), get data in
every area, each piece carrying a unique marker ("MARK-A-…", "MARK-B-…"). A's download, as
JSON and as XLSX, holds every one of A's markers and none of B's, nor B's name or NIP; every
section of the export has rows; and every field that ties a record to a person is either read
by the export or listed as not exported, with its reason."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from binakinerja.accounts.models import Role, RoleAssignment, User
from binakinerja.core.audit import audit_record
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.testing import make_employee, make_user, response_text
from binakinerja.pdp import export
from binakinerja.pdp.models import CLOCK, Breach, SubjectRequest
from binakinerja.people.models import CareerHistory, Employee

AREAS = [
    "birthplace", "career", "role", "skp", "result", "indicator", "behaviour", "realisation",
    "evidence", "assessment", "followup", "checkin", "competency", "potential", "idp",
    "activity", "enrolment", "reaction", "survey", "cert", "jp", "outside", "facilitator",
    "offer", "reflection", "goal", "session", "feedback", "conflict", "event", "request",
    "breach", "note", "audit", "siasn",
]  # fmt: skip


def _seed(w, person, user, tag: str, *, mentor, program, item, cycle, batch, session):
    """Data in every area for `person`, each text carrying MARK-<tag>-<area>."""
    from binakinerja.competencies.models import (
        Competency,
        CompetencyAssessment,
        DevelopmentActivity,
        IndividualDevelopmentPlan,
        PotentialAssessment,
    )
    from binakinerja.mentoring.models import (
        Conflict,
        Feedback,
        MentoringSession,
        MentorOffer,
        Pair,
        PairGoal,
    )
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
    from binakinerja.programs.models import (
        ReadinessResponse,
        SocialisationAttendance,
        SocialisationEvent,
    )
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

    def m(area):
        return f"MARK-{tag}-{area}"

    Employee.objects.filter(pk=person.pk).update(birth_place=m("birthplace"))
    CareerHistory.objects.create(employee=person, kind="unit", new_value=m("career"))
    RoleAssignment.objects.create(user=user, role=Role.PENYELENGGARA, institution=m("role"))
    skp = Skp.objects.create(employee=person, atasan=w.atasan, year=2026, status="approved",
                             konsekuensi=m("skp"))  # fmt: skip
    result = SkpResult.objects.create(skp=skp, kind="utama", text=m("result"))
    indicator = SkpIndicator.objects.create(
        result=result, aspect="kuantitas", text=m("indicator"), target_value=90
    )
    SkpBehaviour.objects.create(skp=skp, value="berorientasi_pelayanan", expectation=m("behaviour"))
    realisation = SkpRealisation.objects.create(indicator=indicator, period=w.period,
                                                text=m("realisation"))  # fmt: skip
    Evidence.objects.create(realisation=realisation, file="x.pdf", original_name=m("evidence"),
                            size=1)  # fmt: skip
    assessment = SkpAssessment.objects.create(
        skp=skp, period=w.period, hasil_kerja="sesuai", perilaku_kerja="sesuai",
        predikat="baik", reason=m("assessment"), assessed_by=w.atasan,
    )  # fmt: skip
    FollowUp.objects.create(assessment=assessment, kind="coaching", description=m("followup"))
    CheckIn.objects.create(skp=skp, author=w.atasan, text=m("checkin"))
    competency = Competency.objects.order_by("pk").first()
    CompetencyAssessment.objects.create(employee=person, competency=competency, level=2,
                                        assessed_on=dt.date(2026, 1, 5), method="atasan",
                                        evidence=m("competency"))  # fmt: skip
    PotentialAssessment.objects.create(
        employee=person,
        potential="high",
        method="atasan",
        assessed_on=dt.date(2026, 1, 5),
        assessor=m("potential"),
    )
    plan = IndividualDevelopmentPlan.objects.create(employee=person, year=2026,
                                                    return_comment=m("idp"))  # fmt: skip
    DevelopmentActivity.objects.create(plan=plan, title=m("activity"), need_source="gap",
                                       form="klasikal", planned_jp=8, target_month=5)  # fmt: skip
    enrolment = Enrolment.objects.create(batch=batch, employee=person, status="enrolled",
                                         reason=m("enrolment"))  # fmt: skip
    Attendance.objects.create(session=session, enrolment=enrolment, method="manual")
    ReactionResponse.objects.create(enrolment=enrolment, answers={"q1": 4}, comment=m("reaction"))
    BehaviourSurvey.objects.create(enrolment=enrolment, respondent="supervisor",
                                   respondent_employee=w.atasan, due=dt.date(2026, 6, 1),
                                   answers={m("survey"): [2, 4]})  # fmt: skip
    Certificate.objects.create(enrolment=enrolment, number=m("cert"))
    JpRecord.objects.create(employee=person, title=m("jp"), form_code="KL06", jenis_diklat_id=9,
                            start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 1), year=2026,
                            minutes=90, jp=Decimal(2), source="outside")  # fmt: skip
    OutsideActivity.objects.create(employee=person, title=m("outside"), organiser="Kemenkes",
                                   form_code="KL06", start=dt.date(2026, 2, 1),
                                   end=dt.date(2026, 2, 1), minutes=90)  # fmt: skip
    Facilitator.objects.create(institution=batch.program.institution, name=person.name,
                               employee=person, expertise=m("facilitator"))  # fmt: skip
    MentorOffer.objects.create(cycle=cycle, mentor=person, capacity=1, note=m("offer"))
    pair = Pair.objects.create(cycle=cycle, mentor=mentor, mentee=person, status="active",
                               reflection=m("reflection"))  # fmt: skip
    PairGoal.objects.create(pair=pair, text=m("goal"))
    MentoringSession.objects.create(pair=pair, date=dt.date(2026, 2, 3), minutes=60,
                                    topic=m("session"), logged_by=user)  # fmt: skip
    Feedback.objects.create(pair=pair, author_role="mentee", text=m("feedback"), rating=5)
    # What the mentor wrote about the person is the mentor's statement, not exported.
    Feedback.objects.create(pair=pair, author_role="mentor", text=f"MARK-MENTOR-{tag}", rating=4)
    Conflict.objects.create(cycle=cycle, mentor=mentor, mentee=person, reason=m("conflict"))
    ReadinessResponse.objects.create(program=program, employee=person, unit=person.unit,
                                     answered_on=dt.date(2026, 1, 9), answers={str(item.pk): 4},
                                     index=75.0)  # fmt: skip
    event = SocialisationEvent.objects.create(program=program, unit=person.unit,
                                              date=dt.date(2026, 1, 8), title=m("event"),
                                              created_by=w.admin)  # fmt: skip
    SocialisationAttendance.objects.create(event=event, employee=person, recorded_by=w.admin)
    now = timezone.now()
    SubjectRequest.objects.create(employee=person, kind="access", details=m("request"),
                                  channel="online", received_at=now, deadline=now + CLOCK,
                                  filed_by=user)  # fmt: skip
    breach = Breach.objects.create(instansi=w.prov, discovered_at=now, deadline=now + CLOCK,
                                   description=m("breach"), categories=["identity"],
                                   affected_count=1, measures="-")  # fmt: skip
    breach.affected.add(person)
    Notification.objects.create(recipient=user, text=m("note"))
    from binakinerja.siasn.models import SiasnSubmission

    SiasnSubmission.objects.create(kind="skp", assessment=assessment, employee=person, year=2026,
                                   reference=f"performance.skpassessment:{assessment.pk}",
                                   fingerprint="-", status="sent", answer=m("siasn"))  # fmt: skip
    audit_record(actor=w.admin, action="update", instance=person, reason=m("audit"))


@pytest.fixture
def seeded(world):
    from binakinerja.competencies.models import Competency, PositionStandard
    from binakinerja.mentoring.models import MentoringCycle
    from binakinerja.performance.testing import _periods
    from binakinerja.programs.models import Program, ReadinessItem
    from binakinerja.trainings.models import Batch, Institution, Session
    from binakinerja.trainings.models import Program as TrainingProgram

    w = world
    w.period = _periods(w.prov, 2026)["q1"]
    w.peer_user = make_user("rekan")
    Employee.objects.filter(pk=w.asn_peer.pk).update(user=w.peer_user)
    w.asn_peer.refresh_from_db()
    w.asn.refresh_from_db()
    PositionStandard.objects.create(
        position=w.pos_perawat, level=3, competency=Competency.objects.order_by("pk").first()
    )
    Employee.objects.filter(pk=w.asn_peer.pk).update(position=w.pos_perawat)
    institution = Institution.objects.create(name="BPSDM", kind="bpsdm")
    course = TrainingProgram.objects.create(institution=institution, title="Pelayanan",
                                            form_code="KL03", jenis_diklat_id=3)  # fmt: skip
    batch = Batch.objects.create(program=course, name="Angkatan I", year=2026, capacity=30,
                                 start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 3))  # fmt: skip
    session = Session.objects.create(batch=batch, date=dt.date(2026, 3, 2),
                                     start_time=dt.time(8), end_time=dt.time(12))  # fmt: skip
    cycle = MentoringCycle.objects.create(instansi=w.prov, year=2026, name="Siklus",
                                          coordinator=w.admin, start=dt.date(2026, 1, 1),
                                          end=dt.date(2026, 12, 31))  # fmt: skip
    program = Program.objects.create(instansi=w.prov, name="Program", start_year=2026,
                                     end_year=2027, coordinator=w.admin)  # fmt: skip
    item = ReadinessItem.objects.create(program=program, dimension="awareness", text="Paham")
    shared = {"program": program, "item": item, "cycle": cycle, "batch": batch,
              "session": session}  # fmt: skip
    mentor_a = make_employee(w.dikbud, "Mentor Pertama")
    mentor_b = make_employee(w.dikbud, "Mentor Kedua")
    _seed(w, w.asn, w.asn_user, "A", mentor=mentor_a, **shared)
    _seed(w, w.asn_peer, w.peer_user, "B", mentor=mentor_b, **shared)
    # Something A did to B's record is B's data, not A's.
    audit_record(actor=w.asn_user, action="update", instance=w.asn_peer, reason="MARK-B-acted")
    return w


def test_the_export_holds_everything_about_the_person_and_nothing_about_others(seeded, client):
    w = seeded
    client.force_login(w.asn_user)
    peer = Employee.objects.get(pk=w.asn_peer.pk)
    texts = {}
    for fmt in ("json", "xlsx"):
        response = client.get(reverse("pdp:my_data_download", args=[fmt]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        texts[fmt] = response_text(response)
    for fmt, text in texts.items():
        missing = [area for area in AREAS if f"MARK-A-{area}" not in text]
        assert not missing, (fmt, missing)
        assert "MARK-B-" not in text, fmt
        assert "MARK-MENTOR-" not in text, fmt
        assert peer.nip not in text and peer.name not in text, fmt
        assert "Mentor Kedua" not in text, fmt
        assert "Mentor Pertama" in text, fmt  # A's own mentor, by name
    document = json.loads(texts["json"])
    empty = [key for key, section in document["sections"].items() if not section["rows"]]
    assert not empty, empty
    assert document["subject"]["nip"] == w.asn.nip


def test_downloading_is_audited(seeded, client):
    client.force_login(seeded.asn_user)
    client.get(reverse("pdp:my_data_download", args=["xlsx"]))
    entry = AuditLog.objects.filter(action="export", actor=seeded.asn_user).get()
    assert entry.object_type == "people.employee"
    assert entry.object_id == str(seeded.asn.pk)


def test_a_user_without_an_asn_record_gets_their_account(world, client):
    client.force_login(world.operator_a)
    response = client.get(reverse("pdp:my_data_download", args=["json"]))
    document = json.loads(response.content)
    assert document["sections"]["account"]["rows"][0]["username"] == world.operator_a.username
    assert "registry" not in document["sections"]


def test_every_field_that_ties_a_record_to_a_person_is_accounted_for():
    person_models = {Employee, User}
    fields = set()
    for model in apps.get_models():
        if not model.__module__.startswith("binakinerja."):
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in person_models:
                fields.add(f"{model._meta.label_lower}.{field.name}")
    listed = export.EXPORTED_FIELDS | set(export.NOT_EXPORTED)
    assert not fields - listed, sorted(fields - listed)
    assert not listed - fields, sorted(listed - fields)
    assert not export.EXPORTED_FIELDS & set(export.NOT_EXPORTED)
