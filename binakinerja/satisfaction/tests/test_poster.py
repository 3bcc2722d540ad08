"""The A4 QR poster of a service unit: who may print it and what it says."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.posters import _qr


def poster_url(service_unit) -> str:
    return reverse("satisfaction:poster", args=[service_unit.pk])


def pdf_text(content: bytes) -> tuple[int, str, tuple[float, float]]:
    reader = PdfReader(io.BytesIO(content))
    page = reader.pages[0]
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return len(reader.pages), text, (float(page.mediabox.width), float(page.mediabox.height))


def test_the_manager_gets_an_a4_poster_with_the_unit_and_its_short_link(survey, client):
    client.force_login(survey.operator_a)
    response = client.get(poster_url(survey.su_puskesmas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages, text, size = pdf_text(response.content)
    assert pages == 1
    assert size == pytest.approx(A4, abs=1)
    link = f"http://testserver/s/{survey.su_puskesmas.public_code}/"
    assert "Puskesmas Limboto" in text
    assert "DINAS KESEHATAN" in text and "PEMERINTAH PROVINSI GORONTALO" in text
    assert gettext("How was our service?") in text
    assert gettext("anonymous, 2 minutes") in text
    assert link in text.replace(" ", "")  # pypdf may split a long word
    assert AuditLog.objects.filter(
        actor=survey.operator_a, action="export", object_id=str(survey.su_puskesmas.pk)
    ).exists()


def test_the_poster_uses_the_public_base_url_when_set(survey, client, settings):
    settings.PUBLIC_BASE_URL = "https://binakinerja.gorontaloprov.go.id/"
    client.force_login(survey.admin)
    response = client.get(poster_url(survey.su_sekolah))
    assert response.status_code == 200
    _pages, text, _size = pdf_text(response.content)
    link = f"https://binakinerja.gorontaloprov.go.id/s/{survey.su_sekolah.public_code}/"
    assert link in text.replace(" ", "")
    assert "SMA Negeri 1 Gorontalo" in text
    assert "testserver" not in text


def test_the_qr_code_holds_the_link():
    link = "https://binakinerja.gorontaloprov.go.id/s/abc234/"
    drawing = _qr(link)
    assert drawing.contents[0].value == link
    assert drawing.width == drawing.height > 250  # about 10 cm: readable from a queue


@pytest.mark.parametrize(
    ("persona", "status"),
    [("operator_b", 404), ("pimpinan", 403), ("mentor", 403), ("asn_user", 403),
     ("superadmin", 200)],
)  # fmt: skip
def test_only_managers_of_the_unit_print_its_poster(survey, client, persona, status):
    client.force_login(getattr(survey, persona))
    assert client.get(poster_url(survey.su_puskesmas)).status_code == status


def test_the_poster_needs_a_login(survey, client):
    response = client.get(poster_url(survey.su_puskesmas))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
