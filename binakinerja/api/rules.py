"""Pure rules of API tokens: areas and scopes, the secret's shape and hash, the rate limit."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The areas a token may reach, each read or write. Writes exist where integrations need them:
# the JP ledger (JP records, SIASN training history) and competency assessments.
AREAS = {
    "registry": _("Registry (organisation units, employees)"),
    "skp": _("SKP and assessments"),
    "jp": _("JP ledger and training history"),
    "trainings": _("Trainings and batches"),
    "mentoring": _("Mentoring pairs"),
    "ikm": _("IKM per period"),
    "competencies": _("Competency assessments"),
}
WRITE_AREAS = ("jp", "competencies")
READ, WRITE = "read", "write"

PREFIX = "bk_"  # every secret starts so, which secret scanners can look for
SHOWN_PREFIX_LENGTH = 8  # the visible part after PREFIX, to tell tokens apart in lists


def scope_choices() -> list[tuple[str, str]]:
    """Every scope a token may get, as (code, label): "registry:read", "jp:write", …"""
    choices = [(f"{area}:{READ}", label) for area, label in AREAS.items()]
    choices += [(f"{area}:{WRITE}", AREAS[area]) for area in WRITE_AREAS]
    return choices


def access_label(code: str) -> str:
    """ "read" or "write" of a scope code, in the reader's language."""
    return str(_("write") if code.endswith(f":{WRITE}") else _("read"))


def scope_allows(scopes, area: str, access: str) -> bool:
    """A write scope of an area includes its reading."""
    held = set(scopes or ())
    if access == READ:
        return f"{area}:{READ}" in held or f"{area}:{WRITE}" in held
    return f"{area}:{WRITE}" in held


def new_secret() -> tuple[str, str, str]:
    """(secret, visible prefix, hash): 256 random bits; only the hash and prefix are kept."""
    shown = secrets.token_hex(SHOWN_PREFIX_LENGTH // 2)
    secret = f"{PREFIX}{shown}_{secrets.token_urlsafe(32)}"
    return secret, shown, secret_hash(secret)


def secret_hash(secret: str) -> str:
    """SHA-256 of the secret: enough for 256 random bits (no password stretching needed)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


UNIT_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600,
                "hour": 3600, "d": 86400, "day": 86400}  # fmt: skip


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """ "600/min" → Rate(600, 60); refuses anything else with ValueError."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([a-z]+)\s*", (text or "").lower())
    if not match or match.group(3) not in UNIT_SECONDS or int(match.group(1)) < 1:
        raise ValueError(f"not a rate like 600/min: {text!r}")
    count = int(match.group(2) or 1)
    return Rate(int(match.group(1)), count * UNIT_SECONDS[match.group(3)])
