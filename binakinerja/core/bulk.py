"""Bulk writes for imports: many rows of plain values into one model's table, fast.

`QuerySet.bulk_create` spends most of its time compiling every field of every object in Python
(measured: ~110 µs per employee row on SQLite, where Django also caps a statement at 999
parameters, i.e. 41 employee rows). These helpers take rows of plain values in a stated field
order, convert each column once by its field type, and send them with one prepared statement
(`executemany`) per batch — or PostgreSQL's COPY. The SQL text is built only from the model's
own table and column names (quoted); every value is a bound parameter.

They bypass `save()`, signals and `full_clean()`: callers must validate with the same rules
first (the ASN import does, row by row) and write their own audit records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from django.db import connections, models
from django.utils import timezone

BATCH_SIZE = 2000


def _converter(field: models.Field, connection) -> Callable | None:
    """How one column's Python values become database values (None: as they are)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DecimalField | models.TimeField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _columns(model, fields: Sequence[str], connection, now: dt.datetime):
    """Columns, per-column converters, and the constant values of auto_now(_add) fields that
    the caller did not list."""
    concrete = [model._meta.get_field(name) for name in fields]
    converters = [_converter(field, connection) for field in concrete]
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
) -> None:
    """Insert `rows` (sequences of values in `fields` order; foreign keys as ids under the
    field's name) into `model`'s table. auto_now/auto_now_add fields not listed get `now`.
    Rows given as lists are converted in place (callers pass rows they no longer need)."""
    connection = connections[using]
    now = now or timezone.now()
    concrete, converters, extra = _columns(model, fields, connection, now)
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
