"""Bulk writes for imports: many rows of plain values into one model's table, fast.

`QuerySet.bulk_create` spends most of its time compiling every field of every object in Python
(measured: ~110 µs per employee row on SQLite, where Django also caps a statement at 999
parameters, i.e. 41 employee rows). These helpers take rows of plain values in a stated field
order, convert each column once by its field type, and send them with one prepared statement
(`executemany`) per batch — or PostgreSQL's COPY. The SQL text is built only from the model's
own table and column names (quoted); every value is a bound parameter.

They bypass `save()`, signals and `full_clean()`: callers must validate with the same rules
first (the ASN import does, row by row) and write their own audit records.

`reserve_ids` hands out the primary keys of rows about to be inserted, so that callers need not
read their rows back; `select_in` is `filter(<key>__in=…).values_list(…)` for long lists of
plain keys, without the ORM's per-value preparation (~2 µs a value, 4 ms per 2,000 keys).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

from django.db import connections, models
from django.utils import timezone

BATCH_SIZE = 2000


def _converter(field: models.Field, connection) -> Callable | None:
    """How one column's Python values become database values (None: as they are)."""
    ops = connection.ops
    if connection.vendor == "postgresql" and isinstance(field, models.DateField):
        return None  # psycopg sends dates and datetimes as they are (ops would return them as is)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DecimalField | models.TimeField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _columns(model, fields: Sequence[str], connection, now: dt.datetime, prepared: bool):
    """Columns, per-column converters, and the constant values of auto_now(_add) fields that
    the caller did not list."""
    concrete = [model._meta.get_field(name) for name in fields]
    converters = [None if prepared else _converter(field, connection) for field in concrete]
    extra_fields, extra_values = [], []
    for field in model._meta.concrete_fields:
        auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if auto and field.name not in fields:
            extra_fields.append(field)
            extra_values.append(connection.ops.adapt_datetimefield_value(now))
    return concrete + extra_fields, converters, tuple(extra_values)


def _prepared(rows: Iterable[Sequence], converters, extra: tuple):
    """Rows with each column converted once by its field type, plus the constant columns."""
    active = [(i, conv) for i, conv in enumerate(converters) if conv is not None]
    if not active and not extra:
        yield from rows
        return
    for row in rows:
        if type(row) is not list:  # lists are the caller's scratch rows: convert in place
            row = list(row)
        for index, conv in active:
            value = row[index]
            if value is not None:
                row[index] = conv(value)
        if extra:
            row.extend(extra)
        yield row


def _batches(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_insert(
    model,
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    now: dt.datetime | None = None,
    using: str = "default",
    batch_size: int = BATCH_SIZE,
    prepared: bool = False,
) -> None:
    """Insert `rows` (sequences of values in `fields` order; foreign keys as ids under the
    field's name) into `model`'s table. auto_now/auto_now_add fields not listed get `now`.
    Rows given as lists are converted in place (callers pass rows they no longer need).

    `prepared=True`: the rows already hold what both databases accept as text (dates as ISO
    `yyyy-mm-dd` strings, JSON as its encoded text, plain strings and numbers), so no value is
    converted."""
    connection = connections[using]
    now = now or timezone.now()
    concrete, converters, extra = _columns(model, fields, connection, now, prepared)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in concrete)
    values = _prepared(rows, converters, extra)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the table and column names come from the model, never from input.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(concrete))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from _meta
        for batch in _batches(values, batch_size):
            cursor.executemany(sql, batch)


def bulk_update_rows(
    model,
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    using: str = "default",
    batch_size: int = BATCH_SIZE,
) -> None:
    """Update rows by primary key: each row holds the values of `fields`, then the pk."""
    connection = connections[using]
    concrete = [model._meta.get_field(name) for name in fields]
    converters = [_converter(field, connection) for field in concrete] + [None]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in concrete)
    pk_column = quote(model._meta.pk.column)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608 - names from _meta
    with connection.cursor() as cursor:
        for batch in _batches(_prepared(rows, converters, ()), batch_size):
            cursor.executemany(sql, batch)


def reserve_ids(model, count: int, *, using: str = "default") -> list[int]:
    """`count` primary keys for rows the caller is about to insert with `bulk_insert` (with the
    `id` field listed), so that it knows them without reading the rows back.

    PostgreSQL: drawn from the table's own sequence, as a plain INSERT would, so they are safe
    under any concurrency. SQLite: the ids after the highest ever handed out (AUTOINCREMENT's
    `sqlite_sequence`) or in the table. Safe because it must run inside a transaction: with
    this project's `transaction_mode = IMMEDIATE` that transaction holds SQLite's single write
    lock from its first statement, so no one can insert in between; and even in a deferred
    transaction, WAL mode refuses to let a transaction whose snapshot went stale write at all.
    SQLite then moves `sqlite_sequence` past the inserted ids by itself."""
    connection = connections[using]
    if count <= 0:
        return []
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), pk_column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor != "sqlite" or not connection.in_atomic_block:
            raise RuntimeError("reserve_ids needs PostgreSQL, or SQLite inside a transaction")
        cursor.execute(f"SELECT max({quote(pk_column)}) FROM {quote(table)}")  # noqa: S608 - names from _meta
        highest = cursor.fetchone()[0] or 0
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        )
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
    return list(range(highest + 1, highest + 1 + count))


def select_in(
    model, fields: Sequence[str], key: str, values: Sequence, *, using: str = "default"
) -> list[tuple]:
    """`model.objects.filter(<key>__in=values).values_list(*fields)` for a long list of plain
    values (strings or numbers, compared as they are): one statement with an array parameter on
    PostgreSQL, one per chunk of the parameter limit on SQLite."""
    if not values:
        return []
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    head = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.get_field(key).column)}"  # noqa: S608 - names from _meta
    values = list(values)
    found: list[tuple] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"{head} = ANY(%s)", [values])
            return [tuple(row) for row in cursor.fetchall()]
        size = connection.features.max_query_params or len(values)
        for start in range(0, len(values), size):
            chunk = values[start : start + size]
            cursor.execute(f"{head} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.extend(tuple(row) for row in cursor.fetchall())
    return found


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Pause the cyclic garbage collector's automatic passes while a bulk job allocates
    millions of short-lived, acyclic objects (an import's cells, rows and audit changes; a
    province's needs analysis): its passes over them cost a fifth to a third of the run.
    Reference counting still frees them; the ASN import frees its few cycles with
    `people.importing.service.collect_cycles`. Restored as found, so nested or concurrent
    uses leave it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
