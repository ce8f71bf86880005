"""A small HTTP receiver for Kdniao pushes (`orderdesk track --serve PORT`).

It only reads the form and answers in Kdniao's shape; `on_push(fields) -> (accepted, reason)` (the
tracking service) verifies the signature and applies the push. A refused push is answered
`Success: false` with the reason, so Kdniao shows it in its console.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from .kdniao_codec import push_answer

OnPush = Callable[[dict[str, str]], tuple[bool, str]]
MAX_BODY = 2_000_000


class PushReceiver:
    """`start()` serves in a thread (tests, the app); `serve_forever()` blocks (the CLI)."""

    def __init__(self, on_push: OnPush, ebusiness_id: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.on_push, self.ebusiness_id = on_push, ebusiness_id
        self.httpd = ThreadingHTTPServer((host, port), _Handler)
        self.httpd.receiver = self  # type: ignore[attr-defined]
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/kdniao/push"

    def start(self) -> PushReceiver:
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="kdniao-push", daemon=True)
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, body: bytes) -> dict[str, object]:
        try:
            fields = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            ok, reason = self.on_push(fields)
        except UnicodeDecodeError:
            ok, reason = False, "请求体不是 UTF-8 / the body is not UTF-8"
        return push_answer(self.ebusiness_id, ok, reason, datetime.now(UTC))


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        out = json.dumps(self.server.receiver.answer(self.rfile.read(length)), ensure_ascii=False).encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, format: str, *args: object) -> None:
        pass
