"""The coordinator's review of the matching: the proposal with each pair's score explained,
accept one or all, swap a mentor with a reason (audited), re-run the matching (accepted pairs
are kept), and the mentees left unmatched with the reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.forms import add_service_errors
from binakinerja.mentoring import matching, services
from binakinerja.mentoring.models import MentoringCycle, MentorOffer, Pair
from binakinerja.mentoring.rules import (
    PART_LABELS,
    mentor_eligible,
    pair_allowed,
    pair_score,
)
from binakinerja.mentoring.selectors import cycles_visible_to, may_coordinate, pairs_visible_to
from binakinerja.people.models import Employee

PAGE_SIZE = 50
UNMATCHED_SHOWN = 50
SWAP_CHOICES = 30


def _coordinated_cycle(user, pk) -> MentoringCycle:
    """404 when the cycle is out of sight, 403 when the reader does not coordinate it."""
    cycle = get_object_or_404(cycles_visible_to(user), pk=pk)
    if not may_coordinate(user, cycle):
        raise PermissionDenied
    return cycle


def explain(pair: Pair, weights) -> list[dict]:
    """The score of a proposed pair, part by part: label, value 0–1, weight, contribution."""
    rows = []
    for name in ("coverage", "same_field", "place", "cross_opd"):
        value = float(pair.score_parts.get(name, 0))
        weight = float(getattr(weights, name))
        rows.append({"label": PART_LABELS[name], "value": value, "weight": weight,
                     "points": round(value * weight, 3)})  # fmt: skip
    return rows


@login_required
@require_GET
def review(request, pk):
    cycle = _coordinated_cycle(request.user, pk)
    _eligibility, weights, _match = matching.cycle_rules(cycle)
    proposed = (
        Pair.objects.filter(cycle=cycle, status=Pair.Status.PROPOSED)
        .select_related("mentor__unit", "mentee__unit", "competency")
        .order_by("-score", "pk")
    )
    page = Paginator(proposed, PAGE_SIZE).get_page(request.GET.get("page"))
    for pair in page.object_list:
        pair.explained = explain(pair, weights)
    counts = dict(
        Pair.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk")).order_by()
    )
    last_run = cycle.last_run or {}
    unmatched_ids = [int(pk) for pk in list(last_run.get("unmatched", {}))[:UNMATCHED_SHOWN]]
    names = Employee.objects.select_related("unit").in_bulk(unmatched_ids)
    unmatched = [(names[pk], last_run["unmatched"][str(pk)]) for pk in unmatched_ids if pk in names]
    return render(request, "mentoring/review.html", {
        "cycle": cycle, "page": page, "counts": counts, "last_run": last_run,
        "unmatched": unmatched, "unmatched_total": len(last_run.get("unmatched", {})),
        "runs_allowed": cycle.status in (MentoringCycle.Status.OPEN,
                                         MentoringCycle.Status.MATCHING,
                                         MentoringCycle.Status.RUNNING),
    })  # fmt: skip


@login_required
@require_POST
def match_run(request, pk):
    cycle = _coordinated_cycle(request.user, pk)
    result = matching.matching_run(actor=request.user, cycle=cycle)
    messages.success(
        request,
        _("Matching done: %(matched)s of %(mentees)s mentees got a proposed mentor; %(kept)s "
          "accepted pairs were kept; %(unmatched)s stay unmatched (reasons below).")
        % {"matched": result.matched, "mentees": result.mentees, "kept": result.kept,
           "unmatched": result.unmatched_count},
    )  # fmt: skip
    return redirect("mentoring:review", pk=cycle.pk)


@login_required
@require_POST
def approve_all(request, pk):
    cycle = _coordinated_cycle(request.user, pk)
    n = services.pairs_approve_all(actor=request.user, cycle=cycle)
    messages.success(request, _("%(n)s pairs accepted; mentors and mentees are asked to accept.")
                     % {"n": n})  # fmt: skip
    return redirect("mentoring:review", pk=cycle.pk)


def _pair_for_coordinator(user, pk) -> Pair:
    pair = get_object_or_404(pairs_visible_to(user), pk=pk)
    if not may_coordinate(user, pair.cycle):
        raise PermissionDenied
    return pair


@login_required
@require_POST
def pair_approve(request, pk):
    pair = _pair_for_coordinator(request.user, pk)
    try:
        services.pair_coordinator_accept(actor=request.user, pair=pair)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The pair %(pair)s was accepted.") % {"pair": str(pair)})
    return redirect("mentoring:review", pk=pair.cycle_id)


class SwapForm(forms.Form):
    mentor = forms.TypedChoiceField(label=gettext_lazy("New mentor"), coerce=int, choices=())
    reason = forms.CharField(label=gettext_lazy("Reason for the swap"), max_length=300)


def swap_candidates(pair: Pair) -> list[dict]:
    """Mentors of the cycle with a free place who may mentor this mentee under the cycle's
    rules, best score first (at most `SWAP_CHOICES`), in a fixed number of queries."""
    cycle = pair.cycle
    offers = dict(
        MentorOffer.objects.filter(cycle=cycle, status=MentorOffer.Status.OFFERED)
        .exclude(mentor_id__in=[pair.mentor_id, pair.mentee_id])
        .values_list("mentor_id", "capacity")
    )
    load = dict(
        Pair.objects.filter(cycle=cycle, status__in=Pair.LIVE, mentor_id__in=offers)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    free = {m: cap - load.get(m, 0) for m, cap in offers.items() if cap > load.get(m, 0)}
    eligibility, weights, match_settings = matching.cycle_rules(cycle)
    facts = matching.person_facts([*free, pair.mentee_id], cycle.year, cycle=cycle)
    mentee = facts.get(pair.mentee_id)
    if mentee is None:
        return []
    found = []
    for mentor_id in free:
        mentor = facts.get(mentor_id)
        if mentor is None or mentor_eligible(mentor, eligibility):
            continue
        problems = pair_allowed(mentor, mentee, None, eligibility, match_settings)
        if not mentee.gaps:
            problems = [code for code in problems if code != "no_gap_covered"]
        if problems:
            continue
        score = pair_score(mentor, mentee, weights, eligibility.level_margin).total
        found.append({"id": mentor_id, "score": round(score, 3), "free": free[mentor_id]})
    found.sort(key=lambda row: (-row["score"], row["id"]))
    found = found[:SWAP_CHOICES]
    people = Employee.objects.select_related("unit").in_bulk([row["id"] for row in found])
    for row in found:
        row["employee"] = people[row["id"]]
    return found


@login_required
@require_http_methods(["GET", "POST"])
def pair_swap(request, pk):
    pair = _pair_for_coordinator(request.user, pk)
    candidates = swap_candidates(pair)
    form = SwapForm(request.POST or None)
    form.fields["mentor"].choices = [
        (row["id"], f"{row['employee'].name} — {row['employee'].unit.name} "
                    f"({_('score')} {row['score']}, {_('free places')} {row['free']})")
        for row in candidates
    ] or [("", _("No other mentor with a free place may mentor this ASN."))]  # fmt: skip
    if request.method == "POST" and form.is_valid():
        mentor = Employee.objects.filter(pk=form.cleaned_data["mentor"]).first()
        try:
            if mentor is None:
                raise ValidationError({"mentor": _("Choose a mentor from the list.")})
            services.pair_swap(actor=request.user, pair=pair, mentor=mentor,
                               reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mentor was changed; both sides are asked again."))
            return redirect("mentoring:review", pk=pair.cycle_id)
    return render(request, "mentoring/pair_swap.html", {
        "pair": pair, "form": form, "candidates": candidates,
    })  # fmt: skip
