"""Figures written into sentences are rounded, not cut off."""

from decimal import Decimal

from django.utils import translation

from binakinerja.satisfaction.results import _number


def test_nrr_in_a_sentence_is_rounded_half_up_in_the_reader_s_locale():
    with translation.override("id"):
        assert _number(3.69879, 3) == "3,699"
        assert _number(Decimal("88.125"), 2) == "88,13"
    with translation.override("en"):
        assert _number(3.69879, 3) == "3.699"
