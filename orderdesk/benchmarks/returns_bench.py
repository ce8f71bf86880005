"""Scan → verdict latency at the returns desk, through the service layer, on a large database.

The database is filled as for the station benchmark (`n` orders through intake, the newest few
thousand allocated); a station packs `parcels` of them, they ship and get a refund request, and a
returns desk checks each back in (the order scan, every item, now and then an unknown barcode or a
damaged unit, then DONE); each line's time to its verdict is measured. SQLite always; PostgreSQL
when a server URL is given.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..bootstrap import open_store
from ..demo.rules import DEMO_RULES
from ..domain.lifecycle import OrderEvent
from ..services.allocation import allocate_orders
from ..services.orders import change_status, order_detail
from ..services.returns import ReturnDesk
from ..services.rule_sets import save_rule_set
from .station_bench import WAREHOUSE, StationBenchResult, _fill, _pack


def run_returns_bench(n: int = 1_000_000, parcels: int = 200, pg_url: str | None = None,
                      progress: Callable[[str], None] = print) -> list[StationBenchResult]:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="orderdesk-returns-bench-"))
    try:
        out = [_one(f"sqlite:///{work / 'hub.db'}", "sqlite", n, parcels, progress)]
        if pg_url:
            out.append(_one(pg_url, "postgresql", n, parcels, progress))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one(url: str, backend: str, n: int, parcels: int, progress: Callable[[str], None]) -> StationBenchResult:
    store = open_store(url, create=True)
    try:
        progress(f"returns benchmark ({backend}): {n:,} orders through intake …")
        nos = _fill(store, n, progress)
        progress(f"  packing and shipping {parcels} parcels, then checking them back in …")
        save_rule_set(store.make_uow, "system", DEMO_RULES, note="bench")
        allocate_orders(store.make_uow, "system", nos[-parcels * 4:])
        _pack(store.make_uow, nos[-parcels * 4:], parcels)
        times, refusals = _check_in(store.make_uow, nos[-parcels * 4:])
    finally:
        store.close()
    ordered = sorted(times)
    return StationBenchResult(backend, n, len(ordered), round(statistics.median(ordered), 2),
                              round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
                              round(ordered[-1], 2), refusals)  # fmt: skip


def _check_in(make_uow, candidates: list[str]) -> tuple[list[float], int]:  # noqa: ANN001
    desk = ReturnDesk(make_uow, "packer1", WAREHOUSE, "bench-returns")
    rng = random.Random(2)
    times: list[float] = []
    refusals = 0
    for no in candidates:
        detail = order_detail(make_uow, "system", no)
        if detail.row.status != "PACKED":
            continue
        change_status(make_uow, no, OrderEvent.SHIP, "system")
        change_status(make_uow, no, OrderEvent.REQUEST_REFUND, "system", reason="bench")
        items = [sku for _wh, lines in detail.shipments for sku, qty in lines for _ in range(qty)]
        scans = [no] + [f"{sku} damaged 压坏" if rng.random() < 0.1 else sku for sku in items] + ["DONE"]
        if rng.random() < 0.2:
            scans.insert(1, "6900000000000")  # a barcode nobody knows: refused, timed like the rest
        for code in scans:
            t = time.perf_counter()
            verdict = desk.scan(code)
            times.append((time.perf_counter() - t) * 1000)
            refusals += not verdict.ok
    return times, refusals
