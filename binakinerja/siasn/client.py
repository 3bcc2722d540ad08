"""The adapter to BKN's SIASN API gateway, as open SIASN clients use it (black-coffee04/ws-siasn-php
`Resources/Authentication.php` and `Config.php`, kanekescom/laravel-siasn-api `Credentials/` and
`config/siasn-api.php`):

- a gateway (WSO2 API manager) token from `SIASN_TOKEN_URL`: POST `grant_type=client_credentials`
  with HTTP basic auth of the consumer key and secret;
- a user token from BKN's SSO (`SIASN_SSO_URL`, Keycloak): POST `grant_type=password`,
  `client_id`, `username`, `password`;
- every API call carries both: `Authorization: Bearer <gateway token>` and
  `Auth: bearer <SSO token>`. Both tokens are kept in Django's cache until shortly before they
  expire (`expires_in`), so a batch fetches each once; a 401 drops them and retries once.
- answers are JSON: `{"success": …, "message": …, "mapData": {"rwKursusId": …}}` on saves,
  `{"data": {"id": …}}` on `pns/data-utama/{nip}` (the PNS id SIASN's saves take).

Only the standard library (urllib): no new dependency. Every failure becomes a `SiasnError`
with a clear Indonesian message (the English msgid translated); `rejected` tells SIASN's refusal
of the data apart from the service being unreachable or misconfigured.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

TOKEN_MARGIN = 60  # seconds: a token is used until this long before it expires
PNS_ID_SECONDS = 30 * 24 * 3600  # a PNS's SIASN id does not change: keep it a month


class SiasnError(Exception):
    """A failed exchange with SIASN. `rejected`: SIASN answered and refused the data (the
    message is SIASN's own); otherwise the service could not be used (configuration, network,
    credentials, its own error)."""

    def __init__(self, message: str, *, rejected: bool = False, answer: str = ""):
        super().__init__(message)
        self.message = message
        self.rejected = rejected
        self.answer = answer


@dataclass(frozen=True)
class SiasnConfig:
    url: str
    token_url: str
    sso_url: str
    consumer_key: str
    consumer_secret: str
    client_id: str
    username: str
    password: str
    timeout: int = 30

    @classmethod
    def from_settings(cls) -> SiasnConfig:
        return cls(
            url=settings.SIASN_URL, token_url=settings.SIASN_TOKEN_URL,
            sso_url=settings.SIASN_SSO_URL, consumer_key=settings.SIASN_CONSUMER_KEY,
            consumer_secret=settings.SIASN_CONSUMER_SECRET, client_id=settings.SIASN_CLIENT_ID,
            username=settings.SIASN_USERNAME, password=settings.SIASN_PASSWORD,
            timeout=settings.SIASN_TIMEOUT,
        )  # fmt: skip

    @property
    def configured(self) -> bool:
        return all((self.url, self.token_url, self.sso_url, self.consumer_key,
                    self.consumer_secret, self.username, self.password))  # fmt: skip


def is_configured() -> bool:
    return SiasnConfig.from_settings().configured


def _checked_url(url: str) -> str:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise SiasnError(_("The SIASN address must start with https:// (or http://)."))
    return url


class SiasnClient:
    """Talks to one SIASN deployment (the real gateway, BKN's training gateway, or the local
    fake of `siasn/fake.py`)."""

    def __init__(self, config: SiasnConfig | None = None):
        self.config = config or SiasnConfig.from_settings()
        if not self.config.configured:
            raise SiasnError(_("The SIASN connection is not configured: set SIASN_URL, the "
                               "consumer key and secret and the SSO user."))  # fmt: skip
        # Cache keys name the deployment and the account, never a secret in clear.
        account = f"{self.config.token_url}|{self.config.consumer_key}|{self.config.username}"
        self._key = "siasn:" + hashlib.sha256(account.encode()).hexdigest()[:24]

    # --- HTTP ---------------------------------------------------------------------------------

    def _request(self, url: str, *, data: bytes | None = None, headers: dict | None = None,
                 method: str = "GET") -> tuple[int, dict]:  # fmt: skip
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked (_checked_url)
            _checked_url(url), data=data, headers={"Accept": "application/json", **(headers or {})},
            method=method,
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:  # noqa: S310
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except TimeoutError:
            raise SiasnError(_("SIASN did not answer within %(seconds)d seconds.")
                             % {"seconds": self.config.timeout}) from None  # fmt: skip
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            logger.warning("SIASN unreachable at %s: %s", urllib.parse.urlsplit(url).netloc,
                           reason)  # fmt: skip
            raise SiasnError(_("SIASN could not be reached (%(reason)s).")
                             % {"reason": reason}) from None  # fmt: skip
        text = body.decode("utf-8", errors="replace")
        try:
            parsed = json.loads(text) if text.strip() else {}
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            if status >= 500:
                raise SiasnError(_("SIASN answered with an error (HTTP %(status)d).")
                                 % {"status": status}, answer=text[:500])  # fmt: skip
            raise SiasnError(_("SIASN's answer could not be read (HTTP %(status)d).")
                             % {"status": status}, answer=text[:500])  # fmt: skip
        return status, parsed

    # --- tokens -------------------------------------------------------------------------------

    def _token(self, which: str, *, url: str, form: dict, basic: tuple[str, str] | None) -> str:
        key = f"{self._key}:{which}"
        token = cache.get(key)
        if token:
            return token
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if basic:
            pair = base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
            headers["Authorization"] = f"Basic {pair}"
        status, answer = self._request(url, data=urllib.parse.urlencode(form).encode(),
                                       headers=headers, method="POST")  # fmt: skip
        token = answer.get("access_token")
        if status >= 400 or not token:
            logger.warning("SIASN %s token refused: HTTP %s %s", which, status,
                           answer.get("error", ""))  # fmt: skip
            if which == "apim":
                message = _("SIASN refused the consumer key and secret (token of the API "
                            "gateway).")  # fmt: skip
            else:
                message = _("SIASN's SSO refused the user name and password.")
            raise SiasnError(message, answer=str(answer.get("error_description")
                                                 or answer.get("error") or "")[:500])  # fmt: skip
        try:
            expires_in = int(answer.get("expires_in") or 300)
        except (TypeError, ValueError):
            expires_in = 300
        cache.set(key, token, max(expires_in - TOKEN_MARGIN, 1))
        return token

    def gateway_token(self) -> str:
        basic = (self.config.consumer_key, self.config.consumer_secret)
        return self._token("apim", url=self.config.token_url,
                           form={"grant_type": "client_credentials"}, basic=basic)  # fmt: skip

    def sso_token(self) -> str:
        form = {"grant_type": "password", "client_id": self.config.client_id,
                "username": self.config.username, "password": self.config.password}  # fmt: skip
        return self._token("sso", url=self.config.sso_url, form=form, basic=None)

    def forget_tokens(self) -> None:
        cache.delete_many([f"{self._key}:apim", f"{self._key}:sso"])

    # --- API ------------------------------------------------------------------------------------

    def _api(self, path: str, *, body: dict | None = None) -> dict:
        url = f"{self.config.url.rstrip('/')}/{path.lstrip('/')}"
        data = json.dumps(body).encode() if body is not None else None
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.gateway_token()}",
                       "Auth": f"bearer {self.sso_token()}"}  # fmt: skip
            if data is not None:
                headers["Content-Type"] = "application/json"
            method = "POST" if data is not None else "GET"
            status, answer = self._request(url, data=data, headers=headers, method=method)
            if status == 401 and attempt == 1:
                self.forget_tokens()  # expired early or revoked: fetch new ones once
                continue
            break
        if status in (401, 403):
            raise SiasnError(_("SIASN refused access (HTTP %(status)d): check the account's "
                               "rights in SIASN.") % {"status": status},
                             answer=_message(answer))  # fmt: skip
        if status >= 500:
            raise SiasnError(_("SIASN answered with an error (HTTP %(status)d).")
                             % {"status": status}, answer=_message(answer))  # fmt: skip
        if status >= 400 or answer.get("success") is False or answer.get("code") == 0:
            message = _message(answer) or _("no reason given")
            raise SiasnError(_("SIASN refused the data: %(message)s") % {"message": message},
                             rejected=True, answer=message)  # fmt: skip
        return answer

    def pns_id(self, nip: str) -> str:
        """SIASN's id of the PNS with this NIP (`pns/data-utama/{nip}`), kept a month."""
        key = f"siasn:pns:{nip}"
        found = cache.get(key)
        if found:
            return found
        answer = self._api(f"pns/data-utama/{urllib.parse.quote(nip)}")
        data = answer.get("data")
        found = data.get("id") if isinstance(data, dict) else None
        if not found:
            raise SiasnError(_("SIASN does not know the NIP %(nip)s.") % {"nip": nip},
                             rejected=True, answer=_message(answer))  # fmt: skip
        cache.set(key, str(found), PNS_ID_SECONDS)
        return str(found)

    def save(self, endpoint: str, payload: dict, *, id_key: str = "") -> tuple[str, str]:
        """POST a payload to a `…/save` endpoint; (SIASN's record id, its message)."""
        answer = self._api(endpoint, body=payload)
        found = answer.get("mapData")
        if isinstance(found, dict):
            found = found.get(id_key) or next(
                (v for k, v in found.items() if k.lower().endswith("id") and v), None
            )
        found = found or answer.get("id") or ""
        return str(found), _message(answer) or "success"


def _message(answer: dict) -> str:
    message = answer.get("message") or answer.get("error_description") or answer.get("error")
    return str(message)[:1000] if message else ""
