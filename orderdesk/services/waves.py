"""Waves and the bench's numbers: a lead batches allocated orders of one warehouse into a wave (with
slot numbers for the sorting wall), and sees parcels packed and scans refused per station and hour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.access import Permission
from ..domain.errors import DomainError
from .actors import audit, now_utc, require_actor
from .unit_of_work import UowFactory

MAX_WAVE = 500


@dataclass(frozen=True)
class WaveMade:
    code: str
    warehouse: str
    order_nos: list[str]

    def slot_code(self, slot: int) -> str:
        return f"{self.code}-{slot:03d}"


def create_wave(make_uow: UowFactory, actor: str, warehouse: str, count: int = 50, channel: str = "",
                courier: str = "", single_item_first: bool = True,
                now: Callable[[], datetime] = now_utc) -> WaveMade:  # fmt: skip
    """Take up to `count` allocated orders of the warehouse that are in no wave yet, oldest first
    (single-item orders first: they pack fastest), and number their slots 1..n."""
    if not 1 <= count <= MAX_WAVE:
        raise DomainError(f"波次单数应在 1–{MAX_WAVE} 之间", f"A wave holds 1–{MAX_WAVE} orders")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
        wh_id, order_ids = uow.packing.wave_candidates(warehouse, count, channel, courier.upper(), single_item_first)
        if not wh_id:
            raise DomainError(f"没有仓库 {warehouse}", f"No warehouse {warehouse}")
        if not order_ids:
            raise DomainError(f"{warehouse} 没有可组波次的已分仓订单", f"No allocated orders left to wave in {warehouse}")
        at = now()
        prefix = f"W{at.astimezone().strftime('%y%m%d')}{wh_id:02d}"  # the day's waves of this warehouse
        code = f"{prefix}{uow.packing.count_waves(prefix) + 1:03d}"
        uow.packing.add_wave(code, wh_id, order_ids, who.id, at)
        nos = uow.packing.order_nos(order_ids)
        audit(uow, who, "wave.create", "wave", code, warehouse=warehouse, orders=len(order_ids))
        uow.commit()
        return WaveMade(code, warehouse, nos)


@dataclass(frozen=True)
class StationHour:
    station: str
    hour: str  # local "YYYY-MM-DD HH"
    packed: int
    refused: int


def throughput(make_uow: UowFactory, actor: str, since: datetime | None = None) -> list[StationHour]:
    """Parcels packed and scans refused per station and hour (local time), today by default."""
    start = since or datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        rows = uow.packing.throughput(start)
    return [StationHour(s, h, p, r) for s, h, p, r in rows]

