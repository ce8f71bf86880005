"""Quarantine stock (隔离库存): damaged or returned-broken units, a stock state of its own.

Quarantined units sit outside on_hand, so nothing that counts available stock (allocation, the
pack station, the low-stock alert) can ever reserve or sell them. They move available → quarantine,
quarantine → available, or quarantine → written off; each move is a stock-ledger row with its
reason, and an audit row naming who.
"""

from __future__ import annotations

from ..domain.access import Permission
from ..domain.errors import DomainError
from .actors import Actor, audit, now_utc, require_actor
from .ports import AuditEntry, Movement
from .unit_of_work import UnitOfWork, UowFactory

MAX_QTY = 1_000_000


def quarantine_stock(make_uow: UowFactory, actor: str, sku: str, warehouse: str, qty: int, reason: str) -> None:
    """Take `qty` available units off sale (damaged goods found on the shelf)."""
    _move(make_uow, actor, "quarantine", Movement(sku, warehouse, on_hand=-qty, quarantined=qty,
                                                  reason="quarantine", note=reason.strip()), qty, reason)  # fmt: skip


def release_quarantine(make_uow: UowFactory, actor: str, sku: str, warehouse: str, qty: int, reason: str) -> None:
    """Put `qty` quarantined units back on sale (checked and found fine)."""
    _move(make_uow, actor, "release", Movement(sku, warehouse, on_hand=qty, quarantined=-qty,
                                               reason="quarantine_release", note=reason.strip()), qty, reason)  # fmt: skip


def write_off(make_uow: UowFactory, actor: str, sku: str, warehouse: str, qty: int, reason: str) -> None:
    """Write `qty` quarantined units off: they leave the stock for good."""
    _move(make_uow, actor, "write_off", Movement(sku, warehouse, quarantined=-qty, reason="write_off",
                                                 note=reason.strip()), qty, reason)  # fmt: skip


def quarantine_returned(uow: UnitOfWork, actor: Actor | str, sku: str, warehouse: str, qty: int, reason: str,
                        order_id: int | None) -> None:  # fmt: skip
    """Damaged units of a returned parcel straight into quarantine, inside the caller's check-in
    transaction (the caller commits)."""
    _check(qty, reason)
    who = actor if isinstance(actor, Actor) else require_actor(uow, actor, Permission.RECEIVE_RETURNS)
    uow.stock.move([Movement(sku, warehouse, quarantined=qty, reason="return_damaged", order_id=order_id,
                             note=reason.strip())], who.id, now_utc())  # fmt: skip
    audit(uow, who, "stock.quarantine_return", "stock", f"{sku}@{warehouse}", qty=qty, reason=reason.strip(),
          order_id=order_id)  # fmt: skip


def _move(make_uow: UowFactory, actor: str, what: str, m: Movement, qty: int, reason: str) -> None:
    """One move in its own transaction. A refusal (not that much available or quarantined, no reason)
    changes nothing and is audited with who, what and why."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        obj, facts = f"{m.sku}@{m.warehouse}", {"qty": qty, "reason": reason.strip()}
        try:
            _check(qty, reason)
            uow.stock.move([m], who.id, now_utc())
        except DomainError as exc:
            uow.keep_refusal(AuditEntry(now_utc(), who.id, f"stock.{what}.refused", "stock", obj,
                                        {**facts, "why": exc.reason("en")}))  # fmt: skip
            raise
        audit(uow, who, f"stock.{what}", "stock", obj, **facts)
        uow.commit()


def _check(qty: int, reason: str) -> None:
    if not 0 < qty <= MAX_QTY:
        raise DomainError(f"数量必须在 1 到 {MAX_QTY} 之间", f"The quantity must be 1 to {MAX_QTY}")
    if not reason.strip():
        raise DomainError("请填写原因", "A reason is required")
