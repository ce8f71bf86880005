"""A sync killed on this PC is taken over at once by the next one; a lease of another PC still waits.

Real processes against the local fake Taobao gateway, with the default 90 s lease.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from orderdesk.channels.fakes.top_server import Fault, FakeTopServer, sample_trade
from tests.e2e.test_cli import REPO, as_json, cli_env, orderdesk  # noqa: F401

pytestmark = pytest.mark.slow
ORDERS = 40


@pytest.fixture
def gateway(cli_env, tmp_path: Path):  # noqa: ANN001, ANN201, F811
    """A fake Taobao with ORDERS paid orders, a connected channel, and the env to sync it (90 s lease)."""
    now = datetime.now(UTC)
    with FakeTopServer() as top:
        top.add_trades([sample_trade(str(610000 + i), modified=now - timedelta(minutes=50 - i)) for i in range(ORDERS)])
        env = dict(cli_env, ORDERDESK_CHANNEL_SECRET=top.app_secret)
        db = tmp_path / "takeover.db"
        orderdesk(env, "--db", f"sqlite:///{db}", "db", "upgrade")
        orderdesk(env, "--db", f"sqlite:///{db}", "channel", "add", "taobao", "--name", "tb-main", "--app-key",
                  top.app_key, "--session", top.session, "--base-url", top.url,
                  "--since", (now - timedelta(hours=1)).astimezone().strftime("%Y-%m-%d %H:%M"))  # fmt: skip
        yield top, env, db


def test_a_sync_killed_mid_run_is_taken_over_at_once_by_the_next_on_this_pc(gateway) -> None:  # noqa: ANN001
    top, env, db = gateway
    top.inject(Fault.DELAY, times=None, seconds=3.0)  # every call slow: the kill lands while the lease is held
    first = _sync_forever(env, db)
    try:
        _wait(lambda: _lease(db)[0] != "", 30, "the first sync never took the lease")
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
    holder, until = _lease(db)
    assert holder and datetime.fromisoformat(until).replace(tzinfo=UTC) > datetime.now(UTC) + timedelta(seconds=60)
    top.clear_faults()
    started = time.monotonic()
    second = _sync_forever(env, db)
    try:
        _wait(lambda: _orders(db) == ORDERS, 45, f"the restarted sync pulled {_orders(db)} of {ORDERS} orders")
    finally:
        second.terminate()
        second.wait()
    assert time.monotonic() - started < 45  # the dead holder's lease had more than 60 s to run


def test_a_lease_of_another_pc_or_of_a_live_process_here_is_still_respected(gateway) -> None:  # noqa: ANN001
    top, env, db = gateway
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            for holder in (f"other-pc:{_dead_pid()}:1:ab12cd34", f"{socket.gethostname()}:{alive.pid}:0:ab12cd34"):
                _hold(db, holder)
                report = as_json(orderdesk(env, "--db", f"sqlite:///{db}", "sync", "--once", "--json"))
                assert report["created"] == 0 and holder in report["skipped"]
                assert _orders(db) == 0
        finally:
            alive.kill()


def _sync_forever(env: dict[str, str], db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", f"sqlite:///{db}", "sync", "--forever",
                             "--interval", "0.5"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def _dead_pid() -> int:
    """A pid no process has now: one that just ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _hold(db: Path, holder: str) -> None:
    until = (datetime.now(UTC) + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE sync_state SET lease_owner = ?, lease_until = ?", (holder, until))


def _lease(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT lease_owner, lease_until FROM sync_state").fetchone()


def _orders(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM orders").fetchone()[0]


def _wait(condition, limit_s: float, failure: str) -> None:  # noqa: ANN001
    end = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < end, failure
        time.sleep(0.1)
