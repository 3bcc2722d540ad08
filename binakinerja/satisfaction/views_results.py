"""Results of survey periods: IKM, NRR, trends, comparisons, suggestions, reports, and the
public IKM lists. Readers (managers and pimpinan of the unit's subtree) see aggregates; only
managers see free text (suggestions, extra answers) and the raw data."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.charts import bar_chart_svg, line_chart_svg
from binakinerja.core.converters import MAX_YEAR, MIN_YEAR
from binakinerja.core.exporting import XLSX_TYPE, file_response
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import opd_of
from binakinerja.satisfaction.followup import improvement_action_add, improvement_action_update
from binakinerja.satisfaction.models import ImprovementAction, SurveyResponse
from binakinerja.satisfaction.public import public_language
from binakinerja.satisfaction.reports import period_data_xlsx, period_report_pdf
from binakinerja.satisfaction.results import (
    GOOD_NRR,
    GOOD_SCORE,
    comparison,
    comparison_filters,
    instansi_published_ikm,
    instansi_with_published_ikm,
    period_actions,
    period_results,
    unit_trend,
)
from binakinerja.satisfaction.rules import ELEMENT_COUNT, Element
from binakinerja.satisfaction.selectors import (
    can_read_surveys,
    improvement_action_get_for_user,
    period_get_for_user,
    service_unit_get_for_user,
)

SUGGESTIONS_PER_PAGE = 20


def _nrr_chart(rows, title):
    return bar_chart_svg(
        [(f"U{r.number} {r.name}", r.nrr) for r in rows],
        min_value=1,
        max_value=4,
        title=title,
        value_format="{:.3f}",
        target=GOOD_NRR,
    )


# --- results of one period ---------------------------------------------------------------------


@login_required
@require_GET
def period_results_view(request, pk):
    period = period_get_for_user(request.user, pk)
    unit = period.service_unit
    manager = unit.can_manage
    results = period_results(period, with_free_text=manager)
    context = {
        "period": period,
        "service_unit": unit,
        "opd": opd_of(unit.unit),
        "results": results,
        "manager": manager,
        "chart": _nrr_chart(results.elements, _("NRR per element (scale 1–4)")),
        "good_score": GOOD_SCORE,
    }
    return render(request, "satisfaction/results/period_results.html", context)


@login_required
@require_GET
def unit_trend_view(request, pk):
    unit = service_unit_get_for_user(request.user, pk)
    rows = unit_trend(unit)
    chart = None
    if rows:
        chart = line_chart_svg(
            [str(r.period) for r in rows],
            [(_("IKM score"), [float(r.result.score) if r.result and r.result.score else None
                               for r in rows])],
            min_value=25, max_value=100, title=_("IKM score per period"),
        )  # fmt: skip
    context = {
        "service_unit": unit,
        "opd": opd_of(unit.unit),
        "rows": rows,
        "chart": chart,
        "elements": list(Element),
    }
    return render(request, "satisfaction/results/unit_trend.html", context)


# --- comparison ------------------------------------------------------------------------------


class ComparisonForm(forms.Form):
    opd = forms.TypedChoiceField(
        label=gettext_lazy("Agency (OPD)"), required=False, coerce=int, empty_value=None
    )
    kab_kota = forms.ChoiceField(label=gettext_lazy("Regency/city"), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, *args, opds, places, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", gettext_lazy("All"))]
        self.fields["opd"].choices = everything + [(o.pk, o.name) for o in opds]
        self.fields["kab_kota"].choices = everything + [(p, p) for p in places]
        self.opds = {o.pk: o for o in opds}

    def clean(self):
        data = super().clean()
        if data.get("opd") and data.get("kab_kota"):
            raise ValidationError(_("Filter by an agency or by a regency/city, not both."))
        return data


@login_required
@require_GET
def comparison_view(request):
    if not can_read_surveys(request.user):
        raise PermissionDenied
    opds, places = comparison_filters(request.user)
    data = request.GET.copy()
    data.setdefault("year", str(timezone.localdate().year))
    form = ComparisonForm(data, opds=opds, places=places)
    rows, chart = [], None
    if form.is_valid():
        year = form.cleaned_data["year"]
        rows = comparison(
            request.user,
            year=year,
            opd=form.opds.get(form.cleaned_data["opd"]),
            kab_kota=form.cleaned_data["kab_kota"],
        )
        scored = [r for r in rows if r.score is not None]
        if scored:
            chart = bar_chart_svg(
                [(r.service_unit.unit.name, float(r.score)) for r in scored],
                min_value=0, max_value=100,
                title=_("IKM score per service unit, %(year)s") % {"year": year},
                target=float(GOOD_SCORE),
            )  # fmt: skip
    context = {"form": form, "rows": rows, "chart": chart, "good_score": GOOD_SCORE}
    return render(request, "satisfaction/results/comparison.html", context)


# --- suggestions and follow-up -----------------------------------------------------------------


class ActionForm(forms.Form):
    action = forms.CharField(
        label=gettext_lazy("Action"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    responsible = forms.CharField(label=gettext_lazy("Responsible"), max_length=200, required=False)
    due_on = forms.DateField(
        label=gettext_lazy("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    element = forms.TypedChoiceField(
        label=gettext_lazy("Element"), required=False, coerce=int, empty_value=None,
        choices=[("", gettext_lazy("(whole period)"))] + list(Element.choices),
    )  # fmt: skip
    response = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ImprovementAction.Status)
    version = forms.IntegerField(widget=forms.HiddenInput)


def _suggestions_page(request, period, *, form=None, status=200):
    suggestions = (
        SurveyResponse.objects.filter(period=period, status=SurveyResponse.Status.VALID)
        .exclude(suggestion="")
        .select_related("service")
        .prefetch_related(Prefetch("actions", queryset=ImprovementAction.objects.order_by("pk")))
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(suggestions, SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    for response in page.object_list:
        answers = [a for a in response.answers if a is not None]
        response.mean = sum(answers) / len(answers) if answers else None
        response.low = [
            f"U{i}" for i, a in enumerate(response.answers, start=1) if a is not None and a <= 2
        ]
    actions = list(period_actions(period).select_related("response"))
    context = {
        "period": period,
        "service_unit": period.service_unit,
        "page": page,
        "form": form or ActionForm(),
        "actions": [(a, ActionStatusForm(initial={"status": a.status, "version": a.version}))
                    for a in actions],
        "element_numbers": range(1, ELEMENT_COUNT + 1),
    }  # fmt: skip
    return render(request, "satisfaction/results/suggestions.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def suggestions_view(request, pk):
    """Managers read the suggestions and record follow-up actions (on the period, an element or
    one suggestion)."""
    period = period_get_for_user(request.user, pk, write=True)
    if request.method == "GET":
        return _suggestions_page(request, period)
    form = ActionForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        response = None
        if data.pop("response"):
            response = SurveyResponse.objects.filter(
                pk=form.cleaned_data["response"], period=period
            ).first()
            if response is None:
                form.add_error(None, _("The suggestion is not one of this period's."))
        if not form.errors:
            try:
                improvement_action_add(actor=request.user, period=period, response=response,
                                       **data)  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Follow-up action recorded."))
                return redirect("satisfaction:suggestions", pk=period.pk)
    messages.error(request, _("The action was not recorded: check the form."))
    return _suggestions_page(request, period, form=form)


@login_required
@require_POST
def action_update_view(request, pk):
    action = improvement_action_get_for_user(request.user, pk, write=True)
    period = action.period
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            improvement_action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status updated."))
            return redirect("satisfaction:suggestions", pk=period.pk)
    else:
        messages.error(request, _("The status was not changed: choose a valid status."))
    return _suggestions_page(request, period)


# --- reports -----------------------------------------------------------------------------------


def _file_stem(period) -> str:
    return f"skm-{period.service_unit.public_code}-{period.year}-{period.kind}{period.number}"


@login_required
@require_GET
def report_pdf_view(request, pk):
    period = period_get_for_user(request.user, pk)
    audit_record(actor=request.user, action="export", instance=period,
                 object_repr=f"PDF SKM {period.service_unit} {period}")  # fmt: skip
    # Managers read free text: their copy quotes the first suggestions (lampiran 3).
    content = period_report_pdf(period, with_suggestions=period.service_unit.can_manage)
    return file_response(content, "application/pdf", f"{_file_stem(period)}.pdf")


@login_required
@require_GET
def report_xlsx_view(request, pk):
    """Raw anonymous responses: managers only, as they hold free-text suggestions."""
    period = period_get_for_user(request.user, pk, write=True)
    audit_record(actor=request.user, action="export", instance=period,
                 object_repr=f"XLSX SKM {period.service_unit} {period}")  # fmt: skip
    return file_response(period_data_xlsx(period), XLSX_TYPE, f"{_file_stem(period)}.xlsx")


# --- public IKM pages (no login) ---------------------------------------------------------------


@require_GET
@public_language
def instansi_list_view(request):
    context = {"governments": instansi_with_published_ikm()}
    return render(request, "satisfaction/results/public_instansi_list.html", context)


@require_GET
@public_language
def instansi_ikm_view(request, instansi_pk):
    instansi = get_object_or_404(OrgUnit, pk=instansi_pk, kind=OrgUnit.Kind.INSTANSI)
    context = {"instansi": instansi, "rows": instansi_published_ikm(instansi)}
    return render(request, "satisfaction/results/public_instansi_ikm.html", context)
