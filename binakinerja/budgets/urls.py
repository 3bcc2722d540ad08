"""The budget pages (mounted at /anggaran/), one block per view module."""

from django.urls import path

from binakinerja.budgets.views import budget, exchange, lines

app_name = "budgets"

# The government's year, its settings and costs, the lists behind home tasks (views/budget.py).
urlpatterns = [
    path("", budget.index, name="index"),
    path("<int:pk>/<year:year>/", budget.year_page, name="year"),
    path("<int:pk>/<year:year>/pengaturan/", budget.year_settings, name="year_settings"),
    path("<int:pk>/<year:year>/biaya/", budget.costs, name="costs"),
    path("melebihi-pagu/", budget.overrides, name="overrides"),
    path("tanpa-dokumen/", budget.missing_documents, name="missing_documents"),
]

# Lines and their entries (views/lines.py).
urlpatterns += [
    path("<int:pk>/<year:year>/baris/baru/", lines.line_create, name="line_create"),
    path("baris/<int:pk>/", lines.line_detail, name="line_detail"),
    path("baris/<int:pk>/ubah/", lines.line_edit, name="line_edit"),
    path("baris/<int:pk>/pagu/", lines.pagu_revise, name="pagu_revise"),
    path("baris/<int:pk>/realisasi/", lines.realisation_post, name="realisation_post"),
    path("realisasi/<int:pk>/koreksi/", lines.realisation_reverse, name="realisation_reverse"),
    path("realisasi/<int:pk>/dokumen/", lines.document_attach, name="document_attach"),
    path("realisasi/<int:pk>/dokumen/unduh/", lines.document_download, name="document_download"),
    path("realisasi/<int:pk>/tinjau/", lines.override_review, name="override_review"),
]

# Imports (views/exchange.py).
urlpatterns += [
    path("<int:pk>/<year:year>/impor/baris/", exchange.lines_import, name="lines_import"),
    path(
        "<int:pk>/<year:year>/impor/realisasi/",
        exchange.realisations_import,
        name="realisations_import",
    ),
    path("impor/laporan-kesalahan/", exchange.import_errors, name="import_errors"),
]
