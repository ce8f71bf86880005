"""`orderdesk bench`: measure intake and lookups on this machine and print the figures."""

from __future__ import annotations

import argparse
import sys

from ..benchmarks.intake_bench import as_dict, run_intake_bench
from .output import print_json

INTAKE_FLOOR = 0.30  # intake at >= 30 % of raw sqlite3 executemany
LOOKUP_P99_FLOOR_MS = 5.0


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    b = verbs.add_parser("bench", help="benchmark intake and lookups (prints figures)", parents=[common])
    b.add_argument("--orders", type=int, default=1_000_000, metavar="N")
    b.add_argument("--lookups", type=int, default=1000, metavar="K")
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    def progress(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    progress(f"intake benchmark: {args.orders:,} orders on SQLite …")
    result = run_intake_bench(args.orders, lookups=args.lookups, progress=progress)
    figures = as_dict(result)
    figures["floors"] = {"intake_vs_raw": INTAKE_FLOOR, "lookup_p99_ms": LOOKUP_P99_FLOOR_MS}
    figures["meets_floors"] = (
        result.intake_vs_raw >= INTAKE_FLOOR
        and max(result.lookup_order_no_p99_ms, result.lookup_phone_p99_ms) <= LOOKUP_P99_FLOOR_MS
    )
    if args.json:
        print_json({"intake": figures})
        return 0
    print(f"orders                 {result.orders:>12,}  ({result.lines:,} lines)")
    print(f"intake (service)       {result.intake_orders_per_s:>12,.0f} orders/s")
    print(f"raw sqlite3 executemany{result.raw_orders_per_s:>12,.0f} orders/s")
    print(f"intake / raw           {result.intake_vs_raw:>12.1%}   (floor {INTAKE_FLOOR:.0%})")
    print(f"lookup by order no     p50 {result.lookup_order_no_p50_ms:.3f} ms  p99 {result.lookup_order_no_p99_ms:.3f} ms")
    print(f"lookup by phone        p50 {result.lookup_phone_p50_ms:.3f} ms  p99 {result.lookup_phone_p99_ms:.3f} ms")
    print(f"database size          {result.db_size_mb:>12.1f} MB")
    print("meets floors: " + ("yes" if figures["meets_floors"] else "NO"))
    return 0
