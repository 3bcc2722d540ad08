"""Each role's main task walked from the home page in a real browser at 360 px.

The ASN records the quarter's realisation in at most three clicks from home and the atasan
then sees both the notification and the task; the operator follows a failed import and an OPD
behind schedule; the admin BKPSDM opens the year's periods and closes a quarter that has ended.
Every task disappears once its work is done, and no page is wider than the phone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binakinerja.core.models import Notification
from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.performance.models import Period, SkpRealisation
from binakinerja.performance.services import (
    period_open_year,
    skp_create,
    skp_result_add,
    skp_transition,
)

pytestmark = pytest.mark.browser

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}
TASKS = "main .task-list a"


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


class Clicks:
    """Counts the clicks of a walk, so that "at most three clicks" is asserted, not assumed."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator, navigates=True):
        self.count += 1
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def test_asn_records_the_quarter_from_home_in_three_clicks_and_the_atasan_is_told(phone, world):
    page = phone
    year = timezone.localdate().year
    period_open_year(actor=None, instansi=world.prov, year=year)
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=year)
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    Notification.objects.all().delete()
    quarter = (
        Period.objects.filter(
            instansi=world.prov, year=year, kind__startswith="q", start__lte=timezone.localdate()
        )  # fmt: skip
        .order_by("-start")
        .first()
    )

    browser_log_in(page, world.asn_user.username)
    page.goto("/")
    expect(page.locator("main h1")).to_contain_text(world.asn.full_name)
    _fits(page)
    clicks = Clicks(page)
    clicks.click(page.locator(TASKS, has_text="Isi realisasi"))
    assert page.url.endswith(f"/kinerja/skp/{skp.pk}/#record")
    form = page.locator("form[action$='/realisasi/']")
    expect(form).to_be_visible()
    # The form already points at the one indicator and the current quarter: only the value.
    expect(form.locator("#id_realisation_period")).to_have_value(str(quarter.pk))
    if form.locator("#id_realisation_indicator").input_value() == "":
        form.locator("#id_realisation_indicator").select_option(index=1)
    form.locator("#id_realisation_value").fill("4")
    clicks.click(form.locator("button[type=submit]"))
    assert clicks.count <= 3
    saved = SkpRealisation.objects.get(indicator__result__skp=skp, period=quarter)
    assert saved.value == 4
    expect(page.locator("main")).to_contain_text("4 dari 10")  # progress against the target
    page.goto("/")
    expect(page.locator(TASKS, has_text="Isi realisasi")).to_have_count(0)
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    page.goto("/")
    expect(page.locator("header .notif-count")).to_contain_text("1")
    task = page.locator(TASKS, has_text="Nilai 1 triwulan")
    expect(task).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        task.click()
    assert page.url.endswith(f"/kinerja/skp/{skp.pk}/")
    page.goto("/kinerja/skp/")
    expect(page.locator("main .team-board")).to_contain_text("1 dari 1")
    _fits(page)


def test_operator_follows_the_failed_import_and_the_opd_behind_schedule(
    phone, world, tmp_path, settings
):
    page = phone
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    header = "NIP BARU;NAMA;TANGGAL LAHIR;JENIS KELAMIN;GOL AKHIR NAMA;UNOR NAMA\n"
    bad = tmp_path / "asn.csv"
    bad.write_text(header + "1.98609E+17;Nurhayati Dai;26-09-1986;P;III/b;Puskesmas Limboto\n")
    good = tmp_path / "asn-benar.csv"
    good.write_text(
        header + "198609262010012003;Nurhayati Dai;26-09-1986;P;III/b;Puskesmas Limboto\n"
    )

    browser_log_in(page, world.operator_a.username)
    page.goto("/asn/import/")
    page.set_input_files("input[type=file]", str(bad))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Tidak diimpor")

    page.goto("/")
    task = page.locator(TASKS, has_text="Impor daftar ASN Anda tidak tersimpan")
    expect(task).to_have_count(1)
    expect(page.locator("main .task-list li", has_text="Impor daftar ASN")).to_contain_text(
        "asn.csv"
    )
    _fits(page)
    with page.expect_navigation():
        task.click()
    expect(page.locator("main table tbody tr")).to_contain_text("1.98609E+17")  # the report
    _fits(page)
    page.goto("/asn/import/")
    page.set_input_files("input[type=file]", str(good))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Selesai")
    page.goto("/")
    expect(page.locator(TASKS, has_text="Impor daftar ASN")).to_have_count(0)

    # No SKP is approved in Dinas Kesehatan: once the first quarter is over it is behind.
    behind = page.locator(TASKS, has_text="Dinas Kesehatan tertinggal")
    if timezone.localdate() < dt.date(timezone.localdate().year, 4, 1):
        expect(behind).to_have_count(0)
        return
    expect(behind).to_have_count(1)
    expect(page.locator(TASKS, has_text="Dinas Pendidikan")).to_have_count(0)  # not in scope
    with page.expect_navigation():
        behind.click()
    expect(page.locator("main")).to_contain_text(world.asn.full_name)  # who is missing
    _fits(page)


def test_admin_opens_the_year_and_closes_an_ended_quarter_from_home(phone, world):
    page = phone
    today = timezone.localdate()
    browser_log_in(page, world.admin.username)
    page.goto("/")
    open_year = page.locator(TASKS, has_text=f"Buka periode penilaian tahun {today.year}")
    expect(open_year).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        open_year.click()
    expect(page.locator("#id_year")).to_have_value(str(today.year))
    page.locator("#id_instansi").select_option(label=world.prov.name)
    with page.expect_navigation():
        page.click("main form button[type=submit]:has-text('Buka periode')")
    expect(page.locator("main")).to_contain_text("Periode tahun tersebut telah dibuka.")
    assert Period.objects.filter(instansi=world.prov, year=today.year).count() == 5
    _fits(page)

    page.goto("/")
    expect(page.locator(TASKS, has_text="Buka periode penilaian")).to_have_count(0)
    ended = Period.objects.filter(
        instansi=world.prov, year=today.year, kind__startswith="q", end__lt=today
    ).count()
    close = page.locator(TASKS, has_text="Tutup")
    if not ended:
        expect(close).to_have_count(0)
        return
    expect(close).to_contain_text(f"Tutup {ended} triwulan yang sudah berakhir")
    with page.expect_navigation():
        close.click()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Tutup Triwulan I {today.year}").click()
    assert not Period.objects.get(instansi=world.prov, year=today.year, kind="q1").is_open
    page.goto("/")
    if ended > 1:
        expect(close).to_contain_text(f"Tutup {ended - 1} triwulan")
    else:
        expect(close).to_have_count(0)
