"""A training walked end to end in a real browser (issue 13, "Tests"): the operator of Dinas
Kesehatan nominates from the home page's task, the atasan agrees from theirs, the penyelenggara
starts the batch and shows the session's QR, the participant checks in on a 360 px phone, the
penyelenggara records the post-test, finishes the batch (completion and JP) and issues the
certificates, and the participant downloads the PDF on the phone; the public verification page
says the certificate is valid and names the holder, never the NIP."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.trainings import batches as services
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    Certificate,
    Enrolment,
    JpRecord,
    ProgramCompetency,
    Session,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TASKS = "main .task-list a"
SIGNER = ("Dr. Rahmawati Usman, M.Kes.", "197203142000032004", "Kepala BPSDM Provinsi Gorontalo")


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _context(browser, live_server, **options):
    """A browser context like conftest's `page`: broken scripts, refused CSP or missing static
    files fail the test."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", **options)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", lambda m: (m.type == "error" and "Content Security Policy" in m.text
                                 and problems.append(f"CSP: {m.text}")))  # fmt: skip
    tab.on("response", lambda r: ("/static/" in r.url and r.status >= 400
                                  and problems.append(f"{r.status} {r.url}")))  # fmt: skip
    return context, tab, problems


@pytest.fixture
def training(world):
    """The persona world with competencies and trainings; the program targets the technical
    competency the ASN lacks (so the plan proposes them), and a fresh batch a week ahead, open
    for nominations, with two sessions on one day and a Dinkes quota. (The ASN's enrolment in
    the world's March batch stays: this is a new batch.)"""
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    w = build_training_world(build_competency_world(world))
    ProgramCompetency.objects.create(program=w.program, competency=w.teknis, level=3)
    start = timezone.localdate() + dt.timedelta(days=7)
    batch = services.batch_create(
        actor=w.penyelenggara, program=w.program, name="Angkatan Uji Peramban", year=start.year,
        capacity=10, start=start, end=start, place="Aula BPSDM",
    )  # fmt: skip
    for module, hours in ((w.module_1, (8, 12)), (w.module_2, (13, 16))):
        services.session_save(
            actor=w.penyelenggara, batch=batch, date=start, start_time=dt.time(hours[0]),
            end_time=dt.time(hours[1]), place="Aula BPSDM", module=module,
            facilitator=w.facilitator,
        )  # fmt: skip
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=2)
    batch.refresh_from_db()
    w.new = services.batch_move(actor=w.penyelenggara, batch=batch, to="open",
                                version=batch.version)  # fmt: skip
    return w


def test_nominate_agree_check_in_by_qr_complete_and_verify_the_certificate(
    page, browser, live_server, training
):
    w, batch = training, training.new
    today = timezone.localdate()

    # 1. The operator of Dinas Kesehatan follows the home task to the nomination page, where
    # the plan's demand puts the ASN first, and nominates them.
    browser_log_in(page, w.operator_a.username)
    page.goto("/")
    task = page.locator(TASKS, has_text=f"Usulkan peserta untuk {batch}")
    expect(task).to_have_count(1)
    _click(page, task)
    assert page.url.endswith(reverse("trainings:nominate", args=[batch.pk, w.dinkes.pk]))
    candidate = page.locator(f"table.nominate-candidates tr[data-employee='{w.asn.pk}']")
    expect(candidate).to_contain_text("Kesenjangan Asuhan Keperawatan 2 level")
    candidate.locator("input[name=employee]").check()
    _click(page, page.locator("#nominate-form button[type=submit]"))
    expect(page.locator("table.nominate-proposed")).to_contain_text(w.asn.full_name)
    enrolment = Enrolment.objects.get(batch=batch, employee=w.asn)
    assert enrolment.status == Enrolment.Status.NOMINATED
    browser_log_out(page)

    # 2. The atasan is told (notification and home task) and agrees: the ASN is enrolled.
    browser_log_in(page, w.atasan_user.username)
    page.goto("/")
    expect(page.locator("header .notif-count")).to_contain_text("1")
    task = page.locator(TASKS, has_text="usulan pelatihan")
    expect(task).to_have_count(1)
    _click(page, task)
    row = page.locator(f"table.nominate-inbox tr[data-enrolment='{enrolment.pk}']")
    expect(row).to_contain_text(w.asn.full_name)
    _click(page, row.locator("button[value=agree]"))
    expect(page.locator("table.nominate-inbox")).to_have_count(0)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    browser_log_out(page)

    # 3. A week passes: the batch's day is today. The penyelenggara starts it from its page
    # and shows the first session's QR.
    Batch.objects.filter(pk=batch.pk).update(start=today, end=today, year=today.year)
    Session.objects.filter(batch=batch).update(date=today)
    first, second = Session.objects.filter(batch=batch).order_by("start_time")
    browser_log_in(page, w.penyelenggara.username)
    page.goto(reverse("trainings:home"))  # the menu's "Pelatihan": our programs, their batches
    _click(page, page.locator("main a", has_text="Program lembaga kami"))
    _click(page, page.locator("main a", has_text=w.program.title))
    _click(page, page.locator("#program-batches"))
    _click(page, page.locator("main a", has_text=batch.name))
    assert page.url.endswith(reverse("trainings:batch_detail", args=[batch.pk]))
    _click(page, page.locator("button[data-move=running]"))
    expect(page.locator("#batch-status")).to_have_attribute("data-status", "running")
    _click(page, page.locator("#batch-attendance"))
    _click(page, page.locator(f"#sessions tr[data-session='{first.pk}'] a[href$='/qr/']"))
    expect(page.locator("#qr-code svg")).to_be_visible()
    # The scan address is read from the screen: the link under the QR carries what it encodes.
    scan_path = urlsplit(page.locator("#qr-code a.qr-link").get_attribute("href")).path
    assert scan_path.startswith("/pelatihan/hadir/")

    phone_context, phone, phone_problems = _context(
        browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True
    )
    browser_log_in(phone, w.asn_user.username)
    phone.goto("/")  # the participant's home says where today's sessions are
    expect(
        phone.locator("main .task-list li", has_text="2 sesi pelatihan minggu ini")
    ).to_contain_text("Aula BPSDM")
    _fits_phone(phone)
    phone.goto(scan_path)  # what the phone's camera opens from the QR
    expect(phone.locator("main h1")).to_have_text("Anda tercatat hadir")
    expect(phone.locator("#scan-ok")).to_be_visible()
    _fits_phone(phone)
    assert Attendance.objects.get(session=first, enrolment=enrolment).method == "qr"
    page.reload()  # the screen counts the participant
    expect(page.locator(".qr-count")).to_contain_text("1")

    # 4. The second session by hand, the post-test, then the finish: completed, JP credited.
    page.go_back()  # from the QR screen to the batch's sessions
    _click(page, page.locator(f"#sessions tr[data-session='{second.pk}'] a").first)
    page.locator(f"#present-{enrolment.pk}").check()
    _click(page, page.locator("#attendance-form button[type=submit]"))
    expect(page.locator("#present-count")).to_contain_text("1 / 1")
    page.goto(reverse("trainings:batch_detail", args=[batch.pk]))
    _click(page, page.locator("#batch-scores"))
    page.locator(f"#post-{enrolment.pk}").fill("85")
    _click(page, page.locator("form.scores button[type=submit]"))
    page.goto(reverse("trainings:batch_detail", args=[batch.pk]))
    _click(page, page.locator("button[data-move=finished]"))
    expect(page.locator("#batch-status")).to_have_attribute("data-status", "finished")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    credit = JpRecord.objects.get(employee=w.asn, source=JpRecord.Source.BATCH)
    assert credit.jp == 16  # the program's two modules of 8 JP

    # 5. The certificates: the signer (the institution has no head on record), drafts, then
    # issued, through the page's buttons.
    _click(page, page.locator("#batch-certificates"))
    page.fill("#id_signer_1_name", SIGNER[0])
    page.fill("#id_signer_1_nip", SIGNER[1])
    page.fill("#id_signer_1_position", SIGNER[2])
    _click(page, page.locator("#create-drafts button[type=submit]"))
    expect(page.locator("#issue-all")).to_be_visible()
    _click(page, page.locator("#issue-all button[type=submit]"))
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == Certificate.Status.ISSUED
    expect(
        page.locator(f"tr[data-enrolment='{enrolment.pk}'] [data-status=issued]")
    ).to_be_visible()

    # 6. The participant, on the phone, follows the home task to their certificates and
    # downloads the PDF; it names them and the program, and prints the verification address.
    phone.goto("/")
    task = phone.locator(TASKS, has_text="sertifikat pelatihan baru")
    expect(task).to_have_count(1)
    _click(phone, task)
    assert phone.url.endswith(reverse("trainings:certificate_mine"))
    _fits_phone(phone)
    with phone.expect_download() as download_info:
        phone.locator(f"tr[data-certificate='{certificate.pk}'] a.button").click()
    text = " ".join(
        page_.extract_text() for page_ in PdfReader(io.BytesIO(download_info.value.path()
                                                             .read_bytes())).pages
    )  # fmt: skip
    flat = re.sub(r"\s+", " ", text)
    assert w.asn.full_name in flat and w.program.title in flat
    assert certificate.number in flat and SIGNER[0] in flat
    verify_path = reverse("certificates:verify", args=[certificate.code])
    assert verify_path in re.sub(r"\s+", "", text)  # the address is printed, and QR-coded
    phone_context.close()
    assert not phone_problems, phone_problems

    # The public verification page, logged out, on a phone: valid, the name, not the NIP.
    public_context, public, public_problems = _context(browser, live_server, viewport=PHONE)
    response = public.goto(verify_path)
    assert response.status == 200
    expect(public.locator("#certificate-state")).to_have_attribute("data-state", "valid")
    expect(public.locator("#certificate-state")).to_contain_text("Sah")
    expect(public.locator("main h1")).to_have_text(w.asn.full_name)
    expect(public.locator("main")).to_contain_text(w.program.title)
    body = public.locator("body").inner_text()
    assert w.asn.nip not in body and w.asn.nip_grouped not in body
    _fits_phone(public)
    public_context.close()
    assert not public_problems, public_problems
