"""The competency pages on a small phone (360 px, as many ASN open them): nothing scrolls
sideways; wide tables scroll inside their own frame."""

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.testing import browser_log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _assert_no_sideways_scroll(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} scrolls sideways on a small phone ({width} px)"


def test_the_asn_pages_fit_a_small_phone(page, talent):
    page.set_viewport_size(PHONE)
    browser_log_in(page, talent.asn_user.username)
    year = timezone.localdate().year
    for url in (
        reverse("competencies:home"),
        reverse("competencies:dictionary"),
        reverse("competencies:employee_gaps", args=[talent.asn.pk]),
        reverse("competencies:employee_needs", args=[talent.asn.pk]),
        reverse("competencies:idp_employee", args=[talent.asn.pk, year]),
    ):
        _assert_no_sideways_scroll(page, url)


def test_the_operator_pages_fit_a_small_phone(page, talent):
    page.set_viewport_size(PHONE)
    browser_log_in(page, talent.operator_a.username)
    year = timezone.localdate().year
    for url in (
        reverse("competencies:heat_map", args=[talent.dinkes.pk]),
        reverse("competencies:heat_map", args=[talent.puskesmas.pk]),
        reverse("competencies:nine_box", args=[talent.dinkes.pk, year]),
        reverse("competencies:development_plan", args=[talent.dinkes.pk, year]),
        reverse("competencies:assessment_import"),
        reverse("competencies:standards_import"),
    ):
        _assert_no_sideways_scroll(page, url)
