"""Channel sync, measured end to end over real HTTP against the local fake Taobao gateway.

Two figures:
- throughput: N trades already on the gateway, one `sync_channel` run takes them all in (signed
  calls, paging, JSON, mapping, intake and the cursor, all timed);
- latency: with the app's own background sync thread at its default interval and the real orders
  view on screen (offscreen Qt), the time from a trade appearing on the gateway to its row being in
  the view's model, for trades dropped at random moments.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..bootstrap import open_store
from ..channels.fakes.top_server import FakeTopServer, sample_trade
from ..channels.registry import adapter_for
from ..channels.taobao import format_time
from ..demo.seed import load_demo_master_data
from ..services.channels import add_channel
from ..services.sync import sync_channel

SKUS = (("BASIN-FOLD-32-BLU", 1, "29.90"), ("TOWEL-FACE-3P", 2, "19.90"), ("HANGER-20P", 1, "25.00"))


@dataclass
class SyncBenchResult:
    orders: int
    sync_s: float
    sync_orders_per_s: float
    pages: int
    latency_samples: int
    latency_p50_s: float
    latency_p99_s: float
    latency_max_s: float
    interval_s: float

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def run_sync_bench(n: int = 20_000, latency_samples: int = 40, progress=print) -> SyncBenchResult:  # noqa: ANN001
    work = Path(tempfile.mkdtemp(prefix="orderdesk-sync-bench-"))
    saved = {k: os.environ.get(k) for k in ("ORDERDESK_SECRET_BACKEND", "ORDERDESK_SECRET_KEY_FILE")}
    os.environ["ORDERDESK_SECRET_BACKEND"] = "file"
    os.environ["ORDERDESK_SECRET_KEY_FILE"] = str(work / "secrets.key")
    try:
        with FakeTopServer() as top:
            store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)  # its own new file
            try:
                load_demo_master_data(store.make_uow)
                now = datetime.now(UTC)
                add_channel(store.make_uow, "system", "taobao", "bench-tb", top.app_key, top.app_secret,
                            session=top.session, base_url=top.url, since=now - timedelta(hours=6))  # fmt: skip
                progress(f"sync benchmark: {n:,} trades on the fake Taobao gateway …")
                sync_s, pages = _throughput(store, top, n, now)
                progress(f"latency: {latency_samples} trades dropped at random moments, orders view open …")
                from .sync_latency import measure_latency  # Qt only for this part

                latencies, interval = measure_latency(store.make_uow, top, latency_samples)
            finally:
                store.close()
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        shutil.rmtree(work, ignore_errors=True)
    ordered = sorted(latencies)
    return SyncBenchResult(n, sync_s, n / sync_s, pages, len(ordered), statistics.median(ordered),
                           _percentile(ordered, 0.99), ordered[-1], interval)  # fmt: skip


def _throughput(store, top: FakeTopServer, n: int, now: datetime) -> tuple[float, int]:  # noqa: ANN001
    rng = random.Random(5)
    span = timedelta(hours=5).total_seconds()
    top.add_trades([sample_trade(str(3_000_000_000 + i), modified=now - timedelta(seconds=span * (1 - i / n)),
                                 lines=(rng.choice(SKUS),)) for i in range(n)])  # fmt: skip
    started = time.perf_counter()
    report = sync_channel(store.make_uow, "bench-tb", adapter_for, "bench")
    elapsed = time.perf_counter() - started
    if report.error or report.intake.created != n:
        raise RuntimeError(f"sync took in {report.intake.created} of {n} trades: {report.error}")
    return elapsed, report.pages


def new_trade(tid: str) -> dict:
    """A trade paid just now, as the gateway would list it the moment it changed."""
    now = datetime.now(UTC)
    return sample_trade(tid, modified=now, pay_time=format_time(now), lines=(SKUS[0],))


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
