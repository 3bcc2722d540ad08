"""The home page's "what needs me now": tasks derived from the data, each linking to where it
is done and gone once it is done; a fixed number of queries whatever the team size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.home import ADMIN, MINE, WAITING, Task, register_task_source, tasks_for
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_employee
from binakinerja.people.models import ImportJob
from binakinerja.performance.models import Skp, SkpIndicator, SkpResult
from binakinerja.performance.services import (
    check_in_add,
    period_open_year,
    realisation_record,
    skp_create,
    skp_result_add,
    skp_transition,
)

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}


def year():
    return timezone.localdate().year


def home_tasks(client, user):
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.context["tasks"]


def urls(tasks):
    return [task.url for task in tasks]


def skp_url(skp):
    return reverse("performance:skp_detail", args=[skp.pk])


def running_skp(world, employee, user):
    skp = skp_create(actor=user, employee=employee, year=year())
    skp_result_add(actor=user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    for actor, action in [(user, "submit"), (world.atasan_user, "approve"), (user, "start")]:
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    return skp


def test_sources_are_asked_in_order_waiting_first():
    def source(user, reach):
        return [
            Task(title="admin", url="/a/", kind=ADMIN),
            Task(title="w", url="/w/", kind=WAITING),
        ]

    register_task_source(source)
    register_task_source(source)  # twice is harmless
    try:
        from binakinerja.core.scoping import UserReach

        found = [t for t in tasks_for(None, UserReach()) if t.url in ("/a/", "/w/")]
        assert [t.title for t in found] == ["w", "admin"]
    finally:
        from binakinerja.core import home

        home._sources.remove(source)


def test_the_asn_is_greeted_by_name_and_asked_to_start_the_skp(world, client):
    client.force_login(world.asn_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert world.asn.full_name in page
    tasks = home_tasks(client, world.asn_user)
    assert reverse("performance:skp_home") in urls(tasks)


def test_skp_tasks_move_from_asn_to_atasan_and_disappear_when_done(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=year())
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    assert skp_url(skp) in urls(home_tasks(client, world.asn_user))  # submit it
    assert skp_url(skp) not in urls(home_tasks(client, world.atasan_user))

    skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    assert skp_url(skp) not in urls(home_tasks(client, world.asn_user))
    waiting = [t for t in home_tasks(client, world.atasan_user) if t.url == skp_url(skp)]
    assert [(t.kind, t.count) for t in waiting] == [(WAITING, 1)]

    skp = skp_transition(actor=world.atasan_user, skp=skp, action="return", version=skp.version,
                         comment="Tambah target")  # fmt: skip
    assert skp_url(skp) in urls(home_tasks(client, world.asn_user))  # revise it
    assert skp_url(skp) not in urls(home_tasks(client, world.atasan_user))


def test_quarter_realisation_assessment_and_dialog_tasks(world, client):
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=year())}
    skp = running_skp(world, world.asn, world.asn_user)
    # The quarter's realisation, linked straight to the realisation form.
    mine = [t for t in home_tasks(client, world.asn_user) if t.url == skp_url(skp) + "#record"]
    assert [(t.kind, t.count) for t in mine] == [(MINE, 1)]
    atasan = [t for t in home_tasks(client, world.atasan_user) if t.url == skp_url(skp)]
    assert len(atasan) == 1  # the dialog only: nothing recorded yet, nothing to assess

    today = timezone.localdate()
    quarter = max(
        (p for p in periods.values() if p.kind.startswith("q") and p.start <= today),
        key=lambda p: p.start,
    )
    realisation_record(actor=world.asn_user, indicator=skp.results.get().indicators.get(),
                       period=quarter, value=4)  # fmt: skip
    assert skp_url(skp) not in urls(home_tasks(client, world.asn_user))
    atasan = [t for t in home_tasks(client, world.atasan_user) if t.url == skp_url(skp)]
    assert {t.kind for t in atasan} == {WAITING, "team"}  # assess the quarter, hold a dialog

    check_in_add(actor=world.atasan_user, skp=skp, text="Bagus, lanjutkan")
    atasan = [t for t in home_tasks(client, world.atasan_user) if t.url == skp_url(skp)]
    assert [t.kind for t in atasan] == [WAITING]


def test_home_tasks_query_count_does_not_grow_with_the_team(world, client):
    period_open_year(actor=None, instansi=world.prov, year=year())
    running_skp(world, world.asn, world.asn_user)
    client.force_login(world.atasan_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(12):
        member = make_employee(world.puskesmas, f"Staf {i}", supervisor=world.atasan)
        skp = skp_create(actor=None, employee=member, year=year())
        result = SkpResult.objects.create(skp=skp, kind="utama", text="Hasil")
        SkpIndicator.objects.create(result=result, **INDICATOR)
        Skp.objects.filter(pk=skp.pk).update(status="submitted" if i % 2 else "in_progress")
    assert count() == small
    assert len(tasks_for(world.atasan_user, reach_of(world.atasan_user))) >= 2


def test_idp_to_propose_and_to_decide(world, client):
    from binakinerja.competencies import idp
    from binakinerja.competencies.models import IndividualDevelopmentPlan

    mine = reverse("competencies:idp_mine", args=[year()])
    assert mine in urls(home_tasks(client, world.asn_user))
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=year())
    IndividualDevelopmentPlan.objects.filter(pk=plan.pk).update(status="diajukan")
    assert mine not in urls(home_tasks(client, world.asn_user))
    assert reverse("competencies:idp_inbox") in urls(home_tasks(client, world.atasan_user))
    IndividualDevelopmentPlan.objects.filter(pk=plan.pk).update(status="disetujui")
    assert reverse("competencies:idp_inbox") not in urls(home_tasks(client, world.atasan_user))


def test_a_failed_import_is_a_task_until_a_later_one_succeeds(world, client):
    failed = ImportJob.objects.create(owner=world.operator_a, original_name="asn.xlsx",
                                      status=ImportJob.Status.REJECTED)  # fmt: skip
    url = reverse("people:import_job", args=[failed.pk])
    assert url in urls(home_tasks(client, world.operator_a))
    assert url not in urls(home_tasks(client, world.operator_b))  # only its owner
    ImportJob.objects.create(owner=world.operator_a, original_name="asn2.xlsx",
                             status=ImportJob.Status.DONE)  # fmt: skip
    assert url not in urls(home_tasks(client, world.operator_a))


def test_admin_is_asked_to_open_the_year_and_operators_see_opds_behind(world, client):
    period_list = reverse("performance:period_list")
    assert period_list in urls(home_tasks(client, world.admin))
    period_open_year(actor=None, instansi=world.prov, year=year())
    admin = [t for t in home_tasks(client, world.admin) if t.url == period_list]
    # Past quarters of the year are still open: close them (none before April).
    assert all(t.kind == ADMIN for t in admin)
    if timezone.localdate().month >= 4:
        progress = reverse("performance:opd_progress", args=[world.dinkes.pk, year()])
        assert progress in urls(home_tasks(client, world.operator_a))


def test_team_board_shows_quarter_results_last_dialog_and_start_only_without_skp(world, client):
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=year())}
    skp = running_skp(world, world.asn, world.asn_user)
    board = reverse("performance:skp_home")
    client.force_login(world.atasan_user)
    team = dict(client.get(board, {"year": year()}).context["team"])
    assert (team[world.asn].results_done, team[world.asn].results_total) == (0, 1)
    assert team[world.asn].needs_realisation and team[world.asn_peer] is None
    quarter = periods[team[world.asn].quarter]
    realisation_record(actor=world.asn_user, indicator=skp.results.get().indicators.get(),
                       period=quarter, value=4)  # fmt: skip
    check_in_add(actor=world.atasan_user, skp=skp, text="Bagus")
    response = client.get(board, {"year": year()})
    team = dict(response.context["team"])
    assert team[world.asn].results_done == 1 and not team[world.asn].needs_realisation
    assert team[world.asn].last_check_in is not None
    page = response.content.decode()
    assert f'href="{skp_url(skp)}">{world.asn.full_name}</a>' in page  # the name opens the SKP

    client.force_login(world.asn_user)
    assert not client.get(board, {"year": year()}).context["can_start"]
    assert client.get(board, {"year": year() + 1}).context["can_start"]
