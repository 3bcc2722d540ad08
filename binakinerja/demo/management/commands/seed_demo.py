"""`manage.py seed_demo --asn N --seed S`: the deterministic Gorontalo demo data set.

A console tool for developers and demos, so its printout is in Bahasa Indonesia only.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from binakinerja.accounts.models import User
from binakinerja.demo import data, monitoring
from binakinerja.demo.builders import demo_reset, seed_demo
from binakinerja.demo.plan import MIN_ASN
from binakinerja.demo.satisfaction import satisfaction_reset, seed_satisfaction
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee


def _signed(value: float) -> str:
    """A planted effect as the summary line writes it: sign, decimal comma (+0,24; -8)."""
    return f"{value:+g}".replace(".", ",")


def monitoring_line(counts: dict[str, int], elapsed: float) -> str:
    """The summary line of the monitoring history (`demo.monitoring.seed_monitoring`)."""
    return (
        f"Monitoring ({elapsed:.1f} detik): {counts['rollups']} rekap indikator "
        f"{counts['first_year']}–{counts['last_year']} untuk {counts['governments']} pemerintah "
        f"daerah dari riwayat {counts['skps']} SKP ({counts['assessments']} penilaian tahunan), "
        f"{counts['jp_records']} catatan JP, {counts['responses']} responden dan "
        f"{counts['visits']} kunjungan ({counts['service_units']} unit layanan baru); dampak "
        f"tertanam di {counts['treated']} OPD program tahun {counts['last_year']}: predikat "
        f"Baik ke atas {_signed(monitoring.PLANTED_PREDIKAT_GOOD)} poin, IKM "
        f"{_signed(monitoring.PLANTED_IKM)}, waktu layanan "
        f"{_signed(monitoring.PLANTED_SERVICE_MINUTES)} menit, JP "
        f"{_signed(monitoring.PLANTED_JP_MEAN)} per ASN."
    )


class Command(BaseCommand):
    help = (
        "Isi basis data dengan data demo Gorontalo yang realistis dan deterministik "
        "(7 pemerintah daerah, OPD, unit, jabatan, ASN, dan akun demo untuk setiap peran)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--asn", type=int, default=2000, help="jumlah ASN (min. 100)")
        parser.add_argument("--seed", type=int, default=2026, help="benih acak (sama → data sama)")
        parser.add_argument(
            "--if-empty", action="store_true", help="tidak melakukan apa pun bila sudah ada ASN"
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="hapus dulu seluruh registri (unit, jabatan, ASN) dan akun demo; hanya DEBUG",
        )

    def handle(self, *args, asn, seed, if_empty, reset, **options):
        if asn < MIN_ASN:
            raise CommandError(f"--asn minimal {MIN_ASN}.")
        if reset:
            if not settings.DEBUG:
                raise CommandError("--reset hanya boleh di lingkungan pengembangan (DEBUG=true).")
            try:
                with transaction.atomic():
                    satisfaction_reset()
                    counts = demo_reset()
            except ProtectedError as exc:
                raise CommandError(f"Data lain masih merujuk registri: {exc}") from exc
            self.stdout.write(
                f"Dihapus: {counts['employees']} ASN, {counts['units']} unit, "
                f"{counts['users']} akun demo."
            )
        if Employee.objects.exists() or OrgUnit.objects.exists():
            if if_empty:
                self.stdout.write("Registri sudah berisi data; seed_demo dilewati (--if-empty).")
                logins = self.existing_logins()
                if logins:
                    self.print_logins(logins)
                return
            raise CommandError(
                "Registri tidak kosong. Gunakan --if-empty untuk melewati, atau --reset "
                "(DEBUG) untuk menghapus dan mengisi ulang."
            )
        taken = list(
            User.objects.filter(username__in=data.DEMO_USERNAMES).values_list("username", flat=True)
        )
        if taken:
            raise CommandError(f"Akun demo sudah ada: {', '.join(taken)}.")

        started = time.monotonic()
        with transaction.atomic():
            result = seed_demo(asn=asn, seed=seed)
            survey_started = time.monotonic()
            survey = seed_satisfaction(seed=seed)
            survey_elapsed = time.monotonic() - survey_started
            # Last: the history of the rollups reads every other module's data, the survey's too.
            monitoring_started = time.monotonic()
            result.monitoring = monitoring.seed_monitoring(seed=seed)
            monitoring_elapsed = time.monotonic() - monitoring_started
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dibuat dalam {elapsed:.1f} detik: {result.units} unit, "
                f"{result.positions} jabatan, {result.employees} ASN "
                f"({result.pppk} PPPK), seed {seed}."
            )
        )
        if result.performance:
            perf = result.performance
            self.stdout.write(
                "Kinerja: "
                f"{perf['skps']} SKP, {perf['realisations']} realisasi, "
                f"{perf['check_ins']} dialog kinerja, {perf['assessments']} penilaian, "
                f"{perf['follow_ups']} tindak lanjut."
            )
        if result.trainings:
            tr = result.trainings
            self.stdout.write(
                f"Pelatihan: {tr['institutions']} lembaga, {tr['programs']} program, "
                f"{tr['batches']} angkatan, {tr['enrolments']} peserta, "
                f"{tr['certificates']} sertifikat, "
                f"{tr['jp_batch'] + tr['jp_records']} catatan JP."
            )
        if result.competencies:
            comp = result.competencies
            self.stdout.write(
                f"Kompetensi: {comp['standards']} standar kompetensi jabatan "
                f"({comp['technical']} kompetensi teknis), {comp['assessments']} hasil penilaian "
                f"untuk {comp['assessed']} ASN, {comp['potentials']} penilaian potensial, "
                f"{comp.get('plans', 0)} IDP akun demo asn."
            )
        if result.mentoring:
            men = result.mentoring
            self.stdout.write(
                f"Mentoring: {men['cycles']} siklus, {men['offers']} mentor, "
                f"{men['pairs']} pasangan ({men['active']} aktif, {men['inactive']} tidak aktif), "
                f"{men['sessions']} sesi ({men['awaiting']} menunggu konfirmasi), "
                f"{men['jp_records']} catatan JP."
            )
        if result.programs:
            pro = result.programs
            self.stdout.write(
                f"Program: {pro['programs']} program, {pro['phases']} tahap, {pro['units']} unit, "
                f"{pro['events']} sosialisasi ({pro['attendance']} hadir), "
                f"{pro['responses']} jawaban kesiapan ({pro['barriers']} unit dengan titik "
                f"hambatan), {pro['actions']} aksi dukungan ({pro['open_actions']} terbuka), "
                f"{pro['cases']} kasus koordinasi ({pro['resolved']} selesai)."
            )
        if result.budgets:
            bud = result.budgets
            self.stdout.write(
                f"Anggaran: {bud['lines']} baris, {bud['entries']} realisasi, "
                f"{bud['published']} tahun terbit ({bud['undocumented']} realisasi tanpa "
                f"dokumen, {bud['overrides']} melebihi pagu menunggu tinjauan, "
                f"{bud['revisions']} revisi pagu, {bud['reversals']} koreksi)."
            )
        self.stdout.write(
            f"Survei kepuasan ({survey_elapsed:.1f} detik): {survey['service_units']} unit "
            f"layanan, {survey['services']} jenis layanan, {survey['periods']} periode, "
            f"{survey['responses']} responden ({survey['flagged']} ditandai), "
            f"{survey['visits']} kunjungan, {survey['days']} rekap harian waktu layanan."
        )
        if result.monitoring:
            self.stdout.write(monitoring_line(result.monitoring, monitoring_elapsed))
        self.print_logins(result.logins)

    def existing_logins(self) -> list[tuple[str, str, str]]:
        """The demo logins already in the database, to print them again on a restart."""
        rows = []
        users = User.objects.filter(username__in=data.DEMO_USERNAMES).prefetch_related(
            "role_assignments__scope"
        )
        by_name = {user.username: user for user in users}
        for username in data.DEMO_USERNAMES:
            user = by_name.get(username)
            if user is None:
                continue
            roles = [a.get_role_display() for a in user.role_assignments.all()]
            scopes = [str(a.scope or a.institution or "") for a in user.role_assignments.all()]
            employee = Employee.objects.filter(user=user).first()
            if user.is_superuser:
                roles.insert(0, "Superuser")
            if employee is not None:
                if employee.subordinates.exists():
                    roles.append("Atasan")
                roles.append("ASN")
                scopes.append(employee.full_name)
            rows.append(
                (username, ", ".join(str(r) for r in roles), ", ".join(filter(None, scopes)))
            )
        return rows

    def print_logins(self, logins):
        rows = [("Username", "Peran", "Cakupan"), *logins]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        line = f"+-{'-' * widths[0]}-+-{'-' * widths[1]}-+-{'-' * 40}"
        self.stdout.write("")
        self.stdout.write(
            f"Akun demo — kata sandi untuk semua: {data.DEMO_PASSWORD}  "
            "(HANYA untuk demo; jangan dipakai di server produksi)"
        )
        self.stdout.write(line)
        for i, (username, role, scope) in enumerate(rows):
            self.stdout.write(f"| {username:<{widths[0]}} | {role:<{widths[1]}} | {scope}")
            if i == 0:
                self.stdout.write(line)
        self.stdout.write(line)
