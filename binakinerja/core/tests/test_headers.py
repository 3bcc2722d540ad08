"""Security headers of every page (SECURITY.md: "Content-Security-Policy without inline scripts;
`Cache-Control: no-store` on personal pages"): the policy itself, templates that keep to it
(no inline script, handler or style), and what browsers and proxies may keep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binakinerja.core.charts import bar_chart_svg, line_chart_svg
from binakinerja.performance.models import Evidence
from binakinerja.performance.services import (
    period_open_year,
    skp_create,
    skp_result_add,
    skp_transition,
)

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(PACKAGE.rglob("templates/**/*.html"))
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


# --- Content-Security-Policy ------------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy(client, world):
    for response in (
        client.get(reverse("accounts:login")),
        client.get(reverse("survey:instansi_list")),
    ):
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
        assert csp["style-src"] == ["'self'"]
        assert csp["img-src"] == ["'self'", "data:"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert "unsafe" not in response["Content-Security-Policy"]
    client.force_login(world.admin)
    assert policy(client.get(reverse("core:dashboard")))["script-src"] == ["'self'"]


def test_the_survey_form_styles_itself_with_a_nonce_only(client, survey):
    response = client.get(reverse("survey:form", args=[survey.su_puskesmas.public_code]))
    style_src = policy(response)["style-src"]
    assert style_src[0] == "'self'" and len(style_src) == 2
    nonce = re.fullmatch(r"'nonce-([A-Za-z0-9+/=]+)'", style_src[1]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert policy(response)["script-src"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_htmx_injects_no_inline_styles_and_never_evaluates_code(client, world):
    client.force_login(world.admin)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}'>"""
        in html
    )
    assert "js/app.js" in html


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_templates_hold_no_inline_script_handler_or_style(path):
    text = path.read_text(encoding="utf-8")
    for script in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I):
        attributes, body = script.groups()
        is_data = re.search(r'type="application/(ld\+)?json"', attributes)
        assert "src=" in attributes or is_data, f"inline script: {script.group(0)[:80]}"
        assert not body.strip(), f"script with a body: {script.group(0)[:80]}"
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, re.I), "inline event handler"
    assert not re.search(r"<[a-z][^>]*\sstyle\s*=", text, re.I), "style attribute"
    # A <style> block only with the response's nonce (the public survey form: one request).
    for style in re.finditer(r"<style\b[^>]*>", text, re.I):
        assert style.group(0) == '<style nonce="{{ request.csp_nonce }}">', "<style> block"
    assert "javascript:" not in text.lower()


def test_charts_carry_no_style_attribute():
    svgs = [
        bar_chart_svg([("U1", 3.2), ("U2", None)], title="NRR", max_value=4),
        line_chart_svg(
            ["2025", "2026"], [("IKM", [80.0, 82.5])], min_value=0, max_value=100, title="Tren"
        ),
    ]
    for svg in svgs:
        assert "style=" not in svg


# --- Caching ----------------------------------------------------------------------------------


def test_pages_for_a_logged_in_user_are_never_stored(client, world):
    client.force_login(world.operator_a)
    for name in ("core:dashboard", "people:employee_list", "competencies:home"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], name
    fragment = client.get(reverse("people:employee_list"), {"q": "Siti"}, HTTP_HX_REQUEST="true")
    assert "no-store" in fragment["Cache-Control"]


def test_downloads_are_never_stored(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.operator_a)
    export = client.get(reverse("people:employee_list"), {"format": "xlsx"})
    assert export["Cache-Control"] == "no-store"
    # An evidence file is a FileResponse of its own, not a core.exporting download.
    q1 = period_open_year(actor=None, instansi=world.prov, year=2026)[0]
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    result = skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[{"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10,
                     "target_unit": "kali"}],
    )  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    client.force_login(world.asn_user)
    response = client.post(
        reverse("performance:realisation_record", args=[skp.pk]),
        {"indicator": result.indicators.get().pk, "period": q1.pk, "value": "12",
         "evidence": SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    download = client.get(
        reverse("performance:evidence_download", args=[Evidence.objects.get().pk])
    )
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"


@pytest.fixture
def survey(world):
    from binakinerja.satisfaction.testing import build_survey_world

    return build_survey_world(world)


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, survey):
    for url in (
        reverse("survey:instansi_list"),
        reverse("survey:instansi_ikm", args=[survey.prov.pk]),
        reverse("survey:thanks", args=[survey.su_sekolah.public_code]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_a_view_that_chose_its_own_caching_keeps_it(client, survey):
    # The survey form holds a one-time token: its view forbids caching itself (max-age=0,
    # no-cache, no-store, must-revalidate, private); the middleware leaves that alone.
    response = client.get(reverse("survey:form", args=[survey.su_puskesmas.public_code]))
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
