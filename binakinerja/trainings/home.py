"""The trainings tasks of the home page (`core.home`). Each area adds its own
`_<area>_tasks(user, reach)` and calls it from `tasks`; every function costs a fixed number of
queries whatever the scope (aggregate in SQL)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from binakinerja.core.home import MINE, WAITING, Task
from binakinerja.trainings.models import Program
from binakinerja.trainings.selectors import can_manage_trainings, institutions_of


def tasks(user, reach) -> list[Task]:
    return [
        *_program_tasks(user, reach),
        *_certificate_tasks(user, reach),
        *_attendance_evaluation_tasks(user, reach),
        *_batch_tasks(user, reach),
        *_ledger_tasks(user, reach),
    ]


def _program_tasks(user, reach) -> list[Task]:
    """Penyelenggara: their institution's programs returned for revision; admins BKPSDM: the
    programs awaiting review. One query each."""
    found: list[Task] = []
    if reach.is_penyelenggara:
        names = institutions_of(user)
        returned = (
            Program.objects.filter(
                status=Program.Status.RETURNED, institution__name__in=names
            ).count()
            if names
            else 0
        )
        if returned:
            found.append(
                Task(
                    title=ngettext(
                        "Revise %(n)s training program returned by BKPSDM",
                        "Revise %(n)s training programs returned by BKPSDM",
                        returned,
                    )
                    % {"n": returned},
                    url=reverse("trainings:program_list") + "?status=returned",
                    count=returned,
                    kind=MINE,
                )
            )
    if can_manage_trainings(user):
        waiting = Program.objects.filter(status=Program.Status.SUBMITTED).count()
        if waiting:
            found.append(
                Task(
                    title=ngettext(
                        "Review %(n)s training program",
                        "Review %(n)s training programs",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("trainings:program_list") + "?status=submitted",
                    count=waiting,
                    kind=WAITING,
                )
            )
    return found


def _batch_tasks(user, reach, today=None) -> list[Task]:
    """Batches and nominations (enrolment.py): operators, the batches open for nominations
    whose OPD quota is not yet filled, soonest closing first; atasan, the nominations awaiting
    their agreement; penyelenggara, their batches due to start or to finish. At most four
    queries whatever the scope."""
    import datetime as dt

    from django.db.models import Count, Q
    from django.db.models.functions import Substr
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from binakinerja.core.home import ADMIN
    from binakinerja.core.scoping import paths_q
    from binakinerja.organizations.models import OPD_PATH_LENGTH
    from binakinerja.trainings.enrolment import nominations_awaiting
    from binakinerja.trainings.models import Batch, BatchQuota, Enrolment

    today = today or timezone.localdate()
    found: list[Task] = []
    if reach.operator_paths:
        quotas = list(
            BatchQuota.objects.filter(
                paths_q(reach.operator_paths, "opd__"), batch__status=Batch.Status.OPEN,
                batch__start__gt=today,
            )
            .filter(Q(batch__nominations_close__isnull=True)
                    | Q(batch__nominations_close__gte=today))
            .select_related("batch__program", "opd")
            .order_by("batch__nominations_close", "batch__start", "pk")[:50]
        )  # fmt: skip
        taken = {}
        if quotas:
            rows = (
                Enrolment.objects.filter(
                    batch__in={q.batch_id for q in quotas},
                    status__in=(Enrolment.Status.NOMINATED, Enrolment.Status.ENROLLED),
                )
                .annotate(opd_path=Substr("employee__unit__path", 1, OPD_PATH_LENGTH))
                .values_list("batch_id", "opd_path")
                .annotate(n=Count("pk"))
                .order_by()
            )
            taken = {(batch_id, path): n for batch_id, path, n in rows}
        open_quotas = [q for q in quotas if taken.get((q.batch_id, q.opd.path), 0) < q.seats]
        for quota in open_quotas[:3]:
            close = quota.batch.nominations_close or quota.batch.start - dt.timedelta(days=1)
            days = (close - today).days
            free = quota.seats - taken.get((quota.batch_id, quota.opd.path), 0)
            found.append(Task(
                title=_("Nominate participants for %(batch)s") % {"batch": str(quota.batch)},
                detail=ngettext(
                    "%(opd)s: %(free)s of %(seats)s seats not yet proposed; nominations close "
                    "in %(days)s day.",
                    "%(opd)s: %(free)s of %(seats)s seats not yet proposed; nominations close "
                    "in %(days)s days.", days,
                ) % {"opd": quota.opd.name, "free": free, "seats": quota.seats, "days": days},
                url=reverse("trainings:nominate", args=[quota.batch_id, quota.opd_id]),
                count=free, kind=MINE,
            ))  # fmt: skip
    if reach.employee_id or reach.can_manage_registry:
        waiting = nominations_awaiting(user).count()
        if waiting:
            found.append(Task(
                title=ngettext("%(n)s training nomination awaits your agreement",
                               "%(n)s training nominations await your agreement", waiting)
                % {"n": waiting},
                url=reverse("trainings:nomination_inbox"), count=waiting, kind=WAITING,
            ))  # fmt: skip
    if reach.is_penyelenggara:
        names = institutions_of(user)
        due = list(
            Batch.objects.filter(program__institution__name__in=names)
            .filter(Q(status=Batch.Status.OPEN, start__lte=today)
                    | Q(status=Batch.Status.RUNNING, end__lte=today))
            .select_related("program").order_by("start", "pk")[:20]
        ) if names else []  # fmt: skip
        to_start = [b for b in due if b.status == Batch.Status.OPEN]
        to_finish = [b for b in due if b.status == Batch.Status.RUNNING]
        if to_start:
            found.append(Task(
                title=ngettext("Start %(n)s training batch", "Start %(n)s training batches",
                               len(to_start)) % {"n": len(to_start)},
                detail=str(to_start[0]),
                url=reverse("trainings:batch_detail", args=[to_start[0].pk]),
                count=len(to_start), kind=ADMIN,
            ))  # fmt: skip
        if to_finish:
            found.append(Task(
                title=ngettext("Finish %(n)s training batch and decide completion",
                               "Finish %(n)s training batches and decide completion",
                               len(to_finish)) % {"n": len(to_finish)},
                detail=str(to_finish[0]),
                url=reverse("trainings:batch_detail", args=[to_finish[0].pk]),
                count=len(to_finish), kind=ADMIN,
            ))  # fmt: skip
    return found


def _ledger_tasks(user, reach, today=None) -> list[Task]:
    """The JP ledger (ledger.py): the ASN below the yearly target in the second half of the
    year and their outside activities awaiting evidence or returned; admins BKPSDM the
    proposals awaiting recognition; operators, after September, how many ASN of their OPD are
    below the target. At most five queries, whatever the size of the OPD."""
    from django.db.models import Count, Sum
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from binakinerja.core.home import TEAM
    from binakinerja.core.scoping import paths_q
    from binakinerja.people.models import Employee
    from binakinerja.trainings import ledger
    from binakinerja.trainings.models import JpRecord, OutsideActivity

    today = today or timezone.localdate()
    year, target = today.year, ledger.jp_target()
    found: list[Task] = []
    me = reach.employee_id
    if me:
        if today.month >= 7:
            done = JpRecord.objects.filter(employee_id=me, year=year).aggregate(t=Sum("jp"))["t"]
            done = done or 0
            if done < target:
                found.append(Task(
                    title=_("Your JP are only %(done)s of %(target)s this year")
                    % {"done": f"{done:g}", "target": target},
                    detail=_("%(missing)s JP missing, %(days)d days left in the year.")
                    % {"missing": f"{target - done:g}", "days": ledger.days_left(year, today)},
                    url=reverse("trainings:jp_mine", args=[year]), kind=MINE,
                ))  # fmt: skip
        counts = dict(
            OutsideActivity.objects.filter(
                employee_id=me,
                status__in=[OutsideActivity.Status.PROPOSED, OutsideActivity.Status.REJECTED],
            )
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        url = reverse("trainings:jp_mine", args=[year])
        if n := counts.get(OutsideActivity.Status.PROPOSED):
            found.append(Task(
                title=ngettext("Upload the evidence of %(n)s outside activity",
                               "Upload the evidence of %(n)s outside activities", n) % {"n": n},
                url=url, count=n, kind=MINE,
            ))  # fmt: skip
        if n := counts.get(OutsideActivity.Status.REJECTED):
            found.append(Task(
                title=ngettext("%(n)s outside activity returned by BKPSDM",
                               "%(n)s outside activities returned by BKPSDM", n) % {"n": n},
                detail=_("Read the note, then send better evidence or withdraw it."),
                url=url, count=n, kind=MINE,
            ))  # fmt: skip
    if can_manage_trainings(user):
        waiting = ledger.outside_awaiting_recognition(user).count()
        if waiting:
            found.append(Task(
                title=ngettext("Recognise the JP of %(n)s outside activity",
                               "Recognise the JP of %(n)s outside activities", waiting)
                % {"n": waiting},
                url=reverse("trainings:outside_inbox"), count=waiting, kind=WAITING,
            ))  # fmt: skip
    if reach.operator_paths and today.month >= 10:
        below = (
            Employee.objects.filter(paths_q(reach.operator_paths, "unit__"))
            .exclude(state__in=ledger.GONE_STATES)
            .annotate(jp_done=ledger.jp_total_expression(year))
            .filter(jp_done__lt=target)
            .count()
        )
        if below:
            from binakinerja.organizations.models import OrgUnit

            root = OrgUnit.objects.filter(path=reach.operator_paths[0]).first()
            found.append(Task(
                title=ngettext("%(n)s ASN of your OPD below %(target)s JP",
                               "%(n)s ASN of your OPD below %(target)s JP", below)
                % {"n": below, "target": target},
                detail=_("%(days)d days left in the year; their allowance (TPP) is at risk.")
                % {"days": ledger.days_left(year, today)},
                url=reverse("trainings:jp_compliance", args=[root.pk, year]) if root
                else reverse("trainings:jp_compliance_start"),
                count=below, kind=TEAM,
            ))  # fmt: skip
    return found


def _certificate_tasks(user, reach) -> list[Task]:
    """Penyelenggara: finished batches of their institution with completed participants who
    have no issued certificate yet; the participant: a certificate issued in the last 30 days
    and not yet downloaded. One query each."""
    from binakinerja.trainings.certificates import (
        batches_awaiting_certificates,
        new_certificates_of,
    )

    found: list[Task] = []
    if reach.is_penyelenggara and institutions_of(user):
        waiting = batches_awaiting_certificates(user).count()
        if waiting:
            found.append(
                Task(
                    title=ngettext(
                        "Issue the certificates of %(n)s finished batch",
                        "Issue the certificates of %(n)s finished batches",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("trainings:certificate_list"),
                    count=waiting,
                    kind=MINE,
                )
            )
    if reach.employee_id:
        new = new_certificates_of(reach.employee_id).count()
        if new:
            found.append(
                Task(
                    title=ngettext(
                        "Download %(n)s new training certificate",
                        "Download %(n)s new training certificates",
                        new,
                    )
                    % {"n": new},
                    url=reverse("trainings:certificate_mine"),
                    count=new,
                    kind=MINE,
                )
            )
    return found


def _attendance_evaluation_tasks(user, reach) -> list[Task]:
    """Participant: sessions this week (with the place or link), L1 and L3 questionnaires to
    fill; atasan: L3 of their staff; penyelenggara: attendance lists to close, post-tests
    missing; operators: re-assessments due after training. One query each."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from binakinerja.core.home import TEAM
    from binakinerja.trainings.attendance import sessions_this_week, sessions_to_close
    from binakinerja.trainings.evaluation import (
        batches_missing_scores,
        behaviour_open,
        reactions_of,
        reassessments_open,
    )

    found: list[Task] = []
    today = timezone.localdate()
    me = reach.employee_id
    if me:
        sessions = sessions_this_week(me, today)
        if sessions:
            first = sessions[0]
            where = first.place or first.online_link or first.batch.place
            found.append(Task(
                title=ngettext("%(n)s training session this week",
                               "%(n)s training sessions this week",
                               len(sessions)) % {"n": len(sessions)},
                detail=_("Next: %(program)s, %(day)s %(time)s, %(where)s") % {
                    "program": first.batch.program.title,
                    "day": date_format(first.date, "l, j F"),
                    "time": first.start_time.strftime("%H:%M"), "where": where or "–"},
                url=reverse("trainings:batch_detail", args=[first.batch_id]),
                count=len(sessions), kind=MINE,
            ))  # fmt: skip
        pending = [e for e in reactions_of(me, today=today) if not e.reaction_done]
        if pending:
            url = (reverse("trainings:reaction_form", args=[pending[0].batch_id])
                   if len(pending) == 1 else reverse("trainings:my_evaluations"))  # fmt: skip
            found.append(Task(
                title=ngettext("Fill in the questionnaire of %(n)s training",
                               "Fill in the questionnaires of %(n)s trainings",
                               len(pending)) % {"n": len(pending)},
                detail=pending[0].batch.program.title, url=url, count=len(pending), kind=MINE,
            ))  # fmt: skip
        surveys = behaviour_open(me)
        own = [s for s in surveys if s[1] == "alumnus"]
        staff = [s for s in surveys if s[1] == "supervisor"]
        for group, title, kind in (
            (own, ngettext("Rate how you use %(n)s training in your work (L3)",
                           "Rate how you use %(n)s trainings in your work (L3)", len(own)), MINE),
            (staff, ngettext("Rate the work of %(n)s staff member after training (L3)",
                             "Rate the work of %(n)s staff members after training (L3)",
                             len(staff)), TEAM),
        ):  # fmt: skip
            if group:
                late = sum(1 for _pk, _kind, due in group if due < today)
                found.append(Task(
                    title=title % {"n": len(group)},
                    detail=(_("%(n)s past the due date") % {"n": late}) if late else
                    _("Due %(day)s") % {"day": date_format(group[0][2], "j F Y")},
                    url=reverse("trainings:behaviour_survey", args=[group[0][0]])
                    if len(group) == 1 else reverse("trainings:my_evaluations"),
                    count=len(group), kind=kind,
                ))  # fmt: skip
    names = institutions_of(user) if reach.is_penyelenggara else []
    if names:
        open_lists = sessions_to_close(names, today)
        if open_lists:
            found.append(Task(
                title=ngettext("Close the attendance list of %(n)s past session",
                               "Close the attendance lists of %(n)s past sessions",
                               len(open_lists)) % {"n": len(open_lists)},
                url=reverse("trainings:session_attendance", args=[open_lists[0][0]]),
                count=len(open_lists), kind=MINE,
            ))  # fmt: skip
        missing = batches_missing_scores(names, today)
        if missing:
            found.append(Task(
                title=ngettext("Enter the post-test scores of %(n)s ended batch",
                               "Enter the post-test scores of %(n)s ended batches",
                               len(missing)) % {"n": len(missing)},
                url=reverse("trainings:batch_scores", args=[missing[0]]),
                count=len(missing), kind=MINE,
            ))  # fmt: skip
    if reach.operator_paths:
        from binakinerja.people.models import Employee

        due = reassessments_open(Employee.objects.editable_by(user), today=today).count()
        if due:
            found.append(Task(
                title=_("Re-assessment proposed after training"),
                detail=ngettext("%(n)s ASN completed a training with a post-test",
                                "%(n)s ASN completed a training with a post-test",
                                due) % {"n": due},
                url=reverse("trainings:reassessment_list"), count=due, kind=TEAM,
            ))  # fmt: skip
    return found
