import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from binakinerja.performance.models import OrgGoal
from binakinerja.performance.services import org_goal_add, skp_create, skp_result_add

INDICATOR = {"aspect": "kuantitas", "text": "Cakupan", "target_value": 90, "target_unit": "%"}


def test_cascade_from_goal_to_staff_and_unlinked_results(world, client):
    client.force_login(world.operator_a)
    url = reverse("performance:cascade", args=[world.dinkes.pk, 2026])
    client.post(url, {"text": "Meningkatnya derajat kesehatan masyarakat"})
    goal = OrgGoal.objects.get()
    boss = skp_create(actor=None, employee=world.atasan, year=2026)
    head = skp_result_add(
        actor=world.atasan_user, skp=boss, kind="utama", text="Cakupan imunisasi naik",
        supports=None, supports_goal=goal, indicators=[INDICATOR],
    )  # fmt: skip
    mine = skp_create(actor=None, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Imunisasi di desa binaan",
        supports=head, indicators=[INDICATOR],
    )  # fmt: skip
    skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Hasil yatim", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    response = client.get(url)
    ((goal_row, nodes),) = response.context["tree"]
    assert goal_row == goal
    assert [(depth, r.text) for depth, r in nodes] == [
        (0, "Cakupan imunisasi naik"),
        (1, "Imunisasi di desa binaan"),
    ]
    assert [r.text for _d, r in response.context["unlinked"]] == ["Hasil yatim"]


def test_goal_of_another_opd_cannot_be_supported(world):
    goal = org_goal_add(actor=None, opd=world.dikbud, year=2026, text="Mutu pendidikan")
    skp = skp_create(actor=None, employee=world.atasan, year=2026)
    with pytest.raises(ValidationError):
        skp_result_add(
            actor=world.atasan_user, skp=skp, kind="utama", text="x", supports=None,
            supports_goal=goal, indicators=[INDICATOR],
        )  # fmt: skip


def test_only_managers_add_goals(world, client):
    url = reverse("performance:cascade", args=[world.dinkes.pk, 2026])
    client.force_login(world.pimpinan)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(world.operator_b)
    assert client.get(url).status_code == 404
    assert not OrgGoal.objects.exists()
