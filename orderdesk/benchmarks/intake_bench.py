"""Intake throughput against the machine's own limit, and lookups at scale.

The same generated orders are written twice into fresh SQLite databases of the real schema:
once through the intake service (dedupe, state decisions, customers, events), once as plain
rows with sqlite3.executemany (what the disk and SQLite can do at best). Only the writing is
timed; generating orders and preparing raw rows is not.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..bootstrap import open_store
from ..demo.generator import generate_order
from ..demo.seed import load_demo_master_data
from ..domain.model import ChannelOrder, customer_key, is_clear_phone
from ..services.intake import intake_orders
from ..services.orders import list_orders
from ..services.read_models import OrderFilter

BATCH = 1000


@dataclass
class IntakeBenchResult:
    orders: int
    lines: int
    intake_orders_per_s: float
    raw_orders_per_s: float
    intake_vs_raw: float
    lookup_order_no_p50_ms: float
    lookup_order_no_p99_ms: float
    lookup_phone_p50_ms: float
    lookup_phone_p99_ms: float
    db_size_mb: float


def run_intake_bench(n: int, lookups: int = 500, seed: int = 7, workdir: Path | None = None,
                     progress=print, keep_db: Path | None = None) -> IntakeBenchResult:  # fmt: skip
    work = workdir or Path(tempfile.mkdtemp(prefix="orderdesk-bench-"))
    try:
        result = _run(n, lookups, seed, work, progress)
        if keep_db is not None:
            shutil.move(str(work / "hub.db"), keep_db)  # e.g. to try the orders view at this size
        return result
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(n: int, lookups: int, seed: int, work: Path, progress) -> IntakeBenchResult:  # noqa: ANN001
    hub_url, raw_path = f"sqlite:///{work / 'hub.db'}", work / "raw.db"
    store = open_store(hub_url, create=True)  # its own new file
    load_demo_master_data(store.make_uow)
    store.close()
    shutil.copy(work / "hub.db", raw_path)  # same schema and master data for the raw writer
    raw = _RawWriter(raw_path)
    store = open_store(hub_url)
    sample_nos: list[str] = []
    sample_phones: list[str] = []
    intake_s = raw_s = 0.0
    lines = 0
    rng = random.Random(seed)
    for i, batch in enumerate(_batches(n, seed)):
        lines += sum(len(o.lines) for o in batch)
        _sample(rng, batch, sample_nos, sample_phones, lookups, i * BATCH)
        rows = raw.prepare(batch)
        t = time.perf_counter()
        intake_orders(store.make_uow, batch, actor="system", batch_size=BATCH)
        intake_s += time.perf_counter() - t
        t = time.perf_counter()
        raw.write(rows)
        raw_s += time.perf_counter() - t
        if (i + 1) % 100 == 0:
            progress(f"  … {min(n, (i + 1) * BATCH):,} orders")
    raw.close()
    no_ms = _time_lookups(store, [OrderFilter(search=no) for no in sample_nos])
    phone_ms = _time_lookups(store, [OrderFilter(phone=p) for p in sample_phones])
    store.close()
    intake_rate, raw_rate = n / intake_s, n / raw_s
    return IntakeBenchResult(
        orders=n, lines=lines,
        intake_orders_per_s=round(intake_rate), raw_orders_per_s=round(raw_rate),
        intake_vs_raw=round(intake_rate / raw_rate, 3),
        lookup_order_no_p50_ms=_pct(no_ms, 50), lookup_order_no_p99_ms=_pct(no_ms, 99),
        lookup_phone_p50_ms=_pct(phone_ms, 50), lookup_phone_p99_ms=_pct(phone_ms, 99),
        db_size_mb=round((work / "hub.db").stat().st_size / 2**20, 1),
    )  # fmt: skip


def _batches(n: int, seed: int) -> Iterator[list[ChannelOrder]]:
    rng = random.Random(seed)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    for start in range(0, n, BATCH):
        yield [
            generate_order(rng, now, seq, paid_at=now - timedelta(seconds=rng.randint(0, 30 * 86400)))
            for seq in range(start, min(n, start + BATCH))
        ]


def _sample(rng: random.Random, batch: list[ChannelOrder], nos: list[str], phones: list[str], k: int,
            seen: int) -> None:  # fmt: skip
    """Reservoir-sample order numbers and clear phones, so lookups hit the whole table."""
    for j, o in enumerate(batch):
        slot = rng.randint(0, seen + j)
        if len(nos) < k:
            nos.append(o.order_no)
        elif slot < k:
            nos[slot] = o.order_no
        if is_clear_phone(o.receiver.phone):
            if len(phones) < k:
                phones.append(o.receiver.phone)
            elif slot < k:
                phones[slot] = o.receiver.phone


def _time_lookups(store, filters: list[OrderFilter]) -> list[float]:  # noqa: ANN001
    out = []
    for flt in filters:
        t = time.perf_counter()
        rows = list_orders(store.make_uow, "system", flt, limit=50)
        out.append((time.perf_counter() - t) * 1000)
        assert rows, f"lookup found nothing for {flt}"
    return out


def _pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1], 3)


class _RawWriter:
    """The same rows with sqlite3 executemany and explicit ids: the machine's ceiling."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.next_order = self.next_line = self.next_event = 1
        self.next_customer = 1
        self.customers: dict[str, int] = {}

    def prepare(self, batch: list[ChannelOrder]) -> tuple[list, list, list, list]:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        orders, lines, events, customers = [], [], [], []
        for o in batch:
            key = customer_key(o.channel, o.buyer_ref, o.receiver)
            if key not in self.customers:
                self.customers[key] = self.next_customer
                customers.append((self.next_customer, key, o.receiver.phone, o.receiver.name,
                                  o.channel.value, o.buyer_ref, now))  # fmt: skip
                self.next_customer += 1
            oid, r = self.next_order, o.receiver
            self.next_order += 1
            orders.append((
                oid, o.order_no, o.channel.value, o.platform_order_id, 1, self.customers[key], "PAID",
                o.trade_state.value, o.refund_state.value, _ts(o.paid_at), _ts(o.modified_at), now, now,
                r.name, r.phone, r.province, r.province_raw, r.city, r.district, r.street, r.detail,
                o.buyer_note, o.seller_note, o.total_fen, o.freight_fen, o.discount_fen, json.dumps(o.extras),
            ))  # fmt: skip
            for n_line, ln in enumerate(o.lines, start=1):
                lines.append((self.next_line, oid, n_line, ln.sku, ln.title, ln.quantity, ln.unit_price_fen,
                              ln.paid_fen, ln.platform_line_id, ln.is_gift))  # fmt: skip
                self.next_line += 1
            events.append((self.next_event, oid, now, 1, "CREATED", "PAID", "channel", "{}"))
            self.next_event += 1
        return orders, lines, events, customers

    def write(self, rows: tuple[list, list, list, list]) -> None:
        orders, lines, events, customers = rows
        c = self.conn
        c.execute("BEGIN")
        c.executemany("INSERT INTO customers (id, key, phone, name, channel, buyer_ref, created_at) "
                      "VALUES (?,?,?,?,?,?,?)", customers)  # fmt: skip
        c.executemany(
            "INSERT INTO orders (id, order_no, channel, platform_order_id, shop_id, customer_id, status, "
            "trade_state, refund_state, paid_at, channel_modified_at, created_at, updated_at, receiver_name, "
            "receiver_phone, province, province_raw, city, district, street, address_detail, buyer_note, "
            "seller_note, total_fen, freight_fen, discount_fen, extras, version) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            orders,
        )
        c.executemany("INSERT INTO order_lines (id, order_id, line_no, sku, title, quantity, unit_price_fen, "
                      "paid_fen, platform_line_id, is_gift) VALUES (?,?,?,?,?,?,?,?,?,?)", lines)  # fmt: skip
        c.executemany("INSERT INTO order_events (id, order_id, at, user_id, kind, to_status, reason, details) "
                      "VALUES (?,?,?,?,?,?,?,?)", events)  # fmt: skip
        c.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def _ts(value: datetime | None) -> str | None:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if value else None


def as_dict(result: IntakeBenchResult) -> dict[str, float]:
    return asdict(result)
