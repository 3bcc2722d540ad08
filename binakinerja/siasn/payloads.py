"""What we send to BKN's SIASN API: pure functions from a finished SKP result or a JP record to
the JSON body of `skp22/save`, `kursus/save` or `diklat/save`. Nothing here reads or writes the
database beyond the objects passed in (and their `select_related` relations).

Where the field names and codes come from (no official public specification exists; these are
the fields BKN's API gateway takes as open SIASN clients send them):

- `skp22/save` — the PHP SDK black-coffee04/ws-siasn-php (`examples/kinerja-periodik.php`,
  `src/Services/SkpService.php`), the Laravel package kanekescom/laravel-siasn-simpeg-api
  (`PostSkp22SaveCommand`: `hasilKinerjaNilai`, `kuadranKinerjaNilai`, `penilaiGolongan`,
  `penilaiJabatan`, `penilaiNama`, `penilaiNipNrp`, `penilaiUnorNama`, `perilakuKerjaNilai`,
  `pnsDinilaiOrang`, `statusPenilai`, `tahun`, optional `id` and `path`) and a Next.js SIASN
  helpdesk client (`postSkp2022`: ratings as integers, `statusPenilai: "ASN"`, `pnsDinilaiOrang`
  = the PNS id of `/pns/data-utama/{nip}`, `penilaiGolongan` = SIASN's golongan id).
- Ratings (`hasilKinerjaNilai`, `perilakuKerjaNilai`; SIASN reference "perilakuDanKinerja"):
  1 = di atas ekspektasi, 2 = sesuai ekspektasi, 3 = di bawah ekspektasi (the same client's
  form options "1 DIATAS / 2 SESUAI / 3 DIBAWAH EKSPETASI" and its `serializeKinerja`).
- Kuadran (`kuadranKinerjaNilai`; reference "kuadranNilai"): 1 Sangat Baik, 2 Baik, 3 Butuh
  Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang — the five predikat of PermenPANRB 6/2022 in
  their order. That client's `getKuadran` gives 1 for (1,1), 2 for (2,2) and for a 1/2 mix, 5
  for (3,3) and 3 for any other pair; we send the code of the predikat the atasan's ratings gave
  (stored on the assessment), which agrees on every pair except perilaku di bawah with hasil
  sesuai/di atas: 4 (Kurang/Misconduct) here, where that client sends 3. Check it against
  SIASN's `/referensi/kuadran-nilai` before going live (`KUADRAN` below is the one place).
- `kursus/save` and `diklat/save` — DOMAIN.md §8a and the SDK's `KursusService`/`DiklatService`
  (`pnsOrangId`, `instansiId`, `jenisKursus`, `jenisKursusSertipikat`, `lokasiId`; diklat:
  `latihanStrukturalId`, `nomor`, `tanggal`, `tanggalSelesai`, `tahun`, `bobot`,
  `jenisKompetensi`). The course fields themselves are `trainings.siasn.course_fields` — the
  same mapping as the SIASN training-history file export.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.utils.translation import gettext as _

from binakinerja.people.rules import PNS_GOLONGAN
from binakinerja.performance.documents.identity import PENILAI, identities
from binakinerja.performance.rules import Predikat, Rating
from binakinerja.trainings import rules as training_rules
from binakinerja.trainings.siasn import DATE_FORMAT, course_fields

SKP, KURSUS, DIKLAT = "skp", "kursus", "diklat"
ENDPOINTS = {SKP: "skp22/save", KURSUS: "kursus/save", DIKLAT: "diklat/save"}
# The key of SIASN's new record id in `mapData` of each endpoint's answer.
ID_KEYS = {SKP: "rwSkp22Id", KURSUS: "rwKursusId", DIKLAT: "rwDiklatId"}

RATING = {Rating.DI_ATAS: 1, Rating.SESUAI: 2, Rating.DI_BAWAH: 3}
KUADRAN = {
    Predikat.SANGAT_BAIK: 1, Predikat.BAIK: 2, Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.KURANG: 4, Predikat.SANGAT_KURANG: 5,
}  # fmt: skip
GOLONGAN_ID = {code: str(gol_id) for code, gol_id, _pangkat in PNS_GOLONGAN}
STRUCTURAL_JENIS_DIKLAT = 1  # jenisDiklatId 1 Struktural: sent to diklat/save instead

# latihanStrukturalId from the training's name: the old names (PIM) and the new ones of
# PerLAN 2019 (PKP/PKA/PKN). Unrecognised names are 8 (lainnya).
_PIM = r"\b(?:diklat\s*)?(?:pim|pkn)\W*(?:tingkat\W*)?"  # "Diklatpim Tingkat IV", "PKN II"
_NASIONAL = r"kepemimpinan nasional\W*(?:tingkat\W*)?"
_LATIHAN_PATTERNS = [
    (r"\bsespati\b", 7), (r"\bsespim\b", 6), (r"\bsepada\b", 1),
    (_PIM + r"(?:iv|4)\b|\bpkp\b|kepemimpinan pengawas", 2),
    (_PIM + r"(?:iii|3)\b|\bpka\b|kepemimpinan administrator", 3),
    (_PIM + r"(?:ii|2)\b|" + _NASIONAL + r"(?:ii|2)\b", 4),
    (_PIM + r"(?:i|1)\b|" + _NASIONAL + r"(?:i|1)\b", 5),
]  # fmt: skip


class PayloadError(ValueError):
    """The record lacks what SIASN needs; the message says what (in the user's language)."""


def kind_of_record(record) -> str:
    """`diklat` for a structural training (jenisDiklatId 1), `kursus` for every other form."""
    return DIKLAT if record.jenis_diklat_id == STRUCTURAL_JENIS_DIKLAT else KURSUS


def latihan_struktural_of(title: str) -> int:
    """SIASN's `latihanStrukturalId` (DOMAIN §8a: 1 SEPADA … 8 lainnya) from a structural
    training's name, e.g. "Pelatihan Kepemimpinan Pengawas (PKP) Angkatan II" → 2 (PIM IV)."""
    text = re.sub(r"\s+", " ", title).strip().casefold()
    for pattern, code in _LATIHAN_PATTERNS:
        if re.search(pattern, text):
            return code
    return 8


def _golongan_id(pangkat_text: str) -> str:
    """SIASN's golongan id ("34") of "III/d – Penata Tingkat I" (the identity block's text) or
    "III/d"; PPPK golongan (no SIASN PNS id) are sent as written."""
    code = (pangkat_text or "").split("–")[0].strip()
    return GOLONGAN_ID.get(code, code)


def skp22_payload(assessment, *, pns_id: str = "", siasn_id: str | None = None) -> dict:
    """`skp22/save` of an annual SKP assessment. The penilai is who was the pejabat penilai
    when the assessment was made (its identity snapshot; the registry for older ones).
    `pns_id`: SIASN's id of the assessed PNS; `siasn_id`: SIASN's record to replace."""
    skp = assessment.skp
    penilai = identities(skp, assessment).get(PENILAI)
    if not penilai:
        raise PayloadError(_("The SKP has no pejabat penilai to report to SIASN."))
    return {
        "id": siasn_id,
        "tahun": skp.year,
        "hasilKinerjaNilai": RATING[assessment.hasil_kerja],
        "perilakuKerjaNilai": RATING[assessment.perilaku_kerja],
        "kuadranKinerjaNilai": KUADRAN[assessment.predikat],
        "penilaiNipNrp": penilai["nip"].replace(" ", ""),
        "penilaiNama": penilai["nama"],
        "penilaiGolongan": _golongan_id(penilai["pangkat"]),
        "penilaiJabatan": penilai["jabatan"],
        "penilaiUnorNama": penilai["unit_kerja"],
        "statusPenilai": "ASN",
        "pnsDinilaiOrang": pns_id,
    }


def kursus_payload(record, *, pns_id: str = "", instansi_id: str = "",
                   siasn_id: str | None = None) -> dict:  # fmt: skip
    """`kursus/save` of a JP record (every form but structural diklat)."""
    fields = course_fields(record)
    form = training_rules.JENIS_DIKLAT.get(record.jenis_diklat_id)
    return {
        "id": siasn_id,
        "instansiId": instansi_id,
        "institusiPenyelenggara": fields["institusiPenyelenggara"],
        "jenisDiklatId": str(fields["jenisDiklatId"]),
        "jenisKursus": "",
        "jenisKursusSertipikat": form.name if form else "",
        "jumlahJam": fields["jumlahJam"],
        "lokasiId": None,
        "namaKursus": fields["namaKursus"],
        "nomorSertipikat": fields["nomorSertipikat"],
        "pnsOrangId": pns_id,
        "tahunKursus": fields["tahunKursus"],
        "tanggalKursus": fields["tanggalKursus"],
        "tanggalSelesaiKursus": fields["tanggalSelesaiKursus"],
    }


def diklat_payload(record, *, pns_id: str = "", siasn_id: str | None = None) -> dict:
    """`diklat/save` of a structural training's JP record (jenisDiklatId 1)."""
    fields = course_fields(record)
    return {
        "id": siasn_id,
        "bobot": 0,
        "institusiPenyelenggara": fields["institusiPenyelenggara"],
        "jenisKompetensi": "",
        "jumlahJam": fields["jumlahJam"],
        "latihanStrukturalId": str(latihan_struktural_of(record.title)),
        "nomor": fields["nomorSertipikat"],
        "pnsOrangId": pns_id,
        "tahun": record.end.year,
        "tanggal": record.start.strftime(DATE_FORMAT),
        "tanggalSelesai": record.end.strftime(DATE_FORMAT),
    }


def payload_for(kind: str, obj, *, pns_id: str = "", instansi_id: str = "",
                siasn_id: str | None = None) -> dict:  # fmt: skip
    if kind == SKP:
        return skp22_payload(obj, pns_id=pns_id, siasn_id=siasn_id)
    if kind == DIKLAT:
        return diklat_payload(obj, pns_id=pns_id, siasn_id=siasn_id)
    return kursus_payload(obj, pns_id=pns_id, instansi_id=instansi_id, siasn_id=siasn_id)


# What identifies the person and SIASN's record is left out of the fingerprint: a record is
# "changed since sent" only when its own content changed.
_NOT_CONTENT = {"id", "pnsDinilaiOrang", "pnsOrangId", "instansiId"}


def fingerprint(payload: dict) -> str:
    """SHA-256 of the payload's content (sorted JSON), to tell whether a sent record changed."""
    content = {k: v for k, v in payload.items() if k not in _NOT_CONTENT}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
