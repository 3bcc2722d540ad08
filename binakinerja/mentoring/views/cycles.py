"""The coordinator's pages: cycles (list, new, the cycle page with its next step, status
moves), the mentor's offer, and declared conflicts. The cycle page shows pairs and activity to
whoever may coordinate it; a participant sees only their own offer and pairs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.competencies.models import Competency
from binakinerja.core.concurrency import posted_version
from binakinerja.core.forms import add_service_errors
from binakinerja.core.scoping import paths_q, reach_of
from binakinerja.mentoring import services
from binakinerja.mentoring.matching import cycle_rules, person_facts
from binakinerja.mentoring.models import Conflict, MentoringCycle, MentorOffer, Pair
from binakinerja.mentoring.rules import MAX_CAPACITY, reason_labels
from binakinerja.mentoring.rules import mentor_eligible as eligibility_problems
from binakinerja.mentoring.selectors import (
    cycles_coordinated_by,
    cycles_open_to,
    cycles_visible_to,
    inactive_pairs,
    may_coordinate,
    with_activity,
)
from binakinerja.organizations.models import OPD_PATH_LENGTH, PATH_WIDTH, OrgUnit
from binakinerja.people.models import Employee

PAGE_SIZE = 50


def _governments_q(reach) -> Q:
    if reach.manages_everything:
        return Q(parent__isnull=True)
    paths = set(reach.admin_paths) | {p[:PATH_WIDTH] for p in reach.operator_paths}
    return Q(parent__isnull=True, path__in=paths) if paths else Q(pk__in=[])


def _opds_q(reach) -> Q:
    if reach.manages_everything:
        return Q(kind=OrgUnit.Kind.OPD)
    return Q(kind=OrgUnit.Kind.OPD) & (
        paths_q(reach.admin_paths) | Q(path__in=reach.operator_paths)
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CycleForm(forms.Form):
    instansi = forms.ModelChoiceField(
        label=gettext_lazy("Government"), queryset=OrgUnit.objects.none()
    )
    opd = forms.ModelChoiceField(
        label=gettext_lazy("OPD (leave empty for the whole government)"),
        queryset=OrgUnit.objects.none(), required=False,
    )  # fmt: skip
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    start = forms.DateField(label=gettext_lazy("Start"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("End"), widget=DateInput())

    def __init__(self, *args, reach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = OrgUnit.objects.filter(_governments_q(reach))
        self.fields["opd"].queryset = OrgUnit.objects.filter(_opds_q(reach)).order_by("name")
        if reach.operator_paths and not (reach.admin_paths or reach.manages_everything):
            self.fields["opd"].required = True
            self.fields["opd"].label = _("OPD")


def _may_create(reach) -> bool:
    return bool(reach.admin_paths or reach.operator_paths or reach.manages_everything)


@login_required
@require_GET
def cycle_list(request):
    """The cycles the reader coordinates or manages, newest first."""
    reach = reach_of(request.user)
    if not _may_create(reach) and not cycles_coordinated_by(request.user).exists():
        raise PermissionDenied
    cycles = (
        cycles_coordinated_by(request.user)
        .annotate(
            n_pairs=Count("pairs", filter=Q(pairs__status__in=Pair.LIVE)),
            n_offers=Count("offers", distinct=True),
        )
        .order_by("-year", "name")
    )
    page = Paginator(cycles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mentoring/cycle_list.html",
                  {"page": page, "may_create": _may_create(reach)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    reach = reach_of(request.user)
    if not _may_create(reach):
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"year": today.year, "start": today, "end": today.replace(month=12, day=31)}
    form = CycleForm(request.POST or None, reach=reach, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user, instansi=data["instansi"], opd=data["opd"],
                year=data["year"], name=data["name"], start=data["start"], end=data["end"],
            )  # fmt: skip
        except PermissionDenied:
            form.add_error(None, _("You may not coordinate a cycle of this government or OPD."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cycle was created. Open it for mentors next."))
            return redirect("mentoring:cycle_detail", pk=cycle.pk)
    return render(request, "mentoring/cycle_form.html", {"form": form})


def _cycle_get(user, pk) -> MentoringCycle:
    return get_object_or_404(cycles_visible_to(user), pk=pk)


def cycle_next_step(cycle: MentoringCycle, counts: dict) -> str:
    """What the coordinator does next with the cycle, in one sentence."""
    status = MentoringCycle.Status
    if cycle.status == status.DRAFT:
        return _("Open the cycle so that ASN can offer to mentor.")
    if cycle.status == status.OPEN:
        if not counts["offers"]:
            return _("Wait for mentors to offer, then start the matching.")
        return _("%(n)s mentors offered. Start the matching when enough have.") % {
            "n": counts["offers"]
        }
    if cycle.status == status.MATCHING:
        if counts["proposed"]:
            return _("Review the %(n)s proposed pairs and accept them.") % {"n": counts["proposed"]}
        return _("Run the matching to propose pairs, or start the cycle when all are accepted.")
    if cycle.status == status.RUNNING:
        if counts["inactive"]:
            return _("%(n)s pairs have had no session for a while: contact them.") % {
                "n": counts["inactive"]
            }
        return _("The pairs are working. Watch their activity below.")
    return _("The cycle is closed. See its effectiveness.")


@login_required
@require_GET
def cycle_detail(request, pk):
    cycle = _cycle_get(request.user, pk)
    coordinating = may_coordinate(request.user, cycle)
    context = {"cycle": cycle, "coordinating": coordinating,
               "moves": services.CYCLE_MOVES.get(cycle.status, ())}  # fmt: skip
    me = reach_of(request.user).employee_id
    if me:
        context["my_offer"] = MentorOffer.objects.filter(cycle=cycle, mentor_id=me).first()
        context["my_pairs"] = list(
            Pair.objects.filter(cycle=cycle)
            .filter(Q(mentor_id=me) | Q(mentee_id=me))
            .select_related("mentor", "mentee")
        )
    if coordinating:
        context.update(_coordinator_context(request, cycle))
    context["status_labels"] = dict(MentoringCycle.Status.choices)
    return render(request, "mentoring/cycle_detail.html", context)


def _coordinator_context(request, cycle: MentoringCycle) -> dict:
    """Pairs by status, activity (sessions, inactive pairs), the cross-OPD share and the mentor
    pool — a fixed number of queries whatever the size of the cycle."""
    pairs = Pair.objects.filter(cycle=cycle)
    by_status = dict(pairs.values_list("status").annotate(n=Count("pk")).order_by())
    live = pairs.filter(status__in=(*Pair.LIVE, Pair.Status.CLOSED))
    opd_of = Substr("mentor__unit__path", 1, OPD_PATH_LENGTH)
    n_live = live.count()
    n_cross = (
        live.annotate(m=opd_of, e=Substr("mentee__unit__path", 1, OPD_PATH_LENGTH))
        .exclude(m=F("e"))
        .count()
    )
    inactive = list(
        inactive_pairs(pairs).select_related("mentor", "mentee").order_by("last_session", "pk")[:50]
    )
    offer_rows = list(
        MentorOffer.objects.filter(cycle=cycle)
        .select_related("mentor__unit")
        .prefetch_related("competencies")
        .order_by("mentor__name")[:200]
    )
    load = dict(
        pairs.filter(status__in=Pair.LIVE)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    facts = person_facts([o.mentor_id for o in offer_rows], cycle.year, cycle=cycle)
    eligibility, _weights, _match = cycle_rules(cycle)
    for offer in offer_rows:
        offer.taken = load.get(offer.mentor_id, 0)
        person = facts.get(offer.mentor_id)
        offer.problems = reason_labels(eligibility_problems(person, eligibility)) if person else []
    activity = with_activity(pairs.filter(status__in=(Pair.Status.ACTIVE, Pair.Status.CLOSED)))
    sessions = activity.aggregate(
        confirmed=Count("sessions", filter=Q(sessions__confirmed_at__isnull=False)),
        waiting=Count("sessions", filter=Q(sessions__confirmed_at__isnull=True)),
    )
    counts = {
        "offers": sum(1 for o in offer_rows if o.status == MentorOffer.Status.OFFERED),
        "proposed": by_status.get(Pair.Status.PROPOSED, 0),
        "accepted": by_status.get(Pair.Status.ACCEPTED, 0),
        "active": by_status.get(Pair.Status.ACTIVE, 0),
        "closed": by_status.get(Pair.Status.CLOSED, 0),
        "inactive": len(inactive),
        "cross": n_cross,
        "live": n_live,
        "cross_share": round(100 * n_cross / n_live) if n_live else None,
        "capacity": sum(o.capacity for o in offer_rows if o.status == MentorOffer.Status.OFFERED),
        **sessions,
    }
    return {
        "counts": counts,
        "next_step": cycle_next_step(cycle, counts),
        "inactive": inactive,
        "offers": offer_rows,
        "conflicts": Conflict.objects.filter(cycle=cycle).select_related("mentor", "mentee")[:100],
        "conflict_form": ConflictForm(),
    }


@login_required
@require_POST
def cycle_status(request, pk):
    cycle = _cycle_get(request.user, pk)
    if not may_coordinate(request.user, cycle):
        raise PermissionDenied
    try:
        services.cycle_set_status(actor=request.user, cycle=cycle,
                                  status=request.POST.get("status", ""),
                                  version=posted_version(request))  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The cycle's status was changed."))
    return redirect("mentoring:cycle_detail", pk=cycle.pk)


# --- the mentor's offer -------------------------------------------------------------------------


class OfferForm(forms.Form):
    capacity = forms.TypedChoiceField(
        label=gettext_lazy("How many mentees can you take?"), coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_CAPACITY + 1)],
        error_messages={"invalid_choice": gettext_lazy(
            "Capacity must be a whole number of mentees from 1 to 5.")},
    )  # fmt: skip
    competencies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("What can you mentor?"), queryset=Competency.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The competencies in which your level is high; leave empty for all."
        ),
    )  # fmt: skip
    note = forms.CharField(label=gettext_lazy("Note for the coordinator"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)  # fmt: skip

    def __init__(self, *args, strong_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = Competency.objects.filter(code__in=strong_codes)


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, pk):
    """An ASN offers to mentor in a cycle open to their unit: capacity 1–5 and what they mentor;
    the page says plainly whether the cycle's rules let them mentor."""
    employee_id = reach_of(request.user).employee_id
    if not employee_id:
        raise PermissionDenied
    employee = Employee.objects.select_related("unit").get(pk=employee_id)
    cycle = _offer_cycle(request.user, employee, pk)
    current = MentorOffer.objects.filter(cycle=cycle, mentor=employee).first()
    facts = person_facts([employee.pk], cycle.year, cycle=cycle).get(employee.pk)
    eligibility, _weights, _match = cycle_rules(cycle)
    problems = reason_labels(eligibility_problems(facts, eligibility)) if facts else []
    strong = sorted(code for code, level in (facts.levels if facts else {}).items() if level >= 3)
    initial = {}
    if current:
        initial = {"capacity": current.capacity, "note": current.note,
                   "competencies": list(current.competencies.all())}  # fmt: skip
    form = OfferForm(request.POST or None, initial=initial, strong_codes=strong)
    open_now = cycle.status in (MentoringCycle.Status.OPEN, MentoringCycle.Status.MATCHING)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mentor_offer_set(
                    actor=request.user, cycle=cycle, capacity=form.cleaned_data["capacity"],
                    competencies=list(form.cleaned_data["competencies"]),
                    note=form.cleaned_data["note"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your offer to mentor was saved."))
                return redirect("mentoring:home")
    return render(request, "mentoring/offer_form.html", {
        "cycle": cycle, "form": form, "current": current, "problems": problems,
        "open_now": open_now, "rules": eligibility,
    })  # fmt: skip


def _offer_cycle(user, employee, pk) -> MentoringCycle:
    """A cycle the employee may offer in (open to their unit), or one they already offered in."""
    found = cycles_open_to(employee).filter(pk=pk).first()
    if found is None:
        found = MentoringCycle.objects.filter(pk=pk, offers__mentor=employee).first()
    if found is None:
        raise Http404
    return found


# --- declared conflicts -------------------------------------------------------------------------


class ConflictForm(forms.Form):
    mentor_nip = forms.CharField(label=gettext_lazy("Mentor's NIP"), max_length=30)
    mentee_nip = forms.CharField(label=gettext_lazy("Mentee's NIP"), max_length=30)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


@login_required
@require_POST
def conflict_add(request, pk):
    """The coordinator records a declared conflict of interest: the matching never pairs these
    two in the cycle."""
    cycle = _cycle_get(request.user, pk)
    if not may_coordinate(request.user, cycle):
        raise PermissionDenied
    form = ConflictForm(request.POST)
    if form.is_valid():
        root = cycle.opd or cycle.instansi
        people = dict(
            Employee.objects.filter(
                unit__path__startswith=root.path,
                nip__in=[form.cleaned_data["mentor_nip"].replace(" ", ""),
                         form.cleaned_data["mentee_nip"].replace(" ", "")],
            ).values_list("nip", "pk")
        )  # fmt: skip
        mentor = people.get(form.cleaned_data["mentor_nip"].replace(" ", ""))
        mentee = people.get(form.cleaned_data["mentee_nip"].replace(" ", ""))
        if mentor is None or mentee is None:
            messages.error(request, _("No ASN with this NIP in the cycle's scope."))
        else:
            try:
                services.conflict_declare(
                    actor=request.user, cycle=cycle, mentor=Employee.objects.get(pk=mentor),
                    mentee=Employee.objects.get(pk=mentee), reason=form.cleaned_data["reason"],
                )  # fmt: skip
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request, _("The conflict was recorded: the matching will not pair these two.")
                )
    else:
        messages.error(request, _("Give both NIPs and the reason."))
    return redirect("mentoring:cycle_detail", pk=cycle.pk)
