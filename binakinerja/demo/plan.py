"""The plan of the demo data set: the organisation tree and every person in it, built in
memory from one `random.Random(seed)` and never from the database, so that the same `seed` and
`asn` always give the same data. `builders.py` writes the plan.

The data describe the registry as of `AS_OF`. Names are synthetic; e-mail addresses use the
reserved `.example` top-level domain so that a demo can never mail a real person.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from binakinerja.demo import data as D
from binakinerja.people.models import Employee, PositionKind
from binakinerja.people.rules import PNS_GOLONGAN

if TYPE_CHECKING:
    from binakinerja.organizations.models import OrgUnit

AS_OF = dt.date(2026, 7, 1)  # the day the demo registry describes
MIN_ASN = 100

GOLONGAN = [code for code, _id, _pangkat in PNS_GOLONGAN]
G = {code: i for i, code in enumerate(GOLONGAN)}

# The usual CPNS entry rank by education (SLTA II/a, D-III II/c, S-1/D-IV III/a, S-2 III/b,
# S-3 III/c); physicians enter at III/b.
ENTRY_GOLONGAN = {
    "15": "II/a",
    "30": "II/c",
    "35": "III/a",
    "40": "III/a",
    "45": "III/b",
    "50": "III/c",
}
# Highest rank a holder of each degree reaches in this data set.
EDUCATION_CAP = {
    "15": "III/b",
    "30": "III/d",
    "35": "IV/d",
    "40": "IV/d",
    "45": "IV/e",
    "50": "IV/e",
}
# (lowest, highest) rank by position kind; pelaksana also by degree (PELAKSANA_CAP).
KIND_RANGE = {
    PositionKind.JPT_MADYA: ("IV/d", "IV/e"),
    PositionKind.JPT_PRATAMA: ("IV/c", "IV/d"),
    PositionKind.ADMINISTRATOR: ("III/d", "IV/b"),
    PositionKind.PENGAWAS: ("III/b", "IV/a"),
    PositionKind.FUNGSIONAL_KEAHLIAN: ("III/a", "IV/c"),
    PositionKind.FUNGSIONAL_KETERAMPILAN: ("II/a", "III/d"),
    PositionKind.PELAKSANA: ("II/a", "III/d"),
}
PELAKSANA_CAP = {"15": "III/b", "30": "III/c"}
# Where functional staff stop rising; teachers famously stall at IV/a.
STAFF_CEILING = ((30, "III/d"), (30, "IV/a"), (25, "IV/b"), (15, "IV/c"))
STAFF_CEILING_GURU = ((15, "III/d"), (65, "IV/a"), (15, "IV/b"), (5, "IV/c"))
FUNGSIONAL_KINDS = (PositionKind.FUNGSIONAL_KEAHLIAN, PositionKind.FUNGSIONAL_KETERAMPILAN)
HEAD_FUNGSIONAL_MIN = "III/c"  # a Kepala Sekolah or Kepala Instalasi is an experienced hand
# The usual PPPK golongan by education for entry positions (SLTA V … S-3 XI).
PPPK_GOLONGAN = {"15": "V", "30": "VII", "35": "IX", "40": "IX", "45": "X", "50": "XI"}

ENTRY_AGE = {
    "15": (19, 30),
    "30": (21, 32),
    "35": (22, 34),
    "40": (22, 34),
    "45": (25, 35),
    "50": (28, 35),
}
HEAD_YEARS = {
    PositionKind.JPT_MADYA: (26, 33),
    PositionKind.JPT_PRATAMA: (20, 31),
    PositionKind.ADMINISTRATOR: (14, 29),
    PositionKind.PENGAWAS: (8, 27),
    D.FUNGSIONAL: (12, 29),
}
HEAD_FEMALE = {
    PositionKind.JPT_MADYA: 0.15,
    PositionKind.JPT_PRATAMA: 0.22,
    PositionKind.ADMINISTRATOR: 0.32,
    PositionKind.PENGAWAS: 0.42,
    D.FUNGSIONAL: 0.5,
}
SERVICE_HEAD_FEMALE = {"sd": 0.6, "puskesmas": 0.55, "labkes": 0.55, "kelurahan": 0.3}
# Hiring waves of PNS (TMT CPNS year → weight): large intakes in the 2000s (honorer
# conversions), the 2011–2013 moratorium, the 2018–2024 selections.
TMT_WEIGHTS = {
    **dict.fromkeys(range(1989, 1995), 1.0),
    **dict.fromkeys(range(1995, 2000), 2.0),
    **dict.fromkeys(range(2000, 2005), 3.0),
    **dict.fromkeys(range(2005, 2010), 5.0),
    2010: 4.0,
    2011: 1.0,
    2012: 0.8,
    2013: 0.8,
    2014: 2.0,
    2015: 0.5,
    2016: 0.3,
    2017: 1.5,
    2018: 1.5,
    2019: 2.5,
    2020: 3.0,
    2021: 1.5,
    2022: 2.0,
    2023: 0.7,
    2024: 2.0,
    2025: 1.2,
}
PPPK_YEAR_WEIGHTS = {2019: 3, 2020: 2, 2021: 15, 2022: 25, 2023: 22, 2024: 20, 2025: 8}
TMT_MONTHS = (1, 1, 1, 1, 1, 1, 3, 3, 4, 12, 2, 10)
PPPK_MONTHS = (1, 3, 3, 4, 7, 10, 12)
LEVEL_LABEL = {
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
}
OWN_STAFF_SHARE = 0.12  # of an office's headcount working directly under its head
NONCORE_MIN_EXPECTED = 1.2  # a non-core OPD appears once it would hold this many ASN


# --- The plan ------------------------------------------------------------------------------------


@dataclass(eq=False)
class UnitPlan:
    """One unit to create, with its head's position and the number of staff directly in it."""

    gov: D.Government
    name: str
    unit_type: str
    head_title: str
    head_kind: str
    head_tracks: tuple[tuple[float, str, str], ...]
    head_female: float
    profile: str
    short_name: str = ""
    is_service_unit: bool = False
    kab_kota: str = ""
    address: str = ""
    code: str = ""
    staff: int = 0
    opd_key: str = ""
    children: list[UnitPlan] = field(default_factory=list)
    unit: OrgUnit | None = None
    head: Person | None = None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False, slots=True)
class Person:
    """One employee as planned; `supervisor` points at another Person."""

    nip: str
    name: str
    gelar_depan: str
    gelar_belakang: str
    status: str
    gender: str
    birth_date: dt.date
    birth_place: str
    tmt_cpns: dt.date | None
    golongan: str
    tmt_golongan: dt.date
    tmt_jabatan: dt.date
    state: str
    education_level: str
    education_major: str
    email: str
    plan: UnitPlan
    position: tuple[str, str, str]  # (name, kind, level)
    supervisor: Person | None
    depth: int
    role: str = ""  # base name of the staff jabatan (for picking demo logins)
    subordinates: int = 0
    pk: int | None = None


def split(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Share `total` out by `weights` (largest remainder), each part at least `minimum`."""
    if not weights:
        return []
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError("total too small for the minimum")
    whole = sum(weights) or 1.0
    raw = [rest * w / whole for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [minimum + p for p in parts]


class Planner:
    """Builds the whole data set in memory from one seeded random generator."""

    def __init__(self, *, asn: int, seed: int):
        if asn < MIN_ASN:
            raise ValueError(f"asn must be at least {MIN_ASN}")
        self.asn = asn
        self.rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
        self.roots: list[UnitPlan] = []
        self.people: list[Person] = []
        self._nips: set[str] = set()
        self._emails: set[str] = set()

    # helpers ---------------------------------------------------------------------------------
    def pick(self, weighted):
        """Choose from (weight, value, ...) tuples; returns the tuple without its weight."""
        total = sum(item[0] for item in weighted)
        x = self.rng.random() * total
        for item in weighted:
            x -= item[0]
            if x < 0:
                return item[1] if len(item) == 2 else item[1:]
        last = weighted[-1]
        return last[1] if len(last) == 2 else last[1:]

    def guid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    # the organisation tree -------------------------------------------------------------------
    def plan_units(self) -> None:
        sizes = split(self.asn, [g.weight for g in D.GOVERNMENTS])
        for gov, size in zip(D.GOVERNMENTS, sizes, strict=True):
            root = UnitPlan(
                gov=gov,
                name=gov.name,
                unit_type="pemda",
                head_title="",
                head_kind="",
                head_tracks=(),
                head_female=0,
                profile="office",
                short_name=gov.short_name,
                kab_kota=gov.kab_kota,
                code=self.guid(),
            )
            for opd, budget in self.opd_budgets(gov, size):
                root.children.append(self.plan_opd(gov, opd, budget))
            self.roots.append(root)

    def opd_budgets(self, gov: D.Government, size: int) -> list[tuple[D.Opd, int]]:
        opds = D.opds_for(gov)
        weight_sum = sum(o.weight for o in opds)
        chosen, used = [], 0
        for opd in opds:
            expected = size * opd.weight / weight_sum
            if opd.core:
                need = opd.min_size if used + opd.min_size <= size else 1
                if used + need > size:
                    continue
            elif expected >= NONCORE_MIN_EXPECTED and used + 1 <= size:
                need = 1
            else:
                continue
            chosen.append([opd, need])
            used += need
        extra = split(size - used, [opd.weight for opd, _ in chosen])
        return [(opd, need + more) for (opd, need), more in zip(chosen, extra, strict=True)]

    def head_tracks(self, kind: str, fields: tuple[str, ...]):
        levels = D.HEAD_EDUCATION[kind]
        return tuple((w / len(fields), level, f) for w, level in levels for f in fields)

    def plan_opd(self, gov: D.Government, opd: D.Opd, budget: int) -> UnitPlan:
        node = UnitPlan(
            gov=gov,
            name=opd.name,
            short_name=opd.short_name,
            unit_type=opd.unit_type,
            head_title=opd.head,
            head_kind=opd.head_kind,
            head_tracks=self.head_tracks(opd.head_kind, opd.fields),
            head_female=HEAD_FEMALE[opd.head_kind],
            profile=opd.profile,
            is_service_unit=opd.is_service_unit,
            kab_kota=gov.kab_kota,
            code=self.guid(),
            opd_key=opd.key or opd.short_name,
        )
        if opd.key.startswith("kec:"):
            node.address = f"Kecamatan {opd.key[4:]}, {gov.kab_kota}"
        rest = budget - 1
        service_budget = round(rest * opd.service_share) if opd.services and rest >= 3 else 0
        self.plan_offices(node, opd, opd.offices, rest - service_budget)
        shares = split(service_budget, [s.share for s in opd.services])
        for service, share in zip(opd.services, shares, strict=True):
            node.staff += self.plan_services(node, gov, opd, service, share)
        return node

    @staticmethod
    def ideal(office: D.Office) -> int:
        own = 3 if office.unit_type == D.SEKSI else 5
        return 1 + own + sum(Planner.ideal(c) for c in office.children)

    def plan_offices(self, node: UnitPlan, opd: D.Opd, offices, rest: int) -> None:
        if rest <= 0:
            return
        own = round(rest * OWN_STAFF_SHARE)
        count = min(len(offices), (rest - own) // 3)
        if count == 0:
            node.staff += rest
            return
        node.staff += own
        chosen = offices[:count]
        sizes = split(rest - own, [self.ideal(o) for o in chosen], minimum=2)
        for office, size in zip(chosen, sizes, strict=True):
            fields = ("adm", "eco") if office.unit_type == D.SEKRETARIAT else opd.fields
            child = UnitPlan(
                gov=node.gov,
                name=office.name,
                unit_type=office.unit_type,
                head_title=office.head,
                head_kind=office.head_kind,
                head_tracks=self.head_tracks(office.head_kind, fields),
                head_female=HEAD_FEMALE[office.head_kind],
                profile=opd.profile,
                kab_kota=node.kab_kota,
                code=self.guid(),
                opd_key=node.opd_key,
            )
            node.children.append(child)
            self.plan_offices(child, opd, office.children, size - 1)

    def service_names(self, gov: D.Government, opd: D.Opd, service: D.Service, count: int):
        """Up to `count` outlet names as (name, kab_kota, address)."""
        key = service.key
        if key in ("sd", "smp"):
            prefix = "SD Negeri" if key == "sd" else "SMP Negeri"
            seen: Counter[str] = Counter()
            out = []
            for i in range(count):
                kec = gov.kecamatan[i % len(gov.kecamatan)]
                seen[kec] += 1
                out.append((f"{prefix} {seen[kec]} {kec}", gov.kab_kota, f"Kecamatan {kec}"))
            return out
        if key in ("sma", "smk", "slb"):
            regencies = [g for g in D.GOVERNMENTS if not g.is_province]
            per_regency = split(count, [g.weight for g in regencies])
            prefix = {"sma": "SMA Negeri", "smk": "SMK Negeri", "slb": "SLB Negeri"}[key]
            out = []
            for regency, n in zip(regencies, per_regency, strict=True):
                for k in range(1, n + 1):
                    label = regency.school_label
                    name = (
                        f"{prefix} {label}"
                        if key == "slb" and n == 1
                        else (f"{prefix} {k} {label}")
                    )
                    out.append((name, regency.kab_kota, regency.kab_kota))
            return out
        if key in ("puskesmas", "loket"):
            pattern = (
                "Puskesmas {}" if key == "puskesmas" else "Loket Pelayanan Adminduk Kecamatan {}"
            )
            return [
                (pattern.format(k), gov.kab_kota, f"Kecamatan {k}, {gov.kab_kota}")
                for k in gov.kecamatan[:count]
            ]
        if key == "instalasi":
            return [(n, gov.kab_kota, "") for n, _profile, _head in D.RSUD_INSTALASI[:count]]
        if key == "labkes":
            return [("UPTD Laboratorium Kesehatan Daerah", gov.kab_kota, "")][:count]
        if key == "samsat":
            regencies = [g for g in D.GOVERNMENTS if not g.is_province]
            return [(f"UPTD Samsat {g.kab_kota}", g.kab_kota, g.kab_kota) for g in regencies][
                :count
            ]
        if key == "panti":
            names = (
                "UPTD Pelayanan Sosial Lanjut Usia",
                "UPTD Pelayanan Sosial Anak",
                "UPTD Rehabilitasi Sosial Penyandang Disabilitas",
            )
            return [(n, gov.kab_kota, "") for n in names[:count]]
        if key == "kelurahan":
            kec = opd.key[4:]
            return [
                (f"Kelurahan {n}", gov.kab_kota, f"Kecamatan {kec}, {gov.kab_kota}")
                for n in D.KELURAHAN_KOTA.get(kec, ())[:count]
            ]
        raise ValueError(key)

    def plan_services(self, node, gov, opd, service: D.Service, budget: int) -> int:
        """Add outlets under `node`; returns the headcount left over for the OPD itself."""
        if budget < 2:
            return budget
        count = max(1, min(round(budget / service.size), budget // 2))
        names = self.service_names(gov, opd, service, count)
        if not names:
            return budget
        sizes = split(budget, [self.rng.uniform(0.6, 1.4) for _ in names], minimum=2)
        special = {name: (profile, head) for name, profile, head in D.RSUD_INSTALASI}
        for (name, kab_kota, address), size in zip(names, sizes, strict=True):
            profile, head_key = special.get(name, (service.profile, service.key))
            tracks = D.SERVICE_HEAD_TRACKS[head_key]
            node.children.append(
                UnitPlan(
                    gov=gov,
                    name=name,
                    unit_type=service.unit_type,
                    head_title=service.head,
                    head_kind=service.head_kind,
                    head_tracks=tracks,
                    head_female=SERVICE_HEAD_FEMALE.get(
                        service.key, HEAD_FEMALE[service.head_kind]
                    ),
                    profile=profile,
                    is_service_unit=True,
                    kab_kota=kab_kota,
                    address=address,
                    code=self.guid(),
                    staff=size - 1,
                    opd_key=node.opd_key,
                )
            )
        return 0

    # people ----------------------------------------------------------------------------------
    def plan_people(self) -> None:
        for root in self.roots:
            sekda = None
            for opd in root.children:
                self.staff_unit(opd, supervisor=sekda, depth=0 if sekda is None else 1)
                if sekda is None:
                    sekda = opd.head  # the Sekretariat Daerah comes first

    def staff_unit(self, node: UnitPlan, *, supervisor: Person | None, depth: int) -> None:
        head = self.make_head(node, supervisor=supervisor, depth=depth)
        node.head = head
        profile = D.PROFILES[node.profile]
        for _ in range(node.staff):
            self.make_staff(node, profile, supervisor=head, depth=depth + 1)
        for child in node.children:
            self.staff_unit(child, supervisor=head, depth=depth + 1)

    def _attach(self, person: Person) -> Person:
        if person.supervisor is not None:
            person.supervisor.subordinates += 1
        self.people.append(person)
        return person

    def make_head(self, node: UnitPlan, *, supervisor: Person | None, depth: int) -> Person:
        edu, fld = self.pick(node.head_tracks)
        female = self.rng.random() < node.head_female
        kind = node.head_kind
        bup = 60 if kind in (PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA, D.FUNGSIONAL) else 58
        lo, hi = HEAD_YEARS[kind]
        years = self.rng.randint(lo, hi)
        person = self.make_pns(
            node,
            edu=edu,
            fld=fld,
            female=female,
            kind=kind,
            bup=bup,
            tmt_year=AS_OF.year - years,
            supervisor=supervisor,
            depth=depth,
            head=True,
            role=node.head_title,
        )
        return self._attach(person)

    def make_staff(self, node: UnitPlan, profile, *, supervisor: Person, depth: int) -> None:
        role: D.Role = self.pick(profile)
        edu, fld = self.pick(role.tracks)
        female = self.rng.random() < role.female
        kind = role.kind
        if self.rng.random() < role.pppk:
            person = self.make_pppk(node, role, edu, fld, female, supervisor, depth)
        else:
            roll = self.rng.random()
            if roll < 0.03:
                person = self.make_pns(
                    node,
                    edu=edu,
                    fld=fld,
                    female=female,
                    kind=kind,
                    bup=60 if role.name == "Guru" else 58,
                    tmt_year=None,
                    supervisor=None,
                    depth=0,
                    retired=True,
                    role=role.name,
                )
            else:
                bup = 60 if role.name == "Guru" else 58
                person = self.make_pns(
                    node,
                    edu=edu,
                    fld=fld,
                    female=female,
                    kind=kind,
                    bup=bup,
                    tmt_year=self.pick([(w, y) for y, w in TMT_WEIGHTS.items()]),
                    supervisor=supervisor,
                    depth=depth,
                    role=role.name,
                )
                age = (AS_OF - person.birth_date).days // 365
                if roll < 0.05:
                    person.state = Employee.State.CUTI
                elif roll < 0.065 and edu in ("40", "45") and age < 45:
                    person.state = Employee.State.TUGAS_BELAJAR
        self._attach(person)

    # personal details ------------------------------------------------------------------------
    def person_name(self, gov: D.Government, female: bool) -> str:
        rng = self.rng
        if rng.random() < D.TRANSMIGRANT_SHARE.get(gov.key, 0.01):
            return rng.choice(D.JAVA_FEMALE if female else D.JAVA_MALE)
        first = rng.choice(D.FEMALE_FIRST if female else D.MALE_FIRST)
        parts = [first]
        if rng.random() < 0.55:
            second = rng.choice(D.FEMALE_SECOND if female else D.MALE_SECOND)
            if second != first:
                parts.append(second)
        parts.append(rng.choice(D.FAMILY))
        return " ".join(parts)

    def degree(self, fld: str, edu: str) -> tuple[str, str, str]:
        """(title before, title after, major) for a degree of level `edu` in field `fld`."""
        rng = self.rng
        if edu == "15":
            return "", "", rng.choice(D.FIELDS["slta"]["15"])[0]
        table = D.FIELDS.get(fld, {})
        if edu not in table:
            fld, table = "adm", D.FIELDS["adm"]
        front = D.FRONT_TITLE.get(fld, "")
        if edu in ("30", "35", "40"):
            major, title = rng.choice(table[edu])
            return front, title, major
        first = rng.choice(table.get("40") or table.get("35") or D.FIELDS["adm"]["40"])
        second = rng.choice(table.get("45") or D.FIELDS["adm"]["45"])
        titles = ", ".join(t for t in (first[1], second[1]) if t)
        if edu == "45":
            return front, titles, second[0]
        third = rng.choice(table.get("50") or D.FIELDS["adm"]["50"])
        return f"Dr. {front}".strip(), titles, third[0]

    def birth_place(self, gov: D.Government) -> str:
        if self.rng.random() < 0.85:
            return self.rng.choice(gov.places)
        return self.rng.choice(D.OUTSIDE_PLACES)

    def email(self, gov: D.Government, name: str) -> str:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        words = [w.strip(".") for w in plain.split() if w.strip(".") not in ("moh", "")]
        local = ".".join(words[:1] + words[-1:]) if len(words) > 1 else (words or ["asn"])[0]
        local = local.replace(" ", "")
        candidate, n = local, 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}"
        self._emails.add(candidate)
        return f"{candidate}@{gov.mail_slug}.example"

    def random_date(self, year: int, *, months=None) -> dt.date:
        month = self.rng.choice(months) if months else self.rng.randint(1, 12)
        day = self.rng.randint(1, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)

    def nip(self, prefix: str) -> str:
        """A fresh 18-digit NIP: most sequence numbers are small, as in real numbers."""
        roll = self.rng.random()
        seq = self.rng.randint(3, 9 if roll < 0.95 else 60)
        if roll < 0.75:
            seq = 1 if roll < 0.6 else 2
        while f"{prefix}{seq:03d}" in self._nips:
            seq += 1
        number = f"{prefix}{seq:03d}"
        self._nips.add(number)
        return number

    @staticmethod
    def fungsional_kind(edu: str) -> str:
        return (
            PositionKind.FUNGSIONAL_KETERAMPILAN
            if edu in ("15", "30")
            else PositionKind.FUNGSIONAL_KEAHLIAN
        )

    @staticmethod
    def functional_level(kind: str, golongan: str) -> str:
        if golongan not in G:  # PPPK: entry level of the jabatan
            if kind == PositionKind.FUNGSIONAL_KEAHLIAN:
                return "ahli_pertama"
            return "pemula" if golongan == "V" else "terampil"
        i = G[golongan]
        if kind == PositionKind.FUNGSIONAL_KETERAMPILAN:
            return (
                "pemula"
                if i <= G["II/b"]
                else "terampil"
                if i <= G["II/d"]
                else ("mahir" if i <= G["III/b"] else "penyelia")
            )
        return (
            "ahli_pertama"
            if i <= G["III/b"]
            else "ahli_muda"
            if i <= G["III/d"]
            else ("ahli_madya" if i <= G["IV/c"] else "ahli_utama")
        )

    def position_for(self, title: str, kind: str, golongan: str, *, head: bool):
        if kind in FUNGSIONAL_KINDS:
            level = self.functional_level(kind, golongan)
            name = title if head else f"{title} {LEVEL_LABEL[level]}"
            return (name, kind, level)
        return (title, kind, "")

    def make_pns(
        self,
        node: UnitPlan,
        *,
        edu,
        fld,
        female,
        kind,
        bup,
        tmt_year,
        supervisor,
        depth,
        head=False,
        retired=False,
        role="",
    ) -> Person:
        rng = self.rng
        if kind == D.FUNGSIONAL:
            kind = self.fungsional_kind(edu)
        entry_lo, entry_hi = ENTRY_AGE[edu]
        if retired:
            birth = self.random_date(AS_OF.year - bup - rng.randint(1, 7))
            retire = dt.date(birth.year + bup, birth.month, 1) + dt.timedelta(days=31)
            end = retire.replace(day=1)
            tmt = dt.date(
                birth.year + rng.randint(max(entry_lo, 20), 32), rng.choice(TMT_MONTHS), 1
            )
        else:
            for _attempt in range(30):
                month = rng.choice(TMT_MONTHS)
                tmt = dt.date(tmt_year, month, 1)
                # keep the person below the retirement age (BUP) on AS_OF
                hi = min(entry_hi, bup - 1 - (AS_OF.year - tmt_year))
                if hi >= entry_lo and tmt < AS_OF:
                    break
                tmt_year = min(AS_OF.year - 1, tmt_year + rng.randint(1, 6))
            else:  # pragma: no cover - the loop always finds a year within 30 tries
                raise RuntimeError("no plausible TMT")
            birth = self.random_date(tmt_year - rng.randint(entry_lo, hi))
            end = AS_OF
        golongan, tmt_golongan = self.pns_rank(edu, fld, kind, tmt, end, head=head, role=role)
        title = role
        position = self.position_for(title, kind, golongan, head=head)
        if head:
            tmt_jabatan = self.month_between(
                max(tmt + dt.timedelta(days=730), end - dt.timedelta(days=365 * 6)),
                end - dt.timedelta(days=60),
            )
        else:
            tmt_jabatan = self.month_between(max(tmt, end - dt.timedelta(days=365 * 8)), end)
        tmt_jabatan = min(max(tmt_jabatan, tmt), end)
        front, back, major = self.degree(fld, edu)
        gender = "P" if female else "L"
        name = self.person_name(node.gov, female)
        return Person(
            nip=self.nip(f"{birth:%Y%m%d}{tmt:%Y%m}{2 if female else 1}"),
            name=name,
            gelar_depan=front,
            gelar_belakang=back,
            status="PNS",
            gender=gender,
            birth_date=birth,
            birth_place=self.birth_place(node.gov),
            tmt_cpns=tmt,
            golongan=golongan,
            tmt_golongan=tmt_golongan,
            tmt_jabatan=tmt_jabatan,
            state=Employee.State.PENSIUN if retired else Employee.State.AKTIF,
            education_level=edu,
            education_major=major,
            email=self.email(node.gov, name) if rng.random() < (0.6 if head else 0.35) else "",
            plan=node,
            position=position,
            supervisor=supervisor,
            depth=depth,
            role=role,
        )

    def month_between(self, start: dt.date, end: dt.date) -> dt.date:
        """A first-of-month date in [start, end] (start when the range is empty)."""
        first = start.year * 12 + start.month - 1 + (start.day > 1)
        last = end.year * 12 + end.month - 1
        if last <= first:
            return dt.date(first // 12, first % 12 + 1, 1)
        pick = self.rng.randint(first, last)
        return dt.date(pick // 12, pick % 12 + 1, 1)

    def pns_rank(self, edu, fld, kind, tmt: dt.date, end: dt.date, *, head: bool, role: str):
        """Golongan from the entry rank, one step per ~4 years of service, within the bounds of
        the degree and the position; and its TMT."""
        rng = self.rng
        entry = G["III/b"] if fld in ("doctor", "dentist", "specialist") else G[ENTRY_GOLONGAN[edu]]
        years = (end - tmt).days / 365.25
        pace = self.pick([(40, 4), (35, 5), (25, 6)])  # years per regular promotion
        natural = entry + int(years // pace)
        lo, hi = KIND_RANGE[kind]
        cap = min(G[EDUCATION_CAP[edu]], G[hi])
        if kind == PositionKind.PELAKSANA:
            cap = min(cap, G[PELAKSANA_CAP.get(edu, "III/d")])
        elif kind == PositionKind.FUNGSIONAL_KEAHLIAN and not head:
            # Rising from III/d takes credit points (and for IV/b a publication): many stop.
            ceiling = STAFF_CEILING_GURU if role == "Guru" else STAFF_CEILING
            cap = min(cap, G[self.pick(ceiling)])
        floor = max(entry, G[lo])
        if head and kind in FUNGSIONAL_KINDS:
            floor = max(entry, G[HEAD_FUNGSIONAL_MIN])
        idx = min(max(natural, floor), cap)
        if idx == entry:
            since = tmt
        elif idx > natural:  # promoted for the position (kenaikan pangkat pilihan)
            since = self.promotion_date(end.year - rng.randint(0, 3), tmt, end)
        else:
            reached = min(tmt.year + pace * (idx - entry), end.year)
            since = self.promotion_date(reached, tmt, end)
        return GOLONGAN[idx], since

    def promotion_date(self, year: int, tmt: dt.date, end: dt.date) -> dt.date:
        """Ranks rise on 1 April or 1 October (kenaikan pangkat periods)."""
        since = dt.date(year, self.rng.choice((4, 10)), 1)
        if since > end:
            since = dt.date(year, 4, 1) if dt.date(year, 4, 1) <= end else dt.date(year - 1, 10, 1)
        return max(since, tmt)

    def make_pppk(self, node, role: D.Role, edu, fld, female, supervisor, depth) -> Person:
        rng = self.rng
        year = self.pick([(w, y) for y, w in PPPK_YEAR_WEIGHTS.items()])
        appointed = dt.date(year, rng.choice(PPPK_MONTHS), 1)
        oldest = min(52, 57 - (AS_OF.year - year))
        age = max(22, min(oldest, round(rng.triangular(22, oldest, 34))))
        birth = self.random_date(year - age)
        kind = role.kind
        if kind == D.FUNGSIONAL:
            kind = self.fungsional_kind(edu)
        golongan = PPPK_GOLONGAN[edu]
        position = self.position_for(role.name, kind, golongan, head=False)
        front, back, major = self.degree(fld, edu)
        name = self.person_name(node.gov, female)
        frequency = 1 if rng.random() < 0.85 else 2
        state = Employee.State.CUTI if rng.random() < 0.015 else Employee.State.AKTIF
        return Person(
            nip=self.nip(f"{birth:%Y%m%d}{year}2{frequency}{2 if female else 1}"),
            name=name,
            gelar_depan=front,
            gelar_belakang=back,
            status="PPPK",
            gender="P" if female else "L",
            birth_date=birth,
            birth_place=self.birth_place(node.gov),
            tmt_cpns=None,
            golongan=golongan,
            tmt_golongan=appointed,
            tmt_jabatan=appointed,
            state=state,
            education_level=edu,
            education_major=major,
            email=self.email(node.gov, name) if rng.random() < 0.3 else "",
            plan=node,
            position=position,
            supervisor=supervisor,
            depth=depth,
            role=role.name,
        )

    def plan(self) -> Planner:
        self.plan_units()
        self.plan_people()
        return self
