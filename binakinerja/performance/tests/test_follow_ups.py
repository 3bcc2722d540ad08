import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from binakinerja.performance.models import FollowUp, SkpAssessment
from binakinerja.performance.services import (
    follow_up_create,
    follow_up_done,
    period_open_year,
    skp_create,
)


@pytest.fixture
def assessment(world):
    annual = period_open_year(actor=None, instansi=world.prov, year=2026)[-1]
    skp = skp_create(actor=None, employee=world.asn, year=2026)
    return SkpAssessment.objects.create(
        skp=skp, period=annual, hasil_kerja="di_bawah", perilaku_kerja="sesuai",
        predikat="butuh_perbaikan", reason="Target tidak tercapai", assessed_by=world.atasan,
    )  # fmt: skip


def test_atasan_records_a_follow_up_and_operator_sees_it_open(world, client, assessment):
    client.force_login(world.atasan_user)
    response = client.post(
        reverse("performance:follow_up_create", args=[assessment.skp_id]),
        {"assessment": assessment.pk, "kind": "training_need",
         "description": "Pelatihan pencatatan imunisasi"},
    )  # fmt: skip
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.kind == "training_need"
    client.force_login(world.operator_a)
    page = client.get(reverse("performance:follow_up_list")).content.decode()
    assert "Pelatihan pencatatan imunisasi" in page
    client.force_login(world.operator_b)
    page = client.get(reverse("performance:follow_up_list")).content.decode()
    assert "Pelatihan pencatatan imunisasi" not in page
    follow_up_done(actor=world.atasan_user, follow_up=follow_up)
    client.force_login(world.operator_a)
    page = client.get(reverse("performance:follow_up_list")).content.decode()
    assert "Pelatihan pencatatan imunisasi" not in page.split('<main id="content">')[1]


def test_follow_up_only_for_low_predikat_and_only_by_the_atasan(world, assessment):
    with pytest.raises(ValidationError):
        follow_up_create(actor=world.asn_user, assessment=assessment, kind="coaching",
                         description="x")  # fmt: skip
    assessment.predikat = "baik"
    assessment.save()
    with pytest.raises(ValidationError):
        follow_up_create(actor=world.atasan_user, assessment=assessment, kind="coaching",
                         description="x")  # fmt: skip
    assert not FollowUp.objects.exists()


def test_follow_up_list_is_for_managers_and_atasan(world, client):
    for persona, status in [("asn_user", 403), ("pimpinan", 403), ("atasan_user", 200)]:
        client.force_login(getattr(world, persona))
        assert client.get(reverse("performance:follow_up_list")).status_code == status
