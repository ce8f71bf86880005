"""kill -9 a sync at random moments, restart it: the database ends with exactly the server's orders."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from orderdesk.channels.fakes.top_server import Fault, FakeTopServer, sample_trade
from tests.e2e.test_cli import REPO, cli_env, new_db, orderdesk  # noqa: F401

pytestmark = pytest.mark.slow
ORDERS = 400


def test_killed_syncs_neither_lose_nor_double_orders(cli_env, tmp_path: Path) -> None:  # noqa: ANN001, F811
    db = new_db(cli_env, f"sqlite:///{tmp_path / 'kill.db'}")
    now = datetime.now(UTC)
    rng = random.Random(9)
    with FakeTopServer() as top:
        # Spread over five hours: ten windows of 30 min, many pages each.
        top.add_trades([sample_trade(str(900000 + i), modified=now - timedelta(minutes=300 - i * 300 / ORDERS))
                        for i in range(ORDERS)])  # fmt: skip
        env = dict(cli_env, ORDERDESK_CHANNEL_SECRET=top.app_secret, ORDERDESK_SYNC_LEASE_SECONDS="0")
        orderdesk(env, "--db", db, "channel", "add", "taobao", "--name", "tb-kill", "--app-key", top.app_key,
                  "--session", top.session, "--base-url", top.url,
                  "--since", (now - timedelta(hours=6)).astimezone().strftime("%Y-%m-%d %H:%M"))  # fmt: skip
        top.inject(Fault.DELAY, times=None, seconds=0.3)  # every reply a little slow: kills land mid-sync
        killed, seen = 0, []
        for _ in range(6):
            proc = subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", db, "sync", "--once"], cwd=REPO,
                                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            _wait_for_progress(proc, tmp_path / "kill.db", seen[-1] if seen else 0)
            time.sleep(rng.uniform(0.0, 0.8))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                killed += 1
            proc.wait()
            seen.append(_count(tmp_path / "kill.db"))
        top.clear_faults()
        final = orderdesk(env, "--db", db, "sync", "--once", "--json", timeout=300)
        assert json.loads(final.stdout)["error"] == ""
        listed = json.loads(orderdesk(env, "--db", db, "orders", "list", "--json", "--limit", "2000").stdout)
        in_db = sorted(o["order_no"] for o in listed)
        on_server = sorted(f"TB{t.get('tid_str') or t['tid']}" for t in top.trades())
        assert in_db == on_server and len(set(in_db)) == ORDERS
        assert killed >= 1 and any(0 < n < ORDERS for n in seen), f"no run was killed mid-way: {seen}"


def _wait_for_progress(proc: subprocess.Popen, path: Path, before: int, limit_s: float = 60) -> None:
    """Until the run has stored a page beyond what was there (or ended): then a kill lands mid-sync."""
    end = time.monotonic() + limit_s
    while proc.poll() is None and time.monotonic() < end and _count(path) <= before:
        time.sleep(0.05)


def _count(path: Path) -> int:
    with sqlite3.connect(path) as con:
        try:
            return con.execute("SELECT count(*) FROM orders").fetchone()[0]
        except sqlite3.OperationalError:
            return 0
