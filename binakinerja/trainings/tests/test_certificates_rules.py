"""The pure rules of certificates: the institution's short name, the number, the result
text and the signer line (trainings/rules.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binakinerja.trainings.rules import (
    certificate_number,
    certificate_prefix,
    certificate_result,
    certificate_sequence,
    signer_parts,
    signer_text,
)


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("BPSDM Provinsi Gorontalo", "BPSDM-PG"),
        ("Universitas Negeri Gorontalo", "UNG"),
        ("LAN", "LAN"),
        ("Pusat Pengembangan Kompetensi dan Pelatihan", "PPKP"),
        ("Balai Diklat Kesehatan (BAPELKES) Makassar", "BAPELKES-BDKM"),
        ("<img src=x> & <b>", "ISB"),
        ("", "SERT"),
    ],
)
def test_certificate_prefix_keeps_acronyms_and_takes_initials(name, prefix):
    assert certificate_prefix(name) == prefix


def test_certificate_number_is_readable_and_padded():
    assert certificate_number("BPSDM-PG", 2026, 1) == "BPSDM-PG/2026/0001"
    assert certificate_number("UNG", 2027, 123) == "UNG/2027/0123"
    assert certificate_number("UNG", 2027, 12345) == "UNG/2027/12345"
    with pytest.raises(ValueError):
        certificate_number("UNG", 2027, 0)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=2000, max_value=2100))
def test_certificate_sequence_reads_back_the_number(sequence, year):
    assert certificate_sequence(certificate_number("BPSDM-PG", year, sequence)) == sequence


def test_numbers_sort_in_sequence_order_up_to_9999():
    numbers = [certificate_number("X", 2026, n) for n in (1, 2, 10, 99, 100, 9999)]
    assert sorted(numbers) == numbers


@pytest.mark.parametrize(
    ("score", "maximum", "text"),
    [
        (None, 100, "Lulus"),
        (Decimal("95"), 100, "Lulus dengan predikat Sangat Memuaskan"),
        (Decimal("90"), 100, "Lulus dengan predikat Memuaskan"),  # a boundary: the lower band
        (Decimal("85"), 100, "Lulus dengan predikat Memuaskan"),
        (Decimal("75"), 100, "Lulus dengan predikat Cukup Memuaskan"),
        (Decimal("61"), 100, "Lulus dengan predikat Kurang Memuaskan"),
        (Decimal("60"), 100, "Lulus dengan predikat Tidak Memuaskan"),
        (Decimal("45"), 50, "Lulus dengan predikat Memuaskan"),  # 90% of another maximum
    ],
)
def test_certificate_result_from_the_post_test(score, maximum, text):
    assert certificate_result(score, maximum) == text


def test_signer_line_round_trips_and_strips_the_separator():
    line = signer_text("Dr. Hamid | Kuna", "19680512 199403 1 007", "Kepala BPSDM")
    assert line == "Dr. Hamid Kuna|19680512 199403 1 007|Kepala BPSDM"
    assert signer_parts(line) == ("Dr. Hamid Kuna", "19680512 199403 1 007", "Kepala BPSDM")
    assert signer_text("", "1", "Kepala") == ""  # no name, no signer
    assert signer_parts("") == ("", "", "")
    assert signer_parts("Nama Saja") == ("Nama Saja", "", "")
