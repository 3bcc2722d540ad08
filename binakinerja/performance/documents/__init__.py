"""The official documents of an SKP, built with the toolkit in `core.documents`: the SKP
itself (`skp.py`, PDF and XLSX in the same layout) and the evaluasi kinerja of a period
(`evaluation.py`). `identity.py` holds who was who: the identity blocks and the snapshot taken
when a period is assessed."""

from binakinerja.performance.documents.evaluation import evaluation_pdf
from binakinerja.performance.documents.skp import skp_pdf
from binakinerja.performance.documents.skp import skp_xlsx as skp_workbook

__all__ = ["evaluation_pdf", "skp_pdf", "skp_workbook"]
