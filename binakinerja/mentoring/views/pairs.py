"""Working together (issue 14 §6): the pair's page and its writes — accepting the pair, logging
and confirming sessions (with an evidence file), the plan's goals, feedback both ways, closing
with a reflection.

The page is built around the reader's next step: accept the pair, then confirm what the other
side logged, then log a session. The mentor and the mentee write; the coordinator (who may also
close the pair) and whoever may read the mentee see the page read-only. Every view fetches
through the mentoring selectors: 404 outside reach, 403 for a write by a reader. Each write
redirects back to the page with a message; a form with bad input is shown again with the
message on its field and the reader's input kept, nothing written.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.concurrency import posted_version
from binakinerja.core.forms import add_service_errors
from binakinerja.mentoring import plans, services
from binakinerja.mentoring.models import MentoringSession, Pair
from binakinerja.mentoring.selectors import (
    can_coordinate,
    pair_get_for_user,
    session_get_for_user,
    side_of,
)
from binakinerja.people.models import Employee
from binakinerja.performance.rules import evidence_check
from binakinerja.trainings.ledger import OUTSIDE_EVIDENCE_TYPES, jp_done_by_employee

# --- forms --------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class SessionForm(forms.Form):
    """A session as either side logs it. The rules (not in the future, minutes above zero, no
    overlap with another session of the mentor) are the service's; their messages land on
    these fields. The evidence file is checked as the trainings outside-activity evidence is:
    size, type and content (a PDF or an image)."""

    date = forms.DateField(label=gettext_lazy("Date"),
                           widget=DateInput(format="%Y-%m-%d"))  # fmt: skip
    minutes = forms.IntegerField(
        label=gettext_lazy("Minutes"),
        widget=forms.NumberInput(
            attrs={"min": 1, "max": services.MAX_SESSION_MINUTES, "inputmode": "numeric"}
        ),  # fmt: skip
    )
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=MentoringSession.Mode.choices)
    start_time = forms.TimeField(
        label=gettext_lazy("Start time (optional)"), required=False,
        widget=TimeInput(format="%H:%M"),
    )  # fmt: skip
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=300)
    competency = forms.ModelChoiceField(
        label=gettext_lazy("Competency"), queryset=None, required=False,
        empty_label=gettext_lazy("– none –"),
    )  # fmt: skip
    actions = forms.CharField(
        label=gettext_lazy("Agreed actions"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (optional: PDF, PNG or JPG, at most 10 MB)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )  # fmt: skip

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies
        today = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            self.initial.setdefault("date", today)

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if not upload:
            return None
        head = upload.read(16)
        upload.seek(0)
        extension = evidence_check(name=upload.name, size=upload.size, head=head)
        if extension not in OUTSIDE_EVIDENCE_TYPES:
            raise ValidationError(_("The evidence must be a PDF or an image (PNG, JPG)."))
        upload.name = f"bukti{extension}"  # never keep the uploader's file name
        return upload


class GoalForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Goal"), max_length=plans.GOAL_MAX)
    competency = forms.ModelChoiceField(
        label=gettext_lazy("Competency (optional)"), queryset=None, required=False,
        empty_label=gettext_lazy("– none –"),
    )  # fmt: skip

    def __init__(self, *args, competencies, **kwargs):
        kwargs.setdefault("prefix", "goal")
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies


RATINGS = [(str(n), str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Your feedback"),
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    rating = forms.ChoiceField(
        label=gettext_lazy("Rating (1 poor – 5 excellent)"), choices=RATINGS,
        widget=forms.RadioSelect,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "feedback")
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    reflection = forms.CharField(
        label=gettext_lazy("Reflection: what changed, what is left to do"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "close")
        super().__init__(*args, **kwargs)


# --- fetching -----------------------------------------------------------------------------------


def _may_coordinate(user, pair: Pair) -> bool:
    cycle = pair.cycle
    return cycle.coordinator_id == user.pk or can_coordinate(user, cycle.instansi, cycle.opd)


def _writable_pair(request, pk) -> Pair:
    """The pair for a write by one of its sides: 404 outside reach, 403 for a reader."""
    pair = pair_get_for_user(request.user, pk)
    if side_of(request.user, pair) is None:
        raise PermissionDenied
    return pair


def _to_page(pair_pk: int, anchor: str = ""):
    url = reverse("mentoring:pair_detail", args=[pair_pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# --- the page -----------------------------------------------------------------------------------


def _page(request, pair: Pair, *, session_form=None, goal_form=None, feedback_form=None,
          close_form=None):  # fmt: skip
    user = request.user
    side = side_of(user, pair)
    today = timezone.localdate()
    writer = side is not None
    gap_rows = plans.mentee_gaps(pair) if writer else []
    competencies = plans.competencies_of_pair(pair, gap_rows) if writer else None
    can_log = writer and pair.status == Pair.Status.ACTIVE
    can_plan = writer and pair.status in plans.PLAN_OPEN
    can_feedback = writer and pair.status in plans.FEEDBACK_OPEN
    can_close = pair.status == Pair.Status.ACTIVE and (writer or _may_coordinate(user, pair))

    sessions = list(
        pair.sessions.select_related("competency", "logged_by", "confirmed_by").order_by(
            "-date", "-pk"
        )
    )
    jp_by_session = plans.session_jp(sessions)
    names = {pair.mentor.user_id: pair.mentor.name, pair.mentee.user_id: pair.mentee.name}
    for s in sessions:
        s.jp = jp_by_session.get(s.pk)
        s.logger_name = names.get(s.logged_by_id) or s.logged_by.get_username()
        logged_by_mentor = s.logged_by_id == pair.mentor.user_id
        s.other_name = pair.mentee.name if logged_by_mentor else pair.mentor.name
    to_confirm = plans.awaiting_confirmation_by(user, pair)
    awaiting_acceptance = (
        writer and pair.status == Pair.Status.ACCEPTED
        and getattr(pair, f"{side}_accepted_at") is None
    )  # fmt: skip
    # The mentee's JP of the year: to the mentee and to those who may read them; the mentor
    # sees what this pair's sessions credited, not the rest of the mentee's record.
    sees_mentee = side == "mentee" or (
        Employee.objects.visible_to(user).filter(pk=pair.mentee_id).exists()
    )
    mentee_jp = (
        jp_done_by_employee([pair.mentee_id], today.year).get(pair.mentee_id, 0)
        if sees_mentee
        else None
    )
    context = {
        "pair": pair,
        "side": side,
        "read_only": not writer,
        "year": today.year,
        "mentee_jp": mentee_jp,
        "pair_jp": sum(jp_by_session.values()),
        "sessions": sessions,
        "to_confirm": to_confirm,
        "awaiting_acceptance": awaiting_acceptance,
        "goals": list(pair.goals.select_related("competency").order_by("done", "pk")),
        "feedback_list": list(pair.feedback.order_by("-created_at", "-pk")),
        "can_plan": can_plan,
        "has_needs": bool(gap_rows),
        "can_close": can_close,
        "session_form": (session_form or SessionForm(competencies=competencies))
        if can_log
        else None,
        "goal_form": (goal_form or GoalForm(competencies=competencies)) if can_plan else None,
        "feedback_form": (feedback_form or FeedbackForm()) if can_feedback else None,
        "close_form": (close_form or CloseForm()) if can_close else None,
        "mentee_reads_ledger": side == "mentee",
    }
    return render(request, "mentoring/pair_detail.html", context)


@login_required
@require_GET
def pair_detail(request, pk):
    return _page(request, pair_get_for_user(request.user, pk))


@login_required
@require_POST
def pair_accept(request, pk):
    pair = _writable_pair(request, pk)
    try:
        plans.pair_accept_at_version(actor=request.user, pair=pair,
                                     version=posted_version(request))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted the pair."))
    return _to_page(pair.pk)


# --- sessions -----------------------------------------------------------------------------------


@login_required
def session_new(request, pk):
    """GET: the pair's page at its session form; POST: log the session."""
    if request.method != "POST":
        pair_get_for_user(request.user, pk)  # 404 outside reach, as the POST
        return _to_page(pk, "session-form")
    pair = _writable_pair(request, pk)
    competencies = plans.competencies_of_pair(pair)
    form = SessionForm(request.POST, request.FILES, competencies=competencies)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.session_log(
                actor=request.user, pair=pair, date=data["date"], minutes=data["minutes"],
                topic=data["topic"], mode=data["mode"], start_time=data["start_time"],
                competency=data["competency"], actions=data["actions"],
                evidence=data["evidence"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            other = pair.mentee if side_of(request.user, pair) == "mentor" else pair.mentor
            messages.success(request, _("The session was logged; %(name)s is asked to confirm "
                                        "it.") % {"name": other.name})  # fmt: skip
            return _to_page(pair.pk, "sessions")
    return _page(request, pair, session_form=form)


@login_required
@require_POST
def session_confirm(request, pk):
    session = session_get_for_user(request.user, pk)
    pair = session.pair
    if side_of(request.user, pair) is None:
        raise PermissionDenied
    try:
        services.session_confirm(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session was confirmed; its JP are in %(name)s's "
                                    "record.") % {"name": pair.mentee.name})  # fmt: skip
    return _to_page(pair.pk, "sessions")


@login_required
@require_GET
def session_evidence(request, pk):
    """The session's evidence file, to whoever may see the pair (never shown inline)."""
    session = session_get_for_user(request.user, pk)
    if not session.evidence:
        raise Http404
    extension = session.evidence.name.rsplit(".", 1)[-1]
    response = FileResponse(session.evidence.open("rb"), as_attachment=True,
                            filename=f"bukti-sesi-{session.pk}.{extension}")  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Type"] = "application/octet-stream"
    return response


# --- the plan -----------------------------------------------------------------------------------


@login_required
@require_POST
def goal_add(request, pk):
    pair = _writable_pair(request, pk)
    form = GoalForm(request.POST, competencies=plans.competencies_of_pair(pair))
    if form.is_valid():
        try:
            plans.goal_add(actor=request.user, pair=pair, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was added to the plan."))
            return _to_page(pair.pk, "plan")
    return _page(request, pair, goal_form=form)


@login_required
@require_POST
def goals_from_needs(request, pk):
    pair = _writable_pair(request, pk)
    try:
        added = plans.goals_from_needs(actor=request.user, pair=pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(request, ngettext(
                "%(count)d goal was taken from the mentee's needs.",
                "%(count)d goals were taken from the mentee's needs.", len(added),
            ) % {"count": len(added)})  # fmt: skip
        else:
            messages.info(request, _("Every need of the mentee is already in the plan."))
    return _to_page(pair.pk, "plan")


@login_required
@require_POST
def goal_done(request, pk):
    goal = plans.goal_get_for_user(request.user, pk)
    if side_of(request.user, goal.pair) is None:
        raise PermissionDenied
    done = request.POST.get("done", "") in ("1", "true", "on")
    try:
        plans.goal_set_done(actor=request.user, goal=goal, done=done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done:
            messages.success(request, _("The goal is marked done."))
        else:
            messages.success(request, _("The goal is open again."))
    return _to_page(goal.pair_id, "plan")


# --- feedback and closing -----------------------------------------------------------------------


@login_required
@require_POST
def feedback(request, pk):
    pair = _writable_pair(request, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            plans.feedback_give(actor=request.user, pair=pair, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your feedback was saved."))
            return _to_page(pair.pk, "feedback")
    return _page(request, pair, feedback_form=form)


@login_required
@require_POST
def pair_close(request, pk):
    """Close the pair with a reflection: its mentor, its mentee or the coordinator."""
    pair = pair_get_for_user(request.user, pk)
    if side_of(request.user, pair) is None and not _may_coordinate(request.user, pair):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.pair_close(actor=request.user, pair=pair, version=posted_version(request),
                                reflection=form.cleaned_data["reflection"])  # fmt: skip
        except ValidationError as error:
            if getattr(error, "code", None) in ("stale", "not_active"):
                messages.error(request, " ".join(error.messages))
                return _to_page(pair.pk)
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pair was closed. The mentee and their atasan are "
                                        "invited to re-assess the competencies."))  # fmt: skip
            return _to_page(pair.pk)
    return _page(request, pair, close_form=form)
