"""A private CUPS server for tests, with four real print queues.

Usage::

    if TempCups.available():
        with TempCups() as cups:
            os.environ["CUPS_SERVER"] = cups.socket   # what libcups, Qt and lp/lpstat read
            ... print to cups.PDF_QUEUE, then cups.wait_output(job_id) -> Path of the PDF

The scheduler (cupsd, run as root, as CUPS needs for its cups-pdf backend) lives in a temporary
directory, listens only on a Unix socket there, and has four queues:

* ``OrderDeskPDF`` — Debian's cups-pdf (printer-driver-cups-pdf): CUPS converts the job to
  PostScript and cups-pdf turns it back into a PDF with Ghostscript, like a PostScript printer.
  Its per-instance configuration must sit in /etc/cups (cups-pdf reads only there), so a file
  ``/etc/cups/cups-pdf-<instance>.conf`` is written for the run and removed afterwards.
* ``OrderDeskDirect`` — a PDF-native network printer: the job goes through CUPS's pdftopdf
  filter and is sent as PDF to a small TCP server here, which keeps one file per job. The
  PostScript round trip of cups-pdf drops the Unicode mapping of Qt's CID fonts (pdftotext then
  reads garbage), so text checks of Qt prints use this queue.
* ``OrderDeskOffline`` — the same printer switched off (its port refuses connections): it
  accepts jobs, which then wait forever, like an unplugged printer.
* ``OrderDeskThermal`` — a raw queue to a network label printer (AppSocket, port 9100 style),
  played by a small TCP server here that keeps the bytes of every job (``thermal.jobs``).

No queue uses a ``file:`` device (and ``FileDevice`` stays off): how cupsd opens such files
changes with security updates, see tests/helpers/socket_printer.py.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.socket_printer import SocketPrinter, UnpluggedPrinter

__all__ = ["TempCups", "cups_server"]

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_ETC = Path("/etc/cups")
TOOLS = ("cupsd", "lpadmin", "lp", "lpstat", "cancel", "cupsenable", "cupsdisable", "cupsaccept",
         "cupsreject")  # fmt: skip


class TempCups:
    PDF_QUEUE = "OrderDeskPDF"
    DIRECT_QUEUE = "OrderDeskDirect"
    THERMAL_QUEUE = "OrderDeskThermal"
    OFFLINE_QUEUE = "OrderDeskOffline"

    def __init__(self) -> None:
        self.base: Path | None = None
        self.thermal = SocketPrinter()
        self.direct = SocketPrinter(job_of=lambda: self.printing(self.DIRECT_QUEUE))
        self.unplugged = UnpluggedPrinter()
        self.instance = f"orderdesk-test-{os.getpid()}"
        self._proc: subprocess.Popen[bytes] | None = None
        self._out = None  # cupsd's own stdout/stderr file
        self._conf: Path | None = None

    # -- discovery ---------------------------------------------------------

    @classmethod
    def missing(cls) -> str:
        """Why no server can be started here ("" when one can)."""
        gone = [t for t in TOOLS if not (shutil.which(t) or Path("/usr/sbin", t).exists())]
        if gone:
            return f"CUPS tools missing: {', '.join(gone)} (apt-get install cups cups-client)"
        if not CUPS_PDF_BACKEND.exists() or not CUPS_PDF_PPD.exists():
            return "cups-pdf missing (apt-get install printer-driver-cups-pdf)"
        if os.geteuid() != 0:
            return "a private cupsd with the cups-pdf backend needs root"
        if not os.access(CUPS_ETC, os.W_OK):
            return f"{CUPS_ETC} is not writable (cups-pdf reads its configuration only there)"
        return ""

    @classmethod
    def available(cls) -> bool:
        return not cls.missing()

    # -- lifecycle ---------------------------------------------------------

    @property
    def socket(self) -> str:
        assert self.base is not None
        return str(self.base / "run" / "cups.sock")

    @property
    def pdf_out(self) -> Path:
        assert self.base is not None
        return self.base / "out"

    @property
    def direct_out(self) -> Path:
        """Where the PDF-native printer keeps its jobs, one ``<job id>.pdf`` each."""
        assert self.base is not None
        return self.base / "direct"

    def start(self) -> TempCups:
        self.base = Path(tempfile.mkdtemp(prefix="odcups-", dir="/tmp"))  # short: socket paths are limited
        atexit.register(self.stop)
        try:
            self._write_config()
            self._out = open(self.base / "log" / "cupsd.out", "wb")  # noqa: SIM115 (closed in stop)
            self._proc = subprocess.Popen(
                [_tool("cupsd"), "-f", "-c", str(self.base / "etc" / "cupsd.conf"),
                 "-s", str(self.base / "etc" / "cups-files.conf")],
                stdout=self._out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            self._wait_ready()
            self._add_queues()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None
        if self._out is not None:
            self._out.close()
            self._out = None
        for printer in (self.thermal, self.direct, self.unplugged):
            printer.stop()
        if self._conf is not None:
            self._conf.unlink(missing_ok=True)
            self._conf = None
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> TempCups:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- set-up ------------------------------------------------------------

    def _write_config(self) -> None:
        b = self.base
        assert b is not None
        b.chmod(0o755)
        for sub in ("etc/ppd", "spool", "cache", "run", "log", "out", "cpspool", "direct"):
            (b / sub).mkdir(parents=True)
        tmp = b / "tmp"
        tmp.mkdir()
        shutil.chown(tmp, group="lp")  # filters run as lp and write their temporary files here
        tmp.chmod(0o1770)
        (b / "etc" / "cupsd.conf").write_text(_CUPSD_CONF.format(sock=self.socket))
        (b / "etc" / "cups-files.conf").write_text(_FILES_CONF.format(b=b))
        self._conf = CUPS_ETC / f"cups-pdf-{self.instance}.conf"
        self._conf.write_text(f"Out {b / 'out'}\nSpool {b / 'cpspool'}\nLog {b / 'log'}\nGrp root\nLabel 1\n")
        ppd = CUPS_PDF_PPD.read_text(encoding="latin-1")
        pdf_in = '*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"'  # PDF straight to the device
        direct = re.sub(r"^\*% cupsFilter:.*$", pdf_in, ppd, flags=re.M)
        (b / "direct.ppd").write_text(direct, encoding="latin-1")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"cupsd exited at start:\n{self.log_tail()}")
            if "scheduler is running" in self.run("lpstat", "-r", check=False).stdout:
                return
            time.sleep(0.1)
        raise RuntimeError(f"cupsd did not start within 15 s:\n{self.log_tail()}")

    def _add_queues(self) -> None:
        assert self.base is not None
        self.run("lpadmin", "-p", self.PDF_QUEUE, "-E", "-v", f"cups-pdf:/{self.instance}",
                 "-P", str(CUPS_PDF_PPD))  # fmt: skip
        self.direct.out_dir = self.direct_out
        ppd = str(self.base / "direct.ppd")
        for queue, printer in ((self.DIRECT_QUEUE, self.direct), (self.OFFLINE_QUEUE, self.unplugged)):
            self.run("lpadmin", "-p", queue, "-E", "-v", _socket_uri(printer.start()), "-P", ppd)
        self.run("lpadmin", "-p", self.THERMAL_QUEUE, "-E", "-v", _socket_uri(self.thermal.start()))
        self.run("lpadmin", "-d", self.PDF_QUEUE)

    # -- use ---------------------------------------------------------------

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.socket, "LC_ALL": "C"}

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        p = subprocess.run([_tool(tool), *args], capture_output=True, text=True, env=self.env(), timeout=30)
        if check and p.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed: {p.stderr.strip()}")
        return p

    def job_ids(self, queue: str) -> set[str]:
        out = self.run("lpstat", "-W", "all", "-o", queue, check=False).stdout
        return {line.split()[0] for line in out.splitlines() if line.startswith(f"{queue}-")}

    def completed(self, job_id: str) -> bool:
        queue = job_id.rsplit("-", 1)[0]
        out = self.run("lpstat", "-W", "completed", "-o", queue, check=False).stdout
        return any(line.split()[0] == job_id for line in out.splitlines() if line.strip())

    def printing(self, queue: str, timeout: float = 5) -> str:
        """The id of the job the queue is printing now ("" if none shows up within the timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            out = self.run("lpstat", "-p", queue, check=False).stdout
            found = re.search(rf"now printing ({re.escape(queue)}-\d+)", out)
            if found or time.monotonic() > deadline:
                return found.group(1) if found else ""
            time.sleep(0.05)

    def wait_output(self, job_id: str, timeout: float = 60) -> Path:
        """The PDF a finished job produced (one file per job on both the cups-pdf and direct queue)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.completed(job_id) and (found := self._output(job_id)):
                return found
            time.sleep(0.2)
        raise TimeoutError(f"job {job_id} gave no output within {timeout} s:\n{self.log_tail()}")

    def _output(self, job_id: str) -> Path | None:
        if job_id.startswith(self.DIRECT_QUEUE):
            return self.direct.output(job_id)
        number = job_id.rsplit("-", 1)[1]
        return next((p for p in self.pdf_out.glob("*.pdf") if re.search(rf"job_{number}\b", p.name)), None)

    def wait_idle(self, queue: str, timeout: float = 60) -> None:
        """Until the queue has no pending or printing job (so a state change is not overwritten)."""
        deadline = time.monotonic() + timeout
        while self.run("lpstat", "-o", queue, check=False).stdout.strip():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{queue} still busy after {timeout} s")
            time.sleep(0.2)

    def log_tail(self, lines: int = 30) -> str:
        if self.base is None:
            return "(no log)"
        path = self.base / "log" / "error_log"
        text = path.read_text(errors="replace") if path.exists() else "(no error_log)"
        useful = [ln for ln in text.splitlines() if "Limiting Get-Jobs response" not in ln]  # lpstat's polls
        return "\n".join(useful[-lines:])


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


def _socket_uri(port: int) -> str:
    """An AppSocket (port 9100 style) device on this machine."""
    return f"socket://127.0.0.1:{port}"


_CUPSD_CONF = """\
LogLevel info
Listen {sock}
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
"""

_FILES_CONF = """\
ServerRoot {b}/etc
RequestRoot {b}/spool
CacheDir {b}/cache
StateDir {b}/run
TempDir {b}/tmp
ErrorLog {b}/log/error_log
AccessLog {b}/log/access_log
PageLog {b}/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
User lp
Group lp
SystemGroup root
"""


def _point_libcups_at(socket: str | None) -> None:
    """libcups caches its server per thread on first use; reset it so Qt in this process sees ours."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("cups")
    if name:
        lib = ctypes.CDLL(name)
        lib.cupsSetServer.argtypes = [ctypes.c_char_p]
        lib.cupsSetServer(socket.encode() if socket else None)


@pytest.fixture(scope="session")
def cups_server() -> Iterator[TempCups]:
    """A private cupsd with cups-pdf and PDF-native queues; $CUPS_SERVER points at it meanwhile."""
    why = TempCups.missing()
    if why:
        msg = f"NO PRIVATE CUPS, print-queue tests not run: {why}; scripts/bootstrap.sh --test installs it"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    server = TempCups().start()
    old = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = server.socket
    _point_libcups_at(server.socket)
    try:
        yield server
    finally:
        if old is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = old
        _point_libcups_at(old)
        server.stop()
