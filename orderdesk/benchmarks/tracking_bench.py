"""Tracking re-planning: 10,000 open parcels, planned by the pure planner and by the real use case.

Orders are taken in (untimed) and given packed parcels with waybills straight in the tables (as
10,000 pack-station scans would leave them), in a mix of courier states and ages. Then timed:
the planner alone, and `plan_round` (follow new parcels, read every open one, plan, write the next
poll times, spend the quota) the first time (every next poll written) and in a steady state.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from ..bootstrap import open_store
from ..demo.generator import generate_order
from ..demo.seed import load_demo_master_data
from ..domain.tracking import CourierState as C
from ..domain.tracking_plan import PollPolicy, plan_polls
from ..services.intake import intake_orders
from ..services.tracking import TrackReport, plan_round
from ..store.bulk import bulk_insert, bulk_update
from ..store.models import Order, Shipment, Warehouse
from ..store.tracking_models import ParcelTracking, TrackingAccount

STATES = [C.NO_INFO] * 2 + [C.PICKED_UP, C.IN_TRANSIT, C.IN_TRANSIT, C.IN_TRANSIT, C.OUT_FOR_DELIVERY, C.PROBLEM]


@dataclass
class TrackingBenchResult:
    parcels: int
    plan_only_s: float
    first_round_s: float
    steady_round_s: float
    due_now: int
    stretch: float


def run_tracking_bench(n: int = 10_000, progress=print) -> TrackingBenchResult:  # noqa: ANN001
    work = Path(tempfile.mkdtemp(prefix="orderdesk-track-bench-"))
    try:
        store = open_store(f"sqlite:///{work / 'track.db'}", create=True)
        now = datetime(2026, 11, 25, 12, tzinfo=UTC)
        progress(f"  {n:,} orders with packed parcels (untimed) …")
        _parcels(store, n, now)
        first = _timed_round(store, now)
        progress("  re-planning …")
        inputs_rng = random.Random(3)
        _states(store, inputs_rng, now)
        steady = _timed_round(store, now + timedelta(minutes=1))
        with store.make_uow() as uow:
            inputs, _ = uow.tracking.plan_inputs()
        t = time.perf_counter()
        plan = plan_polls(inputs, now + timedelta(minutes=2), PollPolicy(500), 0)
        plan_s = time.perf_counter() - t
        store.close()
        return TrackingBenchResult(len(inputs), round(plan_s, 4), round(first[0], 4), round(steady[0], 4),
                                   len(plan.due), round(plan.stretch, 1))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _timed_round(store, now: datetime) -> tuple[float, TrackReport]:  # noqa: ANN001
    report = TrackReport()
    t = time.perf_counter()
    plan_round(store.make_uow, now, report)
    return time.perf_counter() - t, report


def _parcels(store, n: int, now: datetime) -> None:  # noqa: ANN001
    load_demo_master_data(store.make_uow)
    rng = random.Random(5)
    for start in range(0, n, 5000):
        batch = [generate_order(rng, now, seq, paid_at=now - timedelta(hours=rng.uniform(1, 120)))
                 for seq in range(start, min(n, start + 5000))]  # fmt: skip
        intake_orders(store.make_uow, batch, actor="system", batch_size=1000, allocate=False)
    with store.make_uow(write=True) as uow:
        s = uow.session  # type: ignore[attr-defined]
        warehouse = s.scalar(select(Warehouse.id).where(Warehouse.code == "SZ-SUZHOU"))
        ids = s.scalars(select(Order.id)).all()
        bulk_insert(s, Shipment.__table__, [
            {"order_id": oid, "seq": 1, "warehouse_id": warehouse, "status": "PACKED", "created_at": now,
             "courier_code": "ZTO", "waybill_no": f"7312{i:010d}", "label_prints": 1} for i, oid in enumerate(ids)])  # fmt: skip
        s.add(TrackingAccount(provider="kdniao", ebusiness_id="bench", base_url="", daily_quota=500, callback_url="",
                              updated_at=now))  # fmt: skip
        uow.commit()


def _states(store, rng: random.Random, now: datetime) -> None:  # noqa: ANN001
    """Give the followed parcels a mix of states and ages (packed up to five days ago)."""
    with store.make_uow(write=True) as uow:
        s = uow.session  # type: ignore[attr-defined]
        rows = []
        for sid in s.scalars(select(ParcelTracking.shipment_id)).all():
            state, since = rng.choice(STATES), now - timedelta(hours=rng.uniform(0, 120))
            picked = since + timedelta(hours=2) if state is not C.NO_INFO else None
            rows.append({"state": state.value, "since": since, "picked_up_at": picked,
                         "last_polled_at": since + timedelta(hours=rng.uniform(0, 3)), "shipment_id": sid})  # fmt: skip
        bulk_update(s, ParcelTracking.__table__, ["state", "since", "picked_up_at", "last_polled_at"], ["shipment_id"], rows)
        uow.commit()


def as_dict(result: TrackingBenchResult) -> dict[str, float]:
    return asdict(result)
