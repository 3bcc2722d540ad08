"""Institutions, co-designed programs and the catalogue (issue 13, items 1–2). Thin views: fetch
through `selectors` (404 outside reach, 403 for a write by a reader), validate the form, one
call of a service of `design.py`, redirect or render.

- catalogue (`katalog/`): every logged-in user; approved programs only;
- programs (`program/`): the workbench of the institution's staff (their institution's
  programs, every status) and of admins BKPSDM (every program); others 403 on the list and 404
  on a program's page;
- institutions (`lembaga/`): managed by admins BKPSDM; an institution's page also for its staff.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.competencies.models import Competency
from binakinerja.core.audit import history_for
from binakinerja.core.concurrency import posted_version
from binakinerja.core.scoping import reach_of
from binakinerja.trainings import design, rules
from binakinerja.trainings.models import (
    Facilitator,
    Institution,
    Module,
    Program,
    ProgramCompetency,
)
from binakinerja.trainings.selectors import (
    can_manage_trainings,
    catalogue_programs,
    institution_get_for_user,
    institutions_of,
    need_codes_of,
    next_batches,
    program_get_for_user,
    program_workbench_of,
)

CATALOGUE_PAGE = 20
LIST_PAGE = 50
LEVEL_CHOICES = [(n, str(n)) for n in range(1, 6)]


# --- forms --------------------------------------------------------------------------------------


def _nip_field(label):
    # Longer than 18: a pasted NIP with spaces or dots is normalised before the model sees it.
    return forms.CharField(label=label, max_length=40, required=False)


def _normalised_nip(value: str) -> str:
    from binakinerja.people.rules import normalize_nip

    return normalize_nip(value) if value.strip() else ""


class InstitutionForm(forms.ModelForm):
    head_nip = _nip_field(gettext_lazy("NIP of the head"))

    class Meta:
        model = Institution
        fields = list(design.INSTITUTION_FIELDS)
        widgets = {"accreditation_until": forms.DateInput(attrs={"type": "date"})}

    def clean_head_nip(self):
        return _normalised_nip(self.cleaned_data["head_nip"])


class FacilitatorForm(forms.ModelForm):
    nip = _nip_field("NIP")

    class Meta:
        model = Facilitator
        fields = list(design.FACILITATOR_FIELDS)

    def clean_nip(self):
        return _normalised_nip(self.cleaned_data["nip"])


class ProgramForm(forms.Form):
    """A program's fields; the rules (pass mark within the maximum, …) are the service's."""

    institution = forms.ModelChoiceField(
        label=gettext_lazy("Institution"), queryset=Institution.objects.none()
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    form_code = forms.ChoiceField(
        label=gettext_lazy("Development form"), choices=rules.FORM_CHOICES
    )
    jenis_diklat_id = forms.TypedChoiceField(
        label=gettext_lazy("SIASN jenisDiklatId"), required=False, coerce=int, empty_value=None,
        choices=[("", gettext_lazy("Derived from the form"))]
        + [(code, f"{code} · {form.name}") for code, form in sorted(rules.JENIS_DIKLAT.items())],
        help_text=gettext_lazy(
            "Leave it derived unless the program is reported under another code (e.g. a "
            "structural diklat such as SEPADA)."
        ),
    )  # fmt: skip
    objectives = forms.CharField(
        label=gettext_lazy("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    method = forms.CharField(
        label=gettext_lazy("Method"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    audience = forms.CharField(label=gettext_lazy("For whom"), max_length=300, required=False)
    min_attendance_pct = forms.IntegerField(
        label=gettext_lazy("Minimum attendance (%)"), initial=80
    )
    pass_mark = forms.DecimalField(
        label=gettext_lazy("Pass mark of the post-test"), required=False, max_digits=5,
        decimal_places=2, help_text=gettext_lazy("Empty: attendance alone decides."),
    )  # fmt: skip
    test_maximum = forms.DecimalField(
        label=gettext_lazy("Maximum test score"), initial=100, max_digits=5, decimal_places=2
    )

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if institutions is None:
            del self.fields["institution"]
        else:
            self.fields["institution"].queryset = institutions

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("institution", None)
        return data


class ModuleForm(forms.Form):
    order = forms.IntegerField(label=gettext_lazy("Order"), required=False)
    name = forms.CharField(label=gettext_lazy("Module"), max_length=200, required=False)
    jp = forms.IntegerField(label=gettext_lazy("JP"), help_text=gettext_lazy("1 JP = 45 minutes."))
    objective = forms.CharField(
        label=gettext_lazy("Objective"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.CharField(label=gettext_lazy("Method"), max_length=200, required=False)


class TargetForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=gettext_lazy("Competency"),
        queryset=Competency.objects.filter(is_active=True).order_by("group", "code"),
    )
    level = forms.IntegerField(label=gettext_lazy("Level (1–5)"))


class CommentForm(forms.Form):
    module = forms.ModelChoiceField(
        label=gettext_lazy("On"), required=False, queryset=Module.objects.none(),
        empty_label=gettext_lazy("The program as a whole"),
    )  # fmt: skip
    text = forms.CharField(
        label=gettext_lazy("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        if program is not None:
            self.fields["module"].queryset = program.modules.all()


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form's fields (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the catalogue ------------------------------------------------------------------------------


def _int_or_none(value):
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


@login_required
@require_GET
def catalogue(request):
    """Approved programs with what they develop, for whom, JP, form, institution and the next
    batch; the reader's own needs first. A fixed number of queries per page."""
    competency_id = _int_or_none(request.GET.get("competency"))
    institution_id = _int_or_none(request.GET.get("institution"))
    form_code = request.GET.get("form", "")
    if form_code not in rules.FORMS:
        form_code = ""
    need_codes = need_codes_of(request.user)
    programs = catalogue_programs(
        competency_id=competency_id, form_code=form_code, institution_id=institution_id,
        need_codes=need_codes,
    )  # fmt: skip
    page = Paginator(programs, CATALOGUE_PAGE).get_page(request.GET.get("page"))
    batches = next_batches(program.pk for program in page)
    for program in page:
        program.next_batch = batches.get(program.pk)
        program.form_label = rules.FORMS[program.form_code].label
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "query_string": params.urlencode(),
        "competencies": Competency.objects.filter(
            programcompetency__program__status=Program.Status.APPROVED
        )
        .distinct()
        .order_by("group", "code"),
        "institutions": Institution.objects.filter(programs__status=Program.Status.APPROVED)
        .distinct()
        .order_by("name"),
        "forms": rules.FORM_CHOICES,
        "selected": {"competency": competency_id, "institution": institution_id,
                     "form": form_code},
        "is_asn": bool(reach_of(request.user).employee_id),
        "has_needs": bool(need_codes),
        "can_design": can_manage_trainings(request.user) or bool(institutions_of(request.user)),
    }  # fmt: skip
    return render(request, "trainings/programs_catalogue.html", context)


@login_required
@require_GET
def catalogue_detail(request, pk):
    program = get_object_or_404(catalogue_programs(need_codes=need_codes_of(request.user)), pk=pk)
    context = {
        "program": program,
        "form": rules.FORMS[program.form_code],
        "modules": program.modules.order_by("order", "pk"),
        "next_batch": next_batches([program.pk]).get(program.pk),
        "can_design": design.can_edit_program(request.user, program),
    }
    return render(request, "trainings/programs_catalogue_detail.html", context)


# --- the program workbench ----------------------------------------------------------------------


def _require_designer(user) -> None:
    if not (can_manage_trainings(user) or institutions_of(user)):
        raise PermissionDenied


@login_required
@require_GET
def program_list(request):
    _require_designer(request.user)
    programs = program_workbench_of(request.user).order_by("institution__name", "title", "pk")
    status = request.GET.get("status", "")
    if status in Program.Status.values:
        programs = programs.filter(status=status)
    else:
        status = ""
    page = Paginator(programs, LIST_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Program.Status.choices,
        "query_string": f"status={status}" if status else "",
        "can_create": can_manage_trainings(request.user) or bool(institutions_of(request.user)),
    }
    return render(request, "trainings/programs_list.html", context)


def _creatable_institutions(user):
    institutions = Institution.objects.filter(is_active=True)
    if can_manage_trainings(user):
        return institutions
    return institutions.filter(name__in=institutions_of(user))


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    _require_designer(request.user)
    institutions = _creatable_institutions(request.user)
    form = ProgramForm(request.POST or None, institutions=institutions)
    if len(institutions) == 1 and not request.POST:
        form.fields["institution"].initial = institutions[0].pk
    if request.method == "POST" and form.is_valid():
        try:
            program = design.program_create(
                actor=request.user, institution=form.cleaned_data["institution"],
                data=form.service_data(),
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Add its target competencies and modules."))
            return redirect("trainings:program_detail", program.pk)
    return render(request, "trainings/programs_form.html", {"form": form, "program": None},
                  status=400 if form.errors else 200)  # fmt: skip


def _detail_context(request, program: Program, **forms_) -> dict:
    user = request.user
    editable = design.can_edit_program(user, program) and program.status in design.EDITABLE_STATUSES
    reviewing = can_manage_trainings(user) and program.status == Program.Status.SUBMITTED
    modules = list(program.modules.order_by("order", "pk"))
    current = program.revisions.order_by("-number").first()
    comments = list(current.comments.select_related("author", "module") if current else [])
    by_module: dict[int, list] = {}
    for comment in comments:
        if comment.module_id:
            by_module.setdefault(comment.module_id, []).append(comment)
    for module in modules:
        module.current_comments = by_module.get(module.pk, [])
    versions = design.program_revisions(program)
    for version in versions:
        version["lines"] = [_change_line(change) for change in version["changes"]]
    return {
        "program": program,
        "form_label": rules.FORMS[program.form_code].label,
        "modules": modules,
        "total_jp": sum(m.jp for m in modules),
        "targets": program.target_competencies.select_related("competency").order_by(
            "competency__group", "competency__code"
        ),
        "editable": editable,
        "reviewing": reviewing,
        "current_revision": current,
        "program_comments": [c for c in comments if not c.module_id],
        "versions": versions,
        "module_form": forms_.get("module_form") or (ModuleForm() if editable else None),
        "target_form": forms_.get("target_form") or (TargetForm() if editable else None),
        "comment_form": forms_.get("comment_form")
        or (CommentForm(program=program) if reviewing else None),
        "level_choices": LEVEL_CHOICES,
        "history": history_for(program)[:30],
    }


FIELD_LABELS = {
    name: Program._meta.get_field(name).verbose_name for name in rules.PROGRAM_SNAPSHOT_FIELDS
}
MODULE_LABELS = {
    name: Module._meta.get_field(name).verbose_name for name in rules.MODULE_SNAPSHOT_FIELDS
}


def _show(value) -> str:
    if value in (None, ""):
        return "–"
    return str(value)


def _change_line(change: rules.RevisionChange) -> str:
    """One readable line of a version's changes (the template escapes it)."""
    if change.kind == "field":
        return _("%(field)s: %(old)s → %(new)s") % {
            "field": FIELD_LABELS.get(change.subject, change.subject),
            "old": _show(change.before)[:120], "new": _show(change.after)[:120],
        }  # fmt: skip
    if change.kind == "module_added":
        return _("Module added: %(name)s (%(jp)s JP)") % {
            "name": change.subject, "jp": change.after.get("jp"),
        }  # fmt: skip
    if change.kind == "module_removed":
        return _("Module removed: %(name)s") % {"name": change.subject}
    if change.kind == "module_changed":
        parts = "; ".join(
            f"{MODULE_LABELS.get(f, f)}: {_show(change.before[f])[:80]} → "
            f"{_show(change.after[f])[:80]}"
            for f in change.after
        )
        return _("Module changed: %(name)s (%(parts)s)") % {"name": change.subject,
                                                            "parts": parts}  # fmt: skip
    if change.kind == "competency_added":
        return _("Target competency added: %(code)s level %(level)s") % {
            "code": change.subject, "level": change.after,
        }  # fmt: skip
    if change.kind == "competency_removed":
        return _("Target competency removed: %(code)s") % {"code": change.subject}
    return _("Target competency %(code)s: level %(old)s → %(new)s") % {
        "code": change.subject, "old": change.before, "new": change.after,
    }  # fmt: skip


def _render_detail(request, program, status=200, **forms_):
    return render(request, "trainings/programs_detail.html",
                  _detail_context(request, program, **forms_), status=status)  # fmt: skip


@login_required
@require_GET
def program_detail(request, pk):
    program = get_object_or_404(program_workbench_of(request.user), pk=pk)
    return _render_detail(request, program)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = ProgramForm(request.POST)
        if form.is_valid():
            try:
                design.program_update(
                    actor=request.user, program=program, data=form.service_data(),
                    edit_version=posted_version(request, "edit_version"),
                )  # fmt: skip
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Program saved."))
                return redirect("trainings:program_detail", program.pk)
        edit_version = request.POST.get("edit_version", "")
    else:
        if program.status not in design.EDITABLE_STATUSES:
            messages.error(request, _("Only a draft or a program returned for revision can be "
                                      "changed."))  # fmt: skip
            return redirect("trainings:program_detail", program.pk)
        initial = {name: getattr(program, name) for name in rules.PROGRAM_SNAPSHOT_FIELDS}
        if program.jenis_diklat_id == rules.FORMS[program.form_code].jenis_diklat_id:
            initial["jenis_diklat_id"] = ""  # derived: keep following the form
        form = ProgramForm(initial=initial)
        edit_version = program.edit_version
    return render(request, "trainings/programs_form.html",
                  {"form": form, "program": program, "edit_version": edit_version},
                  status=400 if form.errors else 200)  # fmt: skip


def _program_for_write(request, pk) -> Program:
    return program_get_for_user(request.user, pk, write=True)


@login_required
@require_POST
def module_add(request, pk):
    program = _program_for_write(request, pk)
    form = ModuleForm(request.POST)
    if form.is_valid():
        try:
            design.module_add(actor=request.user, program=program, data=form.cleaned_data,
                              edit_version=posted_version(request, "edit_version"))  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Module added."))
            return redirect(design.program_link(program, "#modules"))
    return _render_detail(request, program, status=400, module_form=form)


def _module_for_write(request, pk) -> Module:
    module = get_object_or_404(Module.objects.only("pk", "program_id"), pk=pk)
    program = _program_for_write(request, module.program_id)
    return get_object_or_404(Module.objects.select_related("program"), pk=pk, program=program)


@login_required
@require_http_methods(["GET", "POST"])
def module_edit(request, pk):
    module = _module_for_write(request, pk)
    program = module.program
    if request.method == "POST":
        form = ModuleForm(request.POST)
        if form.is_valid():
            try:
                design.module_update(
                    actor=request.user, module=module, data=form.cleaned_data,
                    edit_version=posted_version(request, "edit_version"),
                )  # fmt: skip
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Module saved."))
                return redirect(design.program_link(program, "#modules"))
        edit_version = request.POST.get("edit_version", "")
    else:
        if program.status not in design.EDITABLE_STATUSES:
            messages.error(request, _("Only a draft or a program returned for revision can be "
                                      "changed."))  # fmt: skip
            return redirect("trainings:program_detail", program.pk)
        form = ModuleForm(initial={name: getattr(module, name) for name in design.MODULE_FIELDS})
        edit_version = program.edit_version
    return render(request, "trainings/programs_module_form.html",
                  {"form": form, "module": module, "program": program,
                   "edit_version": edit_version},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def module_remove(request, pk):
    module = _module_for_write(request, pk)
    try:
        design.module_remove(actor=request.user, module=module,
                             edit_version=posted_version(request, "edit_version"))  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Module removed."))
    return redirect(design.program_link(module.program, "#modules"))


@login_required
@require_POST
def target_add(request, pk):
    program = _program_for_write(request, pk)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            design.target_add(
                actor=request.user, program=program, competency=form.cleaned_data["competency"],
                level=form.cleaned_data["level"],
                edit_version=posted_version(request, "edit_version"),
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Target competency added."))
            return redirect(design.program_link(program, "#targets"))
    return _render_detail(request, program, status=400, target_form=form)


@login_required
@require_POST
def target_remove(request, pk):
    target = get_object_or_404(ProgramCompetency.objects.only("pk", "program_id"), pk=pk)
    program = _program_for_write(request, target.program_id)
    target = get_object_or_404(ProgramCompetency, pk=pk, program=program)
    try:
        design.target_remove(actor=request.user, target=target,
                             edit_version=posted_version(request, "edit_version"))  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Target competency removed."))
    return redirect(design.program_link(program, "#targets"))


@login_required
@require_POST
def program_submit(request, pk):
    program = _program_for_write(request, pk)
    try:
        revision = design.program_submit(
            actor=request.user, program=program,
            edit_version=posted_version(request, "edit_version"),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Version %(number)s submitted to BKPSDM for review.")
                         % {"number": revision.number})  # fmt: skip
    return redirect("trainings:program_detail", program.pk)


@login_required
@require_POST
def program_comment(request, pk):
    program = _program_for_write(request, pk)
    if not can_manage_trainings(request.user):
        raise PermissionDenied
    form = CommentForm(request.POST, program=program)
    if form.is_valid():
        try:
            design.program_comment(actor=request.user, program=program,
                                   text=form.cleaned_data["text"],
                                   module=form.cleaned_data["module"])  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Comment saved."))
            return redirect(design.program_link(program, "#review"))
    return _render_detail(request, program, status=400, comment_form=form)


@login_required
@require_POST
def program_decide(request, pk):
    program = _program_for_write(request, pk)
    if not can_manage_trainings(request.user):
        raise PermissionDenied
    action = request.POST.get("action")
    service = {"return": design.program_return, "approve": design.program_approve}.get(action)
    if service is None:
        messages.error(request, _("Choose to return or to approve the program."))
        return redirect("trainings:program_detail", program.pk)
    try:
        service(actor=request.user, program=program,
                edit_version=posted_version(request, "edit_version"))  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Program returned to the institution for revision.")
                         if action == "return" else _("Program approved."))  # fmt: skip
    return redirect("trainings:program_detail", program.pk)


# --- institutions -------------------------------------------------------------------------------


@login_required
@require_GET
def institution_list(request):
    _require_designer(request.user)
    institutions = Institution.objects.all()
    if not can_manage_trainings(request.user):
        institutions = institutions.filter(name__in=institutions_of(request.user))
    from django.db.models import Count, Q

    institutions = institutions.annotate(
        approved=Count("programs", filter=Q(programs__status=Program.Status.APPROVED)),
        in_design=Count("programs", filter=~Q(programs__status=Program.Status.APPROVED)),
    ).order_by("name")
    return render(request, "trainings/institutions_list.html", {
        "institutions": institutions, "can_manage": can_manage_trainings(request.user),
    })  # fmt: skip


def _require_manager(user) -> None:
    if not can_manage_trainings(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request):
    _require_manager(request.user)
    return _institution_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, pk):
    institution = institution_get_for_user(request.user, pk)
    _require_manager(request.user)
    return _institution_form(request, institution)


def _institution_form(request, institution):
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        try:
            # The form changed its instance while validating: the service reads a fresh copy.
            fresh = Institution.objects.get(pk=institution.pk) if institution else None
            institution = design.institution_save(
                actor=request.user, institution=fresh, data=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Institution saved."))
            return redirect("trainings:institution_detail", institution.pk)
    return render(request, "trainings/institutions_form.html",
                  {"form": form, "institution": institution},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_GET
def institution_detail(request, pk):
    institution = institution_get_for_user(request.user, pk)
    from binakinerja.accounts.models import Role, RoleAssignment

    staff = (
        RoleAssignment.objects.filter(role=Role.PENYELENGGARA, institution=institution.name)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    context = {
        "institution": institution,
        "staff": [assignment.user for assignment in staff],
        "programs": institution.programs.order_by("title"),
        "facilitators": institution.facilitators.all(),
        "can_manage": can_manage_trainings(request.user),
        "can_edit_facilitators": design.can_edit_facilitators(request.user, institution),
        "history": history_for(institution)[:20] if can_manage_trainings(request.user) else [],
    }
    return render(request, "trainings/institutions_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def facilitator_add(request, pk):
    institution = institution_get_for_user(request.user, pk)
    return _facilitator_form(request, institution, None)


@login_required
@require_http_methods(["GET", "POST"])
def facilitator_edit(request, pk):
    facilitator = get_object_or_404(Facilitator.objects.only("pk", "institution_id"), pk=pk)
    institution = institution_get_for_user(request.user, facilitator.institution_id)
    return _facilitator_form(request, institution, get_object_or_404(Facilitator, pk=pk))


def _facilitator_form(request, institution, facilitator):
    if not design.can_edit_facilitators(request.user, institution):
        raise PermissionDenied
    form = FacilitatorForm(request.POST or None, instance=facilitator)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = Facilitator.objects.get(pk=facilitator.pk) if facilitator else None
            design.facilitator_save(actor=request.user, institution=institution,
                                    facilitator=fresh, data=form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Facilitator saved."))
            return redirect(reverse_institution(institution) + "#facilitators")
    return render(request, "trainings/institutions_facilitator_form.html",
                  {"form": form, "institution": institution, "facilitator": facilitator},
                  status=400 if form.errors else 200)  # fmt: skip


def reverse_institution(institution) -> str:
    from django.urls import reverse

    return reverse("trainings:institution_detail", args=[institution.pk])
