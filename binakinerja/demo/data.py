"""Reference data for the demo data set: Gorontalo's governments, their agencies (OPD), places,
names, degrees and jabatan. Plain tables, no logic beyond small constructors; `builders.py`
turns them into a registry.

Sources: DOMAIN.md §2–§4; kecamatan lists as published by the regencies (2024); agency and unit
names follow the usual SOTK of Indonesian regional governments after the 2021 simplification
(many seksi became functional groups). Names of people are synthetic combinations of given names
and family names common in Gorontalo; any likeness to a real person is coincidence.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Kinds used in the tables (values of organizations.OrgUnit.UnitType / people.PositionKind) ---

SEKRETARIAT, DINAS, BADAN, INSPEKTORAT = "sekretariat", "dinas", "badan", "inspektorat"
RSUD, BIDANG, BAGIAN, SEKSI, UPT = "rsud", "bidang", "bagian", "seksi", "upt"
PUSKESMAS, SEKOLAH, KECAMATAN, LAINNYA = "puskesmas", "sekolah", "kecamatan", "lainnya"

JPT_MADYA, JPT_PRATAMA, ADMINISTRATOR, PENGAWAS = (
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
)
FUNGSIONAL, PELAKSANA = "fungsional", "pelaksana"  # fungsional: keahlian/keterampilan by degree


# --- Governments (DOMAIN.md §2) -------------------------------------------------------------


@dataclass(frozen=True)
class Government:
    key: str
    name: str
    short_name: str
    kab_kota: str  # the regency/city; for the province its seat
    weight: float  # share of the province's ASN (2025: province ≈ 6,350 of ≈ 31,900)
    school_label: str  # how provincial schools in this regency are named: "SMA Negeri 1 <label>"
    mail_slug: str
    rsud: str = ""
    rsud_short: str = ""
    kecamatan: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # birth places typical for the region

    @property
    def is_province(self) -> bool:
        return self.key == "prov"


KEC_KOTA = (
    "Kota Barat", "Dungingi", "Kota Selatan", "Kota Utara", "Kota Timur", "Kota Tengah",
    "Sipatana", "Dumbo Raya", "Hulonthalangi",
)  # fmt: skip
KEC_KABGOR = (
    "Limboto", "Limboto Barat", "Telaga", "Telaga Biru", "Telaga Jaya", "Tilango", "Batudaa",
    "Batudaa Pantai", "Bongomeme", "Dungaliyo", "Tibawa", "Pulubala", "Boliyohuto",
    "Mootilango", "Tabongo", "Asparaga", "Bilato", "Biluhu", "Tolangohula",
)  # fmt: skip
KEC_BOALEMO = (
    "Tilamuta", "Paguyaman", "Paguyaman Pantai", "Mananggu", "Wonosari", "Dulupi", "Botumoito",
)  # fmt: skip
KEC_POHUWATO = (
    "Marisa", "Paguat", "Popayato", "Popayato Barat", "Popayato Timur", "Lemito", "Randangan",
    "Taluditi", "Buntulia", "Duhiadaa", "Patilanggio", "Dengilo", "Wanggarasi",
)  # fmt: skip
KEC_BONEBOL = (
    "Suwawa", "Kabila", "Tapa", "Suwawa Selatan", "Suwawa Timur", "Suwawa Tengah",
    "Kabila Bone", "Tilongkabila", "Botupingge", "Bulango Utara", "Bulango Selatan",
    "Bulango Timur", "Bulango Ulu", "Bone Pantai", "Bone Raya", "Bone", "Bulawa", "Pinogu",
)  # fmt: skip
KEC_GORUT = (
    "Kwandang", "Anggrek", "Atinggola", "Gentuma Raya", "Sumalata", "Sumalata Timur",
    "Tolinggula", "Tomilito", "Ponelo Kepulauan", "Monano", "Biau",
)  # fmt: skip

GOVERNMENTS = (
    Government(
        "prov", "Pemerintah Provinsi Gorontalo", "Pemprov Gorontalo", "Kota Gorontalo", 0.20,
        "", "gorontaloprov", "RS dr. Hasri Ainun Habibie", "RS Ainun Habibie",
        places=("Gorontalo", "Limboto", "Telaga", "Kabila", "Suwawa", "Marisa", "Tilamuta",
                "Kwandang", "Tapa", "Paguyaman"),
    ),
    Government(
        "kota", "Pemerintah Kota Gorontalo", "Pemkot Gorontalo", "Kota Gorontalo", 0.14,
        "Gorontalo", "gorontalokota", "RSUD Prof. Dr. H. Aloei Saboe", "RSUD Aloei Saboe",
        KEC_KOTA, ("Gorontalo", "Gorontalo", "Gorontalo", "Limboto", "Kabila"),
    ),
    Government(
        "kabgor", "Pemerintah Kabupaten Gorontalo", "Pemkab Gorontalo", "Kabupaten Gorontalo",
        0.235, "Kabupaten Gorontalo", "gorontalokab", "RSUD dr. M.M. Dunda Limboto",
        "RSUD M.M. Dunda", KEC_KABGOR,
        ("Limboto", "Limboto", "Telaga", "Tibawa", "Batudaa", "Pulubala", "Gorontalo"),
    ),
    Government(
        "boalemo", "Pemerintah Kabupaten Boalemo", "Pemkab Boalemo", "Kabupaten Boalemo", 0.10,
        "Boalemo", "boalemokab", "RSUD Tani dan Nelayan", "RSUD Tani dan Nelayan", KEC_BOALEMO,
        ("Tilamuta", "Tilamuta", "Paguyaman", "Wonosari", "Mananggu", "Gorontalo"),
    ),
    Government(
        "pohuwato", "Pemerintah Kabupaten Pohuwato", "Pemkab Pohuwato", "Kabupaten Pohuwato",
        0.11, "Pohuwato", "pohuwatokab", "RSUD Bumi Panua", "RSUD Bumi Panua", KEC_POHUWATO,
        ("Marisa", "Marisa", "Paguat", "Popayato", "Randangan", "Gorontalo"),
    ),
    Government(
        "bonebol", "Pemerintah Kabupaten Bone Bolango", "Pemkab Bone Bolango",
        "Kabupaten Bone Bolango", 0.135, "Bone Bolango", "bonebolangokab", "RSUD Toto Kabila",
        "RSUD Toto Kabila", KEC_BONEBOL,
        ("Suwawa", "Kabila", "Kabila", "Tapa", "Bone Pantai", "Gorontalo"),
    ),
    Government(
        "gorut", "Pemerintah Kabupaten Gorontalo Utara", "Pemkab Gorontalo Utara",
        "Kabupaten Gorontalo Utara", 0.08, "Gorontalo Utara", "gorontaloutarakab",
        "RSUD dr. Zainal Umar Sidiki", "RSUD Zainal Umar Sidiki", KEC_GORUT,
        ("Kwandang", "Kwandang", "Atinggola", "Sumalata", "Tolinggula", "Gorontalo"),
    ),
)  # fmt: skip

OUTSIDE_PLACES = (
    "Manado", "Makassar", "Palu", "Kotamobagu", "Ternate", "Bolaang Mongondow", "Poso",
    "Surabaya", "Yogyakarta", "Luwuk", "Ambon", "Jakarta",
)  # fmt: skip

# Kelurahan of Kota Gorontalo, a few per kecamatan (service units below the kecamatan office).
KELURAHAN_KOTA = {
    "Kota Barat": ("Buliide", "Dembe I", "Lekobalo", "Pilolodaa", "Tenilo"),
    "Dungingi": ("Huangobotu", "Libuo", "Tomulabutao", "Tuladenggi"),
    "Kota Selatan": ("Biawao", "Biawu", "Limba B", "Limba U Satu"),
    "Kota Utara": ("Dulomo", "Wongkaditi", "Dembe Jaya", "Dembe II"),
    "Kota Timur": ("Heledulaa", "Ipilo", "Moodu", "Padebuolo", "Tamalate"),
    "Kota Tengah": ("Dulalowo", "Liluwo", "Paguyaman", "Wumialo"),
    "Sipatana": ("Bulotadaa", "Molosipat U", "Tanggikiki", "Tapa"),
    "Dumbo Raya": ("Bugis", "Botu", "Leato Selatan", "Talumolo"),
    "Hulonthalangi": ("Donggala", "Siendeng", "Tenda", "Pohe"),
}

# RSUD installations: (name, staff profile, head tracks key).
RSUD_INSTALASI = (
    ("Instalasi Gawat Darurat", "rsud", "instalasi"),
    ("Instalasi Rawat Inap", "rsud", "instalasi"),
    ("Instalasi Rawat Jalan", "rsud", "instalasi"),
    ("Instalasi Bedah Sentral", "rsud", "instalasi"),
    ("Instalasi Perawatan Intensif", "rsud", "instalasi"),
    ("Instalasi Farmasi", "rsud_farmasi", "instalasi_farmasi"),
    ("Instalasi Laboratorium", "rsud_lab", "instalasi_lab"),
    ("Instalasi Radiologi", "rsud_radiologi", "instalasi_radiologi"),
    ("Instalasi Gizi", "rsud_gizi", "instalasi_gizi"),
    ("Instalasi Rekam Medis", "rsud_rekam_medis", "instalasi_rekam_medis"),
)


# --- Agencies (OPD) and their inner units -------------------------------------------------


@dataclass(frozen=True)
class Office:
    """A unit inside an OPD that is not a service outlet: sekretariat, bidang, biro, seksi."""

    name: str
    unit_type: str
    head: str  # title of the head's position
    head_kind: str
    children: tuple[Office, ...] = ()


def seksi(name: str) -> Office:
    return Office(name, SEKSI, f"Kepala {name}", PENGAWAS)


def bidang(name: str, *seksi_names: str, head: str = "", unit_type: str = BIDANG) -> Office:
    return Office(
        name, unit_type, head or f"Kepala {name}", ADMINISTRATOR,
        tuple(seksi(s) for s in seksi_names),
    )  # fmt: skip


def bagian(name: str, *seksi_names: str) -> Office:
    return bidang(name, *seksi_names, unit_type=BAGIAN)


SUBBAG = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset",
          "Subbagian Perencanaan dan Pelaporan")  # fmt: skip


def sekretariat(opd_name: str, head: str) -> Office:
    return Office(
        f"Sekretariat {opd_name}", SEKRETARIAT, head, ADMINISTRATOR, tuple(seksi(s) for s in SUBBAG)
    )


@dataclass(frozen=True)
class Service:
    """A kind of service outlet an OPD runs (puskesmas, school, counter)."""

    key: str  # generator in builders.py
    unit_type: str
    head: str
    head_kind: str
    profile: str  # staff profile key
    size: float  # typical headcount of one outlet
    share: float = 1.0  # share of the OPD's outlet headcount


@dataclass(frozen=True)
class Opd:
    name: str
    short_name: str
    unit_type: str
    head: str
    weight: float  # share of the government's ASN
    profile: str  # staff profile of the offices (see PROFILES)
    fields: tuple[str, ...] = ("adm",)  # degree fields of its managers (see FIELDS)
    offices: tuple[Office, ...] = ()
    services: tuple[Service, ...] = ()
    service_share: float = 0.0  # share of the headcount working in outlets
    head_kind: str = JPT_PRATAMA
    is_service_unit: bool = False
    core: bool = False  # always present, even in a small data set
    min_size: int = 1
    key: str = ""


SD = Service("sd", SEKOLAH, "Kepala Sekolah", FUNGSIONAL, "guru_sd", 8, 0.72)
SMP = Service("smp", SEKOLAH, "Kepala Sekolah", FUNGSIONAL, "guru", 22, 0.28)
SMA = Service("sma", SEKOLAH, "Kepala Sekolah", FUNGSIONAL, "guru", 38, 0.58)
SMK = Service("smk", SEKOLAH, "Kepala Sekolah", FUNGSIONAL, "guru_smk", 36, 0.35)
SLB = Service("slb", SEKOLAH, "Kepala Sekolah", FUNGSIONAL, "guru_slb", 14, 0.07)
PKM = Service("puskesmas", PUSKESMAS, "Kepala Puskesmas", PENGAWAS, "puskesmas", 36)
LABKES = Service("labkes", UPT, "Kepala UPTD", PENGAWAS, "labkes", 22)
INSTALASI = Service("instalasi", LAINNYA, "Kepala Instalasi", FUNGSIONAL, "rsud", 30)
LOKET = Service("loket", UPT, "Koordinator Pelayanan", PENGAWAS, "loket", 4)
SAMSAT = Service("samsat", UPT, "Kepala UPTD", PENGAWAS, "keuangan", 9)
PANTI = Service("panti", UPT, "Kepala UPTD", PENGAWAS, "panti", 16)
KELURAHAN = Service("kelurahan", LAINNYA, "Lurah", PENGAWAS, "office", 5)

DIKES_BIDANG = (
    bidang("Bidang Kesehatan Masyarakat", "Seksi Kesehatan Keluarga dan Gizi",
           "Seksi Promosi dan Pemberdayaan Masyarakat", "Seksi Kesehatan Lingkungan"),
    bidang("Bidang Pencegahan dan Pengendalian Penyakit", "Seksi Surveilans dan Imunisasi",
           "Seksi Pencegahan dan Pengendalian Penyakit Menular",
           "Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular"),
    bidang("Bidang Pelayanan Kesehatan", "Seksi Pelayanan Kesehatan Primer",
           "Seksi Pelayanan Kesehatan Rujukan", "Seksi Mutu dan Akreditasi"),
    bidang("Bidang Sumber Daya Kesehatan", "Seksi Kefarmasian dan Alat Kesehatan",
           "Seksi Sumber Daya Manusia Kesehatan"),
)  # fmt: skip

BKD_BIDANG = (
    bidang("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
    bidang("Bidang Mutasi dan Promosi"),
    bidang("Bidang Pengembangan Kompetensi Aparatur"),
    bidang("Bidang Penilaian Kinerja Aparatur dan Penghargaan"),
)


def _opd(name, short, unit_type, weight, profile, *offices, head="", **kw) -> Opd:
    """An OPD with its sekretariat first (the head of a dinas is 'Kepala Dinas …')."""
    if not head:
        head = f"Kepala {name}"
    sek_head = {
        DINAS: "Sekretaris Dinas", BADAN: "Sekretaris Badan", INSPEKTORAT: "Sekretaris Inspektorat"
    }.get(unit_type, "Sekretaris")  # fmt: skip
    return Opd(
        name, short, unit_type, head, weight, profile,
        offices=(sekretariat(name, sek_head), *offices), **kw,
    )  # fmt: skip


def setda_province() -> Opd:
    def biro(name, *bagian_names):
        return Office(name, BAGIAN, f"Kepala {name}", JPT_PRATAMA,
                      tuple(bagian(b) for b in bagian_names))  # fmt: skip

    asisten = (
        Office("Asisten Pemerintahan dan Kesejahteraan Rakyat", LAINNYA,
               "Asisten Pemerintahan dan Kesejahteraan Rakyat", JPT_PRATAMA, (
                   biro("Biro Pemerintahan dan Otonomi Daerah", "Bagian Pemerintahan",
                        "Bagian Otonomi Daerah dan Kerja Sama"),
                   biro("Biro Kesejahteraan Rakyat", "Bagian Bina Mental Spiritual",
                        "Bagian Kesejahteraan Sosial"),
                   biro("Biro Hukum", "Bagian Perundang-undangan", "Bagian Bantuan Hukum"),
               )),
        Office("Asisten Perekonomian dan Pembangunan", LAINNYA,
               "Asisten Perekonomian dan Pembangunan", JPT_PRATAMA, (
                   biro("Biro Perekonomian", "Bagian Perekonomian", "Bagian Sumber Daya Alam"),
                   biro("Biro Administrasi Pembangunan", "Bagian Pengendalian Pembangunan"),
                   biro("Biro Pengadaan Barang dan Jasa", "Bagian Pengelolaan Pengadaan"),
               )),
        Office("Asisten Administrasi Umum", LAINNYA, "Asisten Administrasi Umum", JPT_PRATAMA, (
            biro("Biro Umum", "Bagian Tata Usaha", "Bagian Rumah Tangga"),
            biro("Biro Organisasi", "Bagian Kelembagaan dan Analisis Jabatan",
                 "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja"),
            biro("Biro Administrasi Pimpinan", "Bagian Protokol", "Bagian Komunikasi Pimpinan"),
        )),
    )  # fmt: skip
    return Opd(
        "Sekretariat Daerah", "Setda", SEKRETARIAT, "Sekretaris Daerah", 0.035, "setda",
        fields=("adm", "law"), offices=asisten, head_kind=JPT_MADYA, core=True, min_size=3,
        key="setda",
    )  # fmt: skip


def setda_regency() -> Opd:
    asisten = (
        Office("Asisten Pemerintahan dan Kesejahteraan Rakyat", LAINNYA,
               "Asisten Pemerintahan dan Kesejahteraan Rakyat", JPT_PRATAMA, (
                   bagian("Bagian Pemerintahan"), bagian("Bagian Kesejahteraan Rakyat"),
                   bagian("Bagian Hukum"),
               )),
        Office("Asisten Perekonomian dan Pembangunan", LAINNYA,
               "Asisten Perekonomian dan Pembangunan", JPT_PRATAMA, (
                   bagian("Bagian Perekonomian dan Sumber Daya Alam"),
                   bagian("Bagian Administrasi Pembangunan"),
                   bagian("Bagian Pengadaan Barang dan Jasa"),
               )),
        Office("Asisten Administrasi Umum", LAINNYA, "Asisten Administrasi Umum", JPT_PRATAMA, (
            bagian("Bagian Umum", "Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"),
            bagian("Bagian Organisasi"),
            bagian("Bagian Protokol dan Komunikasi Pimpinan"),
        )),
    )  # fmt: skip
    return Opd(
        "Sekretariat Daerah", "Setda", SEKRETARIAT, "Sekretaris Daerah", 0.03, "setda",
        fields=("adm", "law"), offices=asisten, core=True, min_size=3, key="setda",
    )  # fmt: skip


def opds_for(gov: Government) -> list[Opd]:
    """The agencies of one government, the Sekretariat Daerah first, core agencies before the
    rest (a small data set keeps the core ones)."""
    prov = gov.is_province
    setda = setda_province() if prov else setda_regency()
    setwan = Opd(
        "Sekretariat DPRD", "Setwan", SEKRETARIAT, "Sekretaris DPRD", 0.012, "setda",
        offices=(bagian("Bagian Umum dan Keuangan"),
                 bagian("Bagian Persidangan dan Perundang-undangan"),
                 bagian("Bagian Fasilitasi Penganggaran dan Pengawasan")),
    )  # fmt: skip
    inspektorat = _opd(
        "Inspektorat", "Inspektorat", INSPEKTORAT, 0.012, "inspektorat",
        *(bidang(f"Inspektorat Pembantu Wilayah {n}", head=f"Inspektur Pembantu Wilayah {n}")
          for n in ("I", "II", "III", "IV")),
        head="Inspektur", fields=("eco", "law", "adm"), core=True,
    )  # fmt: skip
    bappeda = _opd(
        "Badan Perencanaan Pembangunan Daerah", "Bappeda", BADAN, 0.013, "bappeda",
        bidang("Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah"),
        bidang("Bidang Perekonomian dan Sumber Daya Alam"),
        bidang("Bidang Pemerintahan dan Pembangunan Manusia"),
        bidang("Bidang Infrastruktur dan Kewilayahan"),
        bidang("Bidang Penelitian dan Pengembangan"),
        fields=("plan", "eco"), core=True,
    )  # fmt: skip
    if prov:
        kepegawaian = _opd(
            "Badan Kepegawaian Daerah", "BKD", BADAN, 0.012, "bkd", *BKD_BIDANG,
            core=True, min_size=3, key="bkd",
        )  # fmt: skip
    else:
        kepegawaian = _opd(
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", BADAN, 0.01,
            "bkd", *BKD_BIDANG, core=True, min_size=2, key="bkd",
        )  # fmt: skip
    bpsdm = _opd(
        "Badan Pengembangan Sumber Daya Manusia", "BPSDM", BADAN, 0.012, "bpsdm",
        bidang("Bidang Pengembangan Kompetensi Manajerial dan Fungsional"),
        bidang("Bidang Pengembangan Kompetensi Teknis"),
        bidang("Bidang Sertifikasi Kompetensi dan Pengelolaan Kelembagaan"),
        core=True, min_size=3, key="bpsdm",
    )  # fmt: skip
    if prov:
        dikbud = _opd(
            "Dinas Pendidikan dan Kebudayaan", "Dikbud", DINAS, 0.50, "dikbud",
            bidang("Bidang Pembinaan Sekolah Menengah Atas", "Seksi Kurikulum dan Penilaian SMA",
                   "Seksi Peserta Didik dan Pembangunan Karakter SMA"),
            bidang("Bidang Pembinaan Sekolah Menengah Kejuruan",
                   "Seksi Kurikulum dan Penilaian SMK", "Seksi Kelembagaan dan Sarana SMK"),
            bidang("Bidang Pembinaan Pendidikan Khusus"),
            bidang("Bidang Guru dan Tenaga Kependidikan"),
            bidang("Bidang Kebudayaan", "Seksi Cagar Budaya dan Permuseuman",
                   "Seksi Kesenian dan Tradisi"),
            fields=("pend",), services=(SMA, SMK, SLB), service_share=0.95, core=True,
            min_size=12, key="dikbud",
        )  # fmt: skip
        dinkes = _opd(
            "Dinas Kesehatan", "Dinkes", DINAS, 0.03, "dinkes", *DIKES_BIDANG,
            fields=("kesmas", "doctor"), services=(LABKES,), service_share=0.15, core=True,
            min_size=12, key="dinkes",
        )  # fmt: skip
    else:
        dikbud = _opd(
            "Dinas Pendidikan dan Kebudayaan", "Dikbud", DINAS, 0.47, "dikbud",
            bidang("Bidang Pembinaan Sekolah Dasar", "Seksi Kurikulum dan Penilaian SD",
                   "Seksi Sarana dan Prasarana SD"),
            bidang("Bidang Pembinaan Sekolah Menengah Pertama",
                   "Seksi Kurikulum dan Penilaian SMP", "Seksi Sarana dan Prasarana SMP"),
            bidang("Bidang Pembinaan PAUD dan Pendidikan Nonformal"),
            bidang("Bidang Guru dan Tenaga Kependidikan"),
            bidang("Bidang Kebudayaan"),
            fields=("pend",), services=(SD, SMP), service_share=0.96, core=True, min_size=8,
            key="dikbud",
        )  # fmt: skip
        dinkes = _opd(
            "Dinas Kesehatan", "Dinkes", DINAS, 0.15, "dinkes", *DIKES_BIDANG,
            fields=("kesmas", "doctor"), services=(PKM,), service_share=0.85, core=True,
            min_size=6, key="dinkes",
        )  # fmt: skip
    rsud = Opd(
        gov.rsud, gov.rsud_short, RSUD, "Direktur", 0.09 if prov else 0.07, "rsud_office",
        fields=("doctor", "kesmas"),
        offices=(
            bagian("Bagian Umum dan Keuangan", "Subbagian Umum dan Kepegawaian",
                   "Subbagian Keuangan"),
            bidang("Bidang Pelayanan Medik"), bidang("Bidang Keperawatan"),
            bidang("Bidang Penunjang Medik dan Nonmedik"),
        ),
        services=(INSTALASI,), service_share=0.8, is_service_unit=True, core=True, min_size=3,
        key="rsud",
    )  # fmt: skip
    dukcapil = _opd(
        "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", DINAS, 0.012, "dukcapil",
        bidang("Bidang Pelayanan Pendaftaran Penduduk", "Seksi Identitas Penduduk",
               "Seksi Pindah Datang dan Pendataan Penduduk"),
        bidang("Bidang Pelayanan Pencatatan Sipil", "Seksi Kelahiran dan Kematian",
               "Seksi Perkawinan, Perceraian dan Perubahan Status Anak"),
        bidang("Bidang Pengelolaan Informasi Administrasi Kependudukan"),
        bidang("Bidang Pemanfaatan Data dan Inovasi Pelayanan"),
        fields=("adm", "it"), services=(LOKET,), service_share=0.3, is_service_unit=True,
        core=True, min_size=2, key="dukcapil",
    )  # fmt: skip
    dinsos = _opd(
        "Dinas Sosial", "Dinsos", DINAS, 0.018 if prov else 0.008, "dinsos",
        bidang("Bidang Perlindungan dan Jaminan Sosial"),
        bidang("Bidang Rehabilitasi Sosial", "Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
               "Seksi Rehabilitasi Sosial Penyandang Disabilitas"),
        bidang("Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin"),
        fields=("social", "adm"), services=(PANTI,) if prov else (),
        service_share=0.35 if prov else 0.0,
    )  # fmt: skip
    pupr = _opd(
        "Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", DINAS, 0.03 if prov else 0.02, "pupr",
        bidang("Bidang Bina Marga", "Seksi Pembangunan Jalan dan Jembatan",
               "Seksi Preservasi Jalan dan Jembatan"),
        bidang("Bidang Sumber Daya Air", "Seksi Irigasi dan Rawa", "Seksi Sungai dan Pantai"),
        bidang("Bidang Cipta Karya"), bidang("Bidang Penataan Ruang"),
        bidang("Bidang Bina Konstruksi"),
        fields=("civil",),
    )  # fmt: skip
    keuangan = _opd(
        "Badan Keuangan dan Aset Daerah" if prov
        else "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BKAD" if prov else "BPKAD", BADAN, 0.015 if prov else 0.012, "keuangan",
        bidang("Bidang Anggaran"), bidang("Bidang Perbendaharaan"),
        bidang("Bidang Akuntansi dan Pelaporan"), bidang("Bidang Pengelolaan Barang Milik Daerah"),
        fields=("eco",),
    )  # fmt: skip
    samsat = (SAMSAT,) if prov else ()
    pendapatan = _opd(
        "Badan Pendapatan Daerah", "Bapenda", BADAN, 0.03 if prov else 0.01, "keuangan",
        bidang("Bidang Pajak Daerah"), bidang("Bidang Retribusi dan Pendapatan Lain"),
        bidang("Bidang Pengendalian dan Evaluasi Pendapatan"),
        fields=("eco",), services=samsat, service_share=0.5 if prov else 0.0,
    )  # fmt: skip
    city = gov.key == "kota"
    naker_name, naker_extra = {
        "prov": (
            "Dinas Tenaga Kerja, Energi dan Sumber Daya Mineral",
            (bidang("Bidang Energi dan Sumber Daya Mineral"),),
        ),
        "kota": ("Dinas Tenaga Kerja", ()),
    }.get(gov.key, ("Dinas Tenaga Kerja dan Transmigrasi", (bidang("Bidang Transmigrasi"),)))
    rest = [
        _opd("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", BADAN, 0.006, "office",
             bidang("Bidang Ideologi dan Wawasan Kebangsaan"),
             bidang("Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"),
             bidang("Bidang Kewaspadaan Nasional dan Penanganan Konflik")),
        _opd("Badan Penanggulangan Bencana Daerah", "BPBD", BADAN, 0.008, "office",
             bidang("Bidang Pencegahan dan Kesiapsiagaan"),
             bidang("Bidang Kedaruratan dan Logistik"),
             bidang("Bidang Rehabilitasi dan Rekonstruksi"),
             head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah"),
        _opd("Satuan Polisi Pamong Praja", "Satpol PP", LAINNYA, 0.02 if prov else 0.015,
             "satpol", bidang("Bidang Penegakan Peraturan Daerah"),
             bidang("Bidang Ketertiban Umum dan Ketenteraman Masyarakat"),
             bidang("Bidang Perlindungan Masyarakat"),
             head="Kepala Satuan Polisi Pamong Praja", fields=("law", "adm")),
        _opd("Dinas Lingkungan Hidup dan Kehutanan" if prov else "Dinas Lingkungan Hidup",
             "DLHK" if prov else "DLH", DINAS, 0.035 if prov else 0.015, "dlh",
             bidang("Bidang Tata Lingkungan"),
             bidang("Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan"),
             bidang("Bidang Pengelolaan Hutan" if prov else "Bidang Pengelolaan Sampah"),
             fields=("forest", "adm")),
        _opd("Dinas Perhubungan", "Dishub", DINAS, 0.012 if prov else 0.008, "dishub",
             bidang("Bidang Lalu Lintas dan Angkutan Jalan"), bidang("Bidang Pelayaran"),
             bidang("Bidang Sarana dan Prasarana Perhubungan")),
        _opd("Dinas Komunikasi, Informatika dan Statistik" if prov
             else "Dinas Komunikasi dan Informatika", "Diskominfo", DINAS, 0.01 if prov else 0.006,
             "kominfo", bidang("Bidang Informasi dan Komunikasi Publik"),
             bidang("Bidang Aplikasi Informatika"), bidang("Bidang Persandian dan Statistik"),
             fields=("it", "kom")),
        _opd("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", DINAS, 0.008,
             "office", bidang("Bidang Pelayanan Perizinan"),
             bidang("Bidang Promosi dan Iklim Penanaman Modal"),
             bidang("Bidang Pengendalian Pelaksanaan Penanaman Modal"), is_service_unit=True),
        _opd("Dinas Pertanian", "Distan", DINAS, 0.03, "pertanian",
             bidang("Bidang Tanaman Pangan"), bidang("Bidang Hortikultura dan Perkebunan"),
             bidang("Bidang Peternakan dan Kesehatan Hewan"),
             bidang("Bidang Penyuluhan dan Prasarana Pertanian"), fields=("agri",)),
        _opd("Dinas Kelautan dan Perikanan" if prov else "Dinas Perikanan", "DKP", DINAS,
             0.018 if prov else 0.012, "perikanan", bidang("Bidang Perikanan Tangkap"),
             bidang("Bidang Perikanan Budidaya"), bidang("Bidang Pengolahan dan Pemasaran"),
             fields=("fish",)),
        _opd("Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
             "Keluarga Berencana", "DP3AP2KB", DINAS, 0.008 if prov else 0.015, "kb",
             bidang("Bidang Pemberdayaan Perempuan"), bidang("Bidang Perlindungan Anak"),
             bidang("Bidang Pengendalian Penduduk dan Keluarga Berencana"),
             fields=("social", "kesmas")),
        _opd("Dinas Perindustrian dan Perdagangan", "Disperindag", DINAS, 0.01 if prov else 0.006,
             "perdagangan", bidang("Bidang Perindustrian"), bidang("Bidang Perdagangan"),
             bidang("Bidang Metrologi Legal"), fields=("eco",)),
        _opd(naker_name, "Disnaker", DINAS, 0.012 if prov else 0.005, "office",
             bidang("Bidang Pelatihan dan Penempatan Tenaga Kerja"),
             bidang("Bidang Hubungan Industrial"), *naker_extra),
        _opd("Dinas Perpustakaan dan Kearsipan", "Dispusip", DINAS, 0.01 if prov else 0.005,
             "perpustakaan", bidang("Bidang Layanan Perpustakaan"),
             bidang("Bidang Pengelolaan Arsip"), fields=("lib", "adm")),
        _opd("Dinas Pariwisata", "Dispar", DINAS, 0.007 if prov else 0.004, "office",
             bidang("Bidang Destinasi Pariwisata"), bidang("Bidang Pemasaran Pariwisata"),
             bidang("Bidang Ekonomi Kreatif")),
        _opd("Dinas Pemuda dan Olahraga", "Dispora", DINAS, 0.007 if prov else 0.004, "office",
             bidang("Bidang Kepemudaan"), bidang("Bidang Keolahragaan")),
    ]  # fmt: skip
    if not prov and not city:  # villages (desa) exist only in the regencies
        rest.append(
            _opd("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", DINAS, 0.006, "office",
                 bidang("Bidang Pemerintahan Desa"),
                 bidang("Bidang Pemberdayaan Masyarakat dan Kelembagaan Desa"))
        )  # fmt: skip
    core = [setda, inspektorat, bappeda, kepegawaian]
    if prov:
        core += [bpsdm, dikbud, dinkes, rsud]
        rest = [setwan, keuangan, pendapatan, dinsos, pupr, *rest]
    else:
        core += [dikbud, dinkes, rsud, dukcapil]
        rest = [setwan, keuangan, pendapatan, dinsos, pupr, *rest]
        rest += [kecamatan_opd(gov, name) for name in gov.kecamatan]
    return core + rest


def kecamatan_opd(gov: Government, name: str) -> Opd:
    city = gov.key == "kota"
    desa = "Kelurahan" if city else "Desa"
    offices = (
        Office("Sekretariat Kecamatan", SEKRETARIAT, "Sekretaris Kecamatan", ADMINISTRATOR,
               (seksi("Subbagian Umum dan Kepegawaian"),
                seksi("Subbagian Perencanaan dan Keuangan"))),
        seksi("Seksi Pemerintahan"), seksi("Seksi Pelayanan Umum"),
        seksi(f"Seksi Pemberdayaan Masyarakat dan {desa}"),
        seksi("Seksi Ketenteraman dan Ketertiban Umum"), seksi("Seksi Kesejahteraan Sosial"),
    )  # fmt: skip
    return Opd(
        f"Kecamatan {name}", f"Kec. {name}", KECAMATAN, "Camat", 0.007 if city else 0.003,
        "office", fields=("adm", "gov"), offices=offices,
        services=(KELURAHAN,) if city else (), service_share=0.45 if city else 0.0,
        head_kind=ADMINISTRATOR, is_service_unit=True, key=f"kec:{name}",
    )  # fmt: skip


# --- Degrees: fields of study, majors and academic titles ----------------------------------
# Education levels are SIASN codes (people.rules.EDUCATION_LEVELS): 15 SLTA, 30 D-III,
# 35 D-IV, 40 S-1, 45 S-2, 50 S-3. Each entry: (major, title after the name).

FIELDS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "slta": {"15": (("SMA IPA", ""), ("SMA IPS", ""), ("SMK Administrasi Perkantoran", ""),
                    ("SMK Akuntansi", ""), ("SMK Teknik Komputer dan Jaringan", ""),
                    ("MA IPS", ""))},
    "adm": {
        "30": (("D-III Administrasi Perkantoran", "A.Md."), ("D-III Kesekretariatan", "A.Md.")),
        "35": (("D-IV Ilmu Pemerintahan (IPDN)", "S.STP."),),
        "40": (("Ilmu Administrasi Negara", "S.AP."), ("Ilmu Administrasi Negara", "S.Sos."),
               ("Ilmu Pemerintahan", "S.IP."), ("Manajemen", "S.E."),
               ("Ilmu Komunikasi", "S.I.Kom."), ("Sosiologi", "S.Sos."), ("Ilmu Hukum", "S.H.")),
        "45": (("Magister Administrasi Publik", "M.AP."), ("Magister Manajemen", "M.M."),
               ("Magister Ilmu Administrasi", "M.Si."), ("Magister Ilmu Pemerintahan", "M.Si.")),
        "50": (("Doktor Ilmu Administrasi", ""), ("Doktor Ilmu Pemerintahan", "")),
    },
    "gov": {
        "35": (("D-IV Ilmu Pemerintahan (IPDN)", "S.STP."),),
        "40": (("Ilmu Pemerintahan", "S.IP."),),
        "45": (("Magister Ilmu Pemerintahan", "M.Si."), ("Magister Administrasi Publik", "M.AP.")),
    },
    "eco": {
        "30": (("D-III Akuntansi", "A.Md.Ak."), ("D-III Keuangan dan Perbankan", "A.Md.")),
        "40": (("Akuntansi", "S.E."), ("Akuntansi", "S.Ak."), ("Manajemen", "S.E."),
               ("Ekonomi Pembangunan", "S.E.")),
        "45": (("Magister Manajemen", "M.M."), ("Magister Akuntansi", "M.Ak."),
               ("Magister Ekonomi Pembangunan", "M.Si.")),
        "50": (("Doktor Ilmu Ekonomi", ""),),
    },
    "law": {"40": (("Ilmu Hukum", "S.H."),), "45": (("Magister Ilmu Hukum", "M.H."),),
            "50": (("Doktor Ilmu Hukum", ""),)},
    "it": {
        "30": (("D-III Manajemen Informatika", "A.Md.Kom."),
               ("D-III Teknik Komputer", "A.Md.Kom.")),
        "40": (("Teknik Informatika", "S.Kom."), ("Sistem Informasi", "S.Kom."),
               ("Teknik Informatika", "S.T.")),
        "45": (("Magister Ilmu Komputer", "M.Kom."),),
    },
    "kom": {"40": (("Ilmu Komunikasi", "S.I.Kom."),),
            "45": (("Magister Ilmu Komunikasi", "M.I.Kom."),)},
    "plan": {
        "40": (("Perencanaan Wilayah dan Kota", "S.T."), ("Ekonomi Pembangunan", "S.E."),
               ("Statistika", "S.Stat.")),
        "45": (("Magister Perencanaan Pembangunan", "M.Si."),
               ("Magister Perencanaan Wilayah dan Kota", "M.T.")),
        "50": (("Doktor Perencanaan Wilayah", ""),),
    },
    "civil": {
        "30": (("D-III Teknik Sipil", "A.Md.T."),),
        "40": (("Teknik Sipil", "S.T."), ("Arsitektur", "S.T."), ("Teknik Lingkungan", "S.T.")),
        "45": (("Magister Teknik Sipil", "M.T."),),
    },
    "social": {
        "30": (("D-III Pekerjaan Sosial", "A.Md."),),
        "40": (("Kesejahteraan Sosial", "S.Sos."), ("Sosiologi", "S.Sos."),
               ("Psikologi", "S.Psi.")),
        "45": (("Magister Kesejahteraan Sosial", "M.Si."),),
    },
    "agri": {
        "30": (("D-III Penyuluhan Pertanian", "A.Md.P."),),
        "40": (("Agroteknologi", "S.P."), ("Agribisnis", "S.P."), ("Peternakan", "S.Pt.")),
        "45": (("Magister Agribisnis", "M.Si."),),
    },
    "fish": {
        "30": (("D-III Teknologi Hasil Perikanan", "A.Md.Pi."),),
        "40": (("Budidaya Perairan", "S.Pi."), ("Manajemen Sumber Daya Perairan", "S.Pi.")),
        "45": (("Magister Ilmu Perikanan", "M.Si."),),
    },
    "forest": {
        "30": (("D-III Kehutanan", "A.Md.Hut."),),
        "40": (("Kehutanan", "S.Hut."), ("Ilmu Lingkungan", "S.Si.")),
        "45": (("Magister Ilmu Lingkungan", "M.Si."),),
    },
    "lib": {"30": (("D-III Perpustakaan", "A.Md."),),
            "40": (("Ilmu Perpustakaan", "S.IP."), ("Ilmu Perpustakaan", "S.Hum."))},
    "pgsd": {"40": (("Pendidikan Guru Sekolah Dasar", "S.Pd."),),
             "45": (("Magister Pendidikan Dasar", "M.Pd."),)},
    "pend": {
        "40": (("Pendidikan Matematika", "S.Pd."), ("Pendidikan Bahasa Indonesia", "S.Pd."),
               ("Pendidikan Bahasa Inggris", "S.Pd."), ("Pendidikan Biologi", "S.Pd."),
               ("Pendidikan Fisika", "S.Pd."), ("Pendidikan Kimia", "S.Pd."),
               ("Pendidikan Sejarah", "S.Pd."), ("Pendidikan Ekonomi", "S.Pd."),
               ("Pendidikan Geografi", "S.Pd."),
               ("Pendidikan Pancasila dan Kewarganegaraan", "S.Pd."),
               ("Pendidikan Jasmani, Kesehatan dan Rekreasi", "S.Pd."),
               ("Bimbingan dan Konseling", "S.Pd."), ("Pendidikan Agama Islam", "S.Pd.I."),
               ("Pendidikan Seni Pertunjukan", "S.Pd.")),
        "45": (("Magister Manajemen Pendidikan", "M.Pd."),
               ("Magister Pendidikan Matematika", "M.Pd."),
               ("Magister Pendidikan Bahasa Indonesia", "M.Pd.")),
        "50": (("Doktor Manajemen Pendidikan", ""),),
    },
    "voc": {
        "40": (("Pendidikan Teknik Mesin", "S.Pd."), ("Pendidikan Teknik Elektro", "S.Pd."),
               ("Pendidikan Teknik Informatika", "S.Pd."), ("Teknik Informatika", "S.Kom."),
               ("Pendidikan Tata Boga", "S.Pd."), ("Akuntansi", "S.E."),
               ("Agribisnis Perikanan", "S.Pi.")),
        "45": (("Magister Pendidikan Teknologi dan Kejuruan", "M.Pd."),),
    },
    "slb": {"40": (("Pendidikan Luar Biasa", "S.Pd."),),
            "45": (("Magister Pendidikan Khusus", "M.Pd."),)},
    "nurse": {
        "30": (("D-III Keperawatan", "A.Md.Kep."),),
        "40": (("Ilmu Keperawatan (Ners)", "S.Kep., Ns."),),
        "45": (("Magister Keperawatan", "M.Kep."),),
    },
    "midwife": {
        "30": (("D-III Kebidanan", "A.Md.Keb."),),
        "35": (("D-IV Kebidanan", "S.Tr.Keb."),),
        "40": (("Kebidanan (Profesi Bidan)", "S.Keb., Bd."),),
    },
    "doctor": {
        "40": (("Pendidikan Dokter", ""),),
        "45": (("Magister Kesehatan", "M.Kes."), ("Magister Administrasi Rumah Sakit", "MARS")),
        "50": (("Doktor Ilmu Kedokteran", ""),),
    },
    "specialist": {
        "40": (("Pendidikan Dokter", ""),),
        "45": (("Spesialis Penyakit Dalam", "Sp.PD"), ("Spesialis Anak", "Sp.A"),
               ("Spesialis Obstetri dan Ginekologi", "Sp.OG"), ("Spesialis Bedah", "Sp.B"),
               ("Spesialis Anestesiologi", "Sp.An"), ("Spesialis Radiologi", "Sp.Rad"),
               ("Spesialis Patologi Klinik", "Sp.PK"), ("Spesialis Neurologi", "Sp.N")),
    },
    "dentist": {"40": (("Pendidikan Dokter Gigi", ""),)},
    "pharm": {"30": (("D-III Farmasi", "A.Md.Farm."),),
              "40": (("Farmasi (Profesi Apoteker)", "S.Farm., Apt."),)},
    "lab": {"30": (("D-III Teknologi Laboratorium Medis", "A.Md.AK."),),
            "35": (("D-IV Teknologi Laboratorium Medis", "S.Tr.Kes."),)},
    "nutri": {"30": (("D-III Gizi", "A.Md.Gz."),), "40": (("Ilmu Gizi", "S.Gz."),)},
    "sanit": {"30": (("D-III Kesehatan Lingkungan", "A.Md.KL."),),
              "40": (("Kesehatan Masyarakat", "S.K.M."),)},
    "kesmas": {
        "40": (("Kesehatan Masyarakat", "S.K.M."),),
        "45": (("Magister Kesehatan Masyarakat", "M.Kes."),
               ("Magister Kesehatan Masyarakat", "M.K.M.")),
        "50": (("Doktor Kesehatan Masyarakat", ""),),
    },
    "rmik": {"30": (("D-III Rekam Medis dan Informasi Kesehatan", "A.Md.RMIK"),)},
    "radio": {"30": (("D-III Radiologi", "A.Md.Rad."),)},
    "physio": {"30": (("D-III Fisioterapi", "A.Md.Ftr."),)},
}  # fmt: skip
FRONT_TITLE = {"doctor": "dr.", "specialist": "dr.", "dentist": "drg."}


# --- Jabatan held by staff: staff profiles per kind of unit --------------------------------


@dataclass(frozen=True)
class Role:
    """A staff jabatan: `name` is the base name (fungsional positions add their level),
    `tracks` the (weight, education level, field) a holder may have, `female` the share of
    women, `pppk` the share held by PPPK."""

    name: str
    kind: str  # FUNGSIONAL (keahlian from D-IV up, keterampilan for SLTA/D-III) or PELAKSANA
    tracks: tuple[tuple[float, str, str], ...]
    female: float = 0.5
    pppk: float = 0.05


def _role(name, kind, *tracks, female=0.5, pppk=0.05) -> Role:
    return Role(name, kind, tuple(tracks), female, pppk)


F, P = FUNGSIONAL, PELAKSANA
SLTA = (1, "15", "slta")
ADMIN_ROLES = (
    (10, _role("Pengadministrasi Perkantoran", P, SLTA, female=0.5, pppk=0.3)),
    (6, _role("Pengadministrasi Umum", P, SLTA, female=0.5, pppk=0.2)),
    (6, _role("Operator Layanan Operasional", P, SLTA, female=0.3, pppk=0.35)),
    (6, _role("Pengelola Keuangan", P, (1, "30", "eco"), (2, "40", "eco"), female=0.6)),
    (8, _role("Penata Layanan Operasional", P, (3, "40", "adm"), (1, "40", "eco"), pppk=0.2)),
    (4, _role("Pengelola Layanan Operasional", P, (1, "30", "adm"), pppk=0.2)),
    (4, _role("Pengolah Data dan Informasi", P, (1, "30", "it"), (1, "40", "adm"), pppk=0.1)),
)
OFFICE_ROLES = (
    *ADMIN_ROLES,
    (8, _role("Analis Kebijakan", F, (3, "40", "adm"), (1, "45", "adm"), female=0.45)),
    (3, _role("Pranata Komputer", F, (2, "30", "it"), (3, "40", "it"), female=0.35, pppk=0.1)),
    (3, _role("Arsiparis", F, (2, "30", "adm"), (1, "40", "adm"), female=0.6)),
    (2, _role("Pengelola Pengadaan Barang/Jasa", F, (1, "40", "eco"), (1, "40", "civil"))),
    (2, _role("Perencana", F, (3, "40", "plan"), (1, "45", "plan"))),
    (2, _role("Analis Keuangan Pusat dan Daerah", F, (1, "40", "eco"), female=0.55)),
    (1, _role("Pranata Hubungan Masyarakat", F, (1, "40", "kom"))),
)


def _with(*extra) -> tuple:
    return (*OFFICE_ROLES, *extra)


GURU_ADMIN = (
    (5, _role("Pengadministrasi Perkantoran", P, SLTA, female=0.5, pppk=0.4)),
    (2, _role("Operator Layanan Operasional", P, SLTA, female=0.2, pppk=0.5)),
    (2, _role("Pengelola Keuangan", P, (1, "30", "eco"), (1, "40", "eco"), female=0.6)),
)
NAKES_ADMIN = (
    (5, _role("Pengadministrasi Perkantoran", P, SLTA, female=0.6, pppk=0.3)),
    (2, _role("Pengelola Keuangan", P, (1, "30", "eco"), (1, "40", "eco"), female=0.6)),
    (3, _role("Operator Layanan Operasional", P, SLTA, female=0.2, pppk=0.4)),
)
PERAWAT = _role("Perawat", F, (6, "30", "nurse"), (4, "40", "nurse"), female=0.75, pppk=0.3)
BIDAN = _role("Bidan", F, (7, "30", "midwife"), (2, "35", "midwife"), (1, "40", "midwife"),
              female=1.0, pppk=0.3)  # fmt: skip
DOKTER = _role("Dokter", F, (9, "40", "doctor"), (1, "45", "doctor"), female=0.55, pppk=0.1)

PROFILES: dict[str, tuple[tuple[float, Role], ...]] = {
    "office": OFFICE_ROLES,
    "setda": _with(
        (6, _role("Analis Hukum", F, (1, "40", "law"))),
        (3, _role("Perancang Peraturan Perundang-undangan", F, (3, "40", "law"), (1, "45", "law"))),
        (3, _role("Analis Kebijakan", F, (2, "40", "adm"), (1, "45", "adm"))),
        (2, _role("Pranata Hubungan Masyarakat", F, (1, "40", "kom"))),
    ),
    "inspektorat": (
        *ADMIN_ROLES,
        (22, _role("Auditor", F, (3, "40", "eco"), (1, "45", "eco"), (1, "40", "law"),
                   female=0.5)),
        (18, _role("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", F,
                   (2, "40", "adm"), (1, "40", "law"), (1, "45", "adm"))),
    ),
    "bappeda": _with((25, _role("Perencana", F, (3, "40", "plan"), (1, "45", "plan"),
                                (1, "40", "eco")))),
    "bkd": _with(
        (25, _role("Analis Sumber Daya Manusia Aparatur", F, (3, "40", "adm"),
                   (1, "45", "adm"), (1, "40", "law"), female=0.55)),
        (3, _role("Asesor Sumber Daya Manusia Aparatur", F, (1, "40", "social"),
                  (1, "45", "adm"))),
        (4, _role("Pranata Komputer", F, (1, "30", "it"), (2, "40", "it"))),
    ),
    "bpsdm": _with(
        (18, _role("Widyaiswara", F, (1, "40", "adm"), (3, "45", "adm"), (1, "50", "adm"),
                   female=0.4, pppk=0.0)),
        (6, _role("Analis Sumber Daya Manusia Aparatur", F, (1, "40", "adm"))),
        (3, _role("Pengembang Teknologi Pembelajaran", F, (1, "40", "it"), (1, "40", "pend"))),
    ),
    "dikbud": _with(
        (12, _role("Pengawas Sekolah", F, (2, "40", "pend"), (2, "45", "pend"), pppk=0.0)),
        (3, _role("Penilik", F, (1, "40", "pend"))),
        (3, _role("Pengembang Teknologi Pembelajaran", F, (1, "40", "pend"), (1, "40", "it"))),
        (2, _role("Pamong Belajar", F, (1, "40", "pend"))),
    ),
    "dinkes": _with(
        (10, _role("Administrator Kesehatan", F, (3, "40", "kesmas"), (1, "45", "kesmas"),
                   female=0.6)),
        (4, _role("Epidemiolog Kesehatan", F, (1, "40", "kesmas"), female=0.6)),
        (4, _role("Penyuluh Kesehatan Masyarakat", F, (1, "40", "kesmas"), female=0.65)),
        (3, _role("Tenaga Sanitasi Lingkungan", F, (2, "30", "sanit"), (1, "40", "sanit"))),
        (3, _role("Nutrisionis", F, (2, "30", "nutri"), (1, "40", "nutri"), female=0.85)),
        (3, _role("Apoteker", F, (1, "40", "pharm"), female=0.7)),
    ),
    "dinsos": _with(
        (15, _role("Pekerja Sosial", F, (1, "30", "social"), (3, "40", "social"), female=0.55)),
        (5, _role("Penyuluh Sosial", F, (1, "40", "social"))),
    ),
    "pupr": _with(
        (10, _role("Teknik Jalan dan Jembatan", F, (1, "30", "civil"), (2, "40", "civil"),
                   female=0.2)),
        (8, _role("Teknik Pengairan", F, (1, "30", "civil"), (2, "40", "civil"), female=0.2)),
        (5, _role("Penata Ruang", F, (1, "40", "plan"), (1, "40", "civil"))),
        (5, _role("Teknik Tata Bangunan dan Perumahan", F, (1, "30", "civil"),
                  (2, "40", "civil"), female=0.3)),
    ),
    "dukcapil": _with(
        (15, _role("Administrator Database Kependudukan", F, (2, "30", "it"), (2, "40", "it"),
                   female=0.45)),
        (5, _role("Pengolah Data dan Informasi", P, (1, "30", "it"), (1, "40", "adm"))),
    ),
    "keuangan": _with(
        (15, _role("Analis Keuangan Pusat dan Daerah", F, (3, "40", "eco"), (1, "45", "eco"),
                   female=0.55)),
        (8, _role("Pengelola Keuangan", P, (1, "30", "eco"), (2, "40", "eco"), female=0.6)),
        (4, _role("Penata Kelola Pendapatan Daerah", P, (1, "40", "eco"))),
    ),
    "satpol": (
        *ADMIN_ROLES,
        (45, _role("Polisi Pamong Praja", F, (5, "15", "slta"), (1, "30", "adm"),
                   (2, "40", "law"), female=0.2, pppk=0.2)),
    ),
    "dlh": _with(
        (10, _role("Pengendali Dampak Lingkungan", F, (1, "40", "forest"), (1, "40", "civil"))),
        (8, _role("Polisi Kehutanan", F, (1, "15", "slta"), (1, "30", "forest"), female=0.15)),
        (6, _role("Penyuluh Kehutanan", F, (1, "30", "forest"), (1, "40", "forest"))),
    ),
    "dishub": _with(
        (10, _role("Penguji Kendaraan Bermotor", F, (1, "30", "civil"), (1, "40", "civil"),
                   female=0.15)),
    ),
    "kominfo": _with(
        (10, _role("Pranata Komputer", F, (1, "30", "it"), (2, "40", "it"), female=0.35)),
        (6, _role("Pranata Hubungan Masyarakat", F, (1, "40", "kom"))),
        (4, _role("Sandiman", F, (1, "30", "it"), (1, "40", "it"), female=0.3)),
        (3, _role("Statistisi", F, (1, "40", "plan"))),
    ),
    "pertanian": _with(
        (30, _role("Penyuluh Pertanian", F, (2, "30", "agri"), (3, "40", "agri"), female=0.4,
                   pppk=0.2)),
        (4, _role("Pengawas Benih Tanaman", F, (1, "40", "agri"))),
        (3, _role("Medik Veteriner", F, (1, "40", "agri"))),
    ),
    "perikanan": _with(
        (15, _role("Penyuluh Perikanan", F, (1, "30", "fish"), (2, "40", "fish"), female=0.35)),
        (4, _role("Pengawas Perikanan", F, (1, "40", "fish"))),
    ),
    "kb": _with(
        (20, _role("Penyuluh Keluarga Berencana", F, (1, "40", "social"), (1, "40", "kesmas"),
                   female=0.7)),
    ),
    "perdagangan": _with(
        (5, _role("Penera", F, (1, "30", "civil"), (1, "40", "civil"))),
        (5, _role("Pengawas Perdagangan", F, (1, "40", "eco"))),
    ),
    "perpustakaan": _with(
        (15, _role("Pustakawan", F, (1, "30", "lib"), (2, "40", "lib"), female=0.65)),
        (10, _role("Arsiparis", F, (1, "30", "adm"), (1, "40", "adm"), female=0.6)),
    ),
    "guru_sd": (
        (88, _role("Guru", F, (12, "40", "pgsd"), (1, "45", "pgsd"), female=0.75, pppk=0.34)),
        *GURU_ADMIN,
    ),
    "guru": (
        (86, _role("Guru", F, (10, "40", "pend"), (1, "45", "pend"), female=0.62, pppk=0.32)),
        (2, _role("Pustakawan", F, (1, "30", "lib"), (1, "40", "lib"), female=0.7)),
        (2, _role("Pranata Laboratorium Pendidikan", F, (1, "30", "lab"), (1, "40", "pend"))),
        *GURU_ADMIN,
    ),
    "guru_smk": (
        (50, _role("Guru", F, (10, "40", "voc"), (1, "45", "voc"), female=0.45, pppk=0.32)),
        (36, _role("Guru", F, (10, "40", "pend"), (1, "45", "pend"), female=0.6, pppk=0.32)),
        (3, _role("Pranata Laboratorium Pendidikan", F, (1, "30", "lab"), (1, "40", "voc"))),
        *GURU_ADMIN,
    ),
    "guru_slb": (
        (88, _role("Guru", F, (10, "40", "slb"), (1, "45", "slb"), female=0.7, pppk=0.3)),
        *GURU_ADMIN,
    ),
    "puskesmas": (
        (6, DOKTER),
        (2, _role("Dokter Gigi", F, (1, "40", "dentist"), female=0.7, pppk=0.1)),
        (28, PERAWAT),
        (24, BIDAN),
        (2, _role("Apoteker", F, (1, "40", "pharm"), female=0.7, pppk=0.2)),
        (3, _role("Asisten Apoteker", F, (1, "30", "pharm"), female=0.8, pppk=0.3)),
        (4, _role("Pranata Laboratorium Kesehatan", F, (1, "30", "lab"), female=0.7, pppk=0.3)),
        (3, _role("Nutrisionis", F, (2, "30", "nutri"), (1, "40", "nutri"), female=0.85,
                  pppk=0.3)),
        (3, _role("Tenaga Sanitasi Lingkungan", F, (2, "30", "sanit"), (1, "40", "sanit"),
                  pppk=0.3)),
        (3, _role("Penyuluh Kesehatan Masyarakat", F, (1, "40", "kesmas"), female=0.65)),
        (2, _role("Epidemiolog Kesehatan", F, (1, "40", "kesmas"), female=0.6)),
        (3, _role("Perekam Medis", F, (1, "30", "rmik"), female=0.6, pppk=0.3)),
        (2, _role("Administrator Kesehatan", F, (1, "40", "kesmas"), female=0.6)),
        *NAKES_ADMIN,
    ),
    "rsud": (
        (7, _role("Dokter", F, (1, "45", "specialist"), female=0.45, pppk=0.05)),
        (6, DOKTER),
        (40, PERAWAT),
        (8, BIDAN),
        (2, _role("Apoteker", F, (1, "40", "pharm"), female=0.7, pppk=0.2)),
        (3, _role("Asisten Apoteker", F, (1, "30", "pharm"), female=0.8, pppk=0.3)),
        (3, _role("Pranata Laboratorium Kesehatan", F, (1, "30", "lab"), (1, "35", "lab"),
                  female=0.7, pppk=0.3)),
        (2, _role("Radiografer", F, (1, "30", "radio"), female=0.4, pppk=0.3)),
        (1, _role("Fisioterapis", F, (1, "30", "physio"), female=0.6, pppk=0.3)),
        (2, _role("Nutrisionis", F, (2, "30", "nutri"), (1, "40", "nutri"), female=0.85)),
        (3, _role("Perekam Medis", F, (1, "30", "rmik"), female=0.6, pppk=0.3)),
        *NAKES_ADMIN,
    ),
    "rsud_office": _with(
        (10, _role("Administrator Kesehatan", F, (3, "40", "kesmas"), (1, "45", "kesmas"),
                   female=0.6)),
        (4, PERAWAT),
        (3, _role("Perekam Medis", F, (1, "30", "rmik"), female=0.6)),
    ),
    "rsud_farmasi": (
        (5, _role("Apoteker", F, (1, "40", "pharm"), female=0.7, pppk=0.2)),
        (9, _role("Asisten Apoteker", F, (1, "30", "pharm"), female=0.8, pppk=0.3)),
        *NAKES_ADMIN,
    ),
    "rsud_lab": (
        (12, _role("Pranata Laboratorium Kesehatan", F, (2, "30", "lab"), (1, "35", "lab"),
                   female=0.7, pppk=0.3)),
        (1, _role("Dokter", F, (1, "45", "specialist"), female=0.5)),
        *NAKES_ADMIN,
    ),
    "rsud_radiologi": (
        (10, _role("Radiografer", F, (1, "30", "radio"), female=0.4, pppk=0.3)),
        (1, _role("Dokter", F, (1, "45", "specialist"), female=0.5)),
        *NAKES_ADMIN,
    ),
    "rsud_gizi": (
        (10, _role("Nutrisionis", F, (2, "30", "nutri"), (1, "40", "nutri"), female=0.85,
                   pppk=0.3)),
        *NAKES_ADMIN,
    ),
    "rsud_rekam_medis": (
        (10, _role("Perekam Medis", F, (1, "30", "rmik"), female=0.6, pppk=0.3)),
        *NAKES_ADMIN,
    ),
    "labkes": (
        (12, _role("Pranata Laboratorium Kesehatan", F, (2, "30", "lab"), (1, "35", "lab"),
                   female=0.7)),
        (3, _role("Epidemiolog Kesehatan", F, (1, "40", "kesmas"))),
        *NAKES_ADMIN,
    ),
    "loket": (
        (10, _role("Administrator Database Kependudukan", F, (1, "30", "it"), (1, "40", "it"))),
        (6, _role("Operator Layanan Operasional", P, SLTA, pppk=0.4)),
    ),
    "panti": (
        (10, _role("Pekerja Sosial", F, (1, "30", "social"), (2, "40", "social"), female=0.6)),
        (3, PERAWAT),
        *NAKES_ADMIN,
    ),
}  # fmt: skip

# Managers' degrees: (weight, education level) by position kind; the field comes from the OPD.
HEAD_EDUCATION = {
    JPT_MADYA: ((6, "45"), (3, "50")),
    JPT_PRATAMA: ((16, "45"), (3, "50"), (1, "40")),
    ADMINISTRATOR: ((1, "40"), (1, "45")),
    PENGAWAS: ((12, "40"), (3, "45"), (2, "30")),
}
# Service-unit heads: (weight, education level, field).
SERVICE_HEAD_TRACKS = {
    "sd": ((8, "40", "pgsd"), (2, "45", "pgsd")),
    "smp": ((7, "40", "pend"), (3, "45", "pend")),
    "sma": ((6, "40", "pend"), (4, "45", "pend")),
    "smk": ((4, "40", "voc"), (3, "45", "voc"), (2, "45", "pend")),
    "slb": ((7, "40", "slb"), (3, "45", "slb")),
    "puskesmas": ((5, "40", "kesmas"), (3, "40", "doctor"), (2, "45", "kesmas")),
    "labkes": ((1, "40", "kesmas"), (1, "45", "kesmas")),
    "instalasi": ((2, "40", "doctor"), (3, "45", "specialist")),
    "instalasi_farmasi": ((1, "40", "pharm"),),
    "instalasi_lab": ((1, "35", "lab"), (1, "40", "kesmas")),
    "instalasi_radiologi": ((1, "30", "radio"), (1, "40", "doctor")),
    "instalasi_gizi": ((1, "40", "nutri"),),
    "instalasi_rekam_medis": ((1, "30", "rmik"), (1, "40", "kesmas")),
    "loket": ((1, "40", "adm"), (1, "30", "it")),
    "samsat": ((1, "40", "eco"), (1, "45", "eco")),
    "panti": ((1, "40", "social"), (1, "45", "social")),
    "kelurahan": ((2, "35", "gov"), (2, "40", "adm"), (1, "45", "adm")),
}

# --- Names ---------------------------------------------------------------------------------

MALE_FIRST = (
    "Moh.", "Moh.", "Muhammad", "Mohammad", "Abdul", "Ahmad", "Rahmat", "Yusuf", "Hasan",
    "Rizky", "Arman", "Irwan", "Sofyan", "Fadli", "Hamzah", "Idris", "Ismail", "Ridwan",
    "Zulkifli", "Syamsul", "Hendra", "Taufik", "Iskandar", "Rustam", "Fikri", "Alfian", "Jefri",
    "Yunus", "Darwin", "Ramli", "Herman", "Budi", "Andi", "Novri", "Ikbal", "Ilham", "Roni",
)  # fmt: skip
MALE_SECOND = (
    "Rizal", "Ikbal", "Fadel", "Yasin", "Rahman", "Arifin", "Syahrir", "Nur", "Akbar", "Firman",
    "Hidayat", "Kurniawan", "Wahyudi", "Saiful", "Amin", "Ridho", "Fauzan", "Haris", "Jamal",
    "Ilyas", "Hamdan", "Taufiq", "Zainal", "Anwar", "Sahrul", "Rivai", "Djafar", "Yamin",
)  # fmt: skip
FEMALE_FIRST = (
    "Siti", "Siti", "Sitti", "Nur", "Sri", "Fitri", "Fatmah", "Nurhayati", "Rahmawati", "Sartin",
    "Hartini", "Yuliana", "Rina", "Dewi", "Magfirah", "Nurain", "Rosmawati", "Suryani",
    "Herlina", "Ratna", "Hadija", "Jamila", "Maryam", "Indah", "Novita", "Ayu", "Putri",
    "Nining", "Fadhila", "Karmila", "Risna", "Wiwin", "Yanti", "Nurlela", "Ningsih",
)  # fmt: skip
FEMALE_SECOND = (
    "Aisyah", "Rahmawati", "Nurhaliza", "Wahyuni", "Lestari", "Handayani", "Fatimah", "Mariani",
    "Zahra", "Rahayu", "Aminah", "Sulastri", "Hasanah", "Yuliani", "Safitri", "Ramadhani",
    "Puspita", "Kartika", "Amalia", "Hidayati", "Andriani", "Febriani", "Sari", "Ulfa",
)  # fmt: skip
FAMILY = (
    "Mohamad", "Hasan", "Ali", "Abdullah", "Daud", "Polapa", "Mokoginta", "Katili", "Pakaya",
    "Gobel", "Nusi", "Dai", "Yusuf", "Lamato", "Hulopi", "Biga", "Tuli", "Ishak", "Husain",
    "Paputungan", "Monoarfa", "Usman", "Ibrahim", "Podungge", "Mooduto", "Tangahu", "Bumulo",
    "Pomalingo", "Humola", "Lahay", "Kadir", "Baruadi", "Thalib", "Amu", "Buhang", "Dunggio",
    "Hunowu", "Kaluku", "Latief", "Lihu", "Luawo", "Mointi", "Nento", "Olii", "Pateda", "Rauf",
    "Saleh", "Tome", "Wartabone", "Yunus", "Zakaria", "Datau", "Mahmud", "Djafar", "Otoluwa",
    "Dilo", "Botutihe", "Kamba", "Jusuf", "Masaong", "Mopangga", "Naki", "Ointu", "Suleman",
    "Tilome", "Umar", "Akuba", "Igirisa", "Lasena", "Taha", "Abas", "Harun", "Kau", "Lamusu",
    "Mamu", "Panigoro", "Dengo", "Dumbi", "Hiola", "Kasim", "Van Gobel", "Bakari", "Ahmad",
)  # fmt: skip
# Transmigrant (mostly Javanese and Balinese) names in Boalemo and Pohuwato, without a family name.
JAVA_MALE = (
    "Sugianto", "Suparman", "Sutrisno", "Purwanto", "Joko Susilo", "Slamet Riyadi", "Bambang",
    "Agus Salim", "Teguh Prasetyo", "I Made Sudarma", "I Wayan Sukarta", "Eko Wahyudi",
)  # fmt: skip
JAVA_FEMALE = (
    "Sri Rahayu", "Siti Aminah", "Endang Lestari", "Tri Handayani", "Sumarni", "Sri Wahyuni",
    "Ni Ketut Ariani", "Dwi Astuti", "Sulistyowati", "Puji Rahayu", "Eni Kusumawati",
)  # fmt: skip
TRANSMIGRANT_SHARE = {"boalemo": 0.2, "pohuwato": 0.2, "kabgor": 0.04, "prov": 0.03}


DEMO_PASSWORD = "demo-binakinerja-2026"  # noqa: S105 - published demo-only password (README)

# Kept here so tests and the printout agree on what each login is for.
DEMO_USERNAMES = (
    "superadmin", "admin.provinsi", "admin.kota", "operator.dinkes", "operator.dikbud",
    "pimpinan.provinsi", "atasan", "asn", "mentor", "penyelenggara",
)  # fmt: skip
