from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_employee
from binakinerja.performance.models import OrgPerformance, SkpAssessment
from binakinerja.performance.services import period_open_year, skp_create


def _annual(world, predikats):
    """Annual assessments of Dinas Kesehatan staff with the given predikats."""
    annual = next(
        p
        for p in period_open_year(actor=None, instansi=world.prov, year=2026)
        if p.kind == "annual"
    )
    for i, predikat in enumerate(predikats):
        member = make_employee(world.puskesmas, f"Staf {i}", supervisor=world.atasan)
        skp = skp_create(actor=None, employee=member, year=2026)
        SkpAssessment.objects.create(
            skp=skp, period=annual, hasil_kerja="sesuai", perilaku_kerja="sesuai",
            predikat=predikat, reason="-", assessed_by=world.atasan,
        )  # fmt: skip


def test_distribution_page_counts_and_warns_when_the_curve_is_broken(world, client):
    _annual(world, ["baik"] * 8 + ["sangat_baik"] * 2)
    client.force_login(world.operator_a)
    url = reverse("performance:distribution", args=[world.dinkes.pk, 2026])
    response = client.post(url, {"predikat": "baik"})
    assert response.status_code == 302
    assert OrgPerformance.objects.get(opd=world.dinkes, year=2026).predikat == "baik"
    assert AuditLog.objects.filter(object_type="performance.orgperformance").exists()
    response = client.get(url)
    rows = {label: (count, percent) for label, count, percent in response.context["rows"]}
    assert rows["Baik"] == (8, 80) and rows["Sangat Baik"] == (2, 20)
    assert len(response.context["violations"]) == 2  # Baik > 70% and no BP/Kurang
    assert "Aturan dilanggar" in response.content.decode()


def test_pimpinan_reads_but_cannot_set_and_outsiders_get_404(world, client):
    url = reverse("performance:distribution", args=[world.dinkes.pk, 2026])
    client.force_login(world.pimpinan)
    assert client.get(url).status_code == 200
    assert client.post(url, {"predikat": "istimewa"}).status_code == 403
    client.force_login(world.operator_b)
    assert client.get(url).status_code == 404
    assert not OrgPerformance.objects.exists()


def test_atasan_is_warned_before_finalising_when_the_curve_is_broken(world, client):
    from binakinerja.performance.models import OrgPerformance, Skp

    _annual(world, ["baik"] * 9)
    OrgPerformance.objects.create(opd=world.dinkes, year=2026, predikat="baik")
    skp = Skp.objects.filter(employee__name="Staf 0").get()
    Skp.objects.filter(pk=skp.pk).update(status="assessed")
    client.force_login(world.atasan_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'value="finalise"' in page
    assert "Sebelum memfinalkan" in page
    assert "Aturan dilanggar" in page


def test_the_opd_heads_assessment_form_defaults_to_the_opds_result(world):
    from binakinerja.core.testing import make_employee
    from binakinerja.performance.models import OrgPerformance
    from binakinerja.performance.selectors import unit_head_default_rating
    from binakinerja.performance.services import skp_create

    sekda = make_employee(world.prov, "Sekretaris Daerah")
    kadis = make_employee(world.dinkes, "Kepala Dinas", supervisor=sekda)
    staff = make_employee(world.dinkes, "Staf Dinas", supervisor=kadis)
    head_skp = skp_create(actor=None, employee=kadis, year=2026)
    staff_skp = skp_create(actor=None, employee=staff, year=2026)
    assert unit_head_default_rating(head_skp) is None  # no OPD predikat yet
    OrgPerformance.objects.create(opd=world.dinkes, year=2026, predikat="istimewa")
    assert unit_head_default_rating(head_skp) == "di_atas"
    assert unit_head_default_rating(staff_skp) is None


def test_recompute_fixes_stored_predikats_and_counts_group_by_opd(world):
    from binakinerja.performance.selectors import predikat_counts_by_opd
    from binakinerja.performance.services import predikat_recompute_all

    _annual(world, ["baik", "baik", "sangat_baik"])
    wrong = SkpAssessment.objects.first()
    SkpAssessment.objects.filter(pk=wrong.pk).update(predikat="kurang")  # ratings say baik
    assert predikat_recompute_all(actor=None, year=2026) == 2  # that one, and the fixture row
    audited = AuditLog.objects.filter(object_type="performance.skpassessment", action="update")
    assert sorted(e.changes["predikat"][0] for e in audited) == ["kurang", "sangat_baik"]
    assert set(SkpAssessment.objects.values_list("predikat", flat=True)) == {"baik"}
    assert predikat_counts_by_opd(year=2026) == {world.dinkes.path: {"baik": 3}}
    # Narrowed to one government (the rollups): its OPDs only, the same counts.
    assert predikat_counts_by_opd(year=2026, root=world.prov) == {world.dinkes.path: {"baik": 3}}
    assert predikat_counts_by_opd(year=2026, root=world.kota) == {}
