"""Many pack stations on one PostgreSQL while dashboards follow every change (issue 16's 20-station figure).

The (empty) database gets the demo master data with plenty of stock, background orders and enough
allocated orders for the run; then `stations` processes (each its own connection pool, as separate
PCs are) pack one order every `interval_s` through the real pack-station service (order scan, a
pre-printed waybill, every item), while `readers` processes hold a change feed open and reload the
dashboard snapshot on every change notice, as an open 数据看板 does. Reported: scan → verdict
p50/p99 over every station, every verdict a packer saw that was not a yes (must be none), and the
dashboard reloads done and their time.
"""

from __future__ import annotations

import math
import multiprocessing
import queue
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

INTERVAL_S = 3.0
READERS = 2
BACKGROUND = 5000  # orders already in the database besides the ones packed
PACKERS = ("packer1", "packer2", "lead", "admin")
READY_TIMEOUT_S = 300.0


@dataclass
class StationsBenchResult:
    stations: int
    readers: int
    seconds: float
    interval_s: float
    orders_in_db: int
    orders_packed: int
    scans: int
    verdicts: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    error_samples: list[str] = field(default_factory=list)
    late_orders: int = 0  # an order started more than one interval late (the station fell behind)
    dashboard_refreshes: int = 0
    dashboard_p50_ms: float = 0.0
    dashboard_p99_ms: float = 0.0
    dashboard_errors: int = 0

    @property
    def every_scan_answered(self) -> bool:
        return self.scans == self.verdicts


def run_stations_bench(pg_url: str, stations: int = 20, minutes: float = 2.0, interval_s: float = INTERVAL_S,
                       readers: int = READERS, background: int = BACKGROUND,
                       progress: Callable[[str], None] = print) -> StationsBenchResult:  # fmt: skip
    seconds = minutes * 60
    per_station = max(1, math.ceil(seconds / interval_s))
    progress(f"stations benchmark (postgresql): {stations} stations × {per_station} orders, "
             f"{readers} dashboards, {seconds:.0f} s; filling the database …")  # fmt: skip
    scripts, in_db = prepare(pg_url, stations, per_station, background, progress)
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each, nothing shared: like separate PCs
    results, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_station_main, args=(pg_url, i, wh, PACKERS[i % len(PACKERS)], jobs, interval_s,
                                                     seconds, ready, go, results), daemon=True)
             for i, (wh, jobs) in enumerate(scripts)]  # fmt: skip
    procs += [ctx.Process(target=_reader_main, args=(pg_url, r, seconds, ready, go, results), daemon=True)
              for r in range(readers)]  # fmt: skip
    progress(f"  starting {len(procs)} processes …")
    for p in procs:
        p.start()
    try:
        _await_ready(ready, len(procs))
        progress(f"  all connected; packing for {seconds:.0f} s …")
        go.set()
        outs = [results.get(timeout=seconds + 120) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.terminate()
    return _summarise(outs, stations, readers, seconds, interval_s, in_db)


def prepare(url: str, stations: int, per_station: int, background: int,
            progress: Callable[[str], None]) -> tuple[list[tuple[str, list[list[str]]]], int]:  # fmt: skip
    """Fill the database; per station its warehouse and its orders' scans (the stations never share one)."""
    from ..bootstrap import open_store  # noqa: PLC0415 - heavy, and only in the parent

    store = open_store(url, create=True)
    try:
        in_db, newest = _fill(store, stations * per_station, background, progress)
        jobs = _jobs(store.make_uow, newest, progress)
    finally:
        store.close()
    return _deal(jobs, stations, per_station), in_db


def _fill(store, wanted: int, background: int, progress: Callable[[str], None]) -> tuple[int, list[str]]:  # noqa: ANN001
    """Master data, stock for all, `background` orders and then twice `wanted` more, all allocated
    (intake allocates by the rules; what it left paid is allocated here). Returns the newest's numbers."""
    from ..demo.catalog import PRODUCTS, WAREHOUSES  # noqa: PLC0415
    from ..demo.rules import DEMO_RULES  # noqa: PLC0415
    from ..demo.seed import DEMO_PASSWORD, DEMO_USERS, load_demo_master_data  # noqa: PLC0415
    from ..services.allocation import allocate_orders  # noqa: PLC0415
    from ..services.intake import intake_orders  # noqa: PLC0415
    from ..services.rule_sets import save_rule_set  # noqa: PLC0415
    from ..services.stock import set_stock_levels  # noqa: PLC0415
    from ..services.users import seed_demo_users  # noqa: PLC0415
    from .intake_bench import BATCH, _batches  # noqa: PLC0415

    load_demo_master_data(store.make_uow)
    seed_demo_users(store.make_uow, "system", DEMO_USERS, DEMO_PASSWORD)
    save_rule_set(store.make_uow, "system", DEMO_RULES, note="bench")
    set_stock_levels(store.make_uow, "system", [(p.sku, w.code, 1_000_000, "") for p in PRODUCTS for w in WAREHOUSES])
    total = background + wanted * 3  # about two thirds are single-parcel, in four warehouses
    nos: list[str] = []
    for batch in _batches(total, seed=16):
        intake_orders(store.make_uow, batch, actor="system", batch_size=BATCH)
        nos += [o.order_no for o in batch]
    progress(f"  {total:,} orders taken in and allocated; reading the newest {wanted * 3:,} …")
    allocate_orders(store.make_uow, "system", nos[-wanted * 3:])
    return total, nos[-wanted * 3:]


def _jobs(make_uow, order_nos: list[str], progress: Callable[[str], None]) -> dict[str, list[list[str]]]:  # noqa: ANN001
    """Per warehouse, each allocated single-parcel order's scans: the order, a waybill, each item."""
    from ..services.orders import order_detail  # noqa: PLC0415

    jobs: dict[str, list[list[str]]] = defaultdict(list)
    for n, no in enumerate(order_nos):
        d = order_detail(make_uow, "system", no)
        if d.row.status == "ALLOCATED" and len(d.shipments) == 1:
            wh, lines = d.shipments[0]
            waybill = f"73{n:012d}"  # a pre-printed ZTO-shaped number, one per parcel
            jobs[wh].append([no, waybill] + [sku for sku, qty in lines for _ in range(qty)])
    progress("  single-parcel orders per warehouse: " + ", ".join(f"{wh} {len(j)}" for wh, j in sorted(jobs.items())))
    return jobs


def _deal(jobs: dict[str, list[list[str]]], stations: int, per_station: int) -> list[tuple[str, list[list[str]]]]:
    """Stations go to the warehouses with the most orders left per station; each takes its own slice."""
    count: dict[str, int] = {}
    for _ in range(stations):
        wh = max(jobs, key=lambda w: len(jobs[w]) // (count.get(w, 0) + 1))
        if len(jobs[wh]) // (count.get(wh, 0) + 1) < per_station:
            raise RuntimeError(f"not enough single-parcel orders for {stations} stations × {per_station}")
        count[wh] = count.get(wh, 0) + 1
    return [(wh, jobs[wh][k * per_station:(k + 1) * per_station]) for wh, n in sorted(count.items()) for k in range(n)]


def _await_ready(ready: Any, n: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    for _ in range(n):
        try:
            ready.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty as exc:
            raise RuntimeError(f"a benchmark process did not start within {READY_TIMEOUT_S:.0f} s") from exc


def _station_main(url: str, i: int, warehouse: str, actor: str, jobs: list[list[str]], interval_s: float,
                  seconds: float, ready: Any, go: Any, results: Any) -> None:  # fmt: skip
    """One station (its own process and pool): an order every `interval_s`, its scans spread over the
    first two thirds of the slot as a packer's hands would; each scan timed to its verdict."""
    from ..bootstrap import open_store  # noqa: PLC0415
    from ..services.packing import PackStation  # noqa: PLC0415

    out: dict[str, Any] = {"role": "station", "times": [], "scans": 0, "verdicts": 0, "errors": [], "packed": 0,
                           "late": 0}  # fmt: skip
    store = open_store(url)
    try:
        station = PackStation(store.make_uow, actor, warehouse, f"bench-{i:02d}")
        station.resume()  # connects, and checks the packer, before the clock starts
        ready.put(i)
        go.wait()
        start = time.monotonic() + (i % 20) * interval_s / 20  # stations out of step, as real packers are
        for k, scans in enumerate(jobs):
            slot = start + k * interval_s
            if slot - start >= seconds:
                break
            late = slot - time.monotonic()
            if late < -interval_s:
                out["late"] += 1
            time.sleep(max(0.0, late))
            gap = interval_s * 2 / 3 / len(scans)
            for code in scans:
                _timed_scan(station, code, out)
                time.sleep(gap)
    except Exception as exc:  # noqa: BLE001 - reported as an error a packer would have seen
        out["errors"].append(f"station {i}: {type(exc).__name__}: {exc}")
    finally:
        store.close()
        results.put(out)


def _timed_scan(station, code: str, out: dict[str, Any]) -> None:  # noqa: ANN001 - a PackStation
    out["scans"] += 1
    t = time.perf_counter()
    try:
        verdict = station.scan(code)
    except Exception as exc:  # noqa: BLE001 - the screen would show it
        out["errors"].append(f"{code}: {type(exc).__name__}: {exc}")
        return
    out["times"].append((time.perf_counter() - t) * 1000)
    out["verdicts"] += 1
    if not verdict.ok:
        out["errors"].append(f"{code}: {verdict.refusal}: {verdict.message_en}")
    elif verdict.kind == "packed":
        out["packed"] += 1


def _reader_main(url: str, r: int, seconds: float, ready: Any, go: Any, results: Any) -> None:
    """One open dashboard: a change feed, and a snapshot reload on every notice (a burst makes one)."""
    from ..bootstrap import open_store  # noqa: PLC0415
    from ..services.dashboard import dashboard_snapshot  # noqa: PLC0415

    out: dict[str, Any] = {"role": "reader", "times": [], "errors": []}
    store = open_store(url)
    feed = None
    try:
        feed = store.change_feed()
        dashboard_snapshot(store.make_uow, "lead")  # the first paint
        ready.put(f"reader {r}")
        go.wait()
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            if feed.wait(0.25):
                t = time.perf_counter()
                try:
                    dashboard_snapshot(store.make_uow, "lead")
                except Exception as exc:  # noqa: BLE001
                    out["errors"].append(f"{type(exc).__name__}: {exc}")
                    continue
                out["times"].append((time.perf_counter() - t) * 1000)
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"reader {r}: {type(exc).__name__}: {exc}")
    finally:
        if feed is not None:
            feed.close()
        store.close()
        results.put(out)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def _summarise(outs: list[dict[str, Any]], stations: int, readers: int, seconds: float, interval_s: float,
               in_db: int) -> StationsBenchResult:  # fmt: skip
    st = [o for o in outs if o["role"] == "station"]
    rd = [o for o in outs if o["role"] == "reader"]
    times = [t for o in st for t in o["times"]]
    errors = [e for o in st for e in o["errors"]]
    dash = [t for o in rd for t in o["times"]]
    return StationsBenchResult(
        stations, readers, seconds, interval_s, in_db, sum(o["packed"] for o in st), sum(o["scans"] for o in st),
        sum(o["verdicts"] for o in st), round(statistics.median(times), 2) if times else 0.0, _pct(times, 0.99),
        round(max(times), 2) if times else 0.0, len(errors), errors[:10], sum(o["late"] for o in st),
        len(dash), round(statistics.median(dash), 2) if dash else 0.0, _pct(dash, 0.99),
        sum(len(o["errors"]) for o in rd))  # fmt: skip


def as_dict(result: StationsBenchResult) -> dict[str, object]:
    return asdict(result) | {"every_scan_answered": result.every_scan_answered}
