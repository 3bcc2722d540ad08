"""Test personas: one small organisation world with a user for every role (STYLE.md).

Two governments; in the first, two OPDs (Dinas Kesehatan with a puskesmas, Dinas Pendidikan);
in the second, one OPD. The atasan supervises the ASN, who supervises nobody.
"""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

from binakinerja.accounts.models import Role, RoleAssignment, User
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import orgunit_create
from binakinerja.people.models import Employee, Position, PositionKind

PASSWORD = "sandi-uji-yang-panjang-2026"  # noqa: S105 - test personas only
_sequence = itertools.count(1)


def make_nip(
    *, birth: dt.date = dt.date(1986, 9, 26), tmt: tuple[int, int] = (2010, 1), gender: int = 1
) -> str:
    """A valid PNS NIP with a fresh sequence number."""
    seq = next(_sequence) % 999 + 1
    return f"{birth:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{gender}{seq:03d}"


def xlsx_upload(header, rows, name: str = "impor.xlsx"):
    """An uploaded .xlsx file with `header` and `rows` on its first sheet (import tests)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def xlsx_sheet(response) -> list[tuple]:
    """The first sheet of an XLSX response as rows of values (export tests)."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(book.worksheets[0].iter_rows(values_only=True))


def make_user(username: str, *, staff: bool = False, superuser: bool = False) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.test",
        is_staff=staff or superuser,
        is_superuser=superuser,
    )


def make_employee(unit: OrgUnit, name: str, **fields) -> Employee:
    """An employee written straight to the database (fixtures; services are tested apart)."""
    gender = fields.pop("gender", "L")
    nip = fields.pop("nip", None) or make_nip(
        # Birth dates cycle through 1970–1989 so every NIP stays valid however long the run.
        birth=fields.pop("birth", dt.date(1970, 1, 1) + dt.timedelta(days=next(_sequence) % 7300)),
        gender=1 if gender == "L" else 2,
    )
    fields.setdefault("status", "PNS")
    return Employee.objects.create(
        nip=nip,
        name=name,
        unit=unit,
        gender=gender,
        birth_date=dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        **fields,
    )


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.prov = orgunit_create(actor=None, parent=None, name="Pemerintah Provinsi Gorontalo")
    w.kota = orgunit_create(actor=None, parent=None, name="Pemerintah Kota Gorontalo")
    w.dinkes = orgunit_create(actor=None, parent=w.prov, name="Dinas Kesehatan", unit_type="dinas")
    w.puskesmas = orgunit_create(
        actor=None, parent=w.dinkes, name="Puskesmas Limboto", unit_type="puskesmas",
        is_service_unit=True,
    )  # fmt: skip
    w.dikbud = orgunit_create(
        actor=None, parent=w.prov, name="Dinas Pendidikan dan Kebudayaan", unit_type="dinas"
    )
    w.kota_opd = orgunit_create(
        actor=None, parent=w.kota, name="Dinas Kependudukan dan Pencatatan Sipil"
    )
    w.pos_kepala = Position.objects.create(
        name="Kepala Puskesmas", kind=PositionKind.PENGAWAS, unit=w.puskesmas
    )
    w.pos_perawat = Position.objects.create(
        name="Perawat", kind=PositionKind.FUNGSIONAL_KETERAMPILAN, level="terampil",
        unit=w.puskesmas,
    )  # fmt: skip

    w.superadmin = make_user("superadmin", superuser=True)
    w.admin = make_user("admin_prov")
    RoleAssignment.objects.create(user=w.admin, role=Role.ADMIN_BKPSDM, scope=w.prov)
    w.operator_a = make_user("operator_dinkes")
    RoleAssignment.objects.create(user=w.operator_a, role=Role.OPERATOR_OPD, scope=w.dinkes)
    w.operator_b = make_user("operator_dikbud")
    RoleAssignment.objects.create(user=w.operator_b, role=Role.OPERATOR_OPD, scope=w.dikbud)
    w.pimpinan = make_user("pimpinan_prov")
    RoleAssignment.objects.create(user=w.pimpinan, role=Role.PIMPINAN, scope=w.prov)
    w.mentor = make_user("mentor")
    RoleAssignment.objects.create(user=w.mentor, role=Role.MENTOR)
    w.penyelenggara = make_user("penyelenggara")
    RoleAssignment.objects.create(
        user=w.penyelenggara, role=Role.PENYELENGGARA, institution="BPSDM Provinsi Gorontalo"
    )
    w.atasan_user = make_user("atasan")
    w.asn_user = make_user("asn")

    w.atasan = make_employee(
        w.puskesmas, "Rahmat Hasan", position=w.pos_kepala, golongan="III/d",
        user=w.atasan_user, phone="081234567890",
    )  # fmt: skip
    w.asn = make_employee(
        w.puskesmas, "Siti Nurhaliza", position=w.pos_perawat, golongan="III/a",
        supervisor=w.atasan, user=w.asn_user, gender="P",
    )  # fmt: skip
    w.asn_peer = make_employee(w.puskesmas, "Andi Mokoginta", supervisor=w.atasan)
    w.teacher = make_employee(w.dikbud, "Yusuf Polapa")
    w.kota_employee = make_employee(w.kota_opd, "Fatmah Daud")
    return w


# --- browser tests (Playwright pages) -----------------------------------------------------------


def browser_log_in(page, username: str, password: str = PASSWORD):
    """Log in through the real form; returns the response to the form's POST."""
    page.goto("/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value


def browser_log_out(page) -> None:
    menu = page.locator("header details[data-menu]")
    if menu.count() and not menu.evaluate("d => d.open"):
        page.click("header details[data-menu] > summary")  # folded on a phone
    with page.expect_navigation():
        page.click("header form[action$='/logout/'] button[type=submit]")


# --- permission matrices ------------------------------------------------------------------------

# Every role of the permission matrices (attributes of the `world` fixture), and anonymous.
PERSONAS = [
    "anonymous", "superadmin", "admin", "operator_a", "operator_b", "pimpinan", "mentor",
    "penyelenggara", "atasan_user", "asn_user",
]  # fmt: skip
LOGIN = "login"  # expected "status" of a page that sends anonymous users to the login form


def assert_permission(client, w, *, persona, label, url, method, want, payload=None) -> None:
    """One cell of a permission matrix: `persona` (an attribute of the world `w`, or
    "anonymous") requests `url(w)` and gets `want` (a status code, or LOGIN)."""
    from django.urls import reverse

    if persona != "anonymous":
        client.force_login(getattr(w, persona))
    target = url(w)
    if method == "post":
        response = client.post(target, payload(w) if payload else {})
    else:
        response = client.get(target)
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, (label, persona, response.status_code)


def response_text(response) -> str:
    """Everything a reader of `response` gets to see, as text: the HTML or CSV body, the cells
    of an XLSX workbook, the text of a PDF (for the leak test: a NIP inside a compressed PDF
    or a zipped workbook would not show in the raw bytes)."""
    import io

    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") or content.startswith(b"%PDF"):
        from pypdf import PdfReader

        try:
            return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
        except Exception:  # noqa: BLE001 - a broken PDF is checked as bytes
            return content.decode("latin-1")
    if "spreadsheetml" in kind or content.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8", errors="replace")
