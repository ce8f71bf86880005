"""kill -9 a busy `orderdesk station`: every line it wrote is one whole JSON verdict."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from tests.e2e.test_cli import REPO, cli_env, orderdesk  # noqa: F401


def test_a_killed_station_never_leaves_half_a_verdict(cli_env, tmp_path):  # noqa: ANN001, F811
    db = f"sqlite:///{tmp_path / 'st.db'}"
    orderdesk(cli_env, "--db", db, "db", "upgrade")
    orderdesk(cli_env, "--db", db, "demo-data", "--orders", "0")  # the warehouse the station stands in
    scans = tmp_path / "scans.txt"  # hostile scans whose verdicts echo them: control characters, then junk
    scans.write_text(("\x01" * 20_000 + "\n" + "NOPE-" * 4000 + "\n") * 200, encoding="utf-8")
    with scans.open("rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", db, "station", "--warehouse", "SZ-SUZHOU",
                                 "--station", "bench-k"], cwd=REPO, env=cli_env, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
        first = proc.stdout.readline()  # the station is writing; now let the pipe fill up, then kill it
        while proc.poll() is None and not _pipe_full(proc):
            pass
        assert proc.poll() is None, "the station stopped before its output filled the pipe"
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
    lines = (first + rest).decode("utf-8").split("\n")
    assert lines[-1] == "", f"the last line is cut: {lines[-1][:80]!r}"
    verdicts = [json.loads(line) for line in lines[:-1]]
    assert len(verdicts) >= 2 and all(not v["ok"] for v in verdicts)


def _pipe_full(proc: subprocess.Popen) -> bool:
    """True once the station is blocked on a full stdout pipe (its writes then stop mid-way if they can)."""
    import fcntl
    import termios

    waiting = bytearray(4)
    fcntl.ioctl(proc.stdout.fileno(), termios.FIONREAD, waiting)
    return int.from_bytes(waiting, sys.byteorder) >= 60_000
