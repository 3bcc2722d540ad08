"""Column names of SIASN "Export Data ASN" files (DOMAIN.md §4a) and how a header cell is read.

Columns are matched by name, never by position: `NIP BARU`, `nip_baru` and `Nip-Baru` are the
same column. Columns this import does not use (NIK, NOMOR HP, NPWP, BPJS, ALAMAT, …) are never
read, so that sensitive data is not even held in memory (UU PDP minimisation).
"""

from __future__ import annotations

import re

# The header of a SIASN export, in SIASN's order (67 columns, DOMAIN.md §4a). Files exported
# since mid-2024 may also carry `ESELON ID` and `ESELON NAMA`; local files may add `NIP ATASAN`.
SIASN_COLUMNS = [
    "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG",
    "TEMPAT LAHIR ID", "TEMPAT LAHIR NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "AGAMA ID",
    "AGAMA NAMA", "JENIS KAWIN ID", "JENIS KAWIN NAMA", "NIK", "NOMOR HP", "EMAIL", "EMAIL GOV",
    "ALAMAT", "NPWP NOMOR", "BPJS", "JENIS PEGAWAI ID", "JENIS PEGAWAI NAMA",
    "KEDUDUKAN HUKUM ID", "KEDUDUKAN HUKUM NAMA", "STATUS CPNS PNS", "KARTU ASN VIRTUAL",
    "NOMOR SK CPNS", "TANGGAL SK CPNS", "TMT CPNS", "NOMOR SK PNS", "TANGGAL SK PNS", "TMT PNS",
    "GOL AWAL ID", "GOL AWAL NAMA", "GOL AKHIR ID", "GOL AKHIR NAMA", "TMT GOLONGAN", "MK TAHUN",
    "MK BULAN", "JENIS JABATAN ID", "JENIS JABATAN NAMA", "JABATAN ID", "JABATAN NAMA",
    "TMT JABATAN", "TINGKAT PENDIDIKAN ID", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN ID",
    "PENDIDIKAN NAMA", "TAHUN LULUS", "KPKN ID", "KPKN NAMA", "LOKASI KERJA ID",
    "LOKASI KERJA NAMA", "UNOR ID", "UNOR NAMA", "INSTANSI INDUK ID", "INSTANSI INDUK NAMA",
    "INSTANSI KERJA ID", "INSTANSI KERJA NAMA", "SATUAN KERJA INDUK ID",
    "SATUAN KERJA INDUK NAMA", "SATUAN KERJA KERJA ID", "SATUAN KERJA KERJA NAMA",
    "IS VALID NIK", "NAMA SEKOLAH", "FLAG IKD",
]  # fmt: skip
OPTIONAL_EXTRA_COLUMNS = ["ESELON ID", "ESELON NAMA", "NIP ATASAN"]

# The columns the import reads. Everything else in a file is ignored.
NIP = "NIP BARU"
NAME = "NAMA"
USED_COLUMNS = [
    NIP, NAME, "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR NAMA", "TANGGAL LAHIR",
    "JENIS KELAMIN", "EMAIL", "EMAIL GOV", "KEDUDUKAN HUKUM ID", "KEDUDUKAN HUKUM NAMA",
    "TMT CPNS", "GOL AKHIR ID", "GOL AKHIR NAMA", "TMT GOLONGAN", "JENIS JABATAN ID",
    "JENIS JABATAN NAMA", "JABATAN NAMA", "TMT JABATAN", "ESELON ID", "ESELON NAMA",
    "TINGKAT PENDIDIKAN ID", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN NAMA", "UNOR ID",
    "UNOR NAMA", "INSTANSI KERJA ID", "INSTANSI KERJA NAMA", "NIP ATASAN",
]  # fmt: skip
REQUIRED_COLUMNS = [NIP, NAME]
UNIT_COLUMNS = ["UNOR ID", "UNOR NAMA"]  # at least one of them
# INSTANSI KERJA ID / NAMA name the unit's government: they settle a unit name that several
# governments share (checking.UnitDirectory).

# Names that local spreadsheets use for the same columns.
ALIASES = {
    "NIP": NIP,
    "NIP 18": NIP,
    "NIP 18 DIGIT": NIP,
    "NAMA PEGAWAI": NAME,
    "NAMA LENGKAP": NAME,
    "NIP ATASAN LANGSUNG": "NIP ATASAN",
    "TGL LAHIR": "TANGGAL LAHIR",
    "UNIT KERJA": "UNOR NAMA",
}

_NOISE = re.compile(r"[\s_\-.]+")


def column_key(header) -> str:
    """The canonical name of a header cell: upper case, words separated by one space, aliases
    resolved. `nip_baru`, ` NIP  BARU ` and `Nip-Baru` all give `NIP BARU`."""
    text = str(header if header is not None else "").replace("\ufeff", "").strip().strip('"')
    key = _NOISE.sub(" ", text).strip().upper()
    return ALIASES.get(key, key)


def header_score(cells) -> int:
    """How many used columns a candidate header row names; 0 unless it names the NIP column."""
    keys = {column_key(cell) for cell in cells}
    if NIP not in keys:
        return 0
    return len(keys & set(USED_COLUMNS))
