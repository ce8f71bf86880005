"""Network printers on 127.0.0.1 for the private cupsd: one that keeps what it is sent, one unplugged.

CUPS's ``socket://`` backend (AppSocket, port 9100 style) behaves the same on old and new CUPS,
unlike ``file:`` devices, whose handling security updates keep changing (CUPS 2.4.17 and
Debian's 2.4.2-3+deb12u10 open them O_WRONLY|O_EXCL only: a missing file stops the job, an
existing one is overwritten without truncation).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["SocketPrinter", "UnpluggedPrinter"]


class SocketPrinter:
    """A network printer on 127.0.0.1 that stores what each connection (one job) sent.

    Attributes:
        jobs: the bytes of every job, in the order they arrived.
        out_dir: if set, each job is also written there as ``<job id><suffix>`` (the id comes from
            ``job_of``, asked while the job's backend is connected, i.e. while CUPS prints it).
    """

    def __init__(self, out_dir: Path | None = None, job_of: Callable[[], str] | None = None,
                 suffix: str = ".pdf") -> None:  # fmt: skip
        self.jobs: list[bytes] = []
        self.out_dir, self.job_of, self.suffix = out_dir, job_of, suffix
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> int:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self._sock.getsockname()[1]

    def _serve(self) -> None:
        assert self._sock is not None
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with conn:
                job = self.job_of() if self.job_of else ""
                chunks = []
                while data := conn.recv(65536):
                    chunks.append(data)
                self._keep(job, b"".join(chunks))  # before closing: the backend ends only after that

    def _keep(self, job: str, data: bytes) -> None:
        """Store a job; its file appears whole (renamed into place), so a reader never sees half."""
        if self.out_dir is not None and job:
            part = self.out_dir / f".{job}.part"
            part.write_bytes(data)
            part.rename(self.out_dir / f"{job}{self.suffix}")
        self.jobs.append(data)

    def output(self, job: str) -> Path | None:
        """The file of a job once it has arrived whole, else None."""
        if self.out_dir is None:
            return None
        path = self.out_dir / f"{job}{self.suffix}"
        return path if path.exists() else None

    def wait_jobs(self, n: int, timeout: float = 30) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.jobs

    def stop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class UnpluggedPrinter:
    """A port on 127.0.0.1 that refuses connections, like a network printer switched off.

    The socket is bound but never listens: the kernel answers every connect with a reset, and no
    other program can take the port meanwhile. CUPS's socket backend then keeps the job printing
    and retries ("Printer busy; will retry…") until it is cancelled.
    """

    def __init__(self) -> None:
        self._sock: socket.socket | None = None

    def start(self) -> int:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        return self._sock.getsockname()[1]

    def stop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
