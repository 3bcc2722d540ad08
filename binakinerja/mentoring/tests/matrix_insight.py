"""Permission-matrix rows of views/insight.py; the app's one matrix (test_permission_matrix.py)
lists them under its heading. World: binakinerja/mentoring/testing.py."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}


def _url(name, *args):
    return lambda w: reverse(f"mentoring:{name}", args=[a(w) if callable(a) else a for a in args])


# Aggregates: who reads a unit's figures (pimpinan masked); operators only inside their OPD.
AGGREGATE_START = {**ANON, "superadmin": 302, "admin": 302, "operator_a": 302,
                   "operator_b": 302, "pimpinan": 302}  # fmt: skip
PROVINCE = {**ANON, "superadmin": 200, "admin": 200, "pimpinan": 200, "operator_a": 404,
            "operator_b": 404}  # fmt: skip
DINKES = {**ANON, "superadmin": 200, "admin": 200, "pimpinan": 200, "operator_a": 200,
          "operator_b": 404}  # fmt: skip
# Effectiveness: the coordinator (admin) and who may coordinate the province's cycle; its
# mentor and mentee see the cycle (403), everyone else does not (404).
EFFECTIVENESS = {**ANON, "superadmin": 200, "admin": 200, "mentor": 403, "asn_user": 403}
REFRESH = {**ANON, "superadmin": 302, "admin": 302, "mentor": 403, "asn_user": 403}


def _year(w):
    return w.cycle.year


INSIGHT_ROWS = [
    ("summary start", _url("summary_start"), "get", AGGREGATE_START, 403, None),
    ("summary province", _url("summary", lambda w: w.prov.pk, _year), "get", PROVINCE, 403,
     None),
    ("summary dinkes", _url("summary", lambda w: w.dinkes.pk, _year), "get", DINKES, 403, None),
    ("summary province csv", lambda w: _url("summary", w.prov.pk, _year(w))(w) + "?format=csv",
     "get", PROVINCE, 403, None),
    ("summary dinkes xlsx", lambda w: _url("summary", w.dinkes.pk, _year(w))(w) + "?format=xlsx",
     "get", DINKES, 403, None),
    ("effectiveness", _url("effectiveness", lambda w: w.cycle.pk), "get", EFFECTIVENESS, 404,
     None),
    ("effectiveness refresh", _url("effectiveness_refresh", lambda w: w.cycle.pk), "post",
     REFRESH, 404, None),
]  # fmt: skip
