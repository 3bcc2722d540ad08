"""Certificates of training (issue 13, item 8): the one module that owns their workflow, their
reads and their PDF.

Lifecycle: the institution's staff (or an admin BKPSDM: `selectors.runs_batch`) create a
**draft** for a completed enrolment — one, or every completed participant of a batch at once —
with its number (per institution and year, gap-free: the institution row is locked while the
next number is taken), the result from the post-test and up to two signers ("Nama|NIP|Jabatan":
the head of the institution, and e.g. the Kepala BKPSDM from the setting
`TRAININGS_CERTIFICATE_SIGNER`). **Issuing** checks the program's completion rule again
(attendance and post-test, `rules.completed`), keeps who the participant was (`identity`) and
tells them; **revoking** needs a reason and tells them too. Every change is audited.

Verification: the random `code` (secrets.token_urlsafe, 128 bits) is printed as a QR that opens
the public page `/sertifikat/<code>/`, which shows only the name, the program, the dates and
valid / revoked. Guessing a code is hopeless (2^128), so the page needs no rate limit of its
own; a draft is treated as unknown.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Spacer, Table, TableStyle

from binakinerja.core.audit import audit_entry, audit_record
from binakinerja.core.documents import (
    FONT,
    FONT_BOLD,
    Column,
    OfficialDocument,
    Signer,
    Total,
    grid,
    id_date,
    id_date_range,
    id_number,
    signature_blocks,
    single_signature,
    text,
    title_block,
)
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify
from binakinerja.core.pdf import para
from binakinerja.trainings import rules
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    Certificate,
    Enrolment,
    Institution,
)
from binakinerja.trainings.selectors import (
    can_manage_trainings,
    enrolments_visible_to,
    institution_staff_q,
    institutions_of,
    runs_batch,
)

Status = Certificate.Status
FINISHED_STATUSES = (Batch.Status.FINISHED, Batch.Status.EVALUATED)
NEW_DAYS = 30  # an issued certificate is "new" on the participant's home page this long

MSG_ISSUED = gettext_noop("Your certificate of %(program)s (%(number)s) has been issued.")
MSG_REVOKED = gettext_noop("Your certificate %(number)s was revoked: %(reason)s")


# --- reads --------------------------------------------------------------------------------------


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """Certificates of the enrolments the reader may see (the person through the registry, or
    a batch of the reader's institution), with what a list shows."""
    return Certificate.objects.filter(enrolment__in=enrolments_visible_to(user)).select_related(
        "enrolment__employee", "enrolment__batch__program__institution"
    )


def runs_any_batch(user) -> bool:
    """Managers of trainings and the staff of an institution: who works on certificates."""
    return can_manage_trainings(user) or bool(institutions_of(user))


def certificates_run_by(user) -> QuerySet[Certificate]:
    """Certificates of the batches the reader runs: all for managers, the institution's for
    its staff, none for others."""
    certificates = Certificate.objects.select_related(
        "enrolment__employee", "enrolment__batch__program__institution"
    )
    if can_manage_trainings(user):
        return certificates
    return certificates.filter(
        institution_staff_q(user, "enrolment__batch__program__institution__")
    )


def certificate_get_for_user(user, pk, *, write: bool = False) -> Certificate:
    """One certificate: 404 when its enrolment is out of the reader's reach; with `write`,
    403 unless the reader runs its batch. A draft or a revoked certificate exists only for
    those who run the batch (404 for the participant and their atasan)."""
    certificate = get_object_or_404(
        certificates_visible_to(user).select_related(
            "enrolment__employee__position", "enrolment__employee__unit"
        ),
        pk=pk,
    )
    runner = runs_batch(user, certificate.enrolment.batch)
    if write and not runner:
        raise PermissionDenied
    if certificate.status != Status.ISSUED and not runner:
        raise Http404
    return certificate


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate the public verification page shows: issued or revoked (a draft is not
    a certificate yet, so it is unknown like any other code)."""
    if not code or len(code) > 64:
        return None
    return (
        Certificate.objects.filter(code=code, status__in=(Status.ISSUED, Status.REVOKED))
        .select_related("enrolment__employee", "enrolment__batch__program__institution")
        .first()
    )


def batch_certificate_rows(batch: Batch) -> list[Enrolment]:
    """The completed participants of `batch`, each with `attended` and `certificate` (or
    None): two queries whatever the batch's size."""
    enrolments = list(
        batch.enrolments.filter(status=Enrolment.Status.COMPLETED)
        .select_related("employee")
        .annotate(attended=Count("attendances", filter=Q(attendances__session__batch=batch)))
        .order_by("employee__name", "pk")
    )
    by_enrolment = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment__batch=batch)}
    for enrolment in enrolments:
        enrolment.cert = by_enrolment.get(enrolment.pk)
    return enrolments


def batches_awaiting_certificates(user) -> QuerySet[Batch]:
    """Finished batches the reader runs that have a completed participant without an issued
    (or revoked) certificate: the penyelenggara's to-do."""
    done = Certificate.objects.filter(
        enrolment=OuterRef("pk"), status__in=(Status.ISSUED, Status.REVOKED)
    )
    waiting = Enrolment.objects.filter(batch=OuterRef("pk"), status=Enrolment.Status.COMPLETED)
    waiting = waiting.exclude(Exists(done))
    batches = Batch.objects.filter(status__in=FINISHED_STATUSES).filter(Exists(waiting))
    if not can_manage_trainings(user):
        batches = batches.filter(institution_staff_q(user, "program__institution__"))
    return batches.select_related("program__institution").order_by("-end", "pk")


def new_certificates_of(employee_id) -> QuerySet[Certificate]:
    """The participant's issued certificates of the last `NEW_DAYS` days not yet downloaded."""
    since = timezone.now() - dt.timedelta(days=NEW_DAYS)
    return Certificate.objects.filter(
        enrolment__employee_id=employee_id, status=Status.ISSUED, issued_at__gte=since,
        downloaded_at__isnull=True,
    )  # fmt: skip


# --- who the participant is, the signers --------------------------------------------------------


def participant_identity(employee) -> dict:
    """The lines printed about the participant, as text (kept on the certificate at issue)."""
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.rules import PANGKAT

    unit = employee.unit
    instansi = OrgUnit.objects.filter(path=unit.instansi_path).values_list("name", flat=True)
    instansi = instansi.first() or ""
    golongan = employee.golongan
    if golongan in PANGKAT:
        pangkat = f"{PANGKAT[golongan]} ({golongan})"
    else:
        pangkat = employee.get_golongan_display() if golongan else ""
    birth = ", ".join(p for p in (employee.birth_place, id_date(employee.birth_date)) if p)
    return {
        "nama": employee.full_name,
        "nip": employee.nip_grouped,
        "ttl": birth if employee.birth_date else employee.birth_place,
        "pangkat": pangkat,
        "jabatan": employee.position.name if employee.position_id else "",
        "unit_kerja": unit.name,
        "instansi": instansi if instansi != unit.name else "",
    }


def default_signers(institution: Institution) -> tuple[str, str]:
    """The signers proposed for a batch's certificates: the head of the institution, and the
    second signer of the setting `TRAININGS_CERTIFICATE_SIGNER` ("Nama|NIP|Jabatan")."""
    first = rules.signer_text(
        institution.head_name, institution.head_nip, f"Kepala {institution.name}"
    )
    second = getattr(settings, "TRAININGS_CERTIFICATE_SIGNER", "")
    return first, rules.signer_text(*rules.signer_parts(second))


def _clean_signer(value: str | None) -> str:
    return rules.signer_text(*rules.signer_parts(value or ""))


# --- writes -------------------------------------------------------------------------------------


def _require_runner(actor, batch: Batch) -> None:
    if not runs_batch(actor, batch):
        raise PermissionDenied


def _next_number(institution: Institution, year: int) -> str:
    """The next free number of `institution` in `year`; call with the institution's row
    locked (`select_for_update`), so two drafts never take the same number and none is
    skipped. Numbers of the same prefix and year are counted whichever institution holds them
    (two institutions with the same short name never collide)."""
    prefix = rules.certificate_prefix(institution.name)
    start = f"{prefix}/{year}/"
    last = (
        Certificate.objects.filter(number__startswith=start)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    return rules.certificate_number(
        prefix, year, rules.certificate_sequence(last) + 1 if last else 1
    )


@transaction.atomic
def certificates_create(
    *,
    actor,
    batch: Batch,
    enrolments=None,
    signer_1: str | None = None,
    signer_2: str | None = None,
) -> list[Certificate]:
    """Drafts for the completed participants of `batch` without a certificate (only those of
    `enrolments` when given). Numbers in the participants' name order. Signers default to
    `default_signers`. Returns the drafts made."""
    _require_runner(actor, batch)
    institution = Institution.objects.select_for_update().get(pk=batch.program.institution_id)
    if signer_1 is None or signer_2 is None:
        first, second = default_signers(institution)
        signer_1 = first if signer_1 is None else signer_1
        signer_2 = second if signer_2 is None else signer_2
    signer_1, signer_2 = _clean_signer(signer_1), _clean_signer(signer_2)
    if not signer_1 and not signer_2:
        raise ValidationError(_("Name at least one signer of the certificates."))
    candidates = batch.enrolments.select_related("employee").order_by("employee__name", "pk")
    if enrolments is not None:
        ids = [e.pk for e in enrolments]
        candidates = candidates.filter(pk__in=ids)
        refused = candidates.exclude(status=Enrolment.Status.COMPLETED).first()
        if refused is not None or candidates.count() != len(set(ids)):
            raise ValidationError(
                _("A certificate is made only for a participant who completed the batch.")
            )
    candidates = candidates.filter(status=Enrolment.Status.COMPLETED, certificate__isnull=True)
    program = batch.program
    prefix = rules.certificate_prefix(institution.name)
    year = batch.end.year
    sequence = rules.certificate_sequence(_next_number(institution, year))
    made, entries = [], []
    for enrolment in candidates:
        certificate = Certificate(
            enrolment=enrolment, number=rules.certificate_number(prefix, year, sequence),
            result=rules.certificate_result(enrolment.post_score, program.test_maximum),
            signer_1=signer_1, signer_2=signer_2,
        )  # fmt: skip
        certificate.full_clean()
        certificate.save()
        sequence += 1
        made.append(certificate)
        entries.append(audit_entry(actor=actor, action=AuditLog.Action.CREATE,
                                   instance=certificate,
                                   changes={"number": [None, certificate.number],
                                            "status": [None, Status.DRAFT]}))  # fmt: skip
    AuditLog.objects.bulk_create(entries)
    return made


def completion_problems(enrolment: Enrolment) -> list[str]:
    """Why `enrolment` does not meet its program's completion rule (empty when it does):
    attendance below the minimum share of the sessions, a post-test missing or below the pass
    mark, or a status other than completed."""
    program = enrolment.batch.program
    sessions = enrolment.batch.sessions.count()
    attended = Attendance.objects.filter(
        enrolment=enrolment, session__batch_id=enrolment.batch_id
    ).count()
    problems = []
    if enrolment.status != Enrolment.Status.COMPLETED:
        problems.append(_("the participant has not completed the batch"))
    if rules.completed(attended=attended, sessions=sessions,
                       min_attendance_pct=program.min_attendance_pct) is False:  # fmt: skip
        problems.append(
            _("attended %(attended)s of %(sessions)s sessions (at least %(pct)s%% needed)")
            % {"attended": attended, "sessions": sessions, "pct": program.min_attendance_pct}
        )
    if program.pass_mark is not None:
        if enrolment.post_score is None:
            problems.append(_("no post-test score"))
        elif enrolment.post_score < program.pass_mark:
            problems.append(
                _("post-test %(score)s below the pass mark %(mark)s")
                % {
                    "score": id_number(enrolment.post_score, 2),
                    "mark": id_number(program.pass_mark, 2),
                }  # fmt: skip
            )
    return problems


def _locked(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("enrolment__employee__user", "enrolment__employee__unit",
                        "enrolment__employee__position", "enrolment__batch__program__institution")
        .get(pk=certificate.pk)
    )  # fmt: skip


@transaction.atomic
def certificate_issue(*, actor, certificate: Certificate) -> Certificate:
    """Draft → issued, only when the completion rule is met (refused with the reasons
    otherwise); keeps who the participant is today, refreshes the result and tells them."""
    certificate = _locked(certificate)
    enrolment = certificate.enrolment
    _require_runner(actor, enrolment.batch)
    if certificate.status != Status.DRAFT:
        raise ValidationError(_("Only a draft certificate can be issued."), code="not_draft")
    problems = completion_problems(enrolment)
    if problems:
        raise ValidationError(
            _("The certificate of %(name)s cannot be issued: %(problems)s.")
            % {"name": enrolment.employee.full_name, "problems": "; ".join(problems)},
            code="not_completed",
        )
    program = enrolment.batch.program
    certificate.status = Status.ISSUED
    certificate.issued_at = timezone.now()
    certificate.result = rules.certificate_result(enrolment.post_score, program.test_maximum)
    certificate.identity = participant_identity(enrolment.employee)
    certificate.save(update_fields=["status", "issued_at", "result", "identity"])
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=certificate,
                 changes={"status": [Status.DRAFT, Status.ISSUED]})  # fmt: skip
    notify(
        user=enrolment.employee.user, message=MSG_ISSUED,
        params={"program": program.title, "number": certificate.number},
        link=reverse("trainings:certificate_mine"),
    )  # fmt: skip
    return certificate


def certificates_issue_for_batch(*, actor, batch: Batch) -> tuple[int, list[str]]:
    """Issue every draft of `batch` whose participant meets the completion rule; each in its
    own transaction. Returns (issued, the refusal messages of the others)."""
    _require_runner(actor, batch)
    issued, refused = 0, []
    drafts = Certificate.objects.filter(enrolment__batch=batch, status=Status.DRAFT)
    for certificate in drafts.order_by("number"):
        try:
            certificate_issue(actor=actor, certificate=certificate)
        except ValidationError as error:
            refused.extend(error.messages)
        else:
            issued += 1
    return issued, refused


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Issued → revoked, with the reason (audited; the participant is told). The public page
    then says "dicabut" with the date."""
    certificate = _locked(certificate)
    _require_runner(actor, certificate.enrolment.batch)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking the certificate.")})
    if certificate.status != Status.ISSUED:
        raise ValidationError(_("Only an issued certificate can be revoked."), code="not_issued")
    certificate.status = Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:300]
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason"])
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=certificate,
        changes={"status": [Status.ISSUED, Status.REVOKED]}, reason=reason[:300],
    )  # fmt: skip
    notify(
        user=certificate.enrolment.employee.user, message=MSG_REVOKED,
        params={"number": certificate.number, "reason": reason[:200]},
        link=reverse("trainings:certificate_mine"),
    )  # fmt: skip
    return certificate


def certificate_mark_downloaded(*, certificate: Certificate) -> None:
    """The participant downloaded it: the home page's "new certificate" task ends. Not a
    change of the certificate, so not audited."""
    if certificate.downloaded_at is None:
        Certificate.objects.filter(pk=certificate.pk, downloaded_at__isnull=True).update(
            downloaded_at=timezone.now()
        )


# --- the PDF ------------------------------------------------------------------------------------

INK = colors.HexColor("#0b3d6b")
FRONT_HEIGHT = 178 * mm  # the frame's height on a landscape page (210 mm less the margins)
FRONT_WIDTH = 215 * mm  # the text of page 1, centred (lines across the whole page read badly)
GOLD = colors.HexColor("#b08d2c")


def verification_url(code: str, request=None) -> str:
    """The absolute address of the public verification page: PUBLIC_BASE_URL when set (a
    printed certificate outlives the address it was downloaded from), else the request's."""
    path = reverse("certificates:verify", args=[code])
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    if base:
        return base + path
    return request.build_absolute_uri(path) if request is not None else path


def _style(name, size, *, bold=False, colour=colors.black, leading=None, space=0):
    return ParagraphStyle(
        name, fontName=FONT_BOLD if bold else FONT, fontSize=size, leading=leading or size * 1.25,
        alignment=TA_CENTER, textColor=colour, spaceAfter=space,
    )  # fmt: skip


STYLE = {
    "institution": _style("c_institution", 13, bold=True, colour=INK),
    "address": _style("c_address", 8, colour=colors.HexColor("#444444")),
    "title": _style("c_title", 30, bold=True, colour=INK, leading=34),
    "number": _style("c_number", 10.5),
    "line": _style("c_line", 10.5, leading=14),
    "name": _style("c_name", 18, bold=True, leading=22),
    "program": _style("c_program", 14, bold=True, colour=INK, leading=18),
    "result": _style("c_result", 11, bold=True),
    "label": ParagraphStyle("c_label", fontName=FONT, fontSize=9.5, leading=12),
}


class CertificateDocument(OfficialDocument):
    """The toolkit's document with a certificate's frame: a double border, the QR to the
    verification page at the foot of page 1, and "DRAF" or "DICABUT" across every page."""

    def __init__(self, *args, qr_url: str = "", mark: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.qr_url, self.mark = qr_url, mark

    def draw_frame(self, canvas, total_pages: int) -> None:
        super().draw_frame(canvas, total_pages)
        width, height = self.pagesize
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(2)
        canvas.rect(4 * mm, 4 * mm, width - 8 * mm, height - 8 * mm)
        canvas.setStrokeColor(GOLD)
        canvas.setLineWidth(0.8)
        canvas.rect(5.5 * mm, 5.5 * mm, width - 11 * mm, height - 11 * mm)
        if self.qr_url and canvas.getPageNumber() == 1:
            size = 26 * mm
            widget = QrCodeWidget(self.qr_url, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(
                size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
            )
            drawing.add(widget)
            renderPDF.draw(drawing, canvas, 17 * mm, 22 * mm)
            canvas.setFont(FONT, 6.5)
            canvas.setFillColor(colors.HexColor("#444444"))
            canvas.drawCentredString(17 * mm + size / 2, 19 * mm, "Pindai untuk memeriksa")
            canvas.drawCentredString(17 * mm + size / 2, 16 * mm, "keaslian sertifikat")
        if self.mark:
            canvas.setFont(FONT_BOLD, 110)
            canvas.setFillColor(colors.HexColor("#c0392b" if self.mark == "DICABUT" else "#888888"))
            canvas.setFillAlpha(0.18)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(25)
            canvas.drawCentredString(0, -35, self.mark)
        canvas.restoreState()


def _signer(value: str, key: str, place_date: str = "") -> Signer | None:
    name, nip, position = rules.signer_parts(value)
    if not name:
        return None
    from binakinerja.people.rules import format_nip

    return Signer(role=position or "\u00a0", name=name, nip=format_nip(nip.replace(" ", "")),
                  place_date=place_date, key=key)  # fmt: skip


def _identity_table(identity: dict, width: float):
    rows = [("NIP", identity.get("nip")), ("Tempat, tanggal lahir", identity.get("ttl")),
            ("Pangkat/golongan", identity.get("pangkat")), ("Jabatan", identity.get("jabatan")),
            ("Instansi", ", ".join(p for p in (identity.get("unit_kerja"),
                                              identity.get("instansi")) if p))]  # fmt: skip
    data = [[para(label, STYLE["label"]), para(":", STYLE["label"]),
             para(value or "-", STYLE["label"])] for label, value in rows]  # fmt: skip
    table = Table(data, colWidths=[45 * mm, 5 * mm, width - 50 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (1, 0), (1, -1), 1),
                               ("RIGHTPADDING", (1, 0), (1, -1), 1),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6)]))  # fmt: skip
    return table


def certificate_pdf(certificate: Certificate, *, verify_url: str = "", today=None) -> bytes:
    """The certificate as PDF (landscape A4, two pages): page 1 the certificate itself in the
    STTPP manner — institution, SERTIFIKAT, number, the participant, the program with its
    form, dates, place and JP, the result, the signers (slots "signer_1", "signer_2") and the
    QR to `verify_url`; page 2 the modules with their JP and the total. A draft says "DRAF"
    across the pages, a revoked one "DICABUT"."""
    enrolment = certificate.enrolment
    batch = enrolment.batch
    program = batch.program
    institution = program.institution
    identity = certificate.identity or participant_identity(enrolment.employee)
    modules = list(program.modules.order_by("order", "pk").values_list("name", "jp"))
    total_jp = sum(jp for _name, jp in modules)
    form = rules.FORMS.get(program.form_code)
    mark = {Status.DRAFT: "DRAF", Status.REVOKED: "DICABUT"}.get(certificate.status, "")
    document = CertificateDocument(
        title=f"Sertifikat {certificate.number}", government=institution.name,
        printed_at=today, landscape=True,
        qr_url=verify_url or verification_url(certificate.code), mark=mark,
    )  # fmt: skip
    width = document.width_mm * mm
    signed_on = certificate.issued_at or timezone.now()
    place = getattr(settings, "TRAININGS_CERTIFICATE_PLACE", "") or "Gorontalo"
    place_date = f"{place}, {id_date(timezone.localtime(signed_on))}"
    first = _signer(certificate.signer_1, "signer_1", place_date)
    second = _signer(certificate.signer_2, "signer_2")
    if first is None and second is not None:
        second.place_date, second.key = place_date, "signer_2"
    if first and second:
        signatures = signature_blocks(second, first, width_mm=190)
    else:
        signatures = single_signature(first or second, width_mm=190)

    how = "klasikal" if form is None or form.klasikal else "nonklasikal"
    kind = f" ({form.name})" if form else ""
    details = (
        f"yang diselenggarakan oleh {institution.name} secara {how}{kind} "
        f"pada tanggal {id_date_range(batch.start, batch.end)}"
        + (f" di {batch.place}" if batch.place else "")
        + f", sebanyak {id_number(total_jp)} jam pelajaran (JP)"
    )
    front = [
        para(institution.name, STYLE["institution"], upper=True),
        para(institution.address, STYLE["address"]) if institution.address else Spacer(1, 1),
        Spacer(1, 8 * mm),
        para("SERTIFIKAT", STYLE["title"]),
        para(f"Nomor: {certificate.number}", STYLE["number"]),
        Spacer(1, 6 * mm),
        para("diberikan kepada:", STYLE["line"]),
        Spacer(1, 2 * mm),
        para(identity.get("nama"), STYLE["name"]),
        Spacer(1, 3 * mm),
        _identity_table(identity, 150 * mm),
        Spacer(1, 5 * mm),
        para("telah mengikuti", STYLE["line"]),
        Spacer(1, 1.5 * mm),
        para(program.title, STYLE["program"]),
        Spacer(1, 1.5 * mm),
        para(details, STYLE["line"]),
        Spacer(1, 3 * mm),
        para(f"dengan hasil: {certificate.result or 'Lulus'}", STYLE["result"]),
    ]
    # Page 1 never spills over: what stands above the signatures shrinks when a long title
    # or long names would push them onto a page of their own.
    signatures_height = sum(part.wrap(width, FRONT_HEIGHT)[1]  # KeepTogether's parts
                            for part in getattr(signatures, "_content", [signatures]))  # fmt: skip
    story = [KeepInFrame(FRONT_WIDTH, FRONT_HEIGHT - signatures_height - 2 * mm, front,
                         mode="shrink", hAlign="CENTER"),
             signatures, PageBreak()]  # fmt: skip
    story += title_block("Daftar Mata Pelatihan", program.title)
    story += [
        text(
            f"Lampiran sertifikat nomor {certificate.number} atas nama {identity.get('nama')}",
            "centre",
        ),
        Spacer(1, 4 * mm),
        grid(
            [
                Column("No.", 12, "right"),
                Column("Mata Pelatihan", document.width_mm - 40),
                Column("Jumlah JP", 28, "right"),
            ],
            [[n, name, jp] for n, (name, jp) in enumerate(modules, start=1)]
            + [Total(["", "JUMLAH", total_jp])],
        ),  # fmt: skip
        Spacer(1, 5 * mm),
        text("1 JP (jam pelajaran) = 45 menit.", "small"),
        text(
            "Keaslian sertifikat ini dapat diperiksa dengan memindai kode QR pada halaman "
            f"pertama atau membuka {document.qr_url}",
            "small",
        ),  # fmt: skip
    ]
    return document.build(story)


def signed_version(certificate: Certificate) -> str:
    """The state an electronic signature covers: status and issue time. A revoked certificate
    no longer matches its signed copy, so its download is the PDF marked "DICABUT"."""
    issued = certificate.issued_at.isoformat() if certificate.issued_at else ""
    return f"{certificate.status}:{issued}"


def certificate_filename(certificate: Certificate) -> str:
    return f"sertifikat-{certificate.number.replace('/', '-')}.pdf"
