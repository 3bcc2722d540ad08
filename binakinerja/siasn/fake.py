"""A local fake of BKN's SIASN API gateway, for tests and the demo: a small WSGI app served on
127.0.0.1 in a thread (`running_fake()`), or in the foreground by `manage.py siasn_fake`.

It answers as SIASN does (see `client.py`): tokens from `/oauth2/token` (basic auth of the
consumer key and secret) and `/sso/token` (password grant), both checked on every API call
(`Authorization: Bearer …`, `Auth: bearer …`); `GET /apisiasn/1.0/pns/data-utama/{nip}`;
`POST /apisiasn/1.0/{skp22,kursus,diklat}/save` — required fields and their types and codes
checked, a new id in `mapData` on success, `{"success": false, "message": …}` on a bad payload.
It is a stand-in for the remote service (our code talks to it over HTTP), not a mock of our
own code. It keeps what it received (`FakeSiasn.saved`) and counts token requests.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import threading
import uuid
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

API = "/apisiasn/1.0/"
DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")
NIP = re.compile(r"^\d{18}$")

SKP22 = {
    "tahun": int, "hasilKinerjaNilai": int, "perilakuKerjaNilai": int,
    "kuadranKinerjaNilai": int, "penilaiNipNrp": str, "penilaiNama": str,
    "penilaiGolongan": str, "penilaiJabatan": str, "penilaiUnorNama": str,
    "statusPenilai": str, "pnsDinilaiOrang": str,
}  # fmt: skip
KURSUS = {
    "instansiId": str, "institusiPenyelenggara": str, "jenisDiklatId": str,
    "jenisKursusSertipikat": str, "jumlahJam": int, "namaKursus": str, "pnsOrangId": str,
    "tahunKursus": int, "tanggalKursus": str, "tanggalSelesaiKursus": str,
}  # fmt: skip
DIKLAT = {
    "institusiPenyelenggara": str, "jumlahJam": int, "latihanStrukturalId": str,
    "nomor": str, "pnsOrangId": str, "tahun": int, "tanggal": str, "tanggalSelesai": str,
}  # fmt: skip


def _problems(kind: str, body: dict) -> list[str]:
    """What SIASN would refuse in `body`, in its own words (Indonesian)."""
    required = {"skp22": SKP22, "kursus": KURSUS, "diklat": DIKLAT}[kind]
    problems = []
    for field, kind_of in required.items():
        value = body.get(field)
        if value in (None, ""):
            problems.append(f"{field} wajib diisi")
        elif not isinstance(value, kind_of) or isinstance(value, bool):
            problems.append(f"{field} harus bertipe {'angka' if kind_of is int else 'teks'}")
    if problems:
        return problems
    if kind == "skp22":
        for field in ("hasilKinerjaNilai", "perilakuKerjaNilai"):
            if body[field] not in (1, 2, 3):
                problems.append(f"{field} tidak dikenal")
        if body["kuadranKinerjaNilai"] not in range(1, 6):
            problems.append("kuadranKinerjaNilai tidak dikenal")
        if not NIP.match(body["penilaiNipNrp"]):
            problems.append("penilaiNipNrp tidak valid")
        if not 2022 <= body["tahun"] <= 2100:
            problems.append("tahun tidak valid")
    elif kind == "kursus":
        if not body["jenisDiklatId"].isdigit() or not 1 <= int(body["jenisDiklatId"]) <= 25:
            problems.append("jenisDiklatId tidak dikenal")
        for field in ("tanggalKursus", "tanggalSelesaiKursus"):
            if not DATE.match(body[field]):
                problems.append(f"{field} harus berformat dd-mm-yyyy")
        if body["jumlahJam"] < 1:
            problems.append("jumlahJam minimal 1")
    else:
        if body["latihanStrukturalId"] not in [str(i) for i in range(1, 9)]:
            problems.append("latihanStrukturalId tidak dikenal")
        for field in ("tanggal", "tanggalSelesai"):
            if not DATE.match(body[field]):
                problems.append(f"{field} harus berformat dd-mm-yyyy")
    return problems


class FakeSiasn:
    """The fake service's state and WSGI app. `unknown_nips`: NIPs `pns/data-utama` does not
    know; `fail_next`: HTTP status to answer the next API call with (a gateway error)."""

    ID_KEYS = {"skp22": "rwSkp22Id", "kursus": "rwKursusId", "diklat": "rwDiklatId"}

    def __init__(self, *, consumer_key="demo-key", consumer_secret="demo-secret",  # noqa: S107
                 username="demo", password="demo", token_seconds=3600):  # noqa: S107  # fmt: skip
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.username, self.password = username, password
        self.token_seconds = token_seconds
        self.gateway_tokens: set[str] = set()
        self.sso_tokens: set[str] = set()
        self.token_requests = {"apim": 0, "sso": 0}
        self.saved: dict[str, dict] = {}  # id → {"kind", "body"}
        self.requests: list[tuple[str, str]] = []
        self.unknown_nips: set[str] = set()
        self.fail_next: int | None = None
        self._lock = threading.Lock()

    # --- WSGI ---------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        with self._lock:
            self.requests.append((method, path))
            status, body = self._route(environ, method, path)
        payload = json.dumps(body).encode()
        start_response(f"{status} {'OK' if status < 400 else 'ERROR'}",
                       [("Content-Type", "application/json"),
                        ("Content-Length", str(len(payload)))])  # fmt: skip
        return [payload]

    def _body(self, environ) -> bytes:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return environ["wsgi.input"].read(length) if length else b""

    def _route(self, environ, method, path):
        if method == "POST" and path == "/oauth2/token":
            return self._gateway_token(environ)
        if method == "POST" and path == "/sso/token":
            return self._sso_token(environ)
        if not path.startswith(API):
            return 404, {"message": "not found"}
        if not self._authorised(environ):
            return 401, {"code": 900901, "message": "Invalid Credentials",
                         "description": "Access failure for API"}  # fmt: skip
        if self.fail_next:
            status, self.fail_next = self.fail_next, None
            return status, {"message": "Internal Server Error"}
        route = path[len(API) :]
        if method == "GET" and route.startswith("pns/data-utama/"):
            nip = route.rsplit("/", 1)[-1]
            if not NIP.match(nip) or nip in self.unknown_nips:
                return 200, {"code": 0, "data": "Data tidak ditemukan"}
            return 200, {"code": 1, "data": {"id": str(uuid.uuid5(uuid.NAMESPACE_OID, nip)),
                                             "nipBaru": nip}}  # fmt: skip
        kind = route.removesuffix("/save")
        if method == "POST" and kind in self.ID_KEYS:
            return self._save(kind, self._body(environ))
        return 404, {"message": "not found"}

    def _gateway_token(self, environ):
        self.token_requests["apim"] += 1
        expected = base64.b64encode(f"{self.consumer_key}:{self.consumer_secret}".encode())
        form = parse_qs(self._body(environ).decode())
        if (environ.get("HTTP_AUTHORIZATION", "") != f"Basic {expected.decode()}"
                or form.get("grant_type") != ["client_credentials"]):  # fmt: skip
            return 401, {"error": "invalid_client",
                         "error_description": "Client Authentication failed."}  # fmt: skip
        token = uuid.uuid4().hex
        self.gateway_tokens.add(token)
        return 200, {"access_token": token, "scope": "default", "token_type": "Bearer",
                     "expires_in": self.token_seconds}  # fmt: skip

    def _sso_token(self, environ):
        self.token_requests["sso"] += 1
        form = {k: v[0] for k, v in parse_qs(self._body(environ).decode()).items()}
        if (form.get("grant_type") != "password" or form.get("username") != self.username
                or form.get("password") != self.password):  # fmt: skip
            return 401, {"error": "invalid_grant",
                         "error_description": "Invalid user credentials"}  # fmt: skip
        token = uuid.uuid4().hex
        self.sso_tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer",
                     "expires_in": self.token_seconds}  # fmt: skip

    def _authorised(self, environ) -> bool:
        gateway = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
        sso = environ.get("HTTP_AUTH", "").removeprefix("bearer ")
        return gateway in self.gateway_tokens and sso in self.sso_tokens

    def _save(self, kind: str, raw: bytes):
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            return 400, {"success": False, "message": "Format JSON tidak valid"}
        if not isinstance(body, dict):
            return 400, {"success": False, "message": "Format JSON tidak valid"}
        problems = _problems(kind, body)
        if problems:
            return 200, {"success": False, "code": 0, "message": "; ".join(problems),
                         "mapData": None}  # fmt: skip
        record_id = body.get("id") or str(uuid.uuid4())
        self.saved[record_id] = {"kind": kind, "body": body}
        return 200, {"success": True, "code": 1, "message": "success",
                     "mapData": {self.ID_KEYS[kind]: record_id}}  # fmt: skip


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the test output stays clean
        pass


@contextlib.contextmanager
def running_fake(fake: FakeSiasn | None = None, *, port: int = 0):
    """Serve `fake` on 127.0.0.1 (a free port unless given) in a thread; yields
    (fake, base address such as "http://127.0.0.1:54321")."""
    fake = fake or FakeSiasn()
    server = make_server("127.0.0.1", port, fake, server_class=WSGIServer,
                         handler_class=_QuietHandler)  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def settings_for(base: str, fake: FakeSiasn) -> dict:
    """The SIASN_* settings that point the adapter at a running fake."""
    return {
        "SIASN_URL": f"{base}{API.rstrip('/')}", "SIASN_TOKEN_URL": f"{base}/oauth2/token",
        "SIASN_SSO_URL": f"{base}/sso/token", "SIASN_CONSUMER_KEY": fake.consumer_key,
        "SIASN_CONSUMER_SECRET": fake.consumer_secret, "SIASN_CLIENT_ID": "demo",
        "SIASN_USERNAME": fake.username, "SIASN_PASSWORD": fake.password,
        "SIASN_INSTANSI_ID": "A5EB03E23CCCF6A0E040640A040252AD",
    }  # fmt: skip
