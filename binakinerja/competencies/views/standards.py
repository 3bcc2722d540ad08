"""Position competency standards and the technical competencies of the dictionary.

Standards: managers of the position's unit set them; pimpinan of the subtree read them; other
roles 403; a position outside the reader's units 404. Managers (admins BKPSDM and operators, as
for the assessment import) import standards from XLSX for the positions of their units.
Technical competencies: managers and pimpinan read the list; admins BKPSDM create them.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from binakinerja.competencies import importing_standards
from binakinerja.competencies.models import Competency, CompetencyGroup
from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL
from binakinerja.competencies.selectors import can_read_aggregates, position_standard_rows
from binakinerja.competencies.services import (
    can_define_technical,
    position_standard_set,
    position_standards_apply_defaults,
    technical_competency_create,
)
from binakinerja.core.exporting import xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.organizations.selectors import can_manage_unit, orgunit_list_visible_to
from binakinerja.people.models import Position
from binakinerja.people.selectors import position_get_for_user

LEVELS = range(MIN_LEVEL, MAX_LEVEL + 1)


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def _parse_level(raw):
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def position_standards(request, pk: int):
    """A position's standard; managers of its unit set levels or apply the defaults."""
    if not can_read_aggregates(request.user):
        raise PermissionDenied
    if request.method == "POST":
        position = position_get_for_user(request.user, pk, write=True)
        return _standards_post(request, position)
    position = position_get_for_user(request.user, pk)
    can_edit = can_manage_unit(request.user, position.unit_id)
    context = {
        "position": position,
        "rows": position_standard_rows(position),
        "can_edit": can_edit,
        "competencies": Competency.objects.filter(is_active=True) if can_edit else [],
        "levels": LEVELS,
    }
    return render(request, "competencies/standards/position.html", context)


def _standards_post(request, position):
    target = redirect("competencies:position_standards", pk=position.pk)
    try:
        if request.POST.get("action") == "defaults":
            created = position_standards_apply_defaults(actor=request.user, position=position)
            messages.success(
                request, _("Default standards added: %(count)d.") % {"count": len(created)}
            )
            return target
        competency = Competency.objects.filter(
            pk=_parse_level(request.POST.get("competency"))
        ).first()
        if competency is None:
            messages.error(request, _("Choose a competency from the list."))
            return target
        level = _parse_level(request.POST.get("level"))
        position_standard_set(
            actor=request.user, position=position, competency=competency, level=level
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return target
    messages.success(request, _("The standard was saved."))
    return target


class TechnicalCompetencyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=20)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    field = forms.CharField(label=gettext_lazy("Field"), max_length=200)
    definition = forms.CharField(
        label=gettext_lazy("Definition"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in LEVELS:
            self.fields[f"level_{level}"] = forms.CharField(
                label=gettext_lazy("Level %(level)d description") % {"level": level},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def levels(self) -> dict[int, str]:
        return {level: self.cleaned_data.get(f"level_{level}", "") for level in LEVELS}


@login_required
@require_http_methods(["GET", "POST"])
def technical_list(request):
    """The technical competencies; admins BKPSDM add new ones."""
    if not can_read_aggregates(request.user):
        raise PermissionDenied
    can_create = can_define_technical(request.user)
    if request.method == "POST" and not can_create:
        raise PermissionDenied
    form = TechnicalCompetencyForm(request.POST or None) if can_create else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            technical_competency_create(
                actor=request.user, code=data["code"], name=data["name"], field=data["field"],
                definition=data["definition"], levels=form.levels(),
            )  # fmt: skip
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The technical competency was added."))
            return redirect("competencies:technical_list")
    competencies = Competency.objects.filter(group=CompetencyGroup.TEKNIS).order_by("field", "code")
    context = {
        "competencies": competencies,
        "form": form,
        "can_import": reach_of(request.user).can_manage_registry,
    }
    return render(request, "competencies/standards/technical_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def position_standards_import(request):
    """Import position standards from XLSX, all or nothing; `?template=1` downloads the template
    with an example row for one of the importer's positions."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("template"):
        position = (
            Position.objects.filter(unit__in=orgunit_list_visible_to(request.user, write=True))
            .select_related("unit")
            .order_by("pk")
            .first()
        )
        rows = importing_standards.template_rows(position=position)
        return xlsx_response(
            importing_standards.COLUMNS, rows, "templat-standar-kompetensi.xlsx", "Standar"
        )
    result = None
    if request.method == "POST":
        result = import_upload(
            request,
            lambda upload: importing_standards.position_standards_import(
                actor=request.user, upload=upload
            ),
        )
    if result is not None and result.ok:
        messages.success(
            request,
            _("Imported: %(created)d standards added, %(updated)d changed, "
              "%(unchanged)d already as in the file.") % {
                "created": result.created, "updated": result.updated,
                "unchanged": result.unchanged},
        )  # fmt: skip
        return redirect("competencies:standards_import")
    context = {
        "result": result,
        "errors_json": result.errors_json if result else "",
        "columns": importing_standards.COLUMNS,
        "max_rows": importing_standards.MAX_ROWS,
    }
    return render(request, "competencies/standards/import.html", context)
