"""Scan → verdict latency at the pack station, through the service layer, on a large database.

The database gets `n` generated orders through the normal intake (1,000,000 by default), then the
demo rules allocate the newest few thousand; a station then packs a few hundred of them (order
scan, every item, now and then a wrong item) and each scan's time to its verdict is measured.
SQLite always; PostgreSQL when a server URL is given (an empty database is filled the same way).
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..bootstrap import open_store
from ..demo.rules import DEMO_RULES
from ..demo.seed import DEMO_PASSWORD, DEMO_USERS, load_demo_master_data
from ..services.allocation import allocate_orders
from ..services.intake import intake_orders
from ..services.orders import order_detail
from ..services.packing import PackStation
from ..services.rule_sets import save_rule_set
from ..services.users import seed_demo_users
from .intake_bench import BATCH, _batches

WAREHOUSE = "SZ-SUZHOU"


@dataclass
class StationBenchResult:
    backend: str
    orders_in_db: int
    scans: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    refusals: int


def run_station_bench(n: int = 1_000_000, parcels: int = 300, pg_url: str | None = None,
                      progress: Callable[[str], None] = print) -> list[StationBenchResult]:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="orderdesk-station-bench-"))
    try:
        out = [_one(f"sqlite:///{work / 'hub.db'}", "sqlite", n, parcels, progress)]
        if pg_url:
            out.append(_one(pg_url, "postgresql", n, parcels, progress))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one(url: str, backend: str, n: int, parcels: int, progress: Callable[[str], None]) -> StationBenchResult:
    store = open_store(url, create=True)  # a new file, or the empty database given with --pg
    try:
        progress(f"station benchmark ({backend}): {n:,} orders through intake …")
        nos = _fill(store, n, progress)
        progress(f"  allocating the newest {parcels * 4:,} orders and packing {parcels} parcels …")
        save_rule_set(store.make_uow, "system", DEMO_RULES, note="bench")
        allocate_orders(store.make_uow, "system", nos[-parcels * 4:])
        times, refusals = _pack(store.make_uow, nos[-parcels * 4:], parcels)
    finally:
        store.close()
    ordered = sorted(times)
    return StationBenchResult(backend, n, len(ordered), round(statistics.median(ordered), 2),
                              round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
                              round(ordered[-1], 2), refusals)  # fmt: skip


def _fill(store, n: int, progress: Callable[[str], None]) -> list[str]:  # noqa: ANN001
    load_demo_master_data(store.make_uow)
    seed_demo_users(store.make_uow, "system", DEMO_USERS, DEMO_PASSWORD)
    nos: list[str] = []
    for i, batch in enumerate(_batches(n, seed=5)):
        intake_orders(store.make_uow, batch, actor="system", batch_size=BATCH)
        nos += [o.order_no for o in batch]
        if (i + 1) % 100 == 0:
            progress(f"  … {len(nos):,} orders")
    return nos


def _pack(make_uow, candidates: list[str], parcels: int) -> tuple[list[float], int]:  # noqa: ANN001
    station = PackStation(make_uow, "packer1", WAREHOUSE, "bench-station")
    rng = random.Random(1)
    times: list[float] = []
    refusals = packed = 0
    for no in candidates:
        detail = order_detail(make_uow, "system", no)
        here = [lines for wh, lines in detail.shipments if wh == WAREHOUSE]
        if detail.row.status != "ALLOCATED" or len(detail.shipments) != 1 or not here:
            continue
        scans = [no] + [sku for sku, qty in here[0] for _ in range(qty)]
        if rng.random() < 0.2:
            scans.insert(1, "6900000000000")  # a barcode nobody knows: refused, timed like the rest
        for code in scans:
            t = time.perf_counter()
            verdict = station.scan(code)
            times.append((time.perf_counter() - t) * 1000)
            refusals += not verdict.ok
        packed += 1
        if packed >= parcels:
            break
    return times, refusals


def as_dict(results: list[StationBenchResult]) -> list[dict[str, object]]:
    return [asdict(r) for r in results]
