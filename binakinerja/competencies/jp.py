"""JP done, read from whoever keeps the JP ledger (DESIGN.md: the ledger is the one place JP are
counted). Competencies never imports the trainings app (ARCHITECTURE.md: trainings reads
competencies, not the other way round), so the ledger registers its reader here from its
`AppConfig.ready()`, as apps register home-page tasks with `core.home`. Without a registered
source every ASN has done 0 JP."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

JpSource = Callable[[Iterable[int], int], dict[int, Decimal]]
_source: list[JpSource] = []


def register_jp_source(source: JpSource) -> JpSource:
    """Set the reader `source(employee_ids, year) -> {employee id: JP}`; the last one wins."""
    _source[:] = [source]
    return source


def jp_done_for(employee_ids, year: int) -> dict[int, Decimal]:
    """JP done in `year` per employee ({} without a registered source). `employee_ids` is an
    iterable of ids or a queryset of ids (read as a subquery: one query however many)."""
    if not _source:
        return {}
    return _source[0](employee_ids, year)
