"""The public transparency page (no login): per government, the published years' pagu,
realisasi, JP delivered, participants, cost per JP and share of spending against the floor,
with the trend; aggregates only, no names; a CSV download. Light for a phone: one small
server-drawn chart and a table."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from binakinerja.budgets import figures
from binakinerja.core.charts import line_chart_svg
from binakinerja.core.exporting import csv_response


@require_GET
def public_index(request):
    return render(request, "budgets/public/index.html", {
        "governments": figures.governments_with_published_years(),
    })  # fmt: skip


@require_GET
def public_government(request, pk):
    government = figures.governments_with_published_years().filter(pk=pk).first()
    if government is None:
        raise Http404
    years = figures.public_years(government)
    if request.GET.get("format") == "csv":
        headers = [_("Year"), _("Pagu (Rp)"), _("Realisasi (Rp)"), _("Absorption (%)"),
                   _("ASN who earned JP"), _("JP delivered"), _("Cost per JP (Rp)"),
                   _("Share of total spending (%)"), _("Floor (%)")]  # fmt: skip
        rows = [[y.year, y.pagu, y.realised, y.absorption, y.participants, y.jp, y.cost_per_jp,
                 y.floor.share, y.floor.floor] for y in years]  # fmt: skip
        return csv_response(headers, rows, f"anggaran-kompetensi-{government.pk}.csv")
    chart = None
    trend = list(reversed(years))
    if len(trend) > 1:
        top = max(float(max(y.pagu, y.realised)) for y in trend) / 1_000_000
        chart = line_chart_svg(
            [str(y.year) for y in trend],
            [(_("Pagu (Rp million)"), [float(y.pagu) / 1_000_000 for y in trend]),
             (_("Realisasi (Rp million)"), [float(y.realised) / 1_000_000 for y in trend])],
            min_value=0, max_value=max(top, 1), value_format="{:,.0f}",
            title=_("Competency development budget of %(government)s")
            % {"government": government.name},
        )  # fmt: skip
    return render(request, "budgets/public/government.html", {
        "government": government, "years": years, "chart": chart,
    })  # fmt: skip
