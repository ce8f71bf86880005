"""Courier handover (交接) as use cases: open a manifest for a courier at a warehouse, scan each
parcel into it (one short transaction per scan), close it when the courier signs and leaves.

Every scan is checked as it happens and refused loudly when the parcel must not go (not packed,
refunded, cancelled, another courier's, another warehouse's, already handed over, unknown or not
a code at all); the refusal is recorded with who scanned what and why, like the pack station's
scans. Two docks scanning one parcel at once: the order row is locked (PostgreSQL) or the write
lock taken (SQLite) and the parcel row is unique, so exactly one manifest gets it.
The order's status stays PACKED: the courier's first tracking scan makes it SHIPPED.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.access import Permission
from ..domain.couriers import courier, find_courier
from ..domain.errors import DomainError
from ..domain.events import EventKind, OrderEventRecord
from ..domain.handover import (CLOSE_CODES, HandoverRefusal, ManifestFacts, ParcelFacts, check_parcel,
                               check_status, clean_handover_code)  # fmt: skip
from .actors import Actor, audit, now_utc, require_actor
from .ship_confirm import enqueue_confirmations_for_handover
from .unit_of_work import UnitOfWork, UowFactory


@dataclass(frozen=True)
class HandoverVerdict:
    """What the dock shows and says after a scan."""

    scan: str
    ok: bool
    kind: str  # accepted | refused | closed
    message_zh: str
    message_en: str
    manifest: int
    refusal: str = ""  # not_packed, intercepted, cancelled, other_courier, other_warehouse, handed_over…
    order: str | None = None
    waybill: str = ""
    count: int = 0  # parcels in the manifest after this scan

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {"scan": self.scan, "ok": self.ok, "kind": self.kind, "refusal": self.refusal or None,
                "message": self.message(lang), "manifest": self.manifest, "order": self.order,
                "waybill": self.waybill or None, "count": self.count}  # fmt: skip


@dataclass(frozen=True)
class ManifestRef:
    id: int
    courier_code: str
    warehouse_code: str
    warehouse_name: str
    resumed: bool = False

    def courier_name(self, lang: str = "zh") -> str:
        return courier(self.courier_code).label(lang)


def open_manifest(make_uow: UowFactory, actor: str, courier_text: str, warehouse_text: str,
                  resume: bool = False, now: Callable[[], datetime] = now_utc) -> ManifestRef:  # fmt: skip
    """A new manifest for (courier, warehouse), both by code or name; `resume` continues the one
    still open there instead (a dock PC restarted mid pick-up)."""
    c = find_courier(courier_text)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        wh = uow.handover.warehouse(warehouse_text.strip())
        if wh is None:
            raise DomainError(f"没有仓库 {warehouse_text}", f"No warehouse {warehouse_text}")
        existing = uow.handover.open_manifest_of(c.code, wh[0]) if resume else None
        if existing is not None:
            return ManifestRef(existing, c.code, wh[1], wh[2], resumed=True)
        manifest_id = uow.handover.add_manifest(c.code, wh[0], who.id, now())
        audit(uow, who, "handover.open", "handover_manifest", str(manifest_id), courier=c.code, warehouse=wh[1])
        uow.commit()
        return ManifestRef(manifest_id, c.code, wh[1], wh[2])


def scan_parcel(make_uow: UowFactory, actor: str, manifest_id: int, raw: str,
                now: Callable[[], datetime] = now_utc) -> HandoverVerdict:  # fmt: skip
    """One scan, one verdict, one short transaction (retried quietly on a deadlock with another dock)."""
    try:
        code = clean_handover_code(raw)
    except HandoverRefusal as refusal:
        if refusal.code == "empty":
            return _refused(raw, manifest_id, refusal)
        return _retrying(lambda: _record_only(make_uow, actor, manifest_id, raw.strip(), refusal, now))
    return _retrying(lambda: _scan(make_uow, actor, manifest_id, code, now))


def _scan(make_uow: UowFactory, actor: str, manifest_id: int, code: str, now: Callable[[], datetime]) -> HandoverVerdict:
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        m = _manifest(uow, manifest_id, lock=True)
        found: ParcelFacts | None = None
        try:
            if m.closed:
                raise HandoverRefusal("closed", f"交接单 {m.id} 已关闭，请新开一张", f"Manifest {m.id} is closed: open a new one")
            found = _resolve(uow, code, m)
            stored = uow.orders.get_for_update(found.order_no)  # a refund or another dock commits first
            found = replace(found, order_status=stored.state.status if stored else "CANCELLED")
            check_parcel(found, m)
            verdict = accept_parcel(uow, who, m, found, code, now())
        except HandoverRefusal as refusal:
            uow.rollback()
            uow.handover.add_scan(m.id, now(), who.id, code, f"refused:{refusal.code}", found and found.order_id,
                                  found and found.shipment_id)  # fmt: skip
            uow.commit()
            return _refused(code, m.id, refusal, found.order_no if found else refusal.order)
        uow.commit()
        return verdict


def accept_parcel(uow: UnitOfWork, who: Actor, m: ManifestFacts, p: ParcelFacts, code: str,
                  at: datetime) -> HandoverVerdict:  # fmt: skip
    """The accepted-scan step, inside the scan's transaction: the parcel joins the manifest (unless
    another dock got it first), its order's timeline says so, the scan is recorded."""
    holder = uow.handover.hand_over(m.id, p, who.id, at)
    if holder is not None:
        check_parcel(replace(p, in_manifest=holder), m)  # raises "already handed over (manifest N)"
    uow.orders.append_events([OrderEventRecord(p.order_id, at, who.id, EventKind.HANDOVER, reason=f"manifest:{m.id}",
                                               details={"manifest": m.id, "courier": m.courier_code,
                                                        "waybill": p.waybill_no, "warehouse": m.warehouse_code})])  # fmt: skip
    uow.handover.add_scan(m.id, at, who.id, code, "accepted", p.order_id, p.shipment_id)
    # A warehouse that confirms "at courier handover" gets its outbox row here, in this transaction;
    # one that confirms at pack already has it, and nothing is added twice.
    enqueue_confirmations_for_handover(uow, p.order_id, [p.shipment_id], at)
    count = uow.handover.count(m.id)
    name = courier(m.courier_code)
    return HandoverVerdict(code, True, "accepted", f"✓ {p.waybill_no} 已交给{name.zh}（第 {count} 件）",
                           f"✓ {p.waybill_no} handed to {name.en} (parcel {count})", m.id, order=p.order_no,
                           waybill=p.waybill_no, count=count)  # fmt: skip


def close_manifest(make_uow: UowFactory, actor: str, manifest_id: int,
                   now: Callable[[], datetime] = now_utc) -> HandoverVerdict:  # fmt: skip
    """Sign the manifest off: no more scans go into it; it is kept, and printed for both signatures."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        m = _manifest(uow, manifest_id, lock=True)
        if m.closed or not uow.handover.close(m.id, who.id, now()):
            return _refused("CLOSE", m.id, HandoverRefusal("closed", f"交接单 {m.id} 已关闭", f"Manifest {m.id} is already closed"))
        count = uow.handover.count(m.id)
        audit(uow, who, "handover.close", "handover_manifest", str(m.id), courier=m.courier_code,
              warehouse=m.warehouse_code, parcels=count)  # fmt: skip
        uow.commit()
    return HandoverVerdict("CLOSE", True, "closed", f"交接单 {m.id} 已关闭，共 {count} 件",
                           f"Manifest {m.id} closed: {count} parcel(s)", m.id, count=count)  # fmt: skip


class HandoverDesk:
    """One dock's session on one manifest: scans in, verdicts out; a CLOSE scan closes it."""

    def __init__(self, make_uow: UowFactory, actor: str, manifest: ManifestRef) -> None:
        self.make_uow, self.actor, self.manifest = make_uow, actor, manifest

    def scan(self, raw: str) -> HandoverVerdict:
        if raw.strip().upper() in CLOSE_CODES:
            return self.close()
        try:
            return scan_parcel(self.make_uow, self.actor, self.manifest.id, raw)
        except DomainError as exc:
            return _from_error(raw.strip(), self.manifest.id, exc)

    def close(self) -> HandoverVerdict:
        try:
            return close_manifest(self.make_uow, self.actor, self.manifest.id)
        except DomainError as exc:
            return _from_error("CLOSE", self.manifest.id, exc)


# -- helpers ----------------------------------------------------------------------------------------------


def _resolve(uow: UnitOfWork, code: str, m: ManifestFacts) -> ParcelFacts:
    """The parcel a code names: a waybill's, else the order's parcel from this dock still to hand over."""
    candidates = uow.handover.parcels_by_code(code)
    if not candidates:
        order = uow.handover.order_exists(code)
        if order is None:
            raise HandoverRefusal("unknown", f"找不到运单号或订单号 {code}", f"No parcel or order has the number {code}")
        check_status(order[1], order[2], "")  # an order with no parcel yet: refunded, cancelled, or not packed
        raise HandoverRefusal("not_packed", f"订单 {order[1]} 没有包裹可交接", f"Order {order[1]} has no parcel to hand over", order[1])
    here = [p for p in candidates if p.warehouse_code == m.warehouse_code] or candidates
    return next((p for p in here if p.in_manifest is None), here[0])


def _manifest(uow: UnitOfWork, manifest_id: int, lock: bool = False) -> ManifestFacts:
    m = uow.handover.manifest(manifest_id, lock=lock)
    if m is None:
        raise DomainError(f"没有交接单 {manifest_id}", f"No manifest {manifest_id}")
    return m


def _record_only(make_uow: UowFactory, actor: str, manifest_id: int, code: str, refusal: HandoverRefusal,
                 now: Callable[[], datetime]) -> HandoverVerdict:  # fmt: skip
    """A scan refused before any lookup (garbage) is still recorded: who scanned what, and why not."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        m = _manifest(uow, manifest_id)
        uow.handover.add_scan(m.id, now(), who.id, code, f"refused:{refusal.code}")
        uow.commit()
    return _refused(code, manifest_id, refusal)


def _retrying(work: Callable[[], HandoverVerdict], attempts: int = 3) -> HandoverVerdict:
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DomainError as exc:
            if not getattr(exc, "retryable", False) or attempt == attempts:
                raise
            time.sleep(random.uniform(0.005, 0.03) * attempt)
    raise AssertionError("unreachable")


def _refused(scan: str, manifest_id: int, r: HandoverRefusal, order: str | None = None) -> HandoverVerdict:
    return HandoverVerdict(scan, False, "refused", r.zh, r.en, manifest_id, refusal=r.code, order=order or r.order)


def _from_error(scan: str, manifest_id: int, exc: DomainError) -> HandoverVerdict:
    if getattr(exc, "connection_lost", False):
        return HandoverVerdict(scan, False, "refused", f"数据库连接中断，本次扫描未记录，请重扫。{exc.zh}",
                               f"Database connection lost; this scan was not recorded, scan again. {exc.en}",
                               manifest_id, refusal="db_lost")  # fmt: skip
    return HandoverVerdict(scan, False, "refused", exc.zh, exc.en, manifest_id, refusal="error")
