"""`manage.py backup` and `manage.py restore` (core/backup.py): a world with data in every app
and uploaded files comes back row for row and byte for byte after the database and the media
folder were emptied; restores that would lose or mix data are refused with nothing changed."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from binakinerja.core.backup import backup_models

pytestmark = pytest.mark.django_db
# Apps whose own tables the world fills (the issue-18 apps are filled by their own tests).
FILLED_APPS = {
    "accounts", "organizations", "people", "core", "performance", "satisfaction", "competencies",
    "trainings", "mentoring", "programs", "budgets", "monitoring",
}  # fmt: skip


def table_rows() -> dict[str, list[tuple]]:
    """Every row of every table the backup covers (all models of every installed app), each as
    the tuple of its stored columns, by primary key."""
    rows = {}
    for model in backup_models():
        columns = [f.attname for f in model._meta.local_concrete_fields]
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*columns))
    return rows


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _run(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _empty_media() -> None:
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    Path(settings.MEDIA_ROOT).mkdir(parents=True)


def test_a_backup_brings_back_every_row_and_every_file(tmp_path):
    from binakinerja.core.tests.worlds import build_every_app_world
    from binakinerja.organizations.services import orgunit_create

    _empty_media()
    w = build_every_app_world()
    default_storage.save("imports/2026/daftar asn ✓.csv", ContentFile(b"NIP;NAMA\n"))
    default_storage.save("bukti/kosong.bin", ContentFile(b""))
    before, files = table_rows(), media_files()
    filled = {label.split(".")[0] for label, rows in before.items() if rows}
    assert FILLED_APPS <= filled
    assert len(files) >= 4  # the budget's receipts and the two above

    archive = tmp_path / "cadangan.tar.gz"
    assert "berkas" in _run("backup", str(archive))
    connection.check_constraints()  # PostgreSQL: fire the deferred checks before TRUNCATE
    call_command("flush", interactive=False, verbosity=0)
    _empty_media()
    assert table_rows() != before and media_files() == {}

    assert "sesuai manifes" in _run("restore", str(archive))
    assert table_rows() == before
    assert media_files() == files
    # The sequences go on after the restored rows: a new unit takes a fresh key.
    unit = orgunit_create(actor=None, parent=None, name="Pemerintah Kabupaten Boalemo")
    assert unit.pk > w.kota_opd.pk


@pytest.fixture
def small(world, tmp_path):
    """The persona world with one uploaded file, backed up."""
    _empty_media()
    default_storage.save("imports/asn.csv", ContentFile(b"NIP;NAMA\n"))
    archive = tmp_path / "cadangan.tar.gz"
    _run("backup", str(archive))
    return world, archive


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of `archive` with `change(name, bytes) -> bytes` applied to each member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


def test_a_restore_over_data_is_refused_without_force_and_replaces_it_with(small, tmp_path):
    from binakinerja.organizations.services import orgunit_create

    w, archive = small
    before, files = table_rows(), media_files()
    orgunit_create(actor=None, parent=None, name="Pemerintah Kabupaten Pohuwato")
    changed = table_rows()
    with pytest.raises(CommandError, match="sudah berisi data"):
        _run("restore", str(archive))
    assert table_rows() == changed

    _run("restore", str(archive), "--force")
    assert table_rows() == before
    assert media_files() == files


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(small, tmp_path):
    w, archive = small
    w.asn.delete()  # the database differs from the backup, so a partial restore would show
    before = table_rows()

    def damage_rows(name, data):
        return data.replace(b"Siti", b"Sita") if name.startswith("data/") else data

    def other_migrations(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["people"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    def damage_file(name, data):
        return b"changed" if name.startswith("media/") else data

    cases = [
        (damage_rows, "rusak"),
        (other_migrations, "9999_from_the_future"),
        (damage_file, "rusak"),
    ]
    for change, message in cases:
        bad = _rewrite(archive, tmp_path / f"{change.__name__}.tar.gz", change)
        with pytest.raises(CommandError, match=message):
            _run("restore", str(bad), "--force")
        assert table_rows() == before
    not_a_backup = tmp_path / "bukan.tar.gz"
    not_a_backup.write_bytes(b"PK\x03\x04 not a tarball")
    with pytest.raises(CommandError, match="bukan cadangan"):
        _run("restore", str(not_a_backup), "--force")
    assert table_rows() == before
