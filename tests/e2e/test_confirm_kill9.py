"""kill -9 the drain (`orderdesk ship-confirm --forever`) at random moments, over and over: every
confirmation still reaches its platform, and none is taken twice."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.demo.channels import DemoChannels
from orderdesk.domain.model import Channel
from tests.e2e.test_cli import REPO, cli_env, orderdesk  # noqa: F401
from tests.helpers.shipping import open_shop, pack, place, sync_all

pytestmark = pytest.mark.slow
PER_CHANNEL, RUNS, BATCH = 10, 20, 2


def test_killed_drains_neither_lose_nor_double_a_confirmation(cli_env, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001, F811
    keys = {"ORDERDESK_SECRET_BACKEND": "file", "ORDERDESK_SECRET_KEY_FILE": str(tmp_path / "secrets.key")}
    for k, v in keys.items():
        monkeypatch.setenv(k, v)
    path = tmp_path / "kill.db"
    rng = random.Random(13)
    with DemoChannels(seed=4) as demo:
        orders = _packed_orders(f"sqlite:///{path}", demo)
        for g in demo.gateways.values():  # every answer a little slow: kills land mid-call
            g.server.inject(_delay(g.channel), times=None, seconds=0.2)
        env = dict(cli_env, **keys, ORDERDESK_CONFIRM_CLAIM_SECONDS="0.5", ORDERDESK_CONFIRM_RETRY_SECONDS="0")
        mid_call = 0
        for _ in range(RUNS):
            proc = subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", f"sqlite:///{path}", "ship-confirm",
                                     "--forever", "--batch", str(BATCH), "--interval", "0.05"], cwd=REPO, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            _wait_for_progress(proc, path, _state_count(path, "done"))
            time.sleep(rng.uniform(0.0, 0.3))  # the next round's calls are in flight most of this time
            mid_call += _state_count(path, "sending") > 0
            assert proc.poll() is None, f"the drain stopped by itself (exit {proc.returncode})"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        for g in demo.gateways.values():
            g.server.clear_faults()
        time.sleep(0.6)  # the last claims run out
        final = orderdesk(env, "--db", f"sqlite:///{path}", "ship-confirm", "--once", "--json")
        assert final.returncode == 0, final.stderr
        books = {ch: demo.gateways[ch].server.book for ch in Channel}
    accepted = {f"{_prefix(ch)}{pid}": n for ch, b in books.items() for pid, n in b.accepted.items()}
    assert accepted == {o: 1 for o in orders}  # every one confirmed, none twice
    calls = sum(sum(b.calls.values()) for b in books.values())
    print(f"{RUNS} kills, {mid_call} with calls in flight; {calls} ship calls for {len(orders)} parcels")
    assert calls - len(orders) <= RUNS * BATCH  # a kill can only cost the re-send of what it had claimed
    assert _state_count(path, "done") == len(orders) and mid_call >= 3, mid_call
    assert _outcomes(path).get("already_shipped", 0) == calls - len(orders)  # each re-send closed by "shipped"


def _packed_orders(url: str, demo: DemoChannels) -> list[str]:
    store = open_store(url, create=True)
    try:
        names = open_shop(store, demo)
        orders = [o for i, ch in enumerate(Channel) for o in place(demo, ch, PER_CHANNEL, 8000 + 100 * i)]
        sync_all(store, names)
        for order_no in orders:
            pack(store, order_no)
    finally:
        store.close()
    return orders


def _delay(channel: Channel):  # noqa: ANN202 - the platform fake's DELAY fault
    from orderdesk.channels.fakes import douyin_server, miniprogram_server, pdd_server, top_server

    module = {Channel.TAOBAO: top_server, Channel.PDD: pdd_server, Channel.DOUYIN: douyin_server,
              Channel.MINIPROGRAM: miniprogram_server}[channel]  # fmt: skip
    return module.Fault.DELAY


def _prefix(channel: Channel) -> str:
    return channel.prefix


def _wait_for_progress(proc: subprocess.Popen, path: Path, done_before: int, limit_s: float = 15) -> None:
    """Until this run has closed a confirmation (or nothing is left, or it ended): it is then
    sending round after round, so a kill lands before, during or just after a call."""
    end = time.monotonic() + limit_s
    while proc.poll() is None and time.monotonic() < end:
        if _state_count(path, "done") > done_before or not (_state_count(path, "waiting") + _state_count(path, "sending")):
            return
        time.sleep(0.02)


def _state_count(path: Path, state: str) -> int:
    with sqlite3.connect(path, timeout=5) as con:
        return con.execute("SELECT count(*) FROM ship_confirmations WHERE state = ?", (state,)).fetchone()[0]


def _outcomes(path: Path) -> dict[str, int]:
    with sqlite3.connect(path, timeout=5) as con:
        return dict(con.execute("SELECT outcome, count(*) FROM ship_confirmations GROUP BY outcome").fetchall())
