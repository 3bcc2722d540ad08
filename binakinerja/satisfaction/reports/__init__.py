"""The Laporan Survei Kepuasan Masyarakat of a survey period (PDF, in the outline of
PermenPANRB 14/2017) and its raw anonymous data with the report's figures (XLSX). Both are
official documents in Bahasa Indonesia whatever the reader's language, built on the document
toolkit (core/documents.py).

Every figure comes from `results.period_results` (NRR, IKM, mutu: the rules of rules.py) or
from the grouped queries of `data.report_data` (answer counts per value, channels, dates);
nothing is recomputed by hand. `data` holds the figures, `pdf` the report, `xlsx` the workbook.
"""

from binakinerja.satisfaction.reports.data import (
    ReportData,
    band_rows,
    period_name,
    redact,
    report_data,
    suggestion_themes,
)
from binakinerja.satisfaction.reports.pdf import period_report, period_report_pdf, sample_caveat
from binakinerja.satisfaction.reports.xlsx import period_data_xlsx

__all__ = [
    "ReportData",
    "band_rows",
    "period_data_xlsx",
    "period_name",
    "period_report",
    "period_report_pdf",
    "redact",
    "report_data",
    "sample_caveat",
    "suggestion_themes",
]
