"""Who was who on a document: the identity blocks of the pegawai yang dinilai, the pejabat
penilai kinerja and (on the annual evaluation) the atasan pejabat penilai kinerja.

An evaluation must show the facts of its period, not today's: `assessment_snapshot` is stored
on the assessment when the atasan assesses (`SkpAssessment.snapshot`), so a re-printed
evaluation of last year still names last year's penilai, jabatan, pangkat and unit after a
transfer or promotion. Documents read `identities(skp, assessment)`: the snapshot when there is
one, the registry as it is today otherwise (the SKP plan, assessments made before snapshots).
"""

from __future__ import annotations

PEGAWAI, PENILAI, ATASAN_PENILAI = "pegawai", "penilai", "atasan_penilai"
FIELDS = [("nama", "Nama"), ("nip", "NIP"), ("pangkat", "Pangkat/Gol. Ruang"),
          ("jabatan", "Jabatan"), ("unit_kerja", "Unit Kerja")]  # fmt: skip


def place_of(kab_kota: str) -> str:
    """ "Kota Gorontalo" → "Gorontalo": the place a letter is dated at."""
    for prefix in ("Kabupaten ", "Kota "):
        if kab_kota.startswith(prefix):
            return kab_kota[len(prefix) :]
    return kab_kota


def person_identity(employee) -> dict | None:
    """The five lines of an identity block, as text, for `employee` as the registry has them
    now (None: nobody)."""
    if employee is None:
        return None
    return {
        "nama": employee.full_name,
        "nip": employee.nip_grouped,
        "pangkat": employee.get_golongan_display() or "",
        "jabatan": employee.position.name if employee.position_id else "",
        "unit_kerja": employee.unit.name,
    }


def assessment_snapshot(skp) -> dict:
    """The identities to keep with an assessment: the ASN, the pejabat penilai (the SKP's
    atasan) and the penilai's own atasan, plus the government's name."""
    from binakinerja.organizations.models import OrgUnit

    atasan, unit = skp.atasan, skp.employee.unit
    instansi = OrgUnit.objects.filter(path=unit.instansi_path).first()
    position = skp.employee.position if skp.employee.position_id else None
    return {
        PEGAWAI: person_identity(skp.employee),
        PENILAI: person_identity(atasan),
        ATASAN_PENILAI: person_identity(atasan.supervisor if atasan else None),
        "instansi": instansi.name if instansi else "",
        # The evaluation's organisation, place of signing and form variant, as they were.
        "opd_path": unit.opd_path or "",
        "tempat": place_of(unit.kab_kota or (instansi.kab_kota if instansi else "")),
        "jpt": bool(position and position.kind.startswith("jpt")),
    }


def identities(skp, assessment=None) -> dict:
    """The snapshot of `assessment` when it has one, else the registry as it is now."""
    if assessment is not None and assessment.snapshot:
        return assessment.snapshot
    return assessment_snapshot(skp)
