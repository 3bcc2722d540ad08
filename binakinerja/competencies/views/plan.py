"""The competency development plan (rencana pengembangan kompetensi) of an OPD or instansi:
the page and its XLSX/PDF exports (read-only; exports are audited)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from binakinerja.competencies import rules
from binakinerja.competencies.jp import jp_done_for
from binakinerja.competencies.plan import FORM_LABELS, development_plan, plan_pdf, plan_xlsx
from binakinerja.competencies.selectors import aggregate_unit_get_for_user, parent_visible_to
from binakinerja.core.audit import audit_record
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import XLSX_TYPE, file_response
from binakinerja.core.models import AuditLog
from binakinerja.core.privacy import min_group
from binakinerja.people.models import Employee

FORMATS = {"xlsx": (XLSX_TYPE, plan_xlsx), "pdf": ("application/pdf", plan_pdf)}


@login_required
@require_GET
def development_plan_view(request, unit_pk, year):
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    export = request.GET.get("format", "")
    if export and export not in FORMATS:
        raise Http404
    # JP already done this year (the ledger, through competencies.jp): one grouped query.
    in_unit = Employee.objects.filter(unit.subtree_q("unit__")).values("pk")
    plan = development_plan(
        request.user, root_unit=unit, year=year, jp_done=jp_done_for(in_unit, year)
    )
    if export:
        content_type, build = FORMATS[export]
        audit_record(actor=request.user, action=AuditLog.Action.EXPORT, instance=unit,
                     object_repr=f"{export.upper()} {plan.title}")  # fmt: skip
        filename = f"rencana-pengembangan-kompetensi-{unit.pk}-{year}.{export}"
        return file_response(build(plan), content_type, filename)
    context = {
        "plan": plan,
        "unit": unit,
        "parent": parent_visible_to(request.user, unit),
        "costs": [(FORM_LABELS[form], row) for form, row in zip(
            plan.costs, plan.cost_rows(), strict=True)],
        "yearly_jp": rules.YEARLY_JP,
        "min_group": min_group(),
        **year_neighbours(year),
    }  # fmt: skip
    return render(request, "competencies/plan/development_plan.html", context)
