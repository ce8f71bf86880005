"""Stock use cases: receive and adjust stock, bins, low-stock alerts. Every change is in the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.access import Permission
from ..domain.errors import DomainError
from .actors import audit, now_utc, require_actor
from .ports import Movement
from .unit_of_work import UowFactory


def adjust_stock(make_uow: UowFactory, actor: str, sku: str, warehouse: str, delta: int, reason: str = "adjust",
                 note: str = "") -> None:  # fmt: skip
    """Add (receive) or remove on-hand stock; refuses to go below what is reserved or frozen."""
    if delta == 0:
        return
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        uow.stock.move([Movement(sku, warehouse, on_hand=delta, reason=reason, note=note)], who.id, now_utc())
        audit(uow, who, "stock.adjust", "stock", f"{sku}@{warehouse}", delta=delta, reason=reason, note=note)
        uow.commit()


def set_stock_levels(make_uow: UowFactory, actor: str, rows: Sequence[tuple[str, str, int, str]],
                     reason: str = "import") -> int:  # fmt: skip
    """Set on-hand counts (sku, warehouse, on_hand, bin) as counted; the ledger records the difference."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        current = {(r.sku, r.warehouse): r for sku in {r[0] for r in rows} for r in uow.stock.levels(sku=sku)}
        moves = []
        for sku, wh, on_hand, bin_code in rows:
            if on_hand < 0:
                raise DomainError(f"库存不能为负数：{sku} @ {wh}", f"Stock cannot be negative: {sku} @ {wh}")
            have = current.get((sku, wh))
            delta = on_hand - (have.on_hand if have else 0)
            if delta:
                moves.append(Movement(sku, wh, on_hand=delta, reason=reason))
            if bin_code or have is None:
                uow.stock.set_bin(sku, wh, bin_code or (have.bin if have else ""))
        uow.stock.move(moves, who.id, now_utc())
        audit(uow, who, "stock.set", "stock", "", rows=len(rows), reason=reason)
        uow.commit()
        return len(moves)


def stock_levels(make_uow: UowFactory, actor: str, sku: str | None = None, warehouse: str | None = None,
                 low_only: bool = False) -> list[Any]:  # fmt: skip
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.stock.levels(sku=sku, warehouse=warehouse, low_only=low_only)


def low_stock_alerts(make_uow: UowFactory, actor: str) -> list[Any]:
    """SKUs whose available stock in a warehouse is under the SKU's own threshold."""
    return stock_levels(make_uow, actor, low_only=True)


def seed_stock(make_uow: UowFactory, actor: str, rows: Sequence[tuple[str, str, int, str]], reason: str = "import",
               permission: Permission = Permission.MANAGE_MASTER_DATA) -> int:  # fmt: skip
    """Opening stock for (sku, warehouse) pairs that have none yet; counted stock is never overwritten."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, permission)
        have = {(r.sku, r.warehouse) for r in uow.stock.levels()}
        fresh = [r for r in rows if (r[0], r[1]) not in have]
        for sku, wh, _qty, bin_code in fresh:
            uow.stock.set_bin(sku, wh, bin_code)
        uow.stock.move([Movement(sku, wh, on_hand=qty, reason=reason) for sku, wh, qty, _b in fresh if qty], who.id,
                       now_utc())  # fmt: skip
        if fresh:
            audit(uow, who, "stock.seed", "stock", "", rows=len(fresh), reason=reason)
        uow.commit()
        return len(fresh)
