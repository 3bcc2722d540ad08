"""A budget line and its entries: create and change a line, revise its pagu, post realisasi
(with its document, and an override when it exceeds the pagu), correct by reversal, attach a
missing document, review an override, download a document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.budgets import rules, services
from binakinerja.budgets.selectors import (
    entry_get_for_user,
    government_get_for_user,
    line_get_for_user,
    may_keep,
    may_post,
)
from binakinerja.budgets.views.forms import (
    DocumentForm,
    LineForm,
    PaguForm,
    RealisationForm,
    ReverseForm,
)
from binakinerja.core.audit import audit_record
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.forms import add_service_errors
from binakinerja.mentoring.models import MentoringCycle
from binakinerja.organizations.models import OrgUnit
from binakinerja.programs.models import Phase, SocialisationEvent
from binakinerja.trainings.models import Batch

TIE_MODELS = {"phase": Phase, "batch": Batch, "cycle": MentoringCycle, "event": SocialisationEvent}


def _tie_choices(government, year) -> list[tuple[str, str]]:
    """What a line of the government's year may pay for, as "kind:id" choices."""
    choices = []
    for phase in Phase.objects.filter(program__instansi=government).select_related("program"):
        choices.append(
            (
                f"phase:{phase.pk}",
                _("Phase: %(name)s") % {"name": f"{phase.program.name} · {phase}"},
            )
        )
    for batch in Batch.objects.filter(year=year).select_related("program").order_by("start"):
        choices.append((f"batch:{batch.pk}", _("Batch: %(name)s") % {"name": str(batch)}))
    for cycle in MentoringCycle.objects.filter(instansi=government, year=year):
        choices.append((f"cycle:{cycle.pk}", _("Mentoring: %(name)s") % {"name": str(cycle)}))
    events = SocialisationEvent.objects.filter(program__instansi=government, date__year=year)
    for event in events.select_related("unit"):
        choices.append(
            (
                f"event:{event.pk}",
                _("Socialisation: %(name)s") % {"name": f"{event.title} ({event.unit.name})"},
            )
        )
    return choices


def _ties_of(value: str) -> dict:
    """{"phase": Phase, …} from a "kind:id" choice ({} for a general line)."""
    if not value:
        return {}
    kind, _sep, pk = value.partition(":")
    model = TIE_MODELS.get(kind)
    found = model.objects.filter(pk=pk).first() if model and pk.isdigit() else None
    return {kind: found} if found else {}


def _tie_value(line) -> str:
    for kind in TIE_MODELS:
        if getattr(line, f"{kind}_id"):
            return f"{kind}:{getattr(line, f'{kind}_id')}"
    return ""


def _opds(government):
    return OrgUnit.objects.filter(path__startswith=government.path,
                                  kind__in=["instansi", "opd"]).order_by("path")  # fmt: skip


def _form_page(request, form, *, government, year, title, back_url, submit, version=None,
               intro=""):  # fmt: skip
    return render(request, "budgets/form.html", {
        "form": form, "government": government, "year": year, "title": title,
        "back_url": back_url, "submit": submit, "version": version, "intro": intro,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request, pk, year):
    government = government_get_for_user(request.user, pk)
    if not may_keep(request.user, government):
        raise PermissionDenied
    form = LineForm(request.POST or None, opds=_opds(government),
                    ties=_tie_choices(government, year))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            line = services.line_create(
                actor=request.user, instansi=government, year=year, opd=data["opd"],
                kegiatan_code=data["kegiatan_code"], sub_kegiatan_code=data["sub_kegiatan_code"],
                rekening_code=data["rekening_code"], name=data["name"], pagu=data["pagu"],
                source_document=data["source_document"], **_ties_of(data["tie"]),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The line was added. Post realisasi on it as it is spent."))
            return redirect("budgets:line_detail", pk=line.pk)
    return _form_page(request, form, government=government, year=year,
                      title=_("New budget line %(year)s") % {"year": year},
                      back_url=reverse("budgets:year", args=[government.pk, year]),
                      submit=_("Add the line"),
                      intro=_("A line of the DPA for competency development: its kegiatan, "
                              "sub-kegiatan and belanja account, the OPD that spends it and its "
                              "pagu."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, pk):
    line = line_get_for_user(request.user, pk, write=True)
    initial = {"opd": line.opd_id, "kegiatan_code": line.kegiatan_code,
               "sub_kegiatan_code": line.sub_kegiatan_code, "rekening_code": line.rekening_code,
               "name": line.name, "source_document": line.source_document,
               "tie": _tie_value(line)}  # fmt: skip
    form = LineForm(request.POST or None, initial=initial, opds=_opds(line.instansi),
                    ties=_tie_choices(line.instansi, line.year), editing=True)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.line_update(
                actor=request.user, line=line, version=posted_version(request), opd=data["opd"],
                kegiatan_code=data["kegiatan_code"], sub_kegiatan_code=data["sub_kegiatan_code"],
                rekening_code=data["rekening_code"], name=data["name"],
                source_document=data["source_document"], **_ties_of(data["tie"]),
            )  # fmt: skip
        except StaleVersionError:
            form.add_error(None, _("Someone changed this line in the meantime. Reload the page."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The line was saved."))
            return redirect("budgets:line_detail", pk=line.pk)
    return _form_page(
        request,
        form,
        government=line.instansi,
        year=line.year,
        title=_("Change %(line)s") % {"line": line.name},
        version=line.version,
        back_url=reverse("budgets:line_detail", args=[line.pk]),
        submit=_("Save the line"),
        intro=_("The pagu changes by revision only, so its history is kept."),
    )


def _line_page(request, line, *, realisation_form=None, status=200):
    entries = list(line.entries.select_related("recorded_by", "override_reviewed_by",
                                               "reversal").order_by("date", "pk"))  # fmt: skip
    posts = may_post(request.user, line)
    context = {
        "line": line, "entries": entries, "revisions": line.revisions.select_related("by"),
        "percent": rules.absorption(line.pagu, line.realised), "posts": posts,
        "keeps": may_keep(request.user, line.instansi), "remaining": line.pagu - line.realised,
        "realisation_form": realisation_form
        or RealisationForm(initial={"date": timezone.localdate()}),
        "reverse_form": ReverseForm(), "document_form": DocumentForm(),
    }  # fmt: skip
    return render(request, "budgets/line_detail.html", context, status=status)


@login_required
@require_GET
def line_detail(request, pk):
    return _line_page(request, line_get_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def pagu_revise(request, pk):
    line = line_get_for_user(request.user, pk, write=True)
    form = PaguForm(request.POST or None, initial={"on": timezone.localdate(),
                                                   "pagu": services.rupiah(line.pagu)})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pagu_revise(actor=request.user, line=line, pagu=data["pagu"], on=data["on"],
                                 reason=data["reason"], document=data["document"],
                                 version=posted_version(request))  # fmt: skip
        except StaleVersionError:
            form.add_error(None, _("Someone changed this line in the meantime. Reload the page."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pagu was revised; the old one is kept."))
            return redirect("budgets:line_detail", pk=line.pk)
    return _form_page(request, form, government=line.instansi, year=line.year,
                      title=_("Revise the pagu of %(line)s") % {"line": line.name},
                      version=line.version, submit=_("Revise the pagu"),
                      back_url=reverse("budgets:line_detail", args=[line.pk]),
                      intro=_("The pagu is now Rp %(pagu)s, of which Rp %(realised)s is realised.")
                      % {"pagu": services.rupiah(line.pagu),
                         "realised": services.rupiah(line.realised)})  # fmt: skip


@login_required
@require_POST
def realisation_post(request, pk):
    line = line_get_for_user(request.user, pk, post=True)
    form = RealisationForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.realisation_post(
                actor=request.user, line=line, date=data["date"], amount=data["amount"],
                description=data["description"], document=data["document"],
                override_reason=data["override_reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The realisasi was posted."))
            return redirect(f"{reverse('budgets:line_detail', args=[line.pk])}#entries")
    line.refresh_from_db()
    return _line_page(request, line, realisation_form=form, status=200)


@login_required
@require_POST
def realisation_reverse(request, pk):
    entry = entry_get_for_user(request.user, pk, post=True)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the correction."))
    else:
        try:
            services.realisation_reverse(actor=request.user, entry=entry,
                                         reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The entry was reversed; both stay in the record."))
    return redirect(f"{reverse('budgets:line_detail', args=[entry.line_id])}#entries")


@login_required
@require_POST
def document_attach(request, pk):
    entry = entry_get_for_user(request.user, pk, post=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file."))
    else:
        try:
            services.document_attach(actor=request.user, entry=entry,
                                     document=form.cleaned_data["document"])  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document was attached."))
    return redirect(f"{reverse('budgets:line_detail', args=[entry.line_id])}#entries")


@login_required
@require_GET
def document_download(request, pk):
    """A realisation's document, for those who post to its line (it may name payees)."""
    entry = entry_get_for_user(request.user, pk, post=True)
    if not entry.document:
        raise Http404
    audit_record(actor=request.user, action="export", instance=entry,
                 object_repr=f"Dokumen realisasi {entry.pk}")  # fmt: skip
    return FileResponse(entry.document.open("rb"), as_attachment=True,
                        filename=entry.document.name.rsplit("/", 1)[-1])  # fmt: skip


@login_required
@require_POST
def override_review(request, pk):
    entry = entry_get_for_user(request.user, pk)
    try:
        services.override_review(actor=request.user, entry=entry,
                                 note=request.POST.get("note", ""))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The override was marked as reviewed."))
    if request.POST.get("next") == "list":
        return redirect("budgets:overrides")
    return redirect(f"{reverse('budgets:line_detail', args=[entry.line_id])}#entries")
