"""Raw printing for thermal label printers (ZPL, TSPL): the bytes go to the printer untouched.

Three ways, one small interface (`RawSender.send`):
- `TcpRawSender`: straight to a network printer's port 9100 (`tcp://192.168.1.50:9100`);
- `WindowsSpoolerSender`: through the Windows spooler with a RAW document (pywin32's win32print,
  imported only on Windows; tests pass a fake spooler, the one thing here that cannot run on Linux);
- on Linux/macOS the CUPS queue (`lp -o raw`, in service.py).

A station's printer setting says "raw" by its prefix: `zpl:Zebra ZD421` or `tspl:tcp://10.0.0.7:9100`.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from .errors import PrinterUnavailable, PrintError, PrintFailed
from .model import PrintMethod, PrintResult

LANGUAGES = ("zpl", "tspl")
TCP_PORT = 9100
TCP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class RawTarget:
    language: str  # zpl | tspl
    printer: str  # a spooler/CUPS queue name, or tcp://host[:port]


def parse_raw_printer(setting: str | None) -> RawTarget | None:
    """`zpl:NAME` / `tspl:NAME` -> RawTarget; any other printer setting -> None (printed through Qt).
    A queue named like `zpl` with nothing after a colon is not a thing printers are called."""
    head, sep, rest = (setting or "").partition(":")
    if sep and head.strip().lower() in LANGUAGES:
        return RawTarget(head.strip().lower(), rest.strip())  # "zpl:" = the system's default printer
    return None


def is_tcp(printer: str) -> bool:
    return printer.lower().startswith(("tcp://", "socket://"))


class RawSender(Protocol):
    def send(self, printer: str, data: bytes, title: str) -> PrintResult: ...


class TcpRawSender:
    """Port 9100 ("JetDirect"): connect, send every byte, close; the printer prints what it got."""

    def __init__(self, timeout_s: float = TCP_TIMEOUT_S) -> None:
        self.timeout_s = timeout_s

    def send(self, printer: str, data: bytes, title: str) -> PrintResult:
        parts = urlsplit(printer)
        host, port = parts.hostname, parts.port or TCP_PORT
        if not host:
            raise PrintError(f"打印机地址无法识别：{printer}（例：tcp://192.168.1.50:9100）",
                             f"Cannot read the printer address {printer} (e.g. tcp://192.168.1.50:9100)")  # fmt: skip
        try:
            with socket.create_connection((host, port), timeout=self.timeout_s) as conn:
                conn.sendall(data)
                conn.shutdown(socket.SHUT_WR)
        except OSError as exc:
            raise PrinterUnavailable(printer, exc.strerror or type(exc).__name__) from exc
        return PrintResult(printer, PrintMethod.RAW, 0, 1, title, None)


class WindowsSpoolerSender:
    """A RAW document through the Windows spooler (the way USB thermal printers are driven there)."""

    def __init__(self, spooler: Any = None) -> None:
        self._spooler = spooler

    @property
    def spooler(self) -> Any:  # noqa: ANN401 - the win32print module or a stand-in with its functions
        if self._spooler is None:
            import win32print  # noqa: PLC0415 - pywin32, Windows only

            self._spooler = win32print
        return self._spooler

    def send(self, printer: str, data: bytes, title: str) -> PrintResult:
        api = self.spooler
        name = printer or api.GetDefaultPrinter()
        try:
            handle = api.OpenPrinter(name)
        except Exception as exc:  # noqa: BLE001 - pywintypes.error: unknown printer, access denied
            raise PrintFailed(name, _win_reason(exc)) from exc
        try:
            job = api.StartDocPrinter(handle, 1, (title, None, "RAW"))
            try:
                api.StartPagePrinter(handle)
                written = api.WritePrinter(handle, data)
                api.EndPagePrinter(handle)
            finally:
                api.EndDocPrinter(handle)
        except Exception as exc:  # noqa: BLE001 - the spooler refused the job
            raise PrintFailed(name, _win_reason(exc)) from exc
        finally:
            api.ClosePrinter(handle)
        if written != len(data):
            raise PrintFailed(name, f"the spooler took {written} of {len(data)} bytes")
        return PrintResult(name, PrintMethod.RAW, 0, 1, title, str(job))


def _win_reason(exc: Exception) -> str:
    """pywintypes.error carries (code, function, message); anything else its text."""
    args = getattr(exc, "args", ())
    return str(args[2]) if len(args) >= 3 else str(exc) or type(exc).__name__


def raw_sender_for(printer: str, platform: str = sys.platform, spooler: Any = None) -> RawSender | None:
    """The sender for a raw printer: TCP for tcp:// addresses, the spooler on Windows; None means
    the CUPS queue (Linux, macOS), which service.print_raw drives with `lp -o raw`."""
    if is_tcp(printer):
        return TcpRawSender()
    if platform == "win32":
        return WindowsSpoolerSender(spooler)
    return None
