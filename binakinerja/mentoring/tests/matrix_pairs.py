"""Permission-matrix rows of views/pairs.py; the app's one matrix (test_permission_matrix.py)
lists them under its heading. World: binakinerja/mentoring/testing.py."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}


def _url(name, *args):
    return lambda w: reverse(f"mentoring:{name}", args=[a(w) if callable(a) else a for a in args])


PAIRS_ROWS = []
