"""A stand-in for BSrE's esign client service on 127.0.0.1, for the adapter's tests: it
checks the basic authentication and the form fields of `/api/sign/pdf`, then answers as BSrE
does — the signed PDF (signed here with the local test certificate), or a JSON error."""

from __future__ import annotations

import base64
import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from binakinerja.signatures.signers import Appearance, LocalPadesSigner
from binakinerja.signatures.testing import TEST_PASSPHRASE

USERNAME, PASSWORD = "binakinerja", "rahasia-klien"
NIK = "7571010101800001"


class FakeBsre:
    """`mode`: "ok", "inactive" (certificate not active), "slow" (answers after `delay`),
    "fail_after_first" (the second signature fails). `requests` keeps every form received."""

    def __init__(self, mode: str = "ok", delay: float = 0):
        self.mode, self.delay, self.requests = mode, delay, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                fake.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _reply(self, handler, status: int, body: bytes, kind: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def _error(self, handler, status: int, message: str, code: int) -> None:
        body = json.dumps({"error": message, "status_code": code}).encode()
        self._reply(handler, status, body, "application/json")

    def handle(self, handler) -> None:
        length = int(handler.headers.get("Content-Length", 0))
        raw = handler.rfile.read(length)
        expected = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        if handler.path != "/api/sign/pdf" or handler.headers.get("Authorization") != expected:
            return self._error(handler, 401, "Unauthorized", 401)
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + handler.headers["Content-Type"].encode() + b"\r\n\r\n" + raw
        )
        form = {part.get_param("name", header="content-disposition"):
                part.get_payload(decode=True) for part in message.iter_parts()}  # fmt: skip
        fields = {k: v.decode() for k, v in form.items() if k != "file"}
        self.requests.append(fields)
        if self.mode == "slow":
            time.sleep(self.delay)
        missing = {"file", "nik", "passphrase", "tampilan"} - set(form)
        if fields.get("tampilan") == "visible":
            missing |= {"image", "linkQR", "page", "xAxis", "yAxis", "width", "height"} - set(form)
        if missing or not form["file"].startswith(b"%PDF-"):
            return self._error(handler, 400, f"Parameter tidak lengkap: {sorted(missing)}", 2000)
        if fields["nik"] != NIK:
            return self._error(handler, 400, "NIK tidak terdaftar", 1111)
        if fields["passphrase"] != TEST_PASSPHRASE:
            return self._error(handler, 400, "Passphrase anda salah", 2031)
        if self.mode == "inactive":
            return self._error(handler, 400, "Sertifikat anda sudah expired", 2051)
        if self.mode == "fail_after_first" and len(self.requests) > 1:
            return self._error(handler, 500, "Internal server error", 5000)
        signed = LocalPadesSigner().sign(form["file"], signer_identity=fields["nik"],
                                         passphrase=fields["passphrase"],
                                         appearance=Appearance(visible=False))  # fmt: skip
        self._reply(handler, 200, signed, "application/pdf")
