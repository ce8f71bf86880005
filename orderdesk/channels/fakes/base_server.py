"""What the fake gateways share: an HTTP server on 127.0.0.1 in its own thread (start/stop, context
manager), the fault registry (inject / take / clear), the request log, shipments and a newest-first
window/page slicer over the in-memory entry store.

A fake subclasses `FakeHttpServer` (lifecycle only) or `FakeGateway` (lifecycle + faults + log) and
implements `handle(...)`; `respond(handler, method, body)` may be overridden to write the reply.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

HTTP_500_BODY = b"<html><body>500 Internal Server Error</body></html>"


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json;charset=UTF-8"
    error_code: Any = ""


@dataclass
class Injected:
    fault: Any
    remaining: int | None  # None: until clear_faults()
    api: str | None
    page: int | None
    options: dict[str, Any]

    def matches(self, api: str, page: int | None) -> bool:
        return (self.api is None or self.api == api) and (self.page is None or self.page == page)


def page_of(hits: Sequence[T], page: int, size: int) -> list[T]:
    """Page `page` (1-based) of `size` items."""
    return list(hits[(page - 1) * size : page * size])


def newest_first(entries: Iterable[T], in_window: Callable[[T], bool], key: Callable[[T], Any]) -> list[T]:
    """The entries in the window, newest first (by `key`, descending)."""
    return sorted((e for e in entries if in_window(e)), key=key, reverse=True)


class FakeHttpServer:
    """Thread + ThreadingHTTPServer life cycle on 127.0.0.1 (a free port)."""

    thread_name = "fake"
    label = "fake"  # for "the {label} server is not running"
    route = ""  # appended to the root for `url`

    def _init_server(self) -> None:
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Any:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name=self.thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()  # wakes delayed handlers
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError(f"the {self.label} server is not running")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.route}"

    def handle(self, http_method: str, target: str, content_type: str, body: bytes) -> Reply:
        raise NotImplementedError

    def respond(self, handler: BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        """Answer one request on the handler's connection (default: via handle() and a Reply)."""
        reply = self.handle(method, handler.path, handler.headers.get("Content-Type", ""), body)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        handler.wfile.write(reply.body)


class FakeGateway(FakeHttpServer, Generic[R]):
    """A fake gateway: the server, plus the fault registry, the request log and shipments."""

    repeat_fault: Any = None  # the fault kind that needs a previous list reply to repeat
    reply_type: type[Reply] = Reply

    def _init_gateway(
        self, clock: Callable[[], datetime], max_skew: timedelta, max_span: timedelta
    ) -> None:
        self.clock = clock
        self.max_skew, self.max_span = max_skew, max_span
        self._lock = threading.Lock()
        self._init_server()
        self._entries: list[Any] = []
        self._faults: list[Injected] = []
        self._requests: list[R] = []
        self._last_list_body: bytes | None = None
        self._shipments: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.bad_signatures = 0

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def requests(self) -> list[R]:
        with self._lock:
            return list(self._requests)

    @property
    def shipments(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._shipments)

    def _record(self, record: R) -> None:
        with self._lock:
            self._requests.append(record)

    def _take_fault(self, api: str, page: int | None) -> Injected | None:
        """The first matching injected fault, counted down (call with the lock held)."""
        for injected in self._faults:
            if injected.fault is self.repeat_fault and self._last_list_body is None:
                continue  # nothing to repeat yet: wait for a later request
            if injected.matches(api, page):
                if injected.remaining is not None:
                    injected.remaining -= 1
                    if injected.remaining <= 0:
                        self._faults.remove(injected)
                return injected
        return None

    def _early_fault(self, api: str, page: int | None, delay: Any, http_500: Any) -> tuple[Injected | None, Reply | None]:
        """Take the fault for this request; sleep for a DELAY; a Reply when it is an HTTP 500."""
        with self._lock:
            fault = self._take_fault(api, page)
        if fault is not None and fault.fault is delay:
            self._stopping.wait(float(fault.options.get("seconds", 2.0)))
        if fault is not None and fault.fault is http_500:
            return fault, self.reply_type(500, HTTP_500_BODY, "text/html")
        return fault, None


class FormGateway(FakeGateway[R]):
    """A gateway taking form/query parameters with one `api_param` naming the API and one
    `page_param` its page (TOP, Pinduoduo): parse, refuse duplicates, take early faults, check,
    dispatch, record. Subclasses give `_checked`, `_api_fault`, `_dispatch`, `_finish`,
    `_bad_params` and the class attributes below."""

    api_param = ""
    page_param = ""
    list_api = ""  # the changed-orders list, where list faults apply unless told otherwise
    list_faults: frozenset[Any] = frozenset()
    delay_fault: Any = None
    http_500_fault: Any = None

    def _add_fault(self, fault: Any, times: int | None, api: str | None, page: int | None,
                   options: dict[str, Any]) -> None:  # fmt: skip
        if api is None and fault in self.list_faults:
            api = self.list_api
        with self._lock:
            self._faults.append(Injected(fault, times, api, page, options))

    def list_requests(self) -> list[R]:
        """The list requests answered with HTTP 200 and no error envelope, in arrival order."""
        return [r for r in self.requests if r.api == self.list_api and r.status == 200 and not r.error_code]  # type: ignore[attr-defined]

    def handle(self, http_method: str, target: str, content_type: str, body: bytes) -> Reply:
        """Answer one HTTP request (the handler thread calls this; tests may too)."""
        parts = urlsplit(target)
        if parts.path != self.route:
            return self.reply_type(404, b"not found", "text/plain")
        if http_method not in ("GET", "POST"):
            return self.reply_type(405, b"method not allowed", "text/plain")
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if body and "x-www-form-urlencoded" in content_type.lower():
            try:
                pairs += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                return self._finish("", {}, self._bad_params("请求体不是 UTF-8", "body is not UTF-8"))
        params: dict[str, str] = {}
        for k, v in pairs:
            if k in params:
                return self._finish("", params, self._bad_params(f"重复的参数 {k}", f"duplicate {k}"))
            params[k] = v
        api, page = params.get(self.api_param, ""), params.get(self.page_param, "")
        fault, reply = self._early_fault(api, int(page) if page.isdigit() else None, self.delay_fault,
                                         self.http_500_fault)  # fmt: skip
        if reply is not None:
            return self._finish(api, params, reply, fault)
        with self._lock:
            reply = self._checked(params)
            if reply is None:
                reply = self._api_fault(fault) or self._dispatch(api, params, fault)
        return self._finish(api, params, reply, fault)

    def _bad_params(self, zh: str, en: str) -> Reply:
        raise NotImplementedError

    def _checked(self, params: dict[str, str]) -> Reply | None:
        raise NotImplementedError

    def _api_fault(self, fault: Injected | None) -> Reply | None:
        raise NotImplementedError

    def _dispatch(self, api: str, params: dict[str, str], fault: Injected | None) -> Reply:
        raise NotImplementedError

    def _finish(self, api: str, params: dict[str, str], reply: Reply, fault: Injected | None = None) -> Reply:
        raise NotImplementedError


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], app: FakeHttpServer) -> None:
        self.app = app
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout fault) leaves a broken pipe: not worth a traceback


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the gateways; every reply has a Content-Length
    wbufsize = -1  # headers and body leave in one write (flushed after each request) ...
    disable_nagle_algorithm = True  # ... and are not held back waiting for the client's ACK
    server: _Server

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.app.respond(self, method, body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
