"""Who holds a channel's sync lease, written so a restarted process can tell its dead predecessor.

The owner string is "host:pid:start:token". `start` is when the process started (Linux: clock ticks
since boot from /proc; Windows: its creation time), so a pid the system has since given to another
program does not count as alive. A lease whose holder is on this PC and gone can be taken over at
once; a lease from another PC (or one we cannot judge) waits for its expiry as before.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from functools import cache

HOST_CHARS = 64  # the column holds 128; the rest is pid, start time and token


def _host() -> str:
    return socket.gethostname()[:HOST_CHARS].replace(":", "_")


@cache
def this_process() -> str:
    """The owner string of this process (one per process: the GUI worker and the CLI loop alike)."""
    pid = os.getpid()
    return f"{_host()}:{pid}:{_start_time(pid) or 0}:{secrets.token_hex(4)}"


def holder_is_gone(owner: str) -> bool:
    """True only when `owner` is a process of this PC that has ended (or whose pid was reused)."""
    parts = owner.rsplit(":", 3)
    if len(parts) == 4:
        host, pid, start = parts[0], parts[1], parts[2]
    elif len(parts) == 2:  # "host:pid", written before the start time was recorded
        (host, pid), start = parts, "0"
    else:
        return False
    if host != _host() or not pid.isdigit() or not start.isdigit():
        return False
    if int(pid) == os.getpid():
        return owner != this_process()  # our own pid under another token: a predecessor's
    if not _alive(int(pid)):
        return True
    started = _start_time(int(pid))  # alive: gone all the same if the pid now names a later process
    return start != "0" and started is not None and int(start) != started


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet is dead for our purpose (Linux only)."""
    stat = _proc_stat(pid)
    return stat is not None and stat[0] == "Z"


def _proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), or None off Linux."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _start_time(pid: int) -> int | None:
    if sys.platform == "win32":
        return _windows_start(pid)
    stat = _proc_stat(pid)
    return int(stat[19]) if stat and len(stat) > 19 and stat[19].isdigit() else None  # field 22: starttime


def _windows_handle(pid: int):  # noqa: ANN202 - a HANDLE or None
    import ctypes  # noqa: PLC0415 - Windows only

    return ctypes.windll.kernel32.OpenProcess(0x1000, False, pid) or None  # PROCESS_QUERY_LIMITED_INFORMATION


def _windows_alive(pid: int) -> bool:
    """os.kill(pid, 0) would terminate the process on Windows; ask for its exit code instead."""
    import ctypes  # noqa: PLC0415

    handle = _windows_handle(pid)
    if handle is None:
        return ctypes.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        ok = ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return not ok or code.value == 259  # STILL_ACTIVE
    finally:
        ctypes.windll.kernel32.CloseHandle(handle)


def _windows_start(pid: int) -> int | None:
    import ctypes  # noqa: PLC0415

    handle = _windows_handle(pid)
    if handle is None:
        return None
    try:
        times = [ctypes.c_ulonglong() for _ in range(4)]
        ok = ctypes.windll.kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times))
        return times[0].value if ok else None
    finally:
        ctypes.windll.kernel32.CloseHandle(handle)
