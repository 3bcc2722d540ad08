"""Settings come from the environment and refuse bad values loudly (core/env.py); production
settings pass Django's deployment checklist; error pages reveal nothing."""

import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

from binakinerja.core.env import env_bool, env_int, env_list, env_str

# --- Typed readers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True), ("TRUE", True), ("1", True), ("yes", True), ("on", True), ("ya", True),
        (" true ", True), ("false", False), ("0", False), ("no", False), ("off", False),
        ("tidak", False), ("", False),
    ],
)  # fmt: skip
def test_env_bool_reads_true_and_false_words(raw, expected):
    assert env_bool("DEBUG", not expected, {"DEBUG": raw}) is expected


def test_env_bool_falls_back_to_default_when_unset():
    assert env_bool("DEBUG", True, {}) is True
    assert env_bool("DEBUG", False, {}) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "benar", "t r u e"])
def test_env_bool_refuses_other_words_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS must be a boolean"):
        env_bool("EMAIL_USE_TLS", False, {"EMAIL_USE_TLS": raw})


@pytest.mark.parametrize(("raw", "expected"), [("30", 30), (" 7 ", 7), ("0", 0), ("-3", -3)])
def test_env_int_reads_whole_numbers(raw, expected):
    assert env_int("EMAIL_PORT", 25, {"EMAIL_PORT": raw}) == expected


def test_env_int_falls_back_to_default_when_unset_or_blank():
    assert env_int("EMAIL_PORT", 25, {}) == 25
    assert env_int("EMAIL_PORT", 25, {"EMAIL_PORT": "  "}) == 25


@pytest.mark.parametrize("raw", ["abc", "1.5", "30m", "1e3"])
def test_env_int_refuses_non_numbers_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_MINUTES must be a whole number"):
        env_int("SESSION_IDLE_MINUTES", 30, {"SESSION_IDLE_MINUTES": raw})


def test_env_int_refuses_values_below_the_minimum():
    with pytest.raises(ImproperlyConfigured, match="AXES_FAILURE_LIMIT must be at least 1, got 0"):
        env_int("AXES_FAILURE_LIMIT", 5, {"AXES_FAILURE_LIMIT": "0"}, minimum=1)
    assert env_int("AXES_FAILURE_LIMIT", 5, {"AXES_FAILURE_LIMIT": "1"}, minimum=1) == 1


def test_env_list_splits_on_commas_and_drops_blanks():
    environ = {"ALLOWED_HOSTS": " bk.example.go.id, ,localhost,, "}
    assert env_list("ALLOWED_HOSTS", [], environ) == ["bk.example.go.id", "localhost"]
    assert env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": ""}) == []


def test_env_list_default_is_a_copy():
    default = ["127.0.0.1"]
    hosts = env_list("ALLOWED_HOSTS", default, {})
    hosts.append("evil.example")
    assert default == ["127.0.0.1"]


def test_env_str_returns_the_raw_value_or_default():
    assert env_str("LOG_LEVEL", "INFO", {"LOG_LEVEL": "DEBUG"}) == "DEBUG"
    assert env_str("LOG_LEVEL", "INFO", {}) == "INFO"


# --- The settings module in a fresh process ---------------------------------------------------


def _python(*args, env, tmp_path):
    """Run the project's Python with only `env` (plus PATH): nothing leaks in from pytest-env."""
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


IMPORT_SETTINGS = ("-c", "import binakinerja.settings")


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = _python(*IMPORT_SETTINGS, env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_debug_mode_starts_without_a_secret_key(tmp_path):
    result = _python(*IMPORT_SETTINGS, env={"DEBUG": "true"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


def _production_env(tmp_path):
    return {
        "SECRET_KEY": get_random_secret_key(),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "bk.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = _python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING",
        env=_production_env(tmp_path), tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_turn_on_https_and_hsts_for_a_year(tmp_path):
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'binakinerja.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG, "
        "'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)"
    )
    result = _python("-c", script, env=_production_env(tmp_path), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "False", "True"]


def test_bad_database_url_is_refused_without_echoing_the_password(tmp_path):
    env = {**_production_env(tmp_path), "DATABASE_URL": "postgres://bk:rahasia-db@db:port/bk"}
    result = _python(*IMPORT_SETTINGS, env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL is not a valid database URL" in result.stderr
    assert "rahasia-db" not in result.stderr


def test_unknown_database_scheme_is_refused(tmp_path):
    env = {**_production_env(tmp_path), "DATABASE_URL": "mongodb://db/bk"}
    result = _python(*IMPORT_SETTINGS, env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DATABASE_URL is not a valid database URL" in result.stderr


def test_non_numeric_session_idle_minutes_is_refused(tmp_path):
    env = {**_production_env(tmp_path), "SESSION_IDLE_MINUTES": "abc"}
    result = _python(*IMPORT_SETTINGS, env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES must be a whole number, got 'abc'" in result.stderr


# --- Error pages and anonymous access ---------------------------------------------------------

LEAKS = ("Traceback", "Django Version", "DEBUG = True", "settings.py", "URLconf", "Exception")


def _assert_reveals_nothing(page):
    for leak in LEAKS:
        assert leak not in page, f"error page shows {leak!r}"


def test_not_found_page_is_indonesian_and_reveals_nothing(client, world):
    client.force_login(world.operator_a)
    response = client.get(reverse("people:employee_detail", args=[world.teacher.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert 'lang="id"' in page
    assert "Halaman tidak ditemukan" in page
    assert world.teacher.name not in page
    _assert_reveals_nothing(page)


def test_unknown_address_gives_the_custom_not_found_page(client):
    response = client.get("/tidak-ada/../../etc/passwd")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page
    _assert_reveals_nothing(page)


def test_forbidden_page_is_indonesian_and_reveals_nothing(client, world):
    client.force_login(world.asn_user)
    response = client.get(reverse("people:employee_create"))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="id"' in page
    assert "Akses ditolak" in page
    _assert_reveals_nothing(page)


def test_anonymous_visit_to_registry_redirects_to_login(client, db):
    response = client.get("/asn/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/asn/"


def test_cache_url_shares_the_cache_through_redis(tmp_path):
    key = f"bk-settings-probe-{uuid.uuid4().hex}"
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'binakinerja.settings'; "
        "django.setup(); from django.core.cache import caches; cache = caches['default']; "
        f"cache.add({key!r}, 0, 60); print(type(cache).__name__, cache.incr({key!r}))"
    )
    env = {**_production_env(tmp_path), "CACHE_URL": "redis://127.0.0.1:6379/1"}
    first = _python("-c", script, env=env, tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    # A second process counts on from what the first one counted: one cache for all processes.
    second = _python("-c", script, env=env, tmp_path=tmp_path)
    assert first.stdout.split() == ["RedisCache", "1"]
    assert second.stdout.split() == ["RedisCache", "2"]


def test_a_cache_url_that_is_not_redis_is_refused(tmp_path):
    env = {**_production_env(tmp_path), "CACHE_URL": "memcached://127.0.0.1:11211"}
    result = _python(*IMPORT_SETTINGS, env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "CACHE_URL must be a Redis URL" in result.stderr
