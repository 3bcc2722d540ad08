"""Service times: recording visits, daily aggregates, medians and 90th percentiles.

Readers of a unit (managers and pimpinan) see the figures; only managers record and import.
Users with no survey role at all get 403; a unit outside the user's reach is 404."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.charts import bar_chart_svg, line_chart_svg
from binakinerja.core.exporting import xlsx_response
from binakinerja.core.spreadsheets import import_upload
from binakinerja.satisfaction.models import Service, ServiceUnit
from binakinerja.satisfaction.selectors import service_unit_get_for_user
from binakinerja.satisfaction.service_time import (
    DAY_COLUMNS,
    VISIT_COLUMNS,
    month_label,
    months_between,
    service_times_import,
    service_visit_record,
    unit_service_times,
    visit_problems,
)

TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]


def _ranges(service_unit: ServiceUnit) -> list[tuple[str, str, dt.date, dt.date]]:
    """The unit's survey periods, latest first, as (key, label, start, end); the current
    calendar year when the unit has no period yet."""
    ranges = [
        (str(p.pk), str(p), p.starts_on, p.ends_on)
        for p in service_unit.periods.order_by("-starts_on", "-pk")
    ]
    if not ranges:
        year = timezone.localdate().year
        ranges.append(("", str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return ranges


@login_required
@require_GET
def service_times_view(request, pk):
    """Per service: visits, waiting and service time (median, 90th percentile), total median
    against the target, for a survey period or one of its months, with a row per month."""
    service_unit = service_unit_get_for_user(request.user, pk)
    ranges = _ranges(service_unit)
    chosen = next((r for r in ranges if r[0] == request.GET.get("period")), ranges[0])
    key, label, start, end = chosen
    # Months after today are left out: no visit can lie in the future.
    shown_end = min(end, max(timezone.localdate(), start))
    months = months_between(start, shown_end)
    month = next((m for m in months if m.strftime("%Y-%m") == request.GET.get("month")), None)
    reports = unit_service_times(service_unit, start, shown_end, month=month)

    month_rows = [
        (report, m, times) for report in reports for m, times in report.months if not times.empty
    ]
    charts = []
    shares = [(r.service.name, r.target_share) for r in reports if r.service.target_minutes]
    if any(v is not None for _n, v in shares):
        top = max([150.0, *(v for _n, v in shares if v is not None)])
        title = _("Median total time as a share of its target (dashed line: the target)")
        charts.append((title, bar_chart_svg(
            shares, max_value=top, target=100, value_format="{:.0f}%", title=title,
        )))  # fmt: skip
    series = [
        (r.service.name, [t.total_median for _m, t in r.months])
        for r in reports
        if any(t.total_median is not None for _m, t in r.months)
    ]
    if series and len(months) > 1:
        top = max(v for _n, values in series for v in values if v is not None)
        targets = [r.service.target_minutes or 0 for r in reports]
        title = _("Median total time per month (minutes)")
        charts.append((title, line_chart_svg(
            [month_label(m) for m in months], series, min_value=0,
            max_value=max(top, *targets, 1) * 1.1, value_format="{:.0f}", title=title,
        )))  # fmt: skip
    context = {
        "service_unit": service_unit,
        "ranges": ranges,
        "range_key": key,
        "range_label": label,
        "months": [(m.strftime("%Y-%m"), month_label(m)) for m in months],
        "month": month.strftime("%Y-%m") if month else "",
        "month_text": month_label(month) if month else "",
        "reports": reports,
        "month_rows": month_rows,
        "charts": charts,
        "from_days": any(not r.overall.exact for r in reports)
        or any(not t.exact for _r, _m, t in month_rows),
        "can_manage": service_unit.can_manage,
    }
    return render(request, "satisfaction/service_time/times.html", context)


class VisitForm(forms.Form):
    service = forms.ModelChoiceField(label=gettext_lazy("Service"), queryset=Service.objects.none())
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    arrived = forms.TimeField(
        label=gettext_lazy("Arrival (queue number taken)"), input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )  # fmt: skip
    started = forms.TimeField(
        label=gettext_lazy("Service started"), input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )  # fmt: skip
    finished = forms.TimeField(
        label=gettext_lazy("Service finished"), input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )  # fmt: skip

    FIELD_OF = {"started_at": "started", "finished_at": "finished"}

    def __init__(self, *args, service_unit: ServiceUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = service_unit.services.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not all(name in data for name in ("date", "arrived", "started", "finished")):
            return data
        moments = {
            name: timezone.make_aware(dt.datetime.combine(data["date"], data[name]))
            for name in ("arrived", "started", "finished")
        }
        for name, message in visit_problems(
            moments["arrived"], moments["started"], moments["finished"], now=timezone.now()
        ):
            self.add_error(self.FIELD_OF[name], message)
        data.update({f"{name}_at": value for name, value in moments.items()})
        return data


@login_required
@require_http_methods(["GET", "POST"])
def service_visit_add_view(request, pk):
    """Managers record one visit's times; the form comes back with the same service and date
    so that a register is entered quickly."""
    service_unit = service_unit_get_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = VisitForm(request.POST, service_unit=service_unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                service_visit_record(
                    actor=request.user, service=data["service"], arrived_at=data["arrived_at"],
                    started_at=data["started_at"], finished_at=data["finished_at"],
                )  # fmt: skip
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Visit recorded: %(service)s, %(date)s %(start)s.")
                    % {"service": data["service"], "date": data["date"].strftime("%d/%m/%Y"),
                       "start": data["arrived"].strftime("%H:%M")},
                )  # fmt: skip
                query = urlencode({"service": data["service"].pk, "date": data["date"]})
                return redirect(
                    reverse("satisfaction:service_visit_add", args=[service_unit.pk]) + "?" + query
                )
    else:
        initial = {"date": timezone.localdate()}
        if request.GET.get("service", "").isdigit():
            initial["service"] = int(request.GET["service"])
        try:
            initial["date"] = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            pass
        form = VisitForm(initial=initial, service_unit=service_unit)
    return render(
        request, "satisfaction/service_time/visit_form.html",
        {"service_unit": service_unit, "form": form},
    )  # fmt: skip


TEMPLATES = {
    "days": (DAY_COLUMNS, ["2026-03-02", "Poli Umum", 42, 18, 45, 12, 25]),
    "visits": (VISIT_COLUMNS, ["2026-03-02", "Poli Umum", "08:05", "08:31", "08:44"]),
}


@login_required
@require_http_methods(["GET", "POST"])
def service_time_import_view(request, pk):
    """Managers import daily aggregates or visits from XLSX/CSV, all or nothing."""
    service_unit = service_unit_get_for_user(request.user, pk, write=True)
    template = TEMPLATES.get(request.GET.get("template", ""))
    if request.method == "GET" and template is not None:
        columns, example = template
        names = list(service_unit.services.values_list("name", flat=True)[:1]) or [example[1]]
        return xlsx_response(
            columns, [[example[0], names[0], *example[2:]]],
            f"templat-waktu-layanan-{request.GET['template']}.xlsx", sheet_title="Data",
        )  # fmt: skip
    result = None
    replace = request.POST.get("replace") == "on"
    if request.method == "POST":
        result = import_upload(
            request,
            lambda upload: service_times_import(
                actor=request.user, service_unit=service_unit, upload=upload, name=upload.name,
                replace=replace,
            ),
            allow_csv=True,
        )  # fmt: skip
    if result is not None and result.ok:
        text = (
            _("Imported %(created)d days of figures (%(replaced)d replaced).")
            if result.kind == "days"
            else _("Imported %(created)d visits (%(replaced)d replaced).")
        )
        messages.success(request, text % {"created": result.created, "replaced": result.replaced})
        return redirect("satisfaction:service_times", pk=service_unit.pk)
    return render(
        request, "satisfaction/service_time/import.html",
        {"service_unit": service_unit, "result": result, "replace": replace,
         "day_columns": ", ".join(DAY_COLUMNS), "visit_columns": ", ".join(VISIT_COLUMNS)},
    )  # fmt: skip
