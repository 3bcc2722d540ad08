"""The door through which the apps that make official PDFs (performance, trainings, monitoring)
find the electronically signed copy of a document without importing `binakinerja.signatures`,
which imports them: that app registers its lookup here when it starts (`apps.ready`).

A download view asks `signed_pdf("skp", skp.pk, version=str(skp.version))` and serves the
bytes it gets instead of a freshly built PDF; None when nothing is signed, or when what was
signed is an older version of the document (the document changed since: it must be signed
again)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SignedCopy:
    """A signed PDF: its bytes, who signed (name) and when, and its verification address."""

    content: bytes
    signer_name: str
    signed_at: object
    verify_path: str


_lookups: list[Callable[..., SignedCopy | None]] = []


def register_signed_lookup(lookup: Callable[..., SignedCopy | None]) -> None:
    """`lookup(kind, pk, version)` → SignedCopy or None."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def signed_copy(kind: str, pk: int, *, version: str = "") -> SignedCopy | None:
    for lookup in _lookups:
        found = lookup(kind, pk, version)
        if found is not None:
            return found
    return None


def signed_pdf(kind: str, pk: int, *, version: str = "") -> bytes | None:
    """The signed PDF of `kind` #`pk` at `version`, or None."""
    copy = signed_copy(kind, pk, version=version)
    return copy.content if copy else None
