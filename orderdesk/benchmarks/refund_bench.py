"""A refund through sync, timed to the pack bench: the buyer asks for a refund on the (local, fake)
Taobao gateway, the hub's sync loop runs at the app's default interval, and a pack station scans
the order over and over; the clock stops at the first scan refused as "intercepted".

The sync loop is a plain thread calling `sync_channel` every DEFAULT_INTERVAL_S seconds (what the
GUI's SyncThread does on its fixed-rate timer), so the figure is sync interval + one sync round + one scan.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..bootstrap import open_store
from ..channels.fakes.top_server import FakeTopServer, sample_trade
from ..channels.registry import adapter_for
from ..demo.seed import load_demo_master_data
from ..services.channels import add_channel
from ..services.packing import PackStation
from ..services.sync import sync_channel

INTERVAL_S = 1.0  # orderdesk.gui.sync_worker.DEFAULT_INTERVAL_S (kept apart: no Qt import here)
TIMEOUT_S = 15.0


@dataclass
class RefundBenchResult:
    samples: int
    interval_s: float
    p50_s: float
    p99_s: float
    max_s: float

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def run_refund_bench(samples: int = 10, seed: int = 3, progress=print) -> RefundBenchResult:  # noqa: ANN001
    work = Path(tempfile.mkdtemp(prefix="orderdesk-refund-bench-"))
    saved = {k: os.environ.get(k) for k in ("ORDERDESK_SECRET_BACKEND", "ORDERDESK_SECRET_KEY_FILE")}
    os.environ["ORDERDESK_SECRET_BACKEND"] = "file"
    os.environ["ORDERDESK_SECRET_KEY_FILE"] = str(work / "secrets.key")
    try:
        with FakeTopServer() as top:
            store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)
            try:
                latencies = _measure(store.make_uow, top, samples, random.Random(seed), progress)
            finally:
                store.close()
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        shutil.rmtree(work, ignore_errors=True)
    ordered = sorted(latencies)
    return RefundBenchResult(len(ordered), INTERVAL_S, statistics.median(ordered),
                             ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], ordered[-1])  # fmt: skip


def _measure(make_uow, top: FakeTopServer, samples: int, rng: random.Random, progress) -> list[float]:  # noqa: ANN001
    load_demo_master_data(make_uow)
    now = datetime.now(UTC)
    add_channel(make_uow, "system", "taobao", "bench-tb", top.app_key, top.app_secret, session=top.session,
                base_url=top.url, since=now - timedelta(hours=1))  # fmt: skip
    tids = [str(3_800_000_000 + i) for i in range(samples)]
    top.add_trades([sample_trade(t, modified=now - timedelta(minutes=5), lines=(("BASIN-FOLD-32-BLU", 1, "29.90"),))
                    for t in tids])  # fmt: skip
    sync_channel(make_uow, "bench-tb", adapter_for, "bench")
    stop = threading.Event()
    loop = threading.Thread(target=_sync_loop, args=(make_uow, stop), daemon=True)
    loop.start()
    bench = PackStation(make_uow, "system", "SZ-SUZHOU", "refund-bench")
    out = []
    try:
        for tid in tids:
            time.sleep(rng.uniform(0.0, INTERVAL_S * 1.5))  # land anywhere in the loop's cycle
            started = time.perf_counter()
            top.set_refund(tid, "WAIT_SELLER_AGREE", modified_at=datetime.now(UTC))
            out.append(_until_intercepted(bench, f"TB{tid}", started))
            progress(f"  TB{tid}: intercepted at the bench after {out[-1]:.3f} s")
    finally:
        stop.set()
        loop.join(timeout=10)
    return out


def _sync_loop(make_uow, stop: threading.Event) -> None:  # noqa: ANN001
    """Fixed-rate, as the GUI's QTimer: a round starts every INTERVAL_S (at once if one ran over)."""
    due = time.perf_counter() + INTERVAL_S
    while not stop.wait(max(0.0, due - time.perf_counter())):
        sync_channel(make_uow, "bench-tb", adapter_for, "bench")
        due = max(due + INTERVAL_S, time.perf_counter())


def _until_intercepted(bench: PackStation, order_no: str, started: float) -> float:
    while time.perf_counter() - started < TIMEOUT_S:
        verdict = bench.scan(order_no)
        if verdict.refusal == "intercepted":
            return time.perf_counter() - started
        time.sleep(0.02)
    raise RuntimeError(f"{order_no} was not intercepted at the bench after {TIMEOUT_S:.0f} s")
