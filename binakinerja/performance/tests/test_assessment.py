import pytest
from django.core.exceptions import ValidationError

from binakinerja.core.models import AuditLog
from binakinerja.performance.models import Skp, SkpAssessment
from binakinerja.performance.services import (
    period_close,
    period_open_year,
    skp_assess,
    skp_create,
    skp_result_add,
    skp_transition,
)

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "x"}


@pytest.fixture
def running(world):
    """An approved, started SKP of the ASN and the province's open periods of 2026."""
    periods = {
        p.kind: p for p in period_open_year(actor=world.admin, instansi=world.prov, year=2026)
    }
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    return skp, periods


def test_atasan_assesses_a_quarter_and_the_predikat_follows_the_matrix(world, running):
    skp, periods = running
    assessment = skp_assess(
        actor=world.atasan_user, skp=skp, period=periods["q1"], hasil_kerja="di_atas",
        perilaku_kerja="di_atas", reason="Target terlampaui", version=skp.version,
    )  # fmt: skip
    assert assessment.predikat == "sangat_baik"
    assert Skp.objects.get(pk=skp.pk).status == "assessed"
    entry = AuditLog.objects.get(object_type="performance.skpassessment")
    assert entry.changes["predikat"] == [None, "sangat_baik"]


def test_reassessing_a_period_replaces_and_audits_old_to_new(world, running):
    skp, periods = running
    skp_assess(
        actor=world.atasan_user, skp=skp, period=periods["q1"], hasil_kerja="sesuai",
        perilaku_kerja="sesuai", reason="Sesuai", version=skp.version,
    )  # fmt: skip
    skp.refresh_from_db()
    skp_assess(
        actor=world.atasan_user, skp=skp, period=periods["q1"], hasil_kerja="di_bawah",
        perilaku_kerja="sesuai", reason="Koreksi", version=skp.version,
    )  # fmt: skip
    assert SkpAssessment.objects.get().predikat == "butuh_perbaikan"
    last = AuditLog.objects.filter(object_type="performance.skpassessment").order_by("id").last()
    assert last.changes["predikat"] == ["baik", "butuh_perbaikan"]


@pytest.mark.parametrize(
    ("who", "kwargs", "code_or_field"),
    [
        ("asn_user", {}, "skp_wrong_role"),
        ("atasan_user", {"reason": " "}, "reason"),
        ("atasan_user", {"hasil_kerja": "luar_biasa"}, "rating"),
    ],
)
def test_bad_assessments_change_nothing(world, running, who, kwargs, code_or_field):
    skp, periods = running
    data = {"hasil_kerja": "sesuai", "perilaku_kerja": "sesuai", "reason": "Alasan", **kwargs}
    with pytest.raises(ValidationError):
        skp_assess(actor=getattr(world, who), skp=skp, period=periods["q2"],
                   version=skp.version, **data)  # fmt: skip
    assert not SkpAssessment.objects.exists()
    assert Skp.objects.get(pk=skp.pk).status == "in_progress"


def test_a_closed_period_cannot_be_assessed(world, running):
    skp, periods = running
    period_close(actor=world.admin, period=periods["q1"])
    periods["q1"].refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        skp_assess(
            actor=world.atasan_user, skp=skp, period=periods["q1"], hasil_kerja="sesuai",
            perilaku_kerja="sesuai", reason="x", version=skp.version,
        )  # fmt: skip
    assert caught.value.error_list[0].code == "period_closed"
    assert not SkpAssessment.objects.exists()


def test_another_governments_period_is_refused(world, running):
    skp, _periods = running
    kota_q1 = period_open_year(actor=None, instansi=world.kota, year=2026)[0]
    with pytest.raises(ValidationError):
        skp_assess(
            actor=world.atasan_user, skp=skp, period=kota_q1, hasil_kerja="sesuai",
            perilaku_kerja="sesuai", reason="x", version=skp.version,
        )  # fmt: skip


def test_atasan_assesses_through_the_page(world, running, client):
    from django.urls import reverse

    skp, periods = running
    client.force_login(world.asn_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert f"skp/{skp.pk}/nilai/" not in page  # the owner gets no assessment form
    client.force_login(world.atasan_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert "Triwulan I 2026" in page
    client.post(
        reverse("performance:skp_assess", args=[skp.pk]),
        {"period": periods["q1"].pk, "hasil_kerja": "sesuai", "perilaku_kerja": "di_atas",
         "reason": "Konsisten", "version": skp.version},
    )  # fmt: skip
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert ">Baik</strong>" in page
    client.force_login(world.asn_user)
    response = client.post(
        reverse("performance:skp_assess", args=[skp.pk]),
        {"period": periods["q2"].pk, "hasil_kerja": "di_atas", "perilaku_kerja": "di_atas",
         "reason": "Menilai diri sendiri", "version": skp.version + 1},
        follow=True,
    )  # fmt: skip
    assert "atasan" in response.content.decode()
    assert SkpAssessment.objects.count() == 1
