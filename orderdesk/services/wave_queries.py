"""What the warehouse lead and the pack stations see of waves: the open waves of a warehouse, the
orders waiting at the pack stations (with their slot codes), a wave's slots and its pick list."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..labels.model import PickListData
from .actors import require_actor
from .labels import pick_lists
from .unit_of_work import UowFactory

WAITING_LIMIT = 200


def slot_code(wave: str, slot: int) -> str:
    """The barcode of a slot on the sorting wall, e.g. W2611250101-007."""
    return f"{wave}-{slot:03d}"


@dataclass(frozen=True)
class WaveSummary:
    code: str
    created_at: datetime
    orders: int
    packed: int
    waiting: int


class WaitingOrder(NamedTuple):
    wave: str
    slot: int
    order_no: str
    slot_code: str


@dataclass(frozen=True)
class WaveSlot:
    slot: int
    slot_code: str
    order_no: str
    status: str  # the order's status
    packed: bool  # its parcel(s) from the wave's warehouse are packed
    waiting: bool  # still to be packed there


def open_waves(make_uow: UowFactory, actor: str, warehouse: str) -> list[WaveSummary]:
    """The warehouse's waves that still have orders waiting to be packed, oldest first."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return [WaveSummary(*row) for row in uow.waves.open_waves(warehouse)]


def waiting_orders(make_uow: UowFactory, actor: str, warehouse: str, limit: int = WAITING_LIMIT) -> list[WaitingOrder]:
    """Orders of the warehouse's waves still allocated and not packed there, oldest wave first."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        rows = uow.waves.waiting(warehouse, limit)
    return [WaitingOrder(code, slot, no, slot_code(code, slot)) for code, slot, no in rows]


def wave_slots(make_uow: UowFactory, actor: str, code: str) -> list[WaveSlot]:
    """Every order of a wave by slot, with whether it is packed or still waiting."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        if uow.waves.warehouse_of(code) is None:
            raise DomainError(f"没有波次 {code}", f"No wave {code}")
        rows = uow.waves.slots(code)
    return [WaveSlot(s, slot_code(code, s), no, status, packed, waiting) for s, no, status, packed, waiting in rows]


def wave_orders(make_uow: UowFactory, actor: str, code: str) -> list[str]:
    """The wave's orders still to pick (waiting), by slot: what its pick list lists."""
    return [s.order_no for s in wave_slots(make_uow, actor, code) if s.waiting]


def wave_pick_list(make_uow: UowFactory, actor: str, code: str) -> PickListData:
    """The pick list of a wave's waiting orders in its warehouse, each line carrying the order's real
    slot (an order packed or taken out leaves its slot empty; the others keep their numbers)."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.PRINT_LABELS)
        found = uow.waves.warehouse_of(code)
        if found is None:
            raise DomainError(f"没有波次 {code}", f"No wave {code}")
        warehouse, name = found
        slots = {no: s for s, no, _st, _p, waiting in uow.waves.slots(code) if waiting}
    if not slots:
        raise DomainError(f"波次 {code} 已没有待拣货的订单", f"Wave {code} has no orders left to pick")
    lists = [p for p in pick_lists(make_uow, actor, list(slots), wave_id=code) if p.warehouse_name == name]
    if not lists:
        raise DomainError(f"波次 {code} 在 {warehouse} 没有待拣货的包裹",
                          f"Wave {code} has no parcels to pick in {warehouse}")
    pick = lists[0]
    lines = tuple(dataclasses.replace(li, slot_no=slots.get(li.order_no, li.slot_no)) for li in pick.lines)
    return dataclasses.replace(pick, lines=lines)
