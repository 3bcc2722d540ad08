"""An IDP activity taken from a competency gap names the competency once, not twice (its title
is the competency's name already)."""

from django.urls import reverse
from django.utils import timezone

from binakinerja.competencies import idp
from binakinerja.competencies.models import DevelopmentForm, DevelopmentNeedSource


def test_an_activity_named_after_its_competency_shows_the_name_once(talent, client):
    m1 = talent.competencies["M1"]
    year = timezone.localdate().year
    plan = idp.plan_create(actor=talent.asn_user, employee=talent.asn, year=year)
    idp.activity_add(
        actor=talent.asn_user, plan=plan, version=plan.version, title=m1.name,
        need_source=DevelopmentNeedSource.GAP, competency=m1, need_ref=f"gap:{m1.code}",
        form=DevelopmentForm.E_LEARNING, planned_jp=10, target_month=5,
    )  # fmt: skip
    client.force_login(talent.asn_user)
    page = client.get(reverse("competencies:idp_employee", args=[talent.asn.pk, year]))
    table = page.content.decode().split('class="stack idp-activities"')[1].split("</table>")[0]
    assert table.count(m1.name) == 1
