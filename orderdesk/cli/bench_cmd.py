"""`orderdesk bench`: measure intake and lookups on this machine and print the figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .inputs import int_range, minutes
from .output import error, print_json

INTAKE_FLOOR = 0.30  # intake at >= 30 % of raw sqlite3 executemany
LOOKUP_P99_FLOOR_MS = 5.0


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    b = verbs.add_parser("bench", help="benchmark intake, lookups, allocation and sync (prints figures)", parents=[common])
    b.add_argument("--orders", type=int, default=1_000_000, metavar="N")
    b.add_argument("--lookups", type=int, default=1000, metavar="K")
    b.add_argument("--allocation-orders", type=int, default=100_000, metavar="N")
    b.add_argument("--sync-orders", type=int, default=20_000, metavar="N", help="trades on the fake Taobao gateway")
    b.add_argument("--latency-samples", type=int, default=40, metavar="K",
                   help="trades timed from the gateway to the orders view")
    b.add_argument("--import-rows", type=int, default=50_000, metavar="N", help="rows of the export file to import")
    b.add_argument("--products-rows", type=int, default=50_000, metavar="N", help="rows of the products file to import")
    b.add_argument("--labels", type=int, default=1000, metavar="N", help="labels in the one-PDF batch")
    b.add_argument("--station-orders", type=int, default=1_000_000, metavar="N",
                   help="orders in the database for the pack-station scan benchmark")
    b.add_argument("--pg-url", default=None, metavar="URL",
                   help="also run the pack-station benchmark on this (empty) PostgreSQL database")
    b.add_argument("--confirm-parcels", type=int, default=2000, metavar="N", help="confirmations drained to the fakes")
    b.add_argument("--confirm-orders", type=int, default=1_000_000, metavar="N",
                   help="orders in the database for the outbox's pack-cost figure")
    b.add_argument("--refund-samples", type=int, default=20, metavar="K",
                   help="refunds on the fake gateway timed to their interception at a pack bench")
    b.add_argument("--desk-orders", type=int, default=1_000_000, metavar="N", help="orders for the service desk benchmark")
    b.add_argument("--desk-customers", type=int, default=300_000, metavar="N", help="their customers")
    b.add_argument("--desk-pg-only", action="store_true", help="the desk benchmark on --pg-url only, not on SQLite")
    b.add_argument("--only", choices=["intake", "allocation", "sync", "import", "products", "labels", "station", "tracking", "confirm",
                                      "report", "refund", "returns", "desk", "stations"],
                   help="run one benchmark instead of all")
    b.add_argument("--stations", type=int_range(1, 200), default=20, metavar="N",
                   help="pack stations (processes) on --pg-url for the stations benchmark (--only stations)")
    b.add_argument("--minutes", type=minutes(0.05, 24 * 60), default=2.0, metavar="M",
                   help="how long the stations pack (one order every 3 s each)")
    b.add_argument("--parcels", type=int, default=10_000, metavar="N", help="open parcels for the tracking re-plan")
    b.add_argument("--report-orders", type=int, default=1_000_000, metavar="N",
                   help="orders (paid over a year, with their timelines) for the dashboard and report figures")
    b.add_argument("--keep-db", type=Path, metavar="FILE", help="keep the intake benchmark's database here")
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=run_bench)


ALLOCATION_FLOOR = 5000  # orders/s against 20 rules on SQLite
PREVIEW_FLOOR_S = 1.0  # a rule preview over 10,000 orders


def run_bench(args: argparse.Namespace) -> int:
    out: dict[str, object] = {}
    if args.only in (None, "intake"):
        out["intake"] = _intake(args)
    if args.only in (None, "allocation"):
        out["allocation"] = _allocation(args)
    if args.only in (None, "sync"):
        out["sync"] = _sync(args)
    if args.only in (None, "import"):
        out["import"] = _import(args)
    if args.only in (None, "products"):
        out["products"] = _products(args)
    if args.only in (None, "labels"):
        out["labels"] = _labels(args)
    if args.only in (None, "station"):
        out["station"] = _station(args)
    if args.only in (None, "returns"):
        out["returns"] = _returns(args)
    if args.only in (None, "tracking"):
        out["tracking"] = _tracking(args)
    if args.only in (None, "confirm"):
        out["confirm"] = _confirm(args)
    if args.only in (None, "report"):
        out["report"] = _report(args)
    if args.only in (None, "refund"):
        out["refund"] = _refund(args)
    if args.only in (None, "desk"):
        out["desk"] = _desk(args)
    if args.only == "stations":  # on its own only: it needs an empty PostgreSQL database
        if not args.pg_url:
            error("the stations benchmark needs a PostgreSQL database: --pg-url URL (an empty one)")
            return 2
        out["stations"] = _stations(args)
    if args.json:
        print_json(out)
    return 0


DASHBOARD_PAINT_FLOOR_MS, DASHBOARD_UPDATE_FLOOR_MS = 500.0, 1000.0
KPI_MONTH_FLOOR_S, RECONCILIATION_FLOOR_S = 2.0, 10.0


def _report(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.report_bench import as_dict as report_dict
    from ..benchmarks.report_bench import run_report_bench

    r = run_report_bench(args.report_orders, progress=_progress)
    ok = (r.dashboard_first_paint_ms <= DASHBOARD_PAINT_FLOOR_MS and r.dashboard_update_ms <= DASHBOARD_UPDATE_FLOOR_MS
          and r.kpi_month_s <= KPI_MONTH_FLOOR_S and r.reconciliation_month_s <= RECONCILIATION_FLOOR_S)
    if not args.json:
        print(f"database                {r.orders:,} orders over a year, {r.events:,} timeline events, {r.scans:,} pack scans "
              f"(written in {r.fill_s:.0f} s)")
        print(f"dashboard first paint   {r.dashboard_first_paint_ms:.0f} ms; update after another connection's change "
              f"{r.dashboard_update_ms:.0f} ms (SQLite)")
        print(f"report kpi, last month  {r.kpi_month_s:.2f} s ({r.kpi_month_orders:,} orders paid in the month)")
        print(f"reconciliation export   {r.reconciliation_month_s:.2f} s (taobao, last month, {r.reconciliation_rows:,} rows)")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"results": report_dict(r), "meets_floors": ok}
REFUND_INTERCEPT_FLOOR_S = 2.0  # a refund on a platform stops the order at the bench within 2 s


def _refund(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.refund_bench import run_refund_bench

    _progress(f"refund benchmark: {args.refund_samples} refunds on the fake Taobao gateway, sync every second …")
    r = run_refund_bench(args.refund_samples, progress=_progress)
    figures: dict[str, object] = r.to_json()
    figures["floors"] = {"refund_to_bench_max_s": REFUND_INTERCEPT_FLOOR_S}
    figures["meets_floors"] = r.max_s <= REFUND_INTERCEPT_FLOOR_S
    if not args.json:
        print(f"refund → bench         {r.p50_s:>12.3f} s p50, {r.p99_s:.3f} s p99, {r.max_s:.3f} s max "
              f"({r.samples} refunds, sync every {r.interval_s:.0f} s)")
        print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return figures


TRACKING_REPLAN_FLOOR_S = 1.0  # 10,000 open parcels re-planned
DESK_SEARCH_P99_FLOOR_MS = 100.0  # search -> first results, per kind of query
DESK_STORY_P99_FLOOR_MS = 50.0  # an order's story with 50 events
DESK_RECOMPUTE_FLOOR_S = 30.0  # every customer's built-in tags
DESK_PREVIEW_FLOOR_S = 5.0  # a business tag's preview over every customer


def _desk(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.desk_bench import as_dict as desk_dict
    from ..benchmarks.desk_bench import run_desk_bench

    results = run_desk_bench(args.desk_orders, args.desk_customers, pg_url=args.pg_url, progress=_progress,
                             sqlite=not args.desk_pg_only)  # fmt: skip
    ok = all(all(v["p99"] <= DESK_SEARCH_P99_FLOOR_MS for v in r.search_ms.values())
             and r.story_ms["p99"] <= DESK_STORY_P99_FLOOR_MS and r.recompute_s <= DESK_RECOMPUTE_FLOOR_S
             and r.preview_s <= DESK_PREVIEW_FLOOR_S for r in results)  # fmt: skip
    if not args.json:
        for r in results:
            print(f"service desk ({r.backend}, {r.orders:,} orders, {r.customers:,} customers, filled in {r.fill_s:.0f} s)")
            for kind, v in r.search_ms.items():
                print(f"  search {kind:<14} p50 {v['p50']:>7.2f} ms  p99 {v['p99']:>7.2f} ms  max {v['max']:>7.1f} ms  ({v['n']})")
            s = r.story_ms
            print(f"  story (50 events)     p50 {s['p50']:>7.2f} ms  p99 {s['p99']:>7.2f} ms  max {s['max']:>7.1f} ms  ({s['n']})")
            print(f"  tag recompute {r.recompute_s:.2f} s ({r.tagged}); business tag preview {r.preview_s:.2f} s")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"results": desk_dict(results), "meets_floors": ok,
            "floors": {"search_p99_ms": DESK_SEARCH_P99_FLOOR_MS, "story_p99_ms": DESK_STORY_P99_FLOOR_MS,
                       "recompute_s": DESK_RECOMPUTE_FLOOR_S, "preview_s": DESK_PREVIEW_FLOOR_S}}  # fmt: skip


def _tracking(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.tracking_bench import as_dict as track_dict
    from ..benchmarks.tracking_bench import run_tracking_bench

    _progress(f"tracking benchmark: {args.parcels:,} open parcels, SQLite …")
    r = run_tracking_bench(args.parcels, progress=_progress)
    figures: dict[str, object] = track_dict(r)
    figures["floors"] = {"replan_s": TRACKING_REPLAN_FLOOR_S}
    figures["meets_floors"] = max(r.first_round_s, r.steady_round_s) <= TRACKING_REPLAN_FLOOR_S
    if not args.json:
        print(f"tracking planner       {r.plan_only_s:>12.4f} s for {r.parcels:,} open parcels (pure)")
        print(f"tracking re-plan       {r.first_round_s:>12.4f} s first round (all new), "
              f"{r.steady_round_s:.4f} s steady ({r.due_now} due now, intervals ×{r.stretch} for a 500/day quota)")
        print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return figures


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _allocation(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.allocation_bench import as_dict as alloc_dict
    from ..benchmarks.allocation_bench import run_allocation_bench

    _progress(f"allocation benchmark: {args.allocation_orders:,} orders, 20 rules, SQLite …")
    r = run_allocation_bench(args.allocation_orders, progress=_progress)
    figures: dict[str, object] = alloc_dict(r)
    figures["floors"] = {"allocate_orders_per_s": ALLOCATION_FLOOR, "preview_s": PREVIEW_FLOOR_S}
    figures["meets_floors"] = r.allocate_orders_per_s >= ALLOCATION_FLOOR and r.preview_s <= PREVIEW_FLOOR_S
    if not args.json:
        print(f"allocation             {r.allocate_orders_per_s:>12,.0f} orders/s  ({r.orders:,} orders, {r.rules} rules; "
              f"{r.allocated:,} allocated, {r.held:,} held, {r.split:,} split)")
        print(f"rule preview           {r.preview_s:>12.3f} s for {r.preview_orders:,} orders")
        print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return figures


SYNC_LATENCY_P99_FLOOR_S = 2.0  # an order on a platform is in the orders view within 2 s


def _sync(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.sync_bench import run_sync_bench

    r = run_sync_bench(args.sync_orders, args.latency_samples, progress=_progress)
    figures: dict[str, object] = r.to_json()
    figures["floors"] = {"latency_p99_s": SYNC_LATENCY_P99_FLOOR_S}
    figures["meets_floors"] = r.latency_p99_s <= SYNC_LATENCY_P99_FLOOR_S
    if not args.json:
        print(f"sync from fake Taobao  {r.sync_orders_per_s:>12,.0f} orders/s  ({r.orders:,} orders, {r.pages} pages, "
              f"{r.sync_s:.1f} s)")
        print(f"gateway -> orders view p50 {r.latency_p50_s:.3f} s  p99 {r.latency_p99_s:.3f} s  max "
              f"{r.latency_max_s:.3f} s  ({r.latency_samples} orders, sync every {r.interval_s:g} s)")
        print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return figures


STATION_P99_FLOOR_MS = 30.0


def _station(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.station_bench import as_dict as station_dict
    from ..benchmarks.station_bench import run_station_bench

    results = run_station_bench(args.station_orders, pg_url=args.pg_url, progress=_progress)
    ok = all(r.p99_ms <= STATION_P99_FLOOR_MS for r in results)
    if not args.json:
        for r in results:
            print(f"scan -> verdict ({r.backend:<10}) p50 {r.p50_ms:.2f} ms  p99 {r.p99_ms:.2f} ms  max {r.max_ms:.1f} ms"
                  f"  ({r.scans} scans, {r.orders_in_db:,} orders in the database)")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"results": station_dict(results), "floors": {"p99_ms": STATION_P99_FLOOR_MS}, "meets_floors": ok}


STATIONS_P99_FLOOR_MS = 50.0  # 20 stations on one PostgreSQL, dashboards open on two PCs


def _stations(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.stations_bench import as_dict as stations_dict
    from ..benchmarks.stations_bench import run_stations_bench

    r = run_stations_bench(args.pg_url, args.stations, args.minutes, progress=_progress)
    ok = r.p99_ms <= STATIONS_P99_FLOOR_MS and r.errors == 0 and r.every_scan_answered
    if not args.json:
        print(f"{r.stations} stations, one order every {r.interval_s:g} s each, {r.seconds:.0f} s, {r.readers} dashboards "
              f"({r.orders_in_db:,} orders in the database)")
        print(f"  scan -> verdict p50 {r.p50_ms:.2f} ms  p99 {r.p99_ms:.2f} ms  max {r.max_ms:.1f} ms  ({r.scans} scans, "
              f"{r.verdicts} verdicts, {r.orders_packed} orders packed, {r.late_orders} started late)")
        print(f"  errors shown to packers: {r.errors}" + "".join(f"\n    {e}" for e in r.error_samples))
        print(f"  dashboard reloads on change notices: {r.dashboard_refreshes}, p50 {r.dashboard_p50_ms:.1f} ms  "
              f"p99 {r.dashboard_p99_ms:.1f} ms  ({r.dashboard_errors} failed)")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"results": stations_dict(r), "floors": {"p99_ms": STATIONS_P99_FLOOR_MS, "errors": 0}, "meets_floors": ok}


def _returns(args: argparse.Namespace) -> dict[str, object]:
    """The returns desk: check-in scan → verdict at --station-orders orders (floor p99 ≤ 30 ms, as the station)."""
    from ..benchmarks.returns_bench import run_returns_bench
    from ..benchmarks.station_bench import as_dict as station_dict

    results = run_returns_bench(args.station_orders, pg_url=args.pg_url, progress=_progress)
    ok = all(r.p99_ms <= STATION_P99_FLOOR_MS for r in results)
    if not args.json:
        for r in results:
            print(f"check-in scan -> verdict ({r.backend:<10}) p50 {r.p50_ms:.2f} ms  p99 {r.p99_ms:.2f} ms"
                  f"  max {r.max_ms:.1f} ms  ({r.scans} scans, {r.refusals} refused, {r.orders_in_db:,} orders)")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"results": station_dict(results), "floors": {"p99_ms": STATION_P99_FLOOR_MS}, "meets_floors": ok}


CONFIRM_DRAIN_FLOOR_S = 30.0  # 2,000 confirmations at 20 ms per call
CONFIRM_INSERT_P99_FLOOR_MS = 1.0


def _confirm(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.confirm_bench import as_dict as confirm_dict
    from ..benchmarks.confirm_bench import run_drain, run_pack_cost

    d = run_drain(args.confirm_parcels, progress=_progress)
    p = run_pack_cost(args.confirm_orders, progress=_progress)
    ok = d.seconds <= CONFIRM_DRAIN_FLOOR_S and d.accepted == d.parcels and p.insert_p99_ms <= CONFIRM_INSERT_P99_FLOOR_MS
    if not args.json:
        print(f"ship-confirm drain      {d.parcels:,} confirmations in {d.seconds:.1f} s ({d.per_s:,.0f}/s; "
              f"{d.latency_ms:.0f} ms per call, {d.parallel} in flight per connection; {d.accepted:,} accepted, "
              f"{d.calls:,} calls)")
        print(f"outbox in pack tx       INSERT p50 {p.insert_p50_ms:.3f} ms  p99 {p.insert_p99_ms:.3f} ms; pack tx p99 "
              f"{p.pack_tx_p99_with_ms:.2f} ms with, {p.pack_tx_p99_without_ms:.2f} ms without "
              f"({p.parcels} parcels, {p.orders_in_db:,} orders in the database)")
        print("meets floors: " + ("yes" if ok else "NO"))
    return {"drain": confirm_dict(d), "pack_cost": confirm_dict(p), "meets_floors": ok,
            "floors": {"drain_s": CONFIRM_DRAIN_FLOOR_S, "insert_p99_ms": CONFIRM_INSERT_P99_FLOOR_MS}}


def _labels(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.label_bench import as_dict as labels_dict
    from ..benchmarks.label_bench import run

    _progress(f"labels benchmark: first label in a fresh process, then {args.labels:,} labels in one PDF …")
    r = run(args.labels, progress=_progress)
    figures = labels_dict(r)
    if not args.json:
        print(f"first label            {r.first_label_ms:>12.0f} ms  (fresh process; limit 300 ms)")
        print(f"{r.batch_labels:,} labels in one PDF {r.batch_s:>9.2f} s  ({r.batch_labels_per_s:,.0f} labels/s; limit 10 s)")
        print("meets floors: " + ("yes" if r.ok else "NO"))
    return figures


def _import(args: argparse.Namespace) -> dict[str, object]:
    from dataclasses import asdict

    from ..benchmarks.import_bench import run

    _progress(f"import benchmark: a {args.import_rows:,}-row Pinduoduo export (GBK csv) …")
    r = run(args.import_rows, progress=_progress)
    figures: dict[str, object] = asdict(r)
    if not args.json:
        print(f"export file import     {r.rows_per_s:>12,.0f} rows/s  ({r.rows:,} rows, {r.orders:,} orders, "
              f"{r.parse_s + r.import_s:.1f} s)")
    return figures


PRODUCTS_FLOOR_S = 15.0  # 50,000 rows of a products file, read, checked and written


def _products(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.products_bench import as_dict as products_dict
    from ..benchmarks.products_bench import run

    _progress(f"products benchmark: a {args.products_rows:,}-row products and stock file (csv), imported twice …")
    r = run(args.products_rows, progress=_progress)
    figures: dict[str, object] = products_dict(r)
    floor = PRODUCTS_FLOOR_S * args.products_rows / 50_000
    figures["floors"] = {"total_s": round(floor, 2)}
    figures["meets_floors"] = r.total_s <= floor
    if not args.json:
        print(f"products file import   {r.rows_per_s:>12,.0f} rows/s  ({r.rows:,} rows, {r.skus:,} SKUs, {r.total_s:.1f} s: "
              f"parse {r.parse_s:.1f} s, write {r.import_new_s:.1f} s; re-import {r.import_update_s:.1f} s; "
              f"{r.cpu_s:.1f} s of CPU)")
        print(f"meets floors: {'yes' if figures['meets_floors'] else 'NO'} (limit {floor:.1f} s)")
    return figures


def _intake(args: argparse.Namespace) -> dict[str, object]:
    from ..benchmarks.intake_bench import as_dict, run_intake_bench

    progress = _progress
    progress(f"intake benchmark: {args.orders:,} orders on SQLite …")
    result = run_intake_bench(args.orders, lookups=args.lookups, progress=progress, keep_db=args.keep_db)
    figures = as_dict(result)
    figures["floors"] = {"intake_vs_raw": INTAKE_FLOOR, "lookup_p99_ms": LOOKUP_P99_FLOOR_MS}
    figures["meets_floors"] = (
        result.intake_vs_raw >= INTAKE_FLOOR
        and max(result.lookup_order_no_p99_ms, result.lookup_phone_p99_ms) <= LOOKUP_P99_FLOOR_MS
    )
    if args.json:
        return figures
    print(f"orders                 {result.orders:>12,}  ({result.lines:,} lines)")
    print(f"intake (service)       {result.intake_orders_per_s:>12,.0f} orders/s")
    print(f"raw sqlite3 executemany{result.raw_orders_per_s:>12,.0f} orders/s")
    print(f"intake / raw           {result.intake_vs_raw:>12.1%}   (floor {INTAKE_FLOOR:.0%})")
    print(f"lookup by order no     p50 {result.lookup_order_no_p50_ms:.3f} ms  p99 {result.lookup_order_no_p99_ms:.3f} ms")
    print(f"lookup by phone        p50 {result.lookup_phone_p50_ms:.3f} ms  p99 {result.lookup_phone_p99_ms:.3f} ms")
    print(f"database size          {result.db_size_mb:>12.1f} MB")
    print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return figures
