"""Attendance of training sessions (issue 13, item 5): the rotating QR code of a session, the
participant's scan, marking by hand, closing. This module owns the attendance workflow.

**The code.** The session screen shows a QR that changes every `WINDOW_SECONDS` (30). It
encodes `/pelatihan/hadir/<code>/` with code = `<session>.<window>.<nonce>.<mac>`: the session
id and the time window (unix time // 30) in base 36, a random nonce, and an HMAC-SHA256 of
those three parts keyed with SECRET_KEY and the session's own `secret` (first 128 bits,
url-safe base64). So a code is

- bound to its session: another session's key gives another mac, and an edited id breaks it;
- time-limited: accepted in its own window and in the next one (one window of grace, so a
  code read in the last second on the screen still works while the phone opens the page);
  from the window after that on it is "expired" — 30 to 60 seconds after it appeared;
- unforgeable without SECRET_KEY and the session's secret (a new secret voids old codes).

**The replay rule.** A code is shown on a screen to a whole room, so every participant present
uses the same code (nonce) during its window: that is intended, not a replay. What no code can
do is record a person twice: attendance is one row per session and enrolment (a database
constraint), and a second scan by the same person — the same code or a later one — answers
"already recorded" and writes nothing. The row keeps the nonce it was recorded with
(`code_nonce`), so the penyelenggara can see which screen code recorded whom. A photo of the
code sent to someone outside the room works for a minute at most; the hand-marked list lets
the penyelenggara take a wrong record off before closing the session.
"""

from __future__ import annotations

import base64
import dataclasses
import secrets
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_entry, audit_record
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.trainings.models import Attendance, Enrolment, Session
from binakinerja.trainings.selectors import batches_visible_to, runs_batch

WINDOW_SECONDS = 30
GRACE_WINDOWS = 1  # a code is accepted in its own window and this many after it
NONCE_BYTES = 6  # 8 url-safe characters
MAC_BYTES = 16
KEY_SALT = "binakinerja.trainings.attendance"
# Who may sit in a session: enrolled, or already judged at the end of the batch.
PARTICIPANT_STATUSES = (
    Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED, Enrolment.Status.NOT_COMPLETED
)  # fmt: skip


class AttendanceRefused(ValidationError):
    """A scan that records nothing; `code` says why (expired, invalid, not_enrolled, closed,
    no_employee) and the message says it in the participant's language."""


def _refused(code: str) -> AttendanceRefused:
    messages = {
        "expired": _("The QR code has expired; scan the code now on the screen."),
        "invalid": _("This QR code is not valid for this session."),
        "not_enrolled": _("You are not a participant of this batch."),
        "closed": _("The attendance list of this session is closed."),
        "no_employee": _("Your account is not linked to an ASN record, so no attendance can be "
                         "recorded for it."),
    }  # fmt: skip
    return AttendanceRefused(messages[code], code=code)


# --- the code ------------------------------------------------------------------------------------


def window_of(now: float | None = None) -> int:
    """The 30-second window `now` (unix time; the clock when None) falls in."""
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def seconds_left(now: float | None = None) -> int:
    """Whole seconds until the next window starts (1–30): when the screen fetches a new code."""
    now = time.time() if now is None else now
    return int(WINDOW_SECONDS - now % WINDOW_SECONDS) or WINDOW_SECONDS


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _mac(session: Session, payload: str) -> str:
    digest = salted_hmac(KEY_SALT, payload, secret=settings.SECRET_KEY + session.secret,
                         algorithm="sha256").digest()  # fmt: skip
    return base64.urlsafe_b64encode(digest[:MAC_BYTES]).decode().rstrip("=")


def attendance_code(session: Session, *, now: float | None = None, nonce: str = "") -> str:
    """The signed code of `session` for the window of `now`, with a fresh random nonce."""
    nonce = nonce or secrets.token_urlsafe(NONCE_BYTES)
    payload = f"{_b36(session.pk)}.{_b36(window_of(now))}.{nonce}"
    return f"{payload}.{_mac(session, payload)}"


@dataclasses.dataclass(frozen=True)
class Reading:
    """A code that passed every check: its session, window and nonce."""

    session: Session
    window: int
    nonce: str


def code_session_id(code: str) -> int | None:
    """The session id a code names (unchecked), or None for text that is no code."""
    parts = code.split(".")
    if len(parts) != 4 or not all(parts):
        return None
    try:
        return int(parts[0], 36)
    except ValueError:
        return None


def code_read(code: str, session: Session | None, *, now: float | None = None) -> Reading:
    """Check `code` against `session` (the one it names, or the one the caller expects):
    AttendanceRefused "invalid" for a code of another session, edited or forged, "expired"
    for a genuine code older than its window and the grace window."""
    parts = code.split(".")
    if session is None or code_session_id(code) != session.pk or len(parts[2]) > 32:
        raise _refused("invalid")
    payload = ".".join(parts[:3])
    if not constant_time_compare(_mac(session, payload), parts[3]):
        raise _refused("invalid")
    try:
        window = int(parts[1], 36)
    except ValueError:
        raise _refused("invalid") from None
    age = window_of(now) - window
    if age > GRACE_WINDOWS:
        raise _refused("expired")
    if age < -1:  # a window in the future: only a clock far off (or a forgery) makes one
        raise _refused("invalid")
    return Reading(session=session, window=window, nonce=parts[2])


def scan_path(code: str) -> str:
    return reverse("trainings:attendance_scan", args=[code])


def qr_svg(text: str) -> str:
    """`text` as a QR code in inline SVG (no size attributes: CSS sizes it), drawn on the
    server by segno, dark on white so it also reads on a dark projector theme."""
    import segno

    return segno.make(text, error="m").svg_inline(
        scale=1, border=3, omitsize=True, dark="#000", light="#fff", svgclass="qr"
    )


# --- reads ---------------------------------------------------------------------------------------


def session_get_for_user(user, pk, *, write: bool = False, screen: bool = False) -> Session:
    """One session, through its batch: 404 when the batch is not visible. With `write`
    (marking, closing) 403 unless the reader runs the batch; with `screen` (showing the QR)
    the session's own facilitator may too."""
    session = get_object_or_404(
        Session.objects.select_related("batch__program__institution", "facilitator", "module")
        .filter(batch__in=batches_visible_to(user)),
        pk=pk,
    )  # fmt: skip
    if write or screen:
        facilitates = bool(
            screen and session.facilitator_id and session.facilitator.user_id == user.pk
        )
        if not (facilitates or runs_batch(user, session.batch)):
            raise PermissionDenied
    return session


def session_roster(session: Session) -> QuerySet[Enrolment]:
    """The participants of `session`'s batch by name, each with `present` (bool), in one
    query; the method and time of their attendance come from `attendance_of(session)`."""
    return (
        Enrolment.objects.filter(batch_id=session.batch_id, status__in=PARTICIPANT_STATUSES)
        .select_related("employee__unit")
        .annotate(present=Exists(Attendance.objects.filter(session=session,
                                                           enrolment=OuterRef("pk"))))
        .order_by("employee__name", "pk")
    )  # fmt: skip


def attendance_of(session: Session) -> dict[int, Attendance]:
    """{enrolment id: attendance} of a session, one query."""
    return {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}


def present_count(session: Session) -> int:
    return Attendance.objects.filter(session=session).count()


# --- writes --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    created: bool  # False: the person was already recorded; nothing was written


def attendance_check_in(*, user, code: str, now: float | None = None) -> CheckIn:
    """The participant `user` scanned `code`: recorded present (method QR, the code's nonce)
    when the code is genuine and current, they are a participant of the session's batch and
    the list is open. Already recorded: the existing row, nothing written. Otherwise
    AttendanceRefused with the reason."""
    session_id = code_session_id(code)
    session = (
        Session.objects.select_related("batch__program").filter(pk=session_id).first()
        if session_id is not None
        else None
    )
    reading = code_read(code, session, now=now)
    employee_id = reach_of(user).employee_id
    if not employee_id:
        raise _refused("no_employee")
    enrolment = Enrolment.objects.filter(
        batch_id=session.batch_id, employee_id=employee_id, status__in=PARTICIPANT_STATUSES
    ).first()
    if enrolment is None:
        raise _refused("not_enrolled")
    existing = Attendance.objects.filter(session=session, enrolment=enrolment).first()
    if existing is not None:
        return CheckIn(existing, created=False)
    if session.attendance_closed:
        raise _refused("closed")
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session, enrolment=enrolment, method=Attendance.Method.QR,
                marked_by=user, code_nonce=reading.nonce,
            )  # fmt: skip
            audit_record(
                actor=user, action="create", instance=attendance,
                changes={"method": [None, "qr"], "code_nonce": [None, reading.nonce]},
            )  # fmt: skip
    except IntegrityError:  # the same person's second scan raced the first
        return CheckIn(Attendance.objects.get(session=session, enrolment=enrolment), False)
    return CheckIn(attendance, created=True)


def _require_open(session: Session) -> None:
    if session.attendance_closed:
        raise ValidationError(_("The attendance list of this session is closed."), code="closed")


@transaction.atomic
def attendance_mark(*, actor, session: Session, present: set[int], shown_present: set[int]):
    """The penyelenggara's list: participants ticked in `present` and not yet recorded are
    marked present by hand; those shown as present (`shown_present`) and now unticked are
    taken off. A participant who scanned after the list was shown is in neither set and keeps
    their record. Returns (added, removed). Every change audited; refused once closed."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _require_open(session)
    participants = set(
        Enrolment.objects.filter(batch_id=session.batch_id, status__in=PARTICIPANT_STATUSES)
        .values_list("pk", flat=True)
    )  # fmt: skip
    if not (present | shown_present) <= participants:
        raise ValidationError(_("Only participants of this batch can be marked."))
    recorded = set(
        Attendance.objects.filter(session=session).values_list("enrolment_id", flat=True)
    )
    to_add = sorted(present - recorded)
    to_remove = sorted((shown_present - present) & recorded)
    created = Attendance.objects.bulk_create(
        [
            Attendance(
                session=session, enrolment_id=pk, method=Attendance.Method.MANUAL, marked_by=actor
            )
            for pk in to_add
        ]  # fmt: skip
    )
    removed = list(Attendance.objects.filter(session=session, enrolment_id__in=to_remove))
    Attendance.objects.filter(pk__in=[a.pk for a in removed]).delete()
    entries = [
        audit_entry(actor=actor, action="create", instance=a, object_repr=str(session),
                    changes={"enrolment": [None, a.enrolment_id], "method": [None, a.method]})
        for a in created
    ] + [
        audit_entry(actor=actor, action="delete", instance=a, object_repr=str(session),
                    changes={"enrolment": [a.enrolment_id, None], "method": [a.method, None]})
        for a in removed
    ]  # fmt: skip
    AuditLog.objects.bulk_create(entries)
    return len(created), len(removed)


@transaction.atomic
def attendance_close(*, actor, session: Session) -> int:
    """Close the attendance list of `session` (no more scans or marks); returns the number
    present. Audited."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _require_open(session)
    session.attendance_closed = True
    session.save(update_fields=["attendance_closed"])
    present = Attendance.objects.filter(session=session).count()
    audit_record(
        actor=actor, action="update", instance=session,
        changes={"attendance_closed": [False, True], "present": [None, present]},
    )  # fmt: skip
    return present


# --- home-page tasks (one query each) ------------------------------------------------------------


def sessions_this_week(employee_id: int, today) -> list[Session]:
    """The employee's sessions from today to six days on (as a participant), in order."""
    import datetime as dt

    return list(
        Session.objects.filter(
            batch__enrolments__employee_id=employee_id,
            batch__enrolments__status=Enrolment.Status.ENROLLED,
            date__gte=today, date__lte=today + dt.timedelta(days=6),
        )
        .select_related("batch__program", "module")
        .order_by("date", "start_time", "pk")[:20]
    )  # fmt: skip


def sessions_to_close(institution_names: list[str], today) -> list[tuple[int, int]]:
    """(session id, batch id) of the institutions' sessions whose day has passed and whose
    attendance list is still open, oldest first (at most 100)."""
    return list(
        Session.objects.filter(
            batch__program__institution__name__in=institution_names, date__lt=today,
            attendance_closed=False,
        )
        .order_by("date", "start_time", "pk")
        .values_list("pk", "batch_id")[:100]
    )  # fmt: skip
