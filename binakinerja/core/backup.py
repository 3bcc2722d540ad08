"""Backup and restore of the whole system: every table and every uploaded file, in one archive.

The archive (`.tar.gz`) holds, in this order:
- `manifest.json`: the format, the app's version, when and from which database it was made,
  the migrations applied, the row count of every table, and the sha256 of every member;
- `data/<app_label>.<model>.jsonl`: every row of every model, one JSON object per line (Django's
  "python" serializer — field values as Django itself converts them — written as JSON with
  datetimes to the microsecond);
- `media/<path>`: every file under MEDIA_ROOT.

Why Django's serializers rather than `pg_dump`: the same archive restores into SQLite or
PostgreSQL (a pilot on SQLite moves to PostgreSQL by backup and restore), it needs no database
client of the server's exact version and no password on a command line, and the restore can
check it table by table against the code's migrations. Memory stays bounded both ways: rows are
read in chunks and written line by line into temporary files; the restore streams the archive
once, in order, and inserts in batches.

A restore loads everything in one transaction (rows keep their primary keys, so every reference
stays true; foreign keys are checked at commit, where Django declares them deferred), resets
the sequences, compares the counts with the manifest and only then puts the files in place:
any failure leaves the database as it was."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
CHUNK = 2000  # rows read or inserted at a time
MANIFEST = "manifest.json"
# Rows in any of these tables mean the database is in use (every write is audited; people
# and units are what a fresh installation lacks); a fresh `migrate` fills other tables
# (content types, permissions, the competency dictionary, default warning rules) by itself.
IN_USE_MARKS = ("accounts.User", "organizations.OrgUnit", "people.Employee", "core.AuditLog")


class BackupError(Exception):
    """A backup that cannot be made or restored, with the reason for the administrator."""


def app_version() -> str:
    try:
        return importlib.metadata.version("binakinerja")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _encode(value):
    """JSON for the serializer's values, exact: datetimes and times keep their microseconds
    (DjangoJSONEncoder keeps milliseconds only), decimals stay text."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        raise TypeError("binary values are serialized as text by the field")
    return str(value)  # UUID, lazy strings, Path


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _table_exists(model, using: str) -> bool:
    return model._meta.db_table in connections[using].introspection.table_names()


def backup_models(using: str = DEFAULT_DB_ALIAS) -> list:
    """Every model with a table of its own (many-to-many tables included), referenced models
    before those that refer to them (foreign-key cycles are left as found: the restore checks
    keys at commit)."""
    candidates = [
        model for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]  # fmt: skip
    tables = set(connections[using].introspection.table_names())
    candidates = [m for m in candidates if m._meta.db_table in tables]
    ordered, placed = [], set()
    pending = sorted(candidates, key=lambda m: m._meta.label)
    while pending:
        progress = False
        for model in list(pending):
            needs = {
                f.related_model for f in model._meta.concrete_fields
                if f.is_relation and f.related_model not in (None, model)
            }  # fmt: skip
            if needs <= placed or not (needs & set(pending)):
                ordered.append(model)
                placed.add(model)
                pending.remove(model)
                progress = True
        if not progress:  # a cycle: take the first and go on
            model = pending.pop(0)
            ordered.append(model)
            placed.add(model)
    return ordered


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


@dataclass
class BackupSummary:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0


def backup_create(target: Path, *, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Write the archive to `target` (through a temporary name, so a failed backup never leaves
    a file that looks whole). Rows are read in one transaction, so they agree with each other."""
    target = Path(target)
    summary = BackupSummary(path=target)
    manifest = {
        "format": FORMAT,
        "app_version": app_version(),
        "created": timezone.now().isoformat(),
        "database": connections[using].vendor,
        "migrations": applied_migrations(using),
        "tables": {},
        "data": {},
        "files": {},
    }
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="bk-backup-") as work:
        work_dir = Path(work)
        connection = connections[using]
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # one snapshot for every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for model in backup_models(using):
                label = model._meta.label
                member = f"data/{label}.jsonl"
                count, digest = _dump_model(model, work_dir / f"{label}.jsonl", using)
                manifest["tables"][label] = count
                manifest["data"][label] = {"member": member, "sha256": digest}
        files = list(_media_files(media_root))
        for name, path in files:
            manifest["files"][name] = _sha256_file(path)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                raw = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(raw)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(raw))
                for label, entry in manifest["data"].items():
                    archive.add(work_dir / f"{label}.jsonl", arcname=entry["member"])
                for name, path in files:
                    archive.add(path, arcname=f"media/{name}", recursive=False)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    summary.tables = manifest["tables"]
    summary.files = len(files)
    return summary


def _dump_model(model, path: Path, using: str) -> tuple[int, str]:
    """Write every row of `model` as JSON lines; (rows, sha256 of the file)."""
    opts = model._meta
    names = [f.name for f in opts.local_fields if not f.primary_key or f.remote_field]
    rows = model._base_manager.using(using).order_by("pk")
    digest, count = hashlib.sha256(), 0
    with path.open("wb") as out:
        for start in _chunks(rows, using):
            records = serializers.serialize("python", start, fields=names)
            for record in records:
                line = json.dumps(
                    {"pk": record["pk"], "fields": record["fields"]},
                    default=_encode, ensure_ascii=False, sort_keys=True,
                ).encode() + b"\n"  # fmt: skip
                out.write(line)
                digest.update(line)
                count += 1
    return count, digest.hexdigest()


def _chunks(rows, using: str):
    """The rows in lists of CHUNK, by primary key (keyset pages: no OFFSET, bounded memory)."""
    last = None
    while True:
        page = rows if last is None else rows.filter(pk__gt=last)
        chunk = list(page[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


# --- Restore ----------------------------------------------------------------------------------


@dataclass
class RestoreSummary:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    manifest: dict = field(default_factory=dict)


def database_in_use(using: str = DEFAULT_DB_ALIAS) -> bool:
    for label in IN_USE_MARKS:
        model = apps.get_model(label)
        if _table_exists(model, using) and model._base_manager.using(using).exists():
            return True
    return False


def _check_migrations(manifest: dict, using: str) -> None:
    here = {(a, n) for a, names in applied_migrations(using).items() for n in names}
    there = {(a, n) for a, names in manifest["migrations"].items() for n in names}
    if here != there:
        missing = sorted(f"{a}.{n}" for a, n in there - here)[:10]
        extra = sorted(f"{a}.{n}" for a, n in here - there)[:10]
        raise BackupError(
            _("The database's migrations differ from the backup's: bring the code and the "
              "database to the backup's version first (missing here: %(missing)s; not in the "
              "backup: %(extra)s).")
            % {"missing": ", ".join(missing) or "-", "extra": ", ".join(extra) or "-"}
        )  # fmt: skip


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(_("The archive holds a file outside the media folder: %(name)s")
                          % {"name": name})  # fmt: skip
    return path.as_posix()


class _HashingReader:
    """Reads a member while hashing it, so a damaged member is found as it is loaded."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def lines(self) -> Iterator[bytes]:
        for line in self.handle:
            self.digest.update(line)
            yield line


def backup_restore(
    source: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> RestoreSummary:
    """Restore the archive at `source`: refuse it (BackupError) unless its manifest is of this
    format and its migrations are the database's, and, without `force`, unless the database is
    not in use yet. All rows in one transaction; the files are placed only once the rows are
    in and counted."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root))
    try:
        summary = _restore(Path(source), staging, media_root, force=force, using=using)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, json.JSONDecodeError,
            KeyError, TypeError) as error:  # fmt: skip
        raise BackupError(_("This file is damaged or not a Bina Kinerja backup.")) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return summary


def _restore(source: Path, staging: Path, media_root: Path, *, force: bool, using: str):
    summary = RestoreSummary()
    with tarfile.open(source, "r|gz") as archive:
        members = iter(archive)
        first = next(members, None)
        if first is None or first.name != MANIFEST:
            raise BackupError(_("This file is not a Bina Kinerja backup (no manifest)."))
        manifest = json.loads(archive.extractfile(first).read())
        summary.manifest = manifest
        if manifest.get("format") != FORMAT:
            raise BackupError(_("This backup's format (%(format)s) is not one this version "
                                "reads.") % {"format": manifest.get("format")})  # fmt: skip
        _check_migrations(manifest, using)
        if not force and database_in_use(using):
            raise BackupError(
                _("The database already holds data; restore into an empty database, or use "
                  "--force to replace everything in it.")
            )  # fmt: skip
        models = {m._meta.label: m for m in backup_models(using)}
        unknown = sorted(set(manifest["tables"]) - set(models))
        if unknown:
            raise BackupError(_("The backup holds tables this database lacks: %(tables)s")
                              % {"tables": ", ".join(unknown[:10])})  # fmt: skip
        by_member = {entry["member"]: label for label, entry in manifest["data"].items()}
        with transaction.atomic(using=using):
            _wipe(models.values(), using)
            for member in members:
                if member.name in by_member:
                    label = by_member.pop(member.name)
                    reader = _HashingReader(archive.extractfile(member))
                    _load(models[label], reader.lines(), using)
                    if reader.digest.hexdigest() != manifest["data"][label]["sha256"]:
                        raise BackupError(_("The backup is damaged (%(member)s).")
                                          % {"member": member.name})  # fmt: skip
                elif member.name.startswith("media/") and member.isfile():
                    name = _safe_media_name(member.name.removeprefix("media/"))
                    _stage(archive, member, staging / name, manifest["files"].get(name))
                    summary.files += 1
                else:
                    raise BackupError(_("The backup holds an unexpected member: %(name)s")
                                      % {"name": member.name})  # fmt: skip
            if by_member or summary.files != len(manifest["files"]):
                raise BackupError(_("The backup is incomplete."))
            _reset_sequences(models.values(), using)
            _check_keys(models.values(), using)
            summary.tables = _verify_counts(manifest, models, using)
            _place_files(staging, media_root)
    return summary


def _wipe(models, using: str) -> None:
    """Delete every row of every restored table (keys are checked at commit)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in reversed(list(models)):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's own table name


def _load(model, lines: Iterator[bytes], using: str) -> None:
    """Insert the member's rows in batches, as stored (raw: no auto_now, no save())."""
    label = model._meta.label_lower
    fields = [f for f in model._meta.local_concrete_fields]
    manager = model._base_manager

    def records():
        for line in lines:
            if line.strip():
                record = json.loads(line)
                yield {"model": label, "pk": record["pk"], "fields": record["fields"]}

    batch = []
    size = max(1, min(CHUNK, connections[using].ops.bulk_batch_size(fields, [None] * CHUNK)))
    try:
        for item in serializers.deserialize("python", records(), using=using):
            batch.append(item.object)
            if len(batch) >= size:
                manager._insert(batch, fields=fields, using=using, raw=True)
                batch = []
        if batch:
            manager._insert(batch, fields=fields, using=using, raw=True)
    except (serializers.base.DeserializationError, ValidationError, ValueError) as error:
        raise BackupError(
            _("A row of %(table)s cannot be read: %(error)s") % {"table": label, "error": error}
        ) from error


def _stage(archive, member, path: Path, expected: str | None) -> None:
    if expected is None:
        raise BackupError(_("The backup holds a file its manifest does not list: %(name)s")
                          % {"name": member.name})  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with archive.extractfile(member) as handle, path.open("wb") as out:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != expected:
        raise BackupError(_("The backup is damaged (%(member)s).") % {"member": member.name})


def _reset_sequences(models, using: str) -> None:
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _check_keys(models, using: str) -> None:
    """Every reference points at a row (as loaddata checks), before the commit would."""
    try:
        connections[using].check_constraints(table_names=[m._meta.db_table for m in models])
    except IntegrityError as error:
        raise BackupError(
            _("The backup's rows do not agree with each other: %(error)s") % {"error": error}
        ) from error


def _verify_counts(manifest: dict, models: dict, using: str) -> dict[str, int]:
    counts = {}
    for label, model in models.items():
        counts[label] = model._base_manager.using(using).count()
        if counts[label] != manifest["tables"].get(label, 0):
            raise BackupError(
                _("After loading, %(table)s holds %(found)d rows where the backup has "
                  "%(expected)d; nothing was restored.")
                % {"table": label, "found": counts[label],
                   "expected": manifest["tables"].get(label, 0)}
            )  # fmt: skip
    return counts


def _place_files(staging: Path, media_root: Path) -> None:
    """Move the staged files into MEDIA_ROOT (same file system: each move is a rename)."""
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = media_root / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
