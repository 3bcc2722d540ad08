"""Import of SIASN-style ASN lists (CSV or XLSX): upsert by NIP, all or nothing.

reading.py   file checks, encoding/separator/header detection, streaming rows
columns.py   SIASN column names and how a header cell is matched
cells.py     pure readers of cells (dates, gender, golongan, jabatan, kedudukan, education)
checking.py  pass 1: every row checked, one query per batch, nothing written
saving.py    pass 2: bulk writes with audit records (career history for changes), one transaction
service.py   `employee_import`, the one entry point (command, web task, benchmark)
report.py    the error report (row, column, value, reason) and its XLSX form
jobs.py      web uploads as `ImportJob`s run by a background task
"""
