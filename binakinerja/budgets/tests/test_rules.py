"""The budget's pure rules: rupiah as people write them, the chart of accounts, absorption,
cost per unit and the floor at its edge."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from binakinerja.budgets import rules


@pytest.mark.parametrize("written, amount", [
    ("1.500.000", "1500000.00"), ("Rp 1.500.000,50", "1500000.50"), (1500000, "1500000.00"),
    ("1500000", "1500000.00"), ("2500,5", "2500.50"), (1500000.25, "1500000.25"),
    (Decimal("10"), "10.00"), ("1.500", "1500.00"),
])  # fmt: skip
def test_amounts_as_people_write_them(written, amount):
    assert rules.parse_amount(written) == Decimal(amount)


@pytest.mark.parametrize("written, code", [
    ("-5.000", "amount_negative"), ("lima juta", "amount_nan"), ("", "amount_empty"),
    (None, "amount_empty"), ("0", "amount_zero"), ("1,005", "amount_places"),
    ("9" * 20, "amount_large"), (float("nan"), "amount_nan"), (True, "amount_nan"),
])  # fmt: skip
def test_bad_amounts_are_refused_with_their_reason(written, code):
    with pytest.raises(ValidationError) as error:
        rules.parse_amount(written)
    assert error.value.code == code


def test_amounts_are_decimals_never_floats():
    assert isinstance(rules.parse_amount(0.1), Decimal)
    assert rules.parse_amount(0.1) + rules.parse_amount(0.2) == Decimal("0.30")


def test_codes_fit_the_chart_of_accounts():
    assert rules.code_errors("5.04.02.1.01", "5.04.02.1.01.0001", "5.1.02.02.12") == {}
    assert rules.code_errors("5.04.02.1.02", "", "5.1.02.02.12.0001") == {}
    errors = rules.code_errors("5.4.2.1.1", "5.04.02.1.02.0001", "4.1.01")
    assert set(errors) == {"kegiatan_code", "sub_kegiatan_code", "rekening_code"}
    errors = rules.code_errors("5.04.02.1.01", "5.04.02.1.02.0001", "5.1.02.02.12")
    assert set(errors) == {"sub_kegiatan_code"}  # the sub-kegiatan of another kegiatan


def test_absorption_and_cost_per_unit_against_hand_worked_numbers():
    assert rules.absorption(Decimal("10000000"), Decimal("5600000")) == Decimal("56.00")
    assert rules.absorption(Decimal("3"), Decimal("1")) == Decimal("33.33")
    assert rules.absorption(Decimal(0), Decimal(0)) is None
    # Rp 45.000.000 for 30 participants of 40 JP each: 1.500.000 per person, 37.500 per JP
    assert rules.cost_per(Decimal("45000000"), 30) == Decimal("1500000")
    assert rules.cost_per(Decimal("45000000"), Decimal(1200)) == Decimal("37500")
    assert rules.cost_per(Decimal("100"), 3) == Decimal("33")  # whole rupiah, half up
    assert rules.cost_per(Decimal("100"), 0) is None


def test_the_floor_at_its_edge():
    total = Decimal("1000000000000")  # Rp 1 trillion of regional spending
    exactly = rules.floor_check(Decimal("3400000000"), total, Decimal("0.34"))
    assert exactly.share == Decimal("0.34") and exactly.met is True  # "at least"
    below = rules.floor_check(Decimal("3399999999"), total, Decimal("0.34"))
    assert below.met is False and below.warning
    assert below.share == Decimal("0.34")  # rounded for display, yet below: the exact sum decides
    unknown = rules.floor_check(Decimal("1"), None, Decimal("0.34"))
    assert unknown.met is None and not unknown.warning


def test_low_absorption_counts_only_late_in_the_year():
    pagu = Decimal(100)
    assert not rules.is_low_absorption(pagu, Decimal(10), dt.date(2027, 9, 30), 2027)
    assert rules.is_low_absorption(pagu, Decimal("49.99"), dt.date(2027, 10, 1), 2027)
    assert not rules.is_low_absorption(pagu, Decimal(50), dt.date(2027, 10, 1), 2027)
    assert rules.is_low_absorption(pagu, Decimal(0), dt.date(2028, 2, 1), 2027)


def test_exceeding_the_pagu():
    assert not rules.would_exceed(Decimal(100), Decimal(60), Decimal(40))
    assert rules.would_exceed(Decimal(100), Decimal(60), Decimal("40.01"))
