import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests check results, never speed: on a busy 2-core CI machine Hypothesis' deadline
# and its "input generation is slow" health check fail tests that are right.
hypothesis_settings.register_profile(
    "binakinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("binakinerja")

# Tests run with production-like settings (DEBUG off): pyproject's [tool.pytest] env sets a
# throwaway SECRET_KEY before Django loads.


@pytest.fixture
def world(db):
    """Organisations, employees and a user for every role (binakinerja/core/testing.py)."""
    from binakinerja.core.testing import build_world

    return build_world()


@pytest.fixture(scope="session", autouse=True)
def _private_media_root(tmp_path_factory):
    """Uploaded files of the tests in a folder of their own per run and xdist worker: never
    the checkout's var/media, and two workers seeding demo receipts never race on a file."""
    from django.test import override_settings

    # The local signer's demo certificate too (binakinerja/signatures/testing.py makes one),
    # never the checkout's var/signing.
    media = override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        SIGNING_LOCAL_DIR=str(tmp_path_factory.mktemp("signing")),
    )
    media.enable()
    yield
    media.disable()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher; tests use a fast one so the suite stays quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # The test client speaks plain HTTP; production redirects to HTTPS.
    settings.SECURE_SSL_REDIRECT = False


# --- Browser tests --------------------------------------------------------------------------
# Debian's Chromium driven through Playwright (no browser downloads: `make browsers` installs it
# with apt). A missing browser is an error, never a skip, so CI cannot pass without them.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (per xdist worker)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}; install it with `make browsers` "
            "(apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, built while plain HTTP is in force.

    SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the server thread loads its
    middleware, so the per-test `_plain_http` override comes too late for this session-wide
    server. Depending on `django_db_setup` makes the server share the test database.
    """
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) on the live server, as an Indonesian user sees it.

    `live_server` brings `transactional_db`: the server thread must see committed data.
    Cookies keep their production Secure flag: Chromium accepts it on http://localhost.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",  # Accept-Language, as on the government's own machines
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    tab = context.new_page()
    # Broken scripts or missing static files fail the test even if its assertions pass.
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # So do scripts, styles or requests the Content-Security-Policy refused (settings.py).
    tab.on(
        "console",
        lambda m: (
            m.type == "error"
            and "Content Security Policy" in m.text
            and problems.append(f"CSP: {m.text}")
        ),
    )
    tab.on(
        "response",
        lambda r: (
            "/static/" in r.url and r.status >= 400 and problems.append(f"{r.status} {r.url}")
        ),
    )
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture(autouse=True)
def _default_language():
    """A request that switched to English must not leak into the next test in this thread."""
    from django.utils import translation

    yield
    translation.activate("id")
