"""The budget's writes: what each refuses (nothing half-written), the pagu check and its
override, reversals instead of edits, pagu revisions with history, and the home tasks."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from binakinerja.budgets import home, services
from binakinerja.budgets.models import BudgetLine, PaguRevision, Realisation
from binakinerja.budgets.testing import build_budget_world, pdf
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.scoping import reach_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_budget_world(world)


def _check_realised(*lines):
    for line in lines:
        line.refresh_from_db()
        assert line.realised == services.realised_from_entries(line)


def test_a_line_with_bad_codes_and_amount_is_refused_whole(w):
    before = BudgetLine.objects.count()
    with pytest.raises(ValidationError) as error, translation.override("id"):
        services.line_create(actor=w.admin, instansi=w.prov, year=w.year, opd=w.kota_opd,
                             kegiatan_code="5.4.2", rekening_code="4.1.01", name="",
                             pagu="-5.000", source_document="")  # fmt: skip
    assert set(error.value.message_dict) == {"kegiatan_code", "rekening_code", "name", "pagu",
                                             "source_document", "opd"}  # fmt: skip
    assert "negatif" in " ".join(error.value.message_dict["pagu"])
    assert BudgetLine.objects.count() == before


def test_only_the_governments_admin_keeps_its_budget(w):
    for actor in (w.operator_a, w.pimpinan):
        with pytest.raises(PermissionDenied):
            services.line_create(actor=actor, instansi=w.prov, year=w.year, opd=w.dinkes,
                                 kegiatan_code="5.04.02.1.01", rekening_code="5.1.02.02.12",
                                 name="x", pagu="1", source_document="DPA")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.realisation_post(actor=w.operator_b, line=w.line, date=w.spent_on,
                                  amount="1.000", description="x")  # fmt: skip


def test_spending_above_the_pagu_needs_an_override_and_is_reviewed(
    w, django_capture_on_commit_callbacks
):
    entries = Realisation.objects.count()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.realisation_post(actor=w.operator_a, line=w.line, date=w.spent_on,
                                  amount="5.000.001", description="Sewa aula")  # fmt: skip
    assert "above its pagu of Rp 10.000.000" in error.value.message_dict["amount"][0]
    assert Realisation.objects.count() == entries
    _check_realised(w.line)
    assert w.line.realised == Decimal("5000000.00")  # exactly to the pagu is allowed next
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.realisation_post(
            actor=w.operator_a, line=w.line, date=w.spent_on, amount="5.000.001",
            description="Sewa aula", override_reason="Tambahan peserta", document=pdf(),
        )  # fmt: skip
    _check_realised(w.line)
    assert w.line.realised == Decimal("10000001.00")
    assert AuditLog.objects.filter(object_id=str(entry.pk), reason="Tambahan peserta").exists()
    assert Notification.objects.filter(recipient=w.admin, link__contains=str(w.line.pk)).exists()
    titles = [t.title for t in home.tasks(w.admin, reach_of(w.admin))]
    assert any("above the pagu" in t or "melebihi pagu" in t for t in titles)
    services.override_review(actor=w.admin, entry=entry)
    services.override_review(actor=w.admin, entry=w.override)
    titles = [t.title for t in home.tasks(w.admin, reach_of(w.admin))]
    assert not any("above the pagu" in t or "melebihi pagu" in t for t in titles)
    with pytest.raises(PermissionDenied):
        services.override_review(actor=w.operator_a, entry=entry)


def test_a_stale_line_cannot_slip_under_the_pagu(w):
    stale = BudgetLine.objects.get(pk=w.line.pk)  # read before the next posting
    services.realisation_post(actor=w.operator_a, line=w.line, date=w.spent_on,
                              amount="4.000.000", description="Modul")  # fmt: skip
    with pytest.raises(ValidationError):  # the lock re-reads the line: 9 + 2 > 10 million
        services.realisation_post(actor=w.admin, line=stale, date=w.spent_on,
                                  amount="2.000.000", description="Modul")  # fmt: skip
    _check_realised(w.line)


def test_a_correction_is_a_reversal_never_an_edit(w):
    reversal = services.realisation_reverse(actor=w.operator_a, entry=w.entry,
                                            reason="Salah nominal")  # fmt: skip
    w.entry.refresh_from_db()
    assert w.entry.amount == Decimal("4000000.00")  # the original stays as it was
    assert reversal.amount == Decimal("-4000000.00") and reversal.reverses_id == w.entry.pk
    _check_realised(w.line)
    assert w.line.realised == Decimal("1000000.00")
    with pytest.raises(ValidationError):
        services.realisation_reverse(actor=w.operator_a, entry=w.entry, reason="Lagi")
    with pytest.raises(ValidationError):
        services.realisation_reverse(actor=w.operator_a, entry=reversal, reason="Balik")
    with pytest.raises(ValidationError):
        services.realisation_reverse(actor=w.operator_a, entry=w.undocumented, reason=" ")
    _check_realised(w.line)


def test_a_document_that_is_not_what_it_claims_is_refused(w):
    fake = SimpleUploadedFile("kuitansi.pdf", b"MZ\x90\x00 not a pdf at all")
    entries = Realisation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.realisation_post(actor=w.operator_a, line=w.line, date=w.spent_on,
                                  amount="100.000", description="ATK", document=fake)  # fmt: skip
    assert "document" in error.value.message_dict
    assert Realisation.objects.count() == entries
    with pytest.raises(ValidationError):
        services.document_attach(actor=w.operator_a, entry=w.undocumented,
                                 document=SimpleUploadedFile("x.exe", b"MZ"))  # fmt: skip
    services.document_attach(actor=w.operator_a, entry=w.undocumented, document=pdf())
    w.undocumented.refresh_from_db()
    assert w.undocumented.document


def test_spending_dates_lie_in_the_lines_year_and_not_ahead(w):
    for date in (dt.date(w.year - 1, 12, 31), dt.date(w.year + 1, 1, 1)):
        with pytest.raises(ValidationError) as error:
            services.realisation_post(actor=w.operator_a, line=w.line, date=date,
                                      amount="1.000", description="x")  # fmt: skip
        assert "date" in error.value.message_dict


def test_pagu_revisions_keep_history_and_never_go_below_the_realised(w):
    revision = services.pagu_revise(actor=w.admin, line=w.line, pagu="12.500.000",
                                    on=w.spent_on, reason="APBD Perubahan",
                                    document="Perda APBD-P", version=w.line.version)  # fmt: skip
    w.line.refresh_from_db()
    assert (revision.before, revision.after) == (Decimal("10000000.00"), Decimal("12500000.00"))
    assert w.line.pagu == Decimal("12500000.00")
    with pytest.raises(ValidationError) as error:
        services.pagu_revise(actor=w.admin, line=w.line, pagu="4.000.000", on=w.spent_on,
                             reason="Rasionalisasi", document="SK",
                             version=w.line.version)  # fmt: skip
    assert "pagu" in error.value.message_dict  # 5.000.000 is already realised
    assert PaguRevision.objects.filter(line=w.line).count() == 1


def test_home_tasks_for_documents_and_low_absorption(w):
    with translation.override("en"):
        titles = [t.title for t in home.tasks(w.operator_a, reach_of(w.operator_a))]
        assert "Attach the document of a realisation" in titles
        late = dt.date(w.year, 11, 1)
        titles = [t.title for t in home.tasks(w.admin, reach_of(w.admin), today=late)]
        # Dinas Pendidikan's line has realised nothing; the Dinas Kesehatan line is at 50%
        assert "A budget line has absorbed less than half its pagu" in titles
        early = dt.date(w.year, 3, 1)
        titles = [t.title for t in home.tasks(w.admin, reach_of(w.admin), today=early)]
        assert not any("absorbed less than half" in t for t in titles)
        assert home.tasks(w.pimpinan, reach_of(w.pimpinan)) == []


def test_the_year_total_and_floor_are_validated_and_audited(w):
    with pytest.raises(ValidationError) as error:
        services.year_save(actor=w.admin, instansi=w.prov, year=w.year, total_spending="banyak",
                           spending_source="", publish=False)  # fmt: skip
    assert "total_spending" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.policy_save(actor=w.admin, instansi=w.prov, floor_percent="0")
    policy = services.policy_save(actor=w.admin, instansi=w.prov, floor_percent="0,16")
    assert policy.floor_percent == Decimal("0.16")
    assert AuditLog.objects.filter(object_type="budgets.budgetpolicy").exists()
