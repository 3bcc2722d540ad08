"""The trainings pages (mounted at /pelatihan/), one block per area and its view module; the
public certificate verification lives in `urls_public.py`."""

from django.urls import path

from binakinerja.trainings.views import (
    attendance,
    batches,
    certificates,
    evaluation,
    programs,
    start,
)
from binakinerja.trainings.views import ledger as jp

app_name = "trainings"

urlpatterns = [path("", start.training_home, name="home")]

# Institutions, co-designed programs and the catalogue (views/programs.py).
urlpatterns += [
    path("katalog/", programs.catalogue, name="catalogue"),
    path("katalog/<int:pk>/", programs.catalogue_detail, name="catalogue_detail"),
    path("program/", programs.program_list, name="program_list"),
    path("program/baru/", programs.program_create, name="program_create"),
    path("program/<int:pk>/", programs.program_detail, name="program_detail"),
    path("program/<int:pk>/ubah/", programs.program_edit, name="program_edit"),
    path("program/<int:pk>/modul/", programs.module_add, name="module_add"),
    path("program/<int:pk>/kompetensi/", programs.target_add, name="target_add"),
    path("program/<int:pk>/ajukan/", programs.program_submit, name="program_submit"),
    path("program/<int:pk>/komentar/", programs.program_comment, name="program_comment"),
    path("program/<int:pk>/keputusan/", programs.program_decide, name="program_decide"),
    path("modul/<int:pk>/ubah/", programs.module_edit, name="module_edit"),
    path("modul/<int:pk>/hapus/", programs.module_remove, name="module_remove"),
    path("kompetensi-sasaran/<int:pk>/hapus/", programs.target_remove, name="target_remove"),
    path("lembaga/", programs.institution_list, name="institution_list"),
    path("lembaga/baru/", programs.institution_create, name="institution_create"),
    path("lembaga/<int:pk>/", programs.institution_detail, name="institution_detail"),
    path("lembaga/<int:pk>/ubah/", programs.institution_edit, name="institution_edit"),
    path("lembaga/<int:pk>/fasilitator/", programs.facilitator_add, name="facilitator_add"),
    path("fasilitator/<int:pk>/ubah/", programs.facilitator_edit, name="facilitator_edit"),
]

# Attendance by rotating QR and the L1–L3 evaluation (views/attendance.py, views/evaluation.py).
urlpatterns += [
    path("angkatan/<int:pk>/kehadiran/", attendance.batch_attendance, name="batch_attendance"),
    path("sesi/<int:pk>/kehadiran/", attendance.session_attendance, name="session_attendance"),
    path("sesi/<int:pk>/kehadiran/tutup/", attendance.session_attendance_close,
         name="session_attendance_close"),
    path("sesi/<int:pk>/qr/", attendance.session_qr_screen, name="session_qr_screen"),
    path("sesi/<int:pk>/qr/kode/", attendance.session_qr, name="session_qr"),
    path("hadir/<str:code>/", attendance.attendance_scan, name="attendance_scan"),
    path("angkatan/<int:pk>/evaluasi/", evaluation.batch_evaluation, name="batch_evaluation"),
    path("angkatan/<int:pk>/evaluasi/reaksi/", evaluation.reaction_form, name="reaction_form"),
    path("angkatan/<int:pk>/nilai/", evaluation.batch_scores, name="batch_scores"),
    path("angkatan/<int:pk>/nilai/impor/", evaluation.batch_scores_import,
         name="batch_scores_import"),
    path("nilai/impor/laporan/", evaluation.scores_import_errors, name="scores_import_errors"),
    path("fasilitator/<int:pk>/evaluasi/", evaluation.facilitator_evaluation,
         name="facilitator_evaluation"),
    path("evaluasi/", evaluation.evaluation_report, name="evaluation_report"),
    path("evaluasi/saya/", evaluation.my_evaluations, name="my_evaluations"),
    path("evaluasi/perilaku/<int:pk>/", evaluation.behaviour_survey, name="behaviour_survey"),
    path("evaluasi/usulan-asesmen/", evaluation.reassessment_list, name="reassessment_list"),
]  # fmt: skip

# Batches, nomination and enrolment (views/batches.py).
urlpatterns += [
    path("program/<int:pk>/angkatan/", batches.batch_list, name="batch_list"),
    path("program/<int:pk>/angkatan/baru/", batches.batch_create, name="batch_create"),
    path("angkatan/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("angkatan/<int:pk>/ubah/", batches.batch_edit, name="batch_edit"),
    path("angkatan/<int:pk>/status/", batches.batch_move, name="batch_move"),
    path("angkatan/<int:pk>/sesi/baru/", batches.session_edit, name="session_add"),
    path("angkatan/<int:pk>/sesi/<int:session_pk>/", batches.session_edit, name="session_edit"),
    path("sesi/<int:pk>/hapus/", batches.session_remove, name="session_remove"),
    path("angkatan/<int:pk>/kuota/", batches.quota_set, name="quota_set"),
    path("angkatan/<int:pk>/fasilitator/", batches.batch_facilitator, name="batch_facilitator"),
    path("angkatan/<int:pk>/biaya/", batches.cost_add, name="cost_add"),
    path("biaya/<int:pk>/hapus/", batches.cost_remove, name="cost_remove"),
    path(
        "angkatan/<int:pk>/peserta/unduh/", batches.participants_export, name="participants_export"
    ),
    path("angkatan/<int:pk>/usulan/<int:opd_pk>/", batches.nominate, name="nominate"),
    path(
        "angkatan/<int:pk>/usulan/<int:opd_pk>/impor/",
        batches.nominate_import,
        name="nominate_import",
    ),
    path("usulan/impor/laporan/", batches.nominate_error_report, name="nominate_error_report"),
    path("usulan/persetujuan/", batches.nomination_inbox, name="nomination_inbox"),
    path("peserta/<int:pk>/keputusan/", batches.enrolment_decide, name="enrolment_decide"),
    path("peserta/<int:pk>/tarik/", batches.enrolment_withdraw, name="enrolment_withdraw"),
]

# The JP ledger, 20 JP compliance, outside activities and SIASN (views/ledger.py).
urlpatterns += [
    path("jp/saya/", jp.jp_mine_now, name="jp_mine_now"),
    path("jp/saya/<year:year>/", jp.jp_mine, name="jp_mine"),
    path("jp/pegawai/<int:pk>/<year:year>/", jp.jp_employee, name="jp_employee"),
    path("jp/kepatuhan/", jp.jp_compliance_start, name="jp_compliance_start"),
    path("jp/kepatuhan/<int:unit_pk>/<year:year>/", jp.jp_compliance_view, name="jp_compliance"),
    path("jp/kegiatan-luar/baru/", jp.outside_new, name="outside_new"),
    path("jp/kegiatan-luar/<int:pk>/", jp.outside_detail, name="outside_detail"),
    path("jp/kegiatan-luar/<int:pk>/bukti/", jp.outside_evidence, name="outside_evidence"),
    path(
        "jp/kegiatan-luar/<int:pk>/bukti/unduh/",
        jp.outside_evidence_download,
        name="outside_evidence_download",
    ),  # fmt: skip
    path("jp/kegiatan-luar/<int:pk>/akui/", jp.outside_recognise, name="outside_recognise"),
    path("jp/kegiatan-luar/<int:pk>/kembalikan/", jp.outside_reject, name="outside_reject"),
    path("jp/kegiatan-luar/<int:pk>/tarik/", jp.outside_withdraw, name="outside_withdraw"),
    path("jp/pengakuan/", jp.outside_inbox, name="outside_inbox"),
    path("jp/konversi/", jp.conversion_view, name="jp_conversion"),
    path("jp/siasn/<int:unit_pk>/<year:year>/", jp.siasn_export, name="siasn_export"),
    path("jp/siasn/impor/", jp.siasn_import, name="siasn_import"),
    path("jp/siasn/impor/laporan/", jp.siasn_import_errors, name="siasn_import_errors"),
]

# Certificates (views/certificates.py; the public verification page is in urls_public.py).
urlpatterns += [
    path("sertifikat/", certificates.certificate_list, name="certificate_list"),
    path("sertifikat/saya/", certificates.certificate_mine, name="certificate_mine"),
    path(
        "sertifikat/<int:pk>/pdf/", certificates.certificate_download, name="certificate_download"
    ),  # fmt: skip
    path("sertifikat/<int:pk>/cabut/", certificates.certificate_revoke, name="certificate_revoke"),
    path(
        "angkatan/<int:pk>/sertifikat/", certificates.batch_certificates, name="batch_certificates"
    ),  # fmt: skip
    path(
        "angkatan/<int:pk>/sertifikat/buat/",
        certificates.batch_certificates_create,
        name="batch_certificates_create",
    ),  # fmt: skip
    path(
        "angkatan/<int:pk>/sertifikat/terbitkan/",
        certificates.batch_certificates_issue,
        name="batch_certificates_issue",
    ),  # fmt: skip
]
