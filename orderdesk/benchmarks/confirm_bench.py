"""Ship-confirm figures: draining the outbox to the four fake gateways with a latency per call, and
what the outbox adds to a pack transaction (one INSERT … SELECT) on a large SQLite database.

Drain: `parcels` orders are put on the fakes, synced in, given a parcel with a waybill each and
enqueued; every gateway then answers each call after `latency_s`; the drain (kept-alive HTTP, a
few calls in flight per connection) is timed until the outbox is empty. Pack cost: `orders` orders
taken in; parcels are then packed as the station does (status change + commit), alternately with
and without the outbox INSERT, and the INSERT itself is timed.
"""

from __future__ import annotations

import random
import shutil

import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from ..bootstrap import open_store
from ..channels.registry import adapter_for
from ..channels.shipping import Shipper
from ..demo.channels import DemoChannels
from ..demo.generator import generate_order
from ..demo.seed import load_demo_master_data
from ..services.intake import intake_orders
from ..services.ship_confirm import Drain, enqueue_confirmations_for_handover
from ..services.sync import sync_channel
from ..store.models import Order, OrderLineRow, Shipment, ShipmentLine, Warehouse
from .intake_bench import _batches


@dataclass
class DrainResult:
    parcels: int
    latency_ms: float
    parallel: int
    seconds: float
    per_s: float
    accepted: int
    calls: int


@dataclass
class PackCostResult:
    orders_in_db: int
    parcels: int
    insert_p50_ms: float
    insert_p99_ms: float
    pack_tx_p99_with_ms: float
    pack_tx_p99_without_ms: float


def run_drain(parcels: int = 2000, latency_s: float = 0.02, parallel: int = 8,
              progress: Callable[[str], None] = print) -> DrainResult:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="orderdesk-confirm-bench-"))
    import os

    os.environ.setdefault("ORDERDESK_SECRET_BACKEND", "file")
    os.environ.setdefault("ORDERDESK_SECRET_KEY_FILE", str(work / "secrets.key"))
    store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)
    try:
        with DemoChannels(seed=7) as demo:
            names = _shop(store, demo, parcels, progress)
            for g in demo.gateways.values():
                g.server.inject(_delay(g.server), times=None, seconds=latency_s)
            progress(f"confirm benchmark: draining {parcels:,} confirmations ({latency_s * 1000:.0f} ms per call) …")
            drain = Drain(store.make_uow, Shipper(), "bench", batch=500, parallel=parallel)
            t0 = time.perf_counter()
            while drain.run_once().claimed:
                pass
            seconds = time.perf_counter() - t0
            drain.close()
            books = [g.server.book for g in demo.gateways.values()]
            accepted = sum(sum(b.accepted.values()) for b in books)
            calls = sum(sum(b.calls.values()) for b in books)
        del names
        return DrainResult(parcels, latency_s * 1000, parallel, seconds, parcels / seconds, accepted, calls)
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)


def _shop(store, demo: DemoChannels, n: int, progress: Callable[[str], None]) -> list[str]:  # noqa: ANN001
    """Orders on the fakes, synced in; one packed parcel with a waybill each, enqueued."""
    load_demo_master_data(store.make_uow)
    names = demo.register(store.make_uow)
    demo.load_courier_codes(store.make_uow)
    rng, now = random.Random(5), datetime.now(UTC)
    progress(f"confirm benchmark: {n:,} orders on the four fake platforms, synced in …")
    for seq in range(n):
        order = generate_order(rng, now - timedelta(seconds=30), 600_000 + seq, paid_at=now - timedelta(minutes=5))
        demo.put(order, now - timedelta(seconds=30))
    for name in names:
        sync_channel(store.make_uow, name, adapter_for, "bench")
    _parcels(store, now, packed=True)
    return names


def _parcels(store, now: datetime, packed: bool, limit: int | None = None) -> list[int]:  # noqa: ANN001
    """One parcel per order from Suzhou by ZTO (waybill given); enqueued when `packed`."""
    with store.make_uow(write=True) as uow:
        s = uow.session
        wh = s.scalar(select(Warehouse.id).where(Warehouse.code == "SZ-SUZHOU"))
        ids = list(s.scalars(select(Order.id).order_by(Order.id.desc()).limit(limit))) if limit else \
            list(s.scalars(select(Order.id)))  # fmt: skip
        lines = s.execute(select(OrderLineRow.id, OrderLineRow.order_id, OrderLineRow.quantity)
                          .where(OrderLineRow.order_id.in_(ids))).all()  # fmt: skip
        status = "PACKED" if packed else "ALLOCATED"
        s.execute(insert(Shipment), [{"order_id": i, "seq": 1, "warehouse_id": wh, "status": status, "created_at": now,
                                      "courier_code": "ZTO", "waybill_no": f"7319{i:010d}", "label_prints": 0}
                                     for i in ids])  # fmt: skip
        by_order = dict(s.execute(select(Shipment.order_id, Shipment.id).where(Shipment.order_id.in_(ids))).tuples().all())
        s.execute(insert(ShipmentLine), [{"shipment_id": by_order[o], "order_line_id": li, "quantity": q}
                                         for li, o, q in lines])  # fmt: skip
        if packed:
            for i in ids:
                enqueue_confirmations_for_handover(uow, i, None, now)
        uow.commit()
        return [by_order[i] for i in ids]


def _delay(server):  # noqa: ANN001, ANN202 - the fake's own DELAY fault
    import sys

    return sys.modules[type(server).__module__].Fault.DELAY


def run_pack_cost(orders: int = 1_000_000, parcels: int = 600, progress: Callable[[str], None] = print) -> PackCostResult:
    work = Path(tempfile.mkdtemp(prefix="orderdesk-confirm-bench-"))
    store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)
    try:
        load_demo_master_data(store.make_uow)
        progress(f"confirm benchmark: {orders:,} orders taken in for the pack-cost figure …")
        for batch in _batches(orders, 11):
            intake_orders(store.make_uow, batch, "system", allocate=False)
        shipments = _parcels(store, datetime.now(UTC), packed=False, limit=parcels)
        with_, without, inserts = [], [], []
        for k, sid in enumerate(shipments):
            t0 = time.perf_counter()
            with store.make_uow(write=True) as uow:
                uow.packing.mark_packed(sid, "", "")
                if k % 2 == 0:
                    t1 = time.perf_counter()
                    uow.confirms.enqueue_packed(sid, datetime.now(UTC))
                    inserts.append(time.perf_counter() - t1)
                uow.commit()
            (with_ if k % 2 == 0 else without).append(time.perf_counter() - t0)
        return PackCostResult(orders, parcels, _ms(inserts, 0.5), _ms(inserts, 0.99), _ms(with_, 0.99), _ms(without, 0.99))
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)


def _ms(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3) if ordered else 0.0


def as_dict(r: object) -> dict[str, object]:
    return asdict(r)  # type: ignore[call-overload]


