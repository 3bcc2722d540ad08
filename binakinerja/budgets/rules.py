"""The budget's rules (DOMAIN.md §9a), pure: rupiah amounts, the regional chart of accounts for
competency development, absorption, cost per JP and per participant, and the spending floor.
Amounts are `Decimal` rupiah, never floats."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Rupiah with sen: the APBD writes "1.500.000,00". Up to a hundred trillion rupiah.
AMOUNT_DIGITS = 17
AMOUNT_PLACES = 2
MAX_AMOUNT = Decimal("999999999999999.99")
HUNDRED = Decimal(100)

# The default floor: 0.34% of total regional spending (Kemendagri 900.1.1.4/5504/Keuda, 2025).
DEFAULT_FLOOR_PERCENT = Decimal("0.34")

# The chart of accounts as far as competency development uses it (§9a). Kegiatan and their
# sub-kegiatan come from the regional nomenclature (urusan 5.04 Kepegawaian); rekening are
# belanja accounts (5.1.02 Belanja Barang dan Jasa). Other codes of the same shape are accepted
# when a government uses them; these named ones get their official names.
KEGIATAN = {
    "5.04.02.1.01": gettext_lazy("Pengembangan Kompetensi Teknis"),
    "5.04.02.1.02": gettext_lazy(
        "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional"
    ),
}
REKENING = {
    "5.1.02.02.12": gettext_lazy(
        "Belanja Kursus/Pelatihan, Sosialisasi, Bimbingan Teknis serta Pendidikan dan Pelatihan"
    ),
}
KEGIATAN_PATTERN = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$")  # 5.04.02.1.01
SUB_KEGIATAN_PATTERN = re.compile(r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})\.\d{2,4}$")  # ….0001
REKENING_PATTERN = re.compile(r"^5\.\d\.\d{2}\.\d{2}\.\d{2}(\.\d{2,4})?(\.\d{2,5})?$")


def parse_amount(value) -> Decimal:
    """A rupiah amount as people write it ("1.500.000", "Rp 1.500.000,00", 1500000, "1500000.5"),
    or a ValidationError in Bahasa Indonesia: not a number, negative, zero, more than two
    decimals, too large. Floats from a spreadsheet are taken through their shortest text."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, bool):
        raise ValidationError(_("The amount must be a number of rupiah."), code="amount_nan")
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        text = str(value or "").strip().replace("Rp", "").replace("rp", "").replace(" ", "")
        if not text:
            raise ValidationError(_("Enter the amount."), code="amount_empty")
        if "," in text:  # Indonesian: dots group thousands, a comma starts the sen
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")  # "1.500.000": thousands, not decimals
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("“%(value)s” is not an amount of rupiah."), params={"value": value},
                code="amount_nan",
            ) from None  # fmt: skip
    if not amount.is_finite():
        raise ValidationError(_("The amount must be a number of rupiah."), code="amount_nan")
    if amount < 0:
        raise ValidationError(
            _("The amount cannot be negative; a correction is a reversal of the entry."),
            code="amount_negative",
        )
    if amount == 0:
        raise ValidationError(_("The amount must be more than zero."), code="amount_zero")
    if amount.as_tuple().exponent < -AMOUNT_PLACES:
        raise ValidationError(_("Rupiah have at most two decimals (sen)."), code="amount_places")
    if amount > MAX_AMOUNT:
        raise ValidationError(_("The amount is too large."), code="amount_large")
    return amount.quantize(Decimal("0.01"))


def code_errors(kegiatan: str, sub_kegiatan: str, rekening: str) -> dict[str, str]:
    """What is wrong with a line's codes (field → message); empty when they fit the chart."""
    errors = {}
    if not KEGIATAN_PATTERN.match(kegiatan or ""):
        errors["kegiatan_code"] = _(
            "A kegiatan code looks like 5.04.02.1.01 (urusan.bidang.program.kegiatan)."
        )
    sub = SUB_KEGIATAN_PATTERN.match(sub_kegiatan or "")
    if sub_kegiatan and not sub:
        errors["sub_kegiatan_code"] = _("A sub-kegiatan code looks like 5.04.02.1.01.0001.")
    elif sub and sub.group(1) != kegiatan:
        errors["sub_kegiatan_code"] = _(
            "The sub-kegiatan %(sub)s does not belong to kegiatan %(kegiatan)s."
        ) % {"sub": sub_kegiatan, "kegiatan": kegiatan}
    if not REKENING_PATTERN.match(rekening or ""):
        errors["rekening_code"] = _(
            "A belanja account (kode rekening) looks like 5.1.02.02.12 and starts with 5."
        )
    return errors


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, two decimals (None when there is no whole)."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def absorption(pagu: Decimal, realised: Decimal) -> Decimal | None:
    """Realisasi as a percentage of the pagu (penyerapan)."""
    return share(realised, pagu)


def cost_per(amount: Decimal, units) -> Decimal | None:
    """Rupiah per unit (per JP, per participant), whole rupiah; None without units."""
    if not units:
        return None
    return (Decimal(amount) / Decimal(units)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FloorCheck:
    """Competency development's share of the region's total spending against the floor."""

    share: Decimal | None  # percent, None while total spending is not entered
    floor: Decimal
    met: bool | None  # None: cannot tell yet

    @property
    def warning(self) -> bool:
        return self.met is False


def floor_check(development: Decimal, total_spending: Decimal | None, floor: Decimal):
    """Whether `development` (rupiah) is at least `floor` percent of `total_spending`. At the
    edge (exactly the floor) it is met: the regulation says "at least"."""
    if not total_spending:
        return FloorCheck(share=None, floor=floor, met=None)
    exact = Decimal(development) * HUNDRED / Decimal(total_spending)
    return FloorCheck(share=share(development, total_spending), floor=floor, met=exact >= floor)


# Late in the year a line that has absorbed little is a task: from this month on, below this
# share of its pagu.
LATE_MONTH = 10
LOW_ABSORPTION_PERCENT = Decimal(50)


def is_low_absorption(pagu: Decimal, realised: Decimal, today: dt.date, year: int) -> bool:
    """A line of `year` that has absorbed less than half its pagu from October on (or after
    the year ended)."""
    if not pagu or (today.year == year and today.month < LATE_MONTH) or today.year < year:
        return False
    return Decimal(realised) * HUNDRED < LOW_ABSORPTION_PERCENT * Decimal(pagu)


def would_exceed(pagu: Decimal, realised: Decimal, amount: Decimal) -> bool:
    """Whether posting `amount` takes a line's realisasi above its pagu."""
    return Decimal(realised) + Decimal(amount) > Decimal(pagu)
