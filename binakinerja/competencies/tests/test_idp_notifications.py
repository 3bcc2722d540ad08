"""The development plan's workflow tells the other party, with a link to the plan; the atasan's
notice of a submission is settled once the plan is decided, so it is never read as a task."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from binakinerja.competencies import idp
from binakinerja.competencies.models import DevelopmentForm, DevelopmentNeedSource
from binakinerja.core.models import Notification

pytestmark = pytest.mark.django_db


def submitted(w, capture):
    year = timezone.localdate().year
    plan = idp.plan_create(actor=w.asn_user, employee=w.asn, year=year)
    idp.activity_add(
        actor=w.asn_user, plan=plan, version=plan.version, title="Kursus bahasa Inggris",
        need_source=DevelopmentNeedSource.OWN, form=DevelopmentForm.E_LEARNING, planned_jp=10,
        target_month=5,
    )  # fmt: skip
    plan.refresh_from_db()
    with capture(execute=True):
        return idp.plan_submit(actor=w.asn_user, plan=plan, version=plan.version)


def unread(user):
    return list(Notification.objects.filter(recipient=user, read_at__isnull=True))


def test_submit_tells_the_atasan_and_approval_settles_it(world, django_capture_on_commit_callbacks):
    plan = submitted(world, django_capture_on_commit_callbacks)
    (note,) = unread(world.atasan_user)
    assert note.link == reverse("competencies:idp_employee", args=[world.asn.pk, plan.year])
    with translation.override("en"):
        assert note.body == (
            f"{world.asn.full_name} submitted the development plan {plan.year} for approval."
        )
    with django_capture_on_commit_callbacks(execute=True):
        idp.plan_approve(actor=world.atasan_user, plan=plan, version=plan.version)
    assert unread(world.atasan_user) == []  # no "awaits your approval" left behind
    (note,) = unread(world.asn_user)
    assert note.link == reverse("competencies:idp_mine", args=[plan.year])
    with translation.override("en"):
        assert note.body == f"{world.atasan.full_name} approved your development plan {plan.year}."


def test_return_tells_the_asn_with_the_comment(world, django_capture_on_commit_callbacks):
    plan = submitted(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        idp.plan_return(actor=world.atasan_user, plan=plan, version=plan.version,
                        comment="Tambah JP teknis")  # fmt: skip
    (note,) = unread(world.asn_user)
    assert note.link == reverse("competencies:idp_mine", args=[plan.year])
    with translation.override("en"):
        assert note.body == (
            f"{world.atasan.full_name} returned your development plan {plan.year}: Tambah JP teknis"
        )
