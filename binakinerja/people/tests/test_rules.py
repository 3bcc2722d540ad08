import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from binakinerja.people.rules import (
    format_nip,
    normalize_education,
    normalize_golongan,
    parse_nip,
)

TODAY = dt.date(2026, 11, 28)


def codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list}


def test_parse_pns_nip_reads_every_part():
    info = parse_nip("198609262015051001", today=TODAY)
    assert info.status == "PNS"
    assert info.birth_date == dt.date(1986, 9, 26)
    assert info.tmt == dt.date(2015, 5, 1)
    assert info.gender == "L"
    assert info.sequence == 1
    assert info.grouped == "19860926 201505 1 001"


def test_parse_pppk_nip_gives_year_and_status():
    info = parse_nip("200012312024211001", today=TODAY)
    assert info.status == "PPPK"
    assert info.birth_date == dt.date(2000, 12, 31)
    assert info.tmt == 2024
    assert info.gender == "L"
    assert info.sequence == 1


def test_female_pppk_with_other_frequency_digit():
    info = parse_nip("199503152023272045", today=TODAY)
    assert (info.status, info.tmt, info.gender, info.sequence) == ("PPPK", 2023, "P", 45)


@pytest.mark.parametrize(
    "typed",
    [
        "19860926 201505 1 001",
        "  19860926 201505 1 001 ",
        "19860926.201505.1.001",
        "19860926-201505-1-001",
        "'198609262015051001",
        "NIP. 19860926 201505 1 001",
        "nip 198609262015051001",
        "19860926\u00a0201505\u00a01\u00a0001",
        198609262015051001,
    ],
)
def test_accepts_what_people_type_and_paste(typed):
    assert parse_nip(typed, today=TODAY).nip == "198609262015051001"


@pytest.mark.parametrize(
    "value", ["1.98609E+17", "1,98609E+17", "1.98609262015051E+17", 1.98609e17]
)
def test_nip_rounded_by_excel_is_refused_not_misread(value):
    with pytest.raises(ValidationError) as caught:
        parse_nip(value, today=TODAY)
    assert codes(caught.value) == {"nip_scientific"}
    assert "Excel" in str(caught.value.messages[0])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "nip_empty"),
        (None, "nip_empty"),
        ("19860926201505100", "nip_length"),  # 17 digits
        ("1986092620150510011", "nip_length"),  # 19 digits
        ("19860926 2015O5 1 001", "nip_not_digits"),  # letter O
        ("198613262015051001", "nip_birth_date"),  # month 13
        ("198602302015051001", "nip_birth_date"),  # 30 February
        ("202701012045011001", "nip_birth_date"),  # born in the future
        ("198609262015131001", "nip_tmt"),  # month 13
        ("198609262015001001", "nip_tmt"),  # month 00
        ("198609262000011001", "nip_tmt"),  # service at 13
        ("198609262035011001", "nip_tmt"),  # service far in the future
        ("198609262015351001", "nip_tmt"),  # 35: neither month nor PPPK code
        ("200012312024201001", "nip_pppk_code"),  # 20 is no PPPK code
        ("198609262015053001", "nip_gender"),
        ("198609262015051000", "nip_sequence"),
    ],
)
def test_refuses_faulty_parts_with_the_part_named(value, code):
    with pytest.raises(ValidationError) as caught:
        parse_nip(value, today=TODAY)
    assert codes(caught.value) == {code}


def test_message_names_the_faulty_digits_in_indonesian():
    with pytest.raises(ValidationError) as caught:
        parse_nip("198613262015051001", today=TODAY)
    message = caught.value.messages[0]
    assert "19861326" in message
    assert "Tanggal lahir" in message


def test_service_starting_in_the_month_of_the_18th_birthday_is_accepted():
    assert parse_nip("200005102018051001", today=TODAY).tmt == dt.date(2018, 5, 1)
    with pytest.raises(ValidationError):
        parse_nip("200005102018041001", today=TODAY)


def test_format_nip_groups_and_leaves_other_text_alone():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
    assert format_nip("12345") == "12345"


@given(
    birth=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2006, 12, 31)),
    years=st.integers(min_value=18, max_value=40),
    month=st.integers(min_value=1, max_value=12),
    gender=st.sampled_from([1, 2]),
    seq=st.integers(min_value=1, max_value=999),
    separator=st.sampled_from(["", " ", ".", "-"]),
)
def test_any_valid_pns_nip_round_trips(birth, years, month, gender, seq, separator):
    year = birth.year + years + (1 if month < birth.month else 0)
    if dt.date(year, month, 1) > TODAY:
        return
    parts = [f"{birth:%Y%m%d}", f"{year:04d}{month:02d}", str(gender), f"{seq:03d}"]
    info = parse_nip(separator.join(parts), today=TODAY)
    assert info.nip == "".join(parts)
    assert info.birth_date == birth
    assert info.tmt == dt.date(year, month, 1)
    assert info.gender == ("L" if gender == 1 else "P")
    assert info.sequence == seq
    assert format_nip(info.nip).replace(" ", "") == info.nip


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text):
    try:
        info = parse_nip(text, today=TODAY)
    except ValidationError as error:
        assert error.error_list[0].code.startswith("nip_")
    else:
        assert len(info.nip) == 18


@pytest.mark.parametrize(
    ("value", "expected"),
    [("III/a", "III/a"), ("III/A", "III/a"), ("iii a", "III/a"), ("31", "III/a"),
     ("45", "IV/e"), ("IX", "IX"), ("xvii", "XVII"), ("I/a", "I/a")],
)  # fmt: skip
def test_normalize_golongan(value, expected):
    assert normalize_golongan(value) == expected


@pytest.mark.parametrize("value", ["V/a", "III/f", "46", "", "XVIII"])
def test_unknown_golongan_is_refused(value):
    with pytest.raises(ValidationError):
        normalize_golongan(value)


@pytest.mark.parametrize(
    ("value", "expected"), [("40", "40"), ("S-1", "40"), ("s1", "40"), ("5", "05"), ("D-III", "30")]
)
def test_normalize_education(value, expected):
    assert normalize_education(value) == expected
