"""Evaluation pages: a batch's results (L1–L3 aggregates), the participant's L1
questionnaire, the pre/post test table and its XLSX import, a facilitator's ratings, the
learning-gain report, the reader's own questionnaires, the L3 questionnaire, and the
operators' re-assessment proposals. Rules and writes in `trainings.evaluation`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.exporting import error_report_response, xlsx_response
from binakinerja.core.privacy import min_group
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.people.models import Employee
from binakinerja.trainings import evaluation as ev
from binakinerja.trainings import rules
from binakinerja.trainings.models import Batch, BehaviourSurvey, Facilitator, ReactionResponse
from binakinerja.trainings.selectors import (
    batch_get_for_user,
    batches_visible_to,
    can_manage_trainings,
    institutions_of,
)


@login_required
@require_GET
def batch_evaluation(request, pk: int):
    """The batch's evaluation for those who run it: L1 and L3 as aggregates only, L2 as the
    mean gain (each participant's scores are on the score table)."""
    batch = batch_get_for_user(request.user, pk, write=True)
    gains = [g for _e, g in ev.participant_gains(batch)]
    context = {
        "batch": batch, "reaction": ev.batch_reaction(batch),
        "gain": ev.summarise(gains), "scored": sum(1 for g in gains if g is not None),
        "behaviour": ev.batch_behaviour(batch), "l3_months": ev.l3_months(),
        "facilitators": ev.batch_facilitators(batch),
    }  # fmt: skip
    return render(request, "trainings/evaluation_batch.html", context)


def _rating(value, low: int, high: int) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and low <= int(text) <= high else None


@login_required
@require_http_methods(["GET", "POST"])
def reaction_form(request, pk: int):
    """The participant's own L1 questionnaire of a batch (404 to anyone else)."""
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    enrolment = ev.own_enrolment(request.user, batch)
    if enrolment is None:
        raise Http404
    items = ev.reaction_items(batch)
    done = ReactionResponse.objects.filter(enrolment=enrolment).exists()
    low, high = rules.REACTION_SCALE
    answers, errors = {}, []
    if request.method == "POST" and not done:
        answers = {key: _rating(request.POST.get(key), low, high) for key, *_ in items}
        try:
            ev.reaction_submit(user=request.user, batch=batch, answers=answers,
                               comment=request.POST.get("comment", ""))  # fmt: skip
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            return redirect("trainings:my_evaluations")
    context = {
        "batch": batch, "items": items, "done": done, "open": ev.batch_is_over(batch),
        "scale": range(low, high + 1), "answers": answers, "errors": errors,
        "comment": request.POST.get("comment", ""), "min_group": min_group(),
    }  # fmt: skip
    return render(request, "trainings/evaluation_reaction.html", context)


def _posted_score(request, name: str):
    value = request.POST.get(name, "")
    try:
        return ev.score_of(value), None
    except ValueError:
        return None, value


@login_required
@require_http_methods(["GET", "POST"])
def batch_scores(request, pk: int):
    """The pre/post test table of a batch (those who run it): every score 0 … maximum, the
    gain per participant. Saved all or nothing; locked once the batch is evaluated."""
    batch = batch_get_for_user(request.user, pk, write=True)
    locked = batch.status == Batch.Status.EVALUATED
    rows = ev.participant_gains(batch)
    errors, typed = [], {}
    if request.method == "POST":
        if locked:
            raise PermissionDenied
        scores, seen = {}, {}
        for enrolment, _gain in rows:
            values = []
            for kind in ("pre", "post"):
                score, bad = _posted_score(request, f"{kind}-{enrolment.pk}")
                shown, _bad = _posted_score(request, f"seen-{kind}-{enrolment.pk}")
                typed[f"{kind}-{enrolment.pk}"] = request.POST.get(f"{kind}-{enrolment.pk}", "")
                if bad is not None:
                    errors.append(_("%(name)s: the score must be a number.")
                                  % {"name": enrolment.employee.name})  # fmt: skip
                values.append((score, shown))
            scores[enrolment.pk] = (values[0][0], values[1][0])
            seen[enrolment.pk] = (values[0][1], values[1][1])
        if not errors:
            try:
                changed = ev.scores_record(actor=request.user, batch=batch, scores=scores,
                                           seen=seen)  # fmt: skip
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Scores saved: %(n)d participant(s) changed.")
                                 % {"n": changed})  # fmt: skip
                return redirect("trainings:batch_scores", pk=batch.pk)
    for enrolment, _gain in rows:  # what the form shows: as typed after a refusal
        for kind in ("pre", "post"):
            stored = getattr(enrolment, f"{kind}_score")
            shown = typed.get(f"{kind}-{enrolment.pk}", "" if stored is None else str(stored))
            setattr(enrolment, f"{kind}_value", shown)
    context = {
        "batch": batch, "rows": rows, "locked": locked, "errors": errors,
        "maximum": batch.program.test_maximum,
        "missing": sum(1 for e, _g in rows if e.post_score is None),
    }  # fmt: skip
    return render(request, "trainings/evaluation_scores.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def batch_scores_import(request, pk: int):
    """Import the batch's pre/post scores from XLSX (all or nothing); `?template=1` downloads
    the participants with their current scores to fill in."""
    batch = batch_get_for_user(request.user, pk, write=True)
    if batch.status == Batch.Status.EVALUATED:
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("template"):
        return xlsx_response(ev.SCORE_COLUMNS, ev.score_template_rows(batch),
                             f"nilai-angkatan-{batch.pk}.xlsx", "Nilai")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(
            request, lambda upload: ev.scores_import(actor=request.user, batch=batch, upload=upload)
        )
        if result is not None and result.ok:
            messages.success(request, _("Imported: scores of %(n)d participant(s) changed.")
                             % {"n": result.updated})  # fmt: skip
            return redirect("trainings:batch_scores", pk=batch.pk)
    context = {"batch": batch, "result": result,
               "errors_json": result.errors_json if result else ""}  # fmt: skip
    return render(request, "trainings/evaluation_scores_import.html", context)


@login_required
@require_POST
def scores_import_errors(request):
    """The error report of a refused score import as XLSX (the rows come back from the page;
    nothing of the refused file is kept)."""
    if not (can_manage_trainings(request.user) or institutions_of(request.user)):
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-impor-nilai.xlsx")


@login_required
@require_GET
def facilitator_evaluation(request, pk: int):
    """A facilitator's L1 ratings per batch and overall (aggregates only): for managers, the
    staff of the facilitator's institution and the facilitator; 404 for others."""
    facilitator = get_object_or_404(Facilitator.objects.select_related("institution"), pk=pk)
    user = request.user
    if not (can_manage_trainings(user) or facilitator.institution.name in institutions_of(user)
            or (facilitator.user_id and facilitator.user_id == user.pk)):  # fmt: skip
        raise Http404
    context = {"facilitator": facilitator, "result": ev.facilitator_reaction(facilitator)}
    return render(request, "trainings/evaluation_facilitator.html", context)


@login_required
@require_GET
def evaluation_report(request):
    """Mean learning gains (L2) per batch, institution and target competency of a year:
    managers see every institution, penyelenggara their own; groups under the small-group
    limit hidden."""
    user = request.user
    if can_manage_trainings(user):
        batches = Batch.objects.all()
    elif institutions_of(user):
        batches = Batch.objects.filter(program__institution__name__in=institutions_of(user))
    else:
        raise PermissionDenied
    years = sorted(set(batches.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    batches = batches.filter(year=year).select_related("program__institution")
    report = ev.gain_report(batches, limit=min_group())
    batch_rows = [(b, report["batch"][b.pk]) for b in batches.order_by("start", "pk")
                  if b.pk in report["batch"]]  # fmt: skip
    context = {
        "years": years, "year": year, "batch_rows": batch_rows,
        "institutions": sorted(report["institution"].items()),
        "competencies": sorted(report["competency"].items()), "min_group": min_group(),
    }  # fmt: skip
    return render(request, "trainings/evaluation_report.html", context)


@login_required
@require_GET
def my_evaluations(request):
    """The reader's questionnaires: L1 of their batches that are over, L3 as alumnus and as
    the direct superior of an alumnus."""
    employee_id = reach_of(request.user).employee_id
    reactions, surveys = [], []
    if employee_id:
        reactions = ev.reactions_of(employee_id)
        surveys = (
            BehaviourSurvey.objects.filter(respondent_employee_id=employee_id)
            .select_related("enrolment__employee", "enrolment__batch__program")
            .order_by("submitted_at", "due", "pk")
        )
    context = {"reactions": reactions, "surveys": surveys, "today": timezone.localdate()}
    return render(request, "trainings/evaluation_mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def behaviour_survey(request, pk: int):
    """An L3 questionnaire of the reader's own (as alumnus or superior); 404 otherwise."""
    survey = ev.behaviour_survey_get_for_user(request.user, pk)
    low, high = rules.BEHAVIOUR_SCALE
    answers, errors = {}, []
    if request.method == "POST" and survey.submitted_at is None:
        answers = {
            key: (_rating(request.POST.get(f"{key}-before"), low, high),
                  _rating(request.POST.get(f"{key}-after"), low, high))
            for key, _label in rules.BEHAVIOUR_ITEMS
        }  # fmt: skip
        try:
            ev.behaviour_submit(user=request.user, survey=survey, answers=answers)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Thank you: your answers are recorded."))
            return redirect("trainings:my_evaluations")
    items = [
        (key, _(label), answers.get(key, (None, None))) for key, label in rules.BEHAVIOUR_ITEMS
    ]
    context = {
        "survey": survey, "items": items, "scale": range(low, high + 1), "errors": errors,
        "is_supervisor": survey.respondent == BehaviourSurvey.Respondent.SUPERVISOR,
        "band": rules.impact_band(survey.impact) if survey.impact is not None else "",
    }  # fmt: skip
    return render(request, "trainings/evaluation_behaviour.html", context)


@login_required
@require_GET
def reassessment_list(request):
    """Alumni in the reader's registry scope with post-test results whose target competency
    was not assessed since the batch: a re-assessment may be due (operators and admins)."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    enrolments = ev.reassessments_open(Employee.objects.editable_by(request.user))[:500]
    context = {"enrolments": ev.with_targets(list(enrolments))}
    return render(request, "trainings/evaluation_reassessment.html", context)
