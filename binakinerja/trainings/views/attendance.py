"""Attendance pages: the batch's sessions, a session's list (mark by hand, close), the QR
screen with its rotating code (an HTMX fragment that fetches the next code when the window
turns) and the participant's scan page. Rules and writes in `trainings.attendance`."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.trainings import attendance as att
from binakinerja.trainings.models import Session
from binakinerja.trainings.selectors import batch_get_for_user


def _ids(values) -> set[int]:
    return {int(v) for v in values if str(v).isdigit()}


@login_required
@require_GET
def batch_attendance(request, pk: int):
    """The sessions of a batch with who is present and whether each list is closed."""
    batch = batch_get_for_user(request.user, pk, write=True)
    sessions = (
        Session.objects.filter(batch=batch)
        .select_related("module", "facilitator")
        .annotate(present=Count("attendances"))
    )
    participants = batch.enrolments.filter(status__in=att.PARTICIPANT_STATUSES).count()
    context = {"batch": batch, "sessions": sessions, "participants": participants}
    return render(request, "trainings/attendance_batch.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, pk: int):
    """A session's list of participants: tick who is present (by hand), untick a wrong
    record; the QR screen and the closing are linked from here."""
    session = att.session_get_for_user(request.user, pk, write=True)
    if request.method == "POST":
        try:
            added, removed = att.attendance_mark(
                actor=request.user, session=session,
                present=_ids(request.POST.getlist("present")),
                shown_present=_ids(request.POST.getlist("shown_present")),
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = _("Attendance saved: %(added)d marked present, %(removed)d taken off.")
            messages.success(request, message % {"added": added, "removed": removed})
        return redirect("trainings:session_attendance", pk=session.pk)
    roster = list(att.session_roster(session))
    records = att.attendance_of(session)
    for enrolment in roster:
        enrolment.record = records.get(enrolment.pk)
    context = {
        "session": session, "batch": session.batch, "roster": roster,
        "present": sum(1 for e in roster if e.present),
    }  # fmt: skip
    return render(request, "trainings/attendance_session.html", context)


@login_required
@require_POST
def session_attendance_close(request, pk: int):
    session = att.session_get_for_user(request.user, pk, write=True)
    try:
        present = att.attendance_close(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The attendance list is closed: %(present)d present.")
                         % {"present": present})  # fmt: skip
    return redirect("trainings:session_attendance", pk=session.pk)


def _qr_context(request, session: Session) -> dict:
    code = att.attendance_code(session)
    path = att.scan_path(code)
    url = (settings.PUBLIC_BASE_URL.rstrip("/") + path) if settings.PUBLIC_BASE_URL else (
        request.build_absolute_uri(path)
    )  # fmt: skip
    return {
        "session": session, "qr": att.qr_svg(url), "scan_url": url,
        # The next code is fetched when this window turns (+1 s): every code stays on the
        # screen for one window and is still accepted for one more.
        "refresh_in": att.seconds_left() + 1, "present": att.present_count(session),
        "participants": session.batch.enrolments.filter(
            status__in=att.PARTICIPANT_STATUSES).count(),
    }  # fmt: skip


@login_required
@require_GET
def session_qr_screen(request, pk: int):
    """The QR screen shown on the projector or the facilitator's tablet."""
    session = att.session_get_for_user(request.user, pk, screen=True)
    return render(request, "trainings/attendance_qr.html", _qr_context(request, session))


@login_required
@require_GET
def session_qr(request, pk: int):
    """The QR fragment: the current code and how many are present (HTMX polling)."""
    session = att.session_get_for_user(request.user, pk, screen=True)
    return render(request, "trainings/attendance_qr_code.html", _qr_context(request, session))


@login_required
@require_GET
def attendance_scan(request, code: str):
    """A participant opened the code of the screen on their phone: recorded at once (the
    scan is the act; the signed, minute-long code is the proof of presence), or a clear
    refusal. Opening it again says "already recorded" and writes nothing."""
    try:
        check_in = att.attendance_check_in(user=request.user, code=code)
    except att.AttendanceRefused as refusal:
        context = {"refused": refusal.messages[0], "reason": refusal.code}
        return render(request, "trainings/attendance_scan.html", context, status=400)
    session = check_in.attendance.session
    context = {"check_in": check_in, "session": session, "batch": session.batch}
    return render(request, "trainings/attendance_scan.html", context)
