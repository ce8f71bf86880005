"""CUPS through its command-line clients (lp, lpstat): queue state, job ids and raw jobs.

Qt knows printers but not whether a CUPS queue accepts jobs, and never returns the job id; the
`lp`/`lpstat` clients do, on Linux and macOS, and honour $CUPS_SERVER like every CUPS program.
Output is parsed in the C locale so the English wording is stable.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from .errors import PrinterRejecting, PrinterUnavailable, PrintFailed, PrintSystemMissing, UnknownPrinter

TIMEOUT_S = 20
_REQUEST_ID = re.compile(r"request id is (\S+)")
# job-state-reasons of a job that left the queue without printing (CUPS 2.4 shows a good one as
# "processing-to-stop-point" or "job-completed-successfully")
_FAILED = ("with-errors", "aborted", "canceled", "cancelled")


@dataclass(frozen=True)
class QueueState:
    exists: bool
    enabled: bool = False
    accepting: bool = False
    reason: str = ""


def available() -> bool:
    """True when the CUPS clients are installed (not on Windows)."""
    return shutil.which("lp") is not None and shutil.which("lpstat") is not None


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT_S, env=env, check=False)
    except FileNotFoundError as exc:
        raise PrintSystemMissing(args[0]) from exc
    except subprocess.TimeoutExpired as exc:
        raise PrintFailed(args[-1], f"{args[0]} timed out after {TIMEOUT_S} s") from exc


def queue_state(name: str) -> QueueState:
    """Enabled and accepting flags of one queue, with the reason CUPS gives for stopping it."""
    p = _run(["lpstat", "-p", name])
    out = p.stdout.decode(errors="replace")
    if p.returncode != 0 or not out.startswith(f"printer {name} "):
        return QueueState(exists=False)
    first, *rest = out.splitlines()
    reason = " ".join(line.strip() for line in rest if line.strip())
    enabled = " disabled since " not in first
    a = _run(["lpstat", "-a", name]).stdout.decode(errors="replace")
    accepting = f"{name} accepting requests" in a
    if not accepting and not reason:
        reason = " ".join(line.strip() for line in a.splitlines()[1:] if line.strip())
    return QueueState(True, enabled, accepting, reason)


def check_queue(name: str) -> QueueState:
    """Raise unless the queue exists, is enabled and accepts jobs."""
    st = queue_state(name)
    if not st.exists:
        raise UnknownPrinter(name, queue_names())
    if not st.enabled:
        raise PrinterUnavailable(name, st.reason)
    if not st.accepting:
        raise PrinterRejecting(name, st.reason)
    return st


def queue_names() -> list[str]:
    out = _run(["lpstat", "-e"]).stdout.decode(errors="replace")
    return [line.strip() for line in out.splitlines() if line.strip()]


def default_queue() -> str:
    """The system default destination, or "" when none is set."""
    out = _run(["lpstat", "-d"]).stdout.decode(errors="replace").strip()
    return out.split(":", 1)[1].strip() if out.startswith("system default destination:") else ""


def job_ids(name: str) -> set[str]:
    """Ids of every job CUPS still knows for the queue, finished or not (to spot a new one)."""
    out = _run(["lpstat", "-W", "all", "-o", name]).stdout.decode(errors="replace")
    return {line.split()[0] for line in out.splitlines() if line.startswith(f"{name}-")}


@dataclass(frozen=True)
class JobEnd:
    finished: bool
    ok: bool = False
    detail: str = ""


def job_end(job_id: str) -> JobEnd:
    """Whether a job has left the queue, and whether CUPS says it completed successfully."""
    queue = job_id.rsplit("-", 1)[0]
    out = _run(["lpstat", "-l", "-W", "completed", "-o", queue]).stdout.decode(errors="replace")
    block: list[str] = []
    for line in out.splitlines():
        if line and not line[0].isspace():
            if block:
                break
            if line.split()[0] == job_id:
                block = [line]
        elif block:
            block.append(line.strip())
    if not block:
        return JobEnd(False)
    alerts = " ".join(b for b in block if b.startswith(("Alerts:", "Status:")))
    return JobEnd(True, not any(bad in alerts for bad in _FAILED), alerts)


def cancel(job_id: str) -> None:
    _run(["cancel", job_id])


def submit(name: str, data: bytes, title: str, options: dict[str, str] | None = None, copies: int = 1) -> str:
    """Send bytes with `lp` (read from stdin) and return the job id CUPS assigned."""
    args = ["lp", "-d", name, "-t", title, "-n", str(copies)]
    for key, value in (options or {}).items():
        args += ["-o", f"{key}={value}" if value else key]
    p = _run(args + ["-"], data)
    if p.returncode != 0:
        raise _lp_error(name, p.stderr.decode(errors="replace").strip())
    m = _REQUEST_ID.search(p.stdout.decode(errors="replace"))
    if not m:
        raise PrintFailed(name, "lp gave no job id")
    return m.group(1)



def _lp_error(name: str, stderr: str) -> Exception:
    low = stderr.lower()
    if "does not exist" in low or "not found" in low:
        return UnknownPrinter(name, queue_names())
    if "not accepting" in low:
        return PrinterRejecting(name, stderr)
    return PrintFailed(name, stderr or "lp failed")
