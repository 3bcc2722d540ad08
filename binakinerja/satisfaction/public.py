"""The public survey form: its signed one-time token, the device fingerprint, the network
address signal, the abuse flags and the service that stores an online response.

Pure helpers (no database) come first so that the rules can be tested without a request; the
service at the end is the only writer. The POST path is kept to a handful of queries: it must
sustain hundreds of submissions per second.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    BlockedSubmission,
    ExtraAnswer,
    ExtraQuestion,
    Service,
    ServiceUnit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import ancestor_paths

TOKEN_SALT = "binakinerja.satisfaction.form-token"  # noqa: S105 (a namespace, not a secret)
DEVICE_SALT = "binakinerja.satisfaction.device"
ADDRESS_SALT = "binakinerja.satisfaction.address"
DEVICE_COOKIE = "bk_perangkat"
DEVICE_COOKIE_AGE = 365 * 24 * 3600
# A full form is a few KB; 2000 characters of suggestion in a non-Latin script, percent-encoded,
# take up to 18 KB (3-byte characters → 9 bytes each).
MAX_BODY_BYTES = 32 * 1024
MAX_FIELDS = 100

# Flag reasons are stored data that the operator reads in Indonesian, like the answers.
FLAG_HONEYPOT = "honeypot: kolom tersembunyi terisi"
FLAG_TOO_FAST = "dikirim terlalu cepat setelah formulir dibuka"
FLAG_DEVICE = "banyak kiriman dari satu perangkat"
FLAG_ADDRESS = "banyak kiriman dari satu alamat jaringan"
FLAG_BURST = "lonjakan kiriman"


# --- the language of the public pages ---------------------------------------------------------


def public_language(view):
    """Public pages speak Bahasa Indonesia unless the visitor chose English (the language
    cookie): many phones here are set to English, and Accept-Language would follow them."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return view(request, *args, **kwargs)

    return wrapper


# --- the form token --------------------------------------------------------------------------


class TokenError(Exception):
    """`kind` is "invalid" (forged, damaged, another unit's) or "expired"."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class FormToken:
    service_unit_id: int
    period_id: int
    nonce: str
    issued_at: int  # Unix seconds


def token_issue(service_unit_id: int, period_id: int, *, now: float) -> str:
    """A signed token for one form: unit, period, a one-time nonce and the time it was issued."""
    payload = [service_unit_id, period_id, secrets.token_hex(16), int(now)]
    return signing.Signer(salt=TOKEN_SALT).sign_object(payload)


def token_read(token: str, *, service_unit_id: int, now: float, max_age: float) -> FormToken:
    """The token's content, or TokenError when it is forged, for another unit, or too old."""
    try:
        payload = signing.Signer(salt=TOKEN_SALT).unsign_object(token or "")
        unit_id, period_id, nonce, issued_at = payload
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenError("invalid") from None
    if (
        not isinstance(unit_id, int)
        or not isinstance(period_id, int)
        or not isinstance(nonce, str)
        or len(nonce) != 32
        or not isinstance(issued_at, int)
    ):
        raise TokenError("invalid")
    if unit_id != service_unit_id:
        raise TokenError("invalid")
    if now - issued_at > max_age:
        raise TokenError("expired")
    return FormToken(unit_id, period_id, nonce, issued_at)


def token_max_age() -> float:
    return settings.SATISFACTION_TOKEN_MAX_AGE_HOURS * 3600


# --- the device and the request ---------------------------------------------------------------


def new_device_id() -> str:
    return secrets.token_urlsafe(16)


def device_hash(device_id: str, ip: str, user_agent: str) -> str:
    """A salted SHA-256 of cookie + address + browser: counts a device without naming it."""
    return salted_hmac(
        DEVICE_SALT, f"{device_id}\n{ip}\n{user_agent}", algorithm="sha256"
    ).hexdigest()


def device_hash_of(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the sender wants it to be.
    return device_hash(
        request.COOKIES.get(DEVICE_COOKIE, "")[:64],
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def address_key(ip: str) -> str:
    """The part of a client address that names one network: an IPv4 address whole, an IPv6
    address by its /64 prefix (a phone picks new low 64 bits at will, the prefix stays). An
    IPv4-mapped IPv6 address is its IPv4 address; anything unreadable is kept as given."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip.strip()
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def address_hash(ip: str, *, day: dt.date) -> str:
    """A keyed SHA-256 of the client's network (see `address_key`) that changes every day.

    The key derives from SECRET_KEY and the day, so the same address gives a different hash
    tomorrow: responses of different days cannot be linked by it, and the raw address is never
    stored. Offices and schools share one address, so this signal only flags (never refuses)."""
    return salted_hmac(
        f"{ADDRESS_SALT}:{day.isoformat()}", address_key(ip), algorithm="sha256"
    ).hexdigest()


def address_hash_of(request, *, day: dt.date) -> str:
    # REMOTE_ADDR only, as for the device: X-Forwarded-For is whatever the sender wants it to be.
    return address_hash(request.META.get("REMOTE_ADDR", ""), day=day)


def body_too_large(content_length: str | None) -> bool:
    """True when the declared body exceeds MAX_BODY_BYTES or cannot be read as a size."""
    if not content_length:
        return False
    try:
        size = int(content_length)
    except ValueError:
        return True
    return size < 0 or size > MAX_BODY_BYTES


# --- flags -----------------------------------------------------------------------------------


def submission_flags(*, honeypot: str, issued_at: int, now: float, min_seconds: float) -> list[str]:
    """Reasons known before the database is asked: the honeypot and a form sent back too fast."""
    flags = []
    if honeypot.strip():
        flags.append(FLAG_HONEYPOT)
    if now - issued_at < min_seconds:
        flags.append(FLAG_TOO_FAST)
    return flags


def rate_decision(
    *, device_count: int, address_count: int, burst_count: int, soft: int, hard: int,
    address_soft: int, burst: int,
) -> tuple[bool, list[str]]:  # fmt: skip
    """(refused, flags) from this device's and this address's responses to the unit in the last
    hour and the unit's online responses in the last minute (the new one not included).

    Only the device can be refused: an address is shared by a whole office or school, and a
    fresh cookie makes a fresh device, so beyond `address_soft` the response is kept but flagged
    for the operator's review (it does not count in the IKM until accepted)."""
    if device_count >= hard:
        return True, []
    flags = []
    if device_count >= soft:
        flags.append(FLAG_DEVICE)
    if address_count >= address_soft:
        flags.append(FLAG_ADDRESS)
    if burst_count >= burst:
        flags.append(FLAG_BURST)
    return False, flags


def period_accepts(period: SurveyPeriod | None, today: dt.date) -> bool:
    return period is not None and period.is_open and period.starts_on <= today <= period.ends_on


# --- reads -----------------------------------------------------------------------------------
# Every form request needs the unit, its open period, its services and the extra questions.
# On the survey's hot path these are two fixed SQL statements (portable: SQLite and PostgreSQL)
# instead of four ORM queries: building the ORM queries cost more than running them.

_UNIT_SQL = """
SELECT s.id, s.annual_users, o.id, o.name, o.path, o.kind,
       p.id, p.year, p.kind, p.number, p.starts_on, p.ends_on
FROM {service_unit} s
JOIN {orgunit} o ON o.id = s.unit_id
LEFT JOIN {period} p ON p.service_unit_id = s.id AND p.status = %s
WHERE s.public_code = %s AND s.is_active = %s AND o.is_active = %s
"""

_CHOICES_SQL = """
SELECT 1, q.id, q.text, q.position FROM {question} q JOIN {orgunit} o ON o.id = q.unit_id
WHERE q.is_active = %s AND o.path IN ({paths})
UNION ALL
SELECT 2, v.id, v.name, 0 FROM {service} v WHERE v.service_unit_id = %s AND v.is_active = %s
"""


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _date(value) -> dt.date:
    # SQLite hands a raw cursor ISO strings, PostgreSQL dates.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def open_period_of_code(code: str) -> tuple[ServiceUnit | None, SurveyPeriod | None]:
    """(service unit with its OrgUnit, its open period or None) for a public code, in one query.

    The unit is None for an unknown code or an inactive unit (the page is then a 404). The
    instances carry only what the public pages use."""
    sql = _UNIT_SQL.format(
        service_unit=_table(ServiceUnit), orgunit=_table(OrgUnit), period=_table(SurveyPeriod)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SurveyPeriod.Status.OPEN.value, code, True, True])
        row = cursor.fetchone()
    if row is None:
        return None, None
    su_id, annual_users, ou_id, name, path, kind, p_id, year, p_kind, number, starts, ends = row
    org_unit = OrgUnit(id=ou_id, name=name, path=path, kind=kind, is_active=True)
    service_unit = ServiceUnit(
        id=su_id, unit=org_unit, public_code=code, annual_users=annual_users, is_active=True
    )
    if p_id is None:
        return service_unit, None
    period = SurveyPeriod(
        id=p_id, service_unit=service_unit, year=year, kind=p_kind, number=number,
        starts_on=_date(starts), ends_on=_date(ends), status=SurveyPeriod.Status.OPEN,
    )  # fmt: skip
    return service_unit, period


def form_choices_for(service_unit: ServiceUnit) -> tuple[list[ExtraQuestion], list[Service]]:
    """(active extra questions of the unit's OrgUnit and its ancestors, the unit's active
    services), in one query."""
    paths = ancestor_paths(service_unit.unit.path)
    sql = _CHOICES_SQL.format(
        question=_table(ExtraQuestion), orgunit=_table(OrgUnit), service=_table(Service),
        paths=", ".join(["%s"] * len(paths)),
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, *paths, service_unit.pk, True])
        rows = cursor.fetchall()
    questions = sorted(
        (ExtraQuestion(id=pk, text=text, position=position) for kind, pk, text, position in rows
         if kind == 1),
        key=lambda q: (q.position, q.pk),
    )  # fmt: skip
    services = sorted(
        (Service(id=pk, name=text, service_unit=service_unit) for kind, pk, text, _ in rows
         if kind == 2),
        key=lambda v: (v.name.casefold(), v.pk),
    )  # fmt: skip
    return questions, services


# --- the service -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """`kind`: "stored" (see `response`), "blocked" (hard limit) or "replay" (nonce used)."""

    kind: str
    response: SurveyResponse | None = None


ANSWER_FIELDS = (*ELEMENT_FIELDS, "visit_date")
TEXT_FIELDS = ("sex", "age_band", "education", "occupation", "suggestion")


# The three counts in one round trip: each stops at the limit it is compared with, so a
# flood costs no more to count than a quiet day. Table names come from the models.
_COUNTS_SQL = """
SELECT
  (SELECT COUNT(*) FROM (
     SELECT 1 FROM {response} r JOIN {period} p ON p.id = r.period_id
     WHERE r.device_hash = %s AND r.submitted_at >= %s AND p.service_unit_id = %s
     LIMIT %s) d),
  (SELECT COUNT(*) FROM (
     SELECT 1 FROM {response} r JOIN {period} p ON p.id = r.period_id
     WHERE r.address_hash = %s AND r.submitted_at >= %s AND p.service_unit_id = %s
     LIMIT %s) a),
  (SELECT COUNT(*) FROM (
     SELECT 1 FROM {response} r
     WHERE r.period_id = %s AND r.submitted_at >= %s AND r.source = %s
     LIMIT %s) b)
"""


@dataclass(frozen=True)
class RecentCounts:
    device: int  # this device's responses to the unit in the last hour
    address: int  # this address's responses to the unit in the last hour
    burst: int  # the period's online responses in the last minute


def recent_counts(
    *, service_unit_id: int, period_id: int, device_hash: str, address_hash: str,
    now: dt.datetime,
) -> RecentCounts:  # fmt: skip
    """The recent responses the limits look at, each counted up to its limit."""
    ops = connection.ops
    sql = _COUNTS_SQL.format(
        response=ops.quote_name(SurveyResponse._meta.db_table),
        period=ops.quote_name(SurveyPeriod._meta.db_table),
    )
    hour_ago = ops.adapt_datetimefield_value(now - dt.timedelta(hours=1))
    params = [
        device_hash, hour_ago, service_unit_id, settings.SATISFACTION_DEVICE_HARD_LIMIT,
        address_hash, hour_ago, service_unit_id, settings.SATISFACTION_ADDRESS_SOFT_LIMIT,
        period_id, ops.adapt_datetimefield_value(now - dt.timedelta(minutes=1)),
        SurveyResponse.Source.ONLINE.value, settings.SATISFACTION_BURST_PER_MINUTE,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        device_count, address_count, burst_count = cursor.fetchone()
    return RecentCounts(device_count, address_count, burst_count)


def _hour_of(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


@transaction.atomic
def response_submit_online(
    *,
    service_unit: ServiceUnit,
    period: SurveyPeriod,
    cleaned_data: dict,
    extra_answers: dict[int, str],
    nonce: str,
    device_hash: str,
    address_hash: str,
    flags: list[str],
) -> Outcome:
    """Store one online response with its extra answers, applying the per-device limit, the
    per-address soft limit and the burst check. A replayed nonce raises IntegrityError (see
    response_submit_or_replay).

    `cleaned_data` holds ANSWER_FIELDS, TEXT_FIELDS (answers 1–4 or None) and "service" (an
    id of one of the unit's active services, or None); `extra_answers`
    maps question ids to non-empty texts. Anonymous submissions are not audited: they are the
    survey data itself, and the operator's review (status, flag reason) is their trail.
    """
    now = timezone.now()
    counts = recent_counts(
        service_unit_id=service_unit.pk, period_id=period.pk, device_hash=device_hash,
        address_hash=address_hash, now=now,
    )  # fmt: skip
    refused, rate_flags = rate_decision(
        device_count=counts.device,
        address_count=counts.address,
        burst_count=counts.burst,
        soft=settings.SATISFACTION_DEVICE_SOFT_LIMIT,
        hard=settings.SATISFACTION_DEVICE_HARD_LIMIT,
        address_soft=settings.SATISFACTION_ADDRESS_SOFT_LIMIT,
        burst=settings.SATISFACTION_BURST_PER_MINUTE,
    )
    if refused:
        blocked, _created = BlockedSubmission.objects.get_or_create(
            service_unit=service_unit, device_hash=device_hash, hour=_hour_of(now)
        )
        BlockedSubmission.objects.filter(pk=blocked.pk).update(count=F("count") + 1)
        return Outcome("blocked")
    reasons = [*flags, *rate_flags]
    response = SurveyResponse.objects.create(
        period=period,
        source=SurveyResponse.Source.ONLINE,
        status=SurveyResponse.Status.FLAGGED if reasons else SurveyResponse.Status.VALID,
        flag_reason="; ".join(reasons)[:200],
        token_nonce=nonce,
        device_hash=device_hash,
        address_hash=address_hash,
        service_id=cleaned_data.get("service"),
        **{name: cleaned_data.get(name) for name in ANSWER_FIELDS},
        **{name: cleaned_data.get(name) or "" for name in TEXT_FIELDS},
    )
    if extra_answers:
        ExtraAnswer.objects.bulk_create(
            ExtraAnswer(response=response, question_id=question_id, text=text)
            for question_id, text in extra_answers.items()
        )
    return Outcome("stored", response)


def response_submit_or_replay(**kwargs) -> Outcome:
    """`response_submit_online`, with a replayed nonce (the unique index refused the insert and
    the transaction was rolled back) reported as Outcome("replay") instead of an error."""
    try:
        return response_submit_online(**kwargs)
    except IntegrityError:
        if SurveyResponse.objects.filter(token_nonce=kwargs["nonce"]).exists():
            return Outcome("replay")
        raise
