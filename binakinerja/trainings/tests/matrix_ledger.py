"""Permission-matrix rows of the JP ledger, 20 JP compliance, outside activities, the JP
conversion table and SIASN (views/ledger.py); the app's one matrix (test_permission_matrix.py)
lists them under its heading. In the training world the ASN (Dinkes puskesmas) has a JP record
and, here, an outside activity with evidence; the atasan leads the ASN; pimpinan reads the
province's aggregates only."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}
SEES_ASN = {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "atasan_user": 200,
            "asn_user": 200}  # fmt: skip
MANAGERS = {**ANON, "superadmin": 200, "admin": 200}
REGISTRY = {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200}


def _activity(w):
    """An outside activity of the ASN with evidence, awaiting recognition."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from binakinerja.trainings.models import OutsideActivity

    if getattr(w, "_activity", None) is None:
        activity = OutsideActivity(
            employee=w.asn, title="Seminar Gizi", organiser="Kemenkes", form_code="KL06",
            start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 1), minutes=180,
            status=OutsideActivity.Status.EVIDENCE,
        )  # fmt: skip
        activity.evidence.save("bukti.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        activity.save()
        w._activity = activity
    return w._activity


def _version(w):
    return {"version": _activity(w).version, "note": "Bukti kurang jelas", "jp": "4"}


def _url(name, *args):
    return lambda w: reverse(f"trainings:{name}", args=[a(w) if callable(a) else a for a in args])


def _pk(w):
    return _activity(w).pk


LEDGER_ROWS = [
    ("jp mine now", _url("jp_mine_now"), "get", ANON, 302, None),
    ("jp mine", _url("jp_mine", 2026), "get",
     {**ANON, "atasan_user": 200, "asn_user": 200}, 404, None),
    ("jp employee", _url("jp_employee", lambda w: w.asn.pk, 2026), "get", SEES_ASN, 404, None),
    ("jp compliance start", _url("jp_compliance_start"), "get",
     {**ANON, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 302,
      "pimpinan": 302}, 403, None),
    ("jp compliance province", _url("jp_compliance", lambda w: w.prov.pk, 2026), "get",
     {**ANON, "superadmin": 200, "admin": 200, "pimpinan": 200, "operator_a": 404,
      "operator_b": 404}, 403, None),
    ("jp compliance dinkes", _url("jp_compliance", lambda w: w.dinkes.pk, 2026), "get",
     {**ANON, "superadmin": 200, "admin": 200, "pimpinan": 200, "operator_a": 200,
      "operator_b": 404}, 403, None),
    ("jp compliance export", lambda w: reverse("trainings:jp_compliance",
                                               args=[w.dinkes.pk, 2026]) + "?format=csv", "get",
     {**ANON, "superadmin": 200, "admin": 200, "pimpinan": 200, "operator_a": 200,
      "operator_b": 404}, 403, None),
    ("outside new", _url("outside_new"), "get",
     {**ANON, "atasan_user": 200, "asn_user": 200}, 403, None),
    ("outside new post", _url("outside_new"), "post",
     {**ANON, "atasan_user": 200, "asn_user": 200}, 403, None),
    ("outside detail", _url("outside_detail", _pk), "get", SEES_ASN, 404, None),
    ("outside evidence", _url("outside_evidence", _pk), "post",
     {**ANON, "superadmin": 403, "admin": 403, "operator_a": 403, "atasan_user": 403,
      "asn_user": 302}, 404, _version),
    ("outside evidence download", _url("outside_evidence_download", _pk), "get", SEES_ASN, 404,
     None),
    ("outside recognise", _url("outside_recognise", _pk), "post",
     {**ANON, "superadmin": 302, "admin": 302, "operator_a": 403, "atasan_user": 403,
      "asn_user": 403}, 404, _version),
    ("outside reject", _url("outside_reject", _pk), "post",
     {**ANON, "superadmin": 302, "admin": 302, "operator_a": 403, "atasan_user": 403,
      "asn_user": 403}, 404, _version),
    ("outside withdraw", _url("outside_withdraw", _pk), "post",
     {**ANON, "superadmin": 403, "admin": 403, "operator_a": 403, "atasan_user": 403,
      "asn_user": 302}, 404, _version),
    ("outside inbox", _url("outside_inbox"), "get", MANAGERS, 403, None),
    ("jp conversion", _url("jp_conversion"), "get", MANAGERS, 403, None),
    ("jp conversion post", _url("jp_conversion"), "post",
     {**ANON, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"form_code": "NKL03", "minutes_per_jp": "60", "cap_jp": ""}),
    ("siasn export", _url("siasn_export", lambda w: w.dinkes.pk, 2026), "get",
     {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 404}, 403, None),
    ("siasn import", _url("siasn_import"), "get", REGISTRY, 403, None),
    ("siasn import post", _url("siasn_import"), "post", REGISTRY, 403, None),
    ("siasn import errors", _url("siasn_import_errors"), "post", REGISTRY, 403,
     lambda w: {"errors": "[]"}),
]  # fmt: skip
