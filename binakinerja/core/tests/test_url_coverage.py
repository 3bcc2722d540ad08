"""Every URL is in the permission matrix, by construction (SECURITY.md): walk the URL resolver
and fail on any URL name that no matrix row requests and that is not a public page below."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from binakinerja.core.testing import build_world
from binakinerja.core.tests.matrices import MATRICES, build_matrix_world, matrix_rows

# Pages outside the matrices, each with its reason.
PUBLIC = {
    # Signing in and out, and resetting a forgotten password: for people who are not (yet)
    # signed in; Django's own views, tested in accounts/tests/test_auth.py.
    "accounts:login": "the login form",
    "accounts:logout": "signs out whoever asks (POST); shows nothing",
    "accounts:password_reset": "asks for an e-mail address; says the same for any address",
    "accounts:password_reset_done": "a fixed message",
    "accounts:password_reset_confirm": "needs the one-time token from the e-mail",
    "accounts:password_reset_complete": "a fixed message",
    # Django's language switch (POST, then back to the page).
    "set_language": "stores the chosen language only",
    # Verification of a training certificate by its random code (128 bits, printed as a QR):
    # name, program, dates and valid / revoked only; unknown codes and drafts 404. Also
    # matrix rows (trainings/tests/matrix_certificates.py).
    "certificates:verify": "public by design: the QR on a printed certificate opens it",
}
# The Django admin checks its own permissions (is_staff, model permissions) and writes through
# the services or not at all (accounts/tests, people/tests test_admin); its ~140 generated URL
# names are left out as one namespace.
EXCLUDED_NAMESPACES = {"admin": "Django admin: its own permission checks"}


def url_names(resolver=None, namespace: tuple[str, ...] = ()) -> set[str]:
    """Every named URL, namespaced as `reverse` wants it (`performance:skp_detail`)."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(":".join(namespace + (pattern.name,)))
    return names


def names_in_matrices(world) -> set[str]:
    """The URL names the matrix rows request: each row's URL is built in its own world (rolled
    back afterwards) and resolved."""
    covered = set()
    rows = matrix_rows()
    for matrix, _module, _build in MATRICES:
        with transaction.atomic():
            w = build_matrix_world(matrix, SimpleNamespace(**vars(world)))
            for row in rows:
                if row.matrix != matrix:
                    continue
                try:
                    covered.add(resolve(urlsplit(row.url(w)).path).view_name)
                except Resolver404:
                    pass  # a row about a URL the converters refuse (a year out of range)
            transaction.set_rollback(True)
    return covered


def test_every_url_name_is_in_a_permission_matrix_or_public(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    every = url_names()
    assert "performance:skp_detail" in every and "survey:form" in every  # the walk works
    public_in_matrices = {n for n in every if n.startswith("survey:")}
    covered = names_in_matrices(build_world())
    missing = sorted(
        name
        for name in every - covered - set(PUBLIC)
        if name.split(":")[0] not in EXCLUDED_NAMESPACES
    )
    assert not missing, "URL names in no permission matrix: " + ", ".join(missing)
    assert public_in_matrices <= covered, "the public survey pages are matrix rows too"


def test_public_list_names_only_existing_urls():
    assert set(PUBLIC) <= url_names()
