"""The pack station as a use case: one scan in, one verdict out, one short transaction per scan.

A station (one PC, one warehouse) scans an order (number, waybill or wave slot) to claim it, then
every item; when the parcel is complete the order is PACKED in the same transaction as the last
item and the caller prints the label at once. Refusals change nothing but their own log line.
Two stations never pack one order: the claim row is taken under a row lock (PostgreSQL) or the
write lock (SQLite), and the final status change checks the order's version, so a refund that
arrived meanwhile stops the packing.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.access import Permission
from ..domain.couriers import Courier, guess_couriers
from ..domain.couriers import courier as courier_by_code
from ..domain.errors import DomainError, InvalidTransition
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.packing import MAX_SCAN, ItemScan, PackRefusal, Progress, check_item, clean_scan, split_quantity
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, refusal_entry, require_actor, require_permission
from .ports import Movement
from .unit_of_work import UnitOfWork, UowFactory

CLAIM_TTL_ENV = "ORDERDESK_CLAIM_SECONDS"
UNDO_CODES = {"UNDO", "撤销", "*UNDO*"}
LEAVE_CODES = {"ESC", "CANCEL", "*CANCEL*", "取消"}


def claim_ttl() -> timedelta:
    """How long a quiet station keeps its order before another may take it over."""
    try:
        return timedelta(seconds=float(os.environ.get(CLAIM_TTL_ENV, "")))
    except ValueError:
        return timedelta(minutes=10)


@dataclass(frozen=True)
class LineState:
    sku: str
    title: str
    needed: int
    scanned: int
    is_gift: bool


@dataclass(frozen=True)
class Verdict:
    """What the station shows and says after a scan."""

    scan: str
    ok: bool
    kind: str  # opened | item | packed | waybill | undo | left | refused | info
    message_zh: str
    message_en: str
    order: str | None = None
    state: str = ""
    refusal: str = ""  # why, as a code: wrong_item, too_many, unknown_barcode, intercepted, claimed, db_lost…
    lines: tuple[LineState, ...] = ()
    buyer_note: str = ""
    waybill: str = ""
    print_label: bool = False  # the caller sends the label job now

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {"scan": self.scan[:MAX_SCAN], "ok": self.ok, "order": self.order, "state": self.state,
                "message": self.message(lang), "kind": self.kind, "refusal": self.refusal or None,
                "lines": [{"sku": li.sku, "title": li.title, "needed": li.needed, "scanned": li.scanned,
                           "gift": li.is_gift} for li in self.lines],
                "waybill": self.waybill or None, "print_label": self.print_label}  # fmt: skip


@dataclass
class _Open:
    order_id: int
    order_no: str
    shipment_id: int
    since: datetime
    parcel: object
    waybill: str = ""
    scanned: dict = field(default_factory=dict)


class PackStation:
    """One bench's scanning session; all truth is in the database, so a restarted station resumes."""

    def __init__(self, make_uow: UowFactory, actor: str, warehouse: str, station: str,
                 now: Callable[[], datetime] = now_utc) -> None:  # fmt: skip
        self.make_uow, self.actor, self.warehouse, self.station, self.now = make_uow, actor, warehouse, station, now
        self._parcels: dict[int, object] = {}  # shipment id -> Parcel, for the claims of this station

    def scan(self, raw: str) -> Verdict:
        code = clean_scan(raw)
        if not code:
            return _refused(raw, "empty", "空扫描，请重扫", "Empty scan; scan again")
        try:
            if code.upper() in UNDO_CODES:
                return self.undo(code)
            if code.upper() in LEAVE_CODES:
                return self.leave(code)
            return self._retrying(lambda: self._scan(code))
        except DomainError as exc:
            return _from_error(code, exc)

    def resume(self) -> Verdict | None:
        """The order this station had open (a restart after a crash or a power cut), with the items
        already scanned into it; None when it had none. Every answered scan was committed, so none is lost."""
        with self.make_uow() as uow:
            require_actor(uow, self.actor, Permission.PACK_ORDERS)
            cur = self._current(uow)
        if cur is None:
            return None
        return self._view(cur, cur.order_no, "resumed", f"继续打包订单 {cur.order_no}：请扫描商品",
                          f"Back to order {cur.order_no}: scan the items")  # fmt: skip

    @staticmethod
    def _retrying(work: Callable[[], Verdict], attempts: int = 3) -> Verdict:
        """Run a scan; a deadlock or serialization failure with another station (nothing was written)
        is retried quietly after a short random pause, a few times at most."""
        for attempt in range(1, attempts + 1):
            try:
                return work()
            except DomainError as exc:
                if not getattr(exc, "retryable", False) or attempt == attempts:
                    raise
                time.sleep(random.uniform(0.005, 0.03) * attempt)
        raise AssertionError("unreachable")

    def _scan(self, code: str) -> Verdict:
        """A refusal (a bad quantity too) is logged with who, what and why, naming the open order."""
        with self.make_uow(write=True) as uow:
            who = require_actor(uow, self.actor, Permission.PACK_ORDERS)
            current = self._current(uow)
            try:
                qty, body = split_quantity(code)
                if current is None:
                    verdict = self._open(uow, who, code, body, qty)
                else:
                    verdict = self._in_parcel(uow, who, current, code, body, qty)
            except PackRefusal as refusal:
                uow.rollback()
                uow.packing.add_scan(self.now(), self.station, who.id, code, f"refused:{refusal.code}",
                                     current.order_id if current else None, current.shipment_id if current else None)  # fmt: skip
                uow.commit()
                state = refusal.state or ("ALLOCATED" if current else "")
                order = current.order_no if current else getattr(refusal, "order", None)
                return _refused(code, refusal.code, refusal.zh, refusal.en, order, state)
            uow.commit()
            return verdict

    # -- no order open: the scan must name one ----------------------------------------------------------

    def _open(self, uow: UnitOfWork, who: Actor, code: str, body: str, qty: int) -> Verdict:
        ref = uow.packing.order_by_code(body)
        if ref is None:
            if uow.packing.sku_of_barcode(body):
                raise PackRefusal("no_order", "请先扫订单号或面单", "Scan the order or its waybill first")
            raise PackRefusal("unknown_barcode", f"无法识别的条码：{body}", f"Unknown barcode: {body}")
        if qty != 1:
            raise PackRefusal("bad_quantity", "订单号前不能加数量", "An order number takes no quantity")
        try:
            return self._claim(uow, who, code, ref)
        except PackRefusal as refusal:
            refusal.order = ref.order_no  # type: ignore[attr-defined]
            raise

    def _claim(self, uow: UnitOfWork, who: Actor, code: str, ref) -> Verdict:  # noqa: ANN001 - an OrderRef
        # The order row is locked (PostgreSQL) before its status is trusted: a station sealing it at
        # this moment commits first, and this one then sees it PACKED instead of claiming it stale.
        stored = uow.orders.get_for_update(ref.order_no)
        _check_packable(S(stored.state.status if stored else ref.status), ref.order_no)  # intercepted, packed…
        found = uow.packing.parcel(ref.id, self.warehouse)
        if found is None:
            raise PackRefusal("other_warehouse", f"订单 {ref.order_no} 不在本仓（{self.warehouse}）发货",
                              f"Order {ref.order_no} does not ship from {self.warehouse}")  # fmt: skip
        shipment_id, ship_status, waybill, parcel = found
        if ship_status == "PACKED":
            raise PackRefusal("packed", f"订单 {ref.order_no} 在本仓的包裹已打包，请勿重复打包",
                              f"Order {ref.order_no}'s parcel here is already packed", ref.status)  # fmt: skip
        now = self.now()
        holder = uow.packing.claim(ref.id, shipment_id, self.station, who.id, now, claim_ttl())
        if holder is not None:
            raise PackRefusal("claimed", f"工位 {holder} 正在打包此订单", f"Station {holder} is packing this order")
        uow.packing.add_scan(now, self.station, who.id, code, "opened", ref.id, shipment_id)
        opened = _Open(ref.id, ref.order_no, shipment_id, now, parcel, waybill)
        return self._view(opened, code, "opened", "请扫描商品", "Scan the items", ref.status)

    # -- an order is open: items, its waybill, or a refusal -----------------------------------------------

    def _in_parcel(self, uow: UnitOfWork, who: Actor, cur: _Open, code: str, body: str, qty: int) -> Verdict:
        now = self.now()
        uow.packing.renew(cur.order_id, self.station, now, claim_ttl())
        sku = uow.packing.sku_of_barcode(body)
        if sku is not None:
            progress = Progress(cur.parcel, Counter(cur.scanned))  # type: ignore[arg-type]
            check_item(progress, ItemScan(sku, qty))
            uow.packing.add_scan(now, self.station, who.id, code, "item", cur.order_id, cur.shipment_id, sku, qty)
            progress.scanned[sku] += qty
            cur.scanned = dict(progress.scanned)
            if progress.complete:
                return self._pack(uow, who, cur, code)
            left = sum(progress.missing().values())
            return self._view(cur, code, "item", f"✓ {sku}，还差 {left} 件", f"✓ {sku}, {left} to go")
        ref = uow.packing.order_by_code(body)
        if ref is not None and ref.id == cur.order_id and body != cur.waybill:
            return self._view(cur, code, "info", "已是当前订单，请扫描商品", "This order is open; scan the items")
        if ref is not None and ref.id != cur.order_id and not ref.order_no.endswith(body) and guess_couriers(body):
            raise PackRefusal("waybill_used", f"面单 {body} 已用于订单 {ref.order_no}",
                              f"Waybill {body} belongs to {ref.order_no}")  # fmt: skip
        if ref is not None and ref.id != cur.order_id:
            raise PackRefusal("other_order", f"请先完成当前订单 {cur.order_no}（或扫 取消）",
                              f"Finish order {cur.order_no} first (or scan CANCEL)")  # fmt: skip
        if guess_couriers(body):
            return self._waybill(uow, who, cur, code, body)
        raise PackRefusal("unknown_barcode", f"无法识别的条码：{body}", f"Unknown barcode: {body}")

    def _waybill(self, uow: UnitOfWork, who: Actor, cur: _Open, code: str, waybill: str) -> Verdict:
        owner = uow.packing.waybill_owner(waybill)
        if owner is not None and owner != cur.order_no:
            raise PackRefusal("waybill_used", f"面单 {waybill} 已用于订单 {owner}", f"Waybill {waybill} belongs to {owner}")
        courier = self._courier_of(uow, cur, waybill)  # refuses a number that is not the parcel's courier's
        uow.packing.set_claim_waybill(cur.order_id, waybill)
        uow.packing.add_scan(self.now(), self.station, who.id, code, "waybill", cur.order_id, cur.shipment_id)
        cur.waybill = waybill
        progress = Progress(cur.parcel, Counter(cur.scanned))  # type: ignore[arg-type]
        if progress.complete:
            return self._pack(uow, who, cur, code)
        return self._view(cur, code, "waybill", f"已记录{courier.zh}面单，请继续扫描商品",
                          f"{courier.en} waybill noted; scan the items", waybill=waybill)  # fmt: skip

    def _pack(self, uow: UnitOfWork, who: Actor, cur: _Open, code: str) -> Verdict:
        """The last item is in: seal the parcel (and the order when it was its last parcel)."""
        now = self.now()
        stored = uow.orders.get_for_update(cur.order_no)
        status = S(stored.state.status) if stored else S.CANCELLED
        _check_packable(status, cur.order_no)
        courier = self._courier_of(uow, cur, cur.waybill).code if cur.waybill else ""
        uow.packing.mark_packed(cur.shipment_id, cur.waybill, courier)
        uow.confirms.enqueue_packed(cur.shipment_id, now)  # the outbox row, if its warehouse confirms at pack
        uow.stock.move([Movement(i.sku, self.warehouse, on_hand=-i.needed, reserved=-i.needed, reason="pack",
                                 order_id=cur.order_id) for i in cur.parcel.items], who.id, now)  # type: ignore[attr-defined]
        final = uow.packing.unpacked_shipments(cur.order_id) == 0
        state = status.value
        if final:
            step = transition(status, OrderEvent.PACK, stored.state.resume_status)
            if not uow.orders.set_status(stored.id, stored.version, step.to_status, step.resume_status, now):
                raise PackRefusal("changed", "订单刚被修改（可能有退款），请重扫订单", "The order just changed (a refund?); scan it again")
            uow.orders.append_events([OrderEventRecord(stored.id, now, who.id, EventKind.TRANSITION, step.from_status.value,
                                                       step.to_status.value, reason=f"station:{self.station}",
                                                       details={"event": OrderEvent.PACK.value})])  # fmt: skip
            state = step.to_status.value
        uow.packing.add_scan(now, self.station, who.id, code, "packed", cur.order_id, cur.shipment_id)
        uow.packing.release(cur.order_id)
        return self._view(cur, code, "packed", "✓ 已打包，正在打印面单", "✓ Packed; printing the label", state,
                          print_label=not cur.waybill, waybill=cur.waybill)  # fmt: skip

    @staticmethod
    def _courier_of(uow: UnitOfWork, cur: _Open, waybill: str) -> Courier:
        """The courier of a pre-printed waybill: the parcel's own when it has one (a label printed
        before packing), and then the number must fit it; else guessed from the number's shape,
        the warehouse's usual courier first where shapes overlap."""
        known, usual = uow.packing.parcel_couriers(cur.shipment_id)
        if not known:
            return guess_couriers(waybill, usual)[0]
        c = courier_by_code(known)
        if not c.fits(waybill):
            raise PackRefusal("waybill_courier", f"面单 {waybill} 不是{c.zh}的单号（应为{c.shape_zh}），本包裹走{c.zh}",
                              f"Waybill {waybill} is not a {c.en} number ({c.shape_en}); this parcel goes with {c.en}")  # fmt: skip
        return c

    # -- undo, leave, override ---------------------------------------------------------------------------

    def undo(self, code: str = "UNDO") -> Verdict:
        """Take back the last item scan of the open parcel."""
        try:
            with self.make_uow(write=True) as uow:
                who = require_actor(uow, self.actor, Permission.PACK_ORDERS)
                cur = self._current(uow)
                last = uow.packing.last_item(cur.shipment_id, cur.since) if cur else None
                if cur is None or last is None:
                    return _refused(code, "nothing_to_undo", "没有可撤销的扫描", "Nothing to undo", cur.order_no if cur else None)
                sku, qty = last
                uow.packing.add_scan(self.now(), self.station, who.id, code, "undo", cur.order_id, cur.shipment_id, sku, -qty)
                cur.scanned = dict(uow.packing.scanned(cur.shipment_id, cur.since))
                uow.commit()
                return self._view(cur, code, "undo", f"已撤销 {sku} ×{qty}", f"Undid {sku} ×{qty}")
        except DomainError as exc:
            return _from_error(code, exc)

    def leave(self, code: str = "CANCEL") -> Verdict:
        """Put the open order back (unpacked) so this or another station can take it later."""
        try:
            with self.make_uow(write=True) as uow:
                who = require_actor(uow, self.actor, Permission.PACK_ORDERS)
                cur = self._current(uow)
                if cur is None:
                    return Verdict(code, True, "left", "没有打开的订单", "No order is open", state="idle")
                uow.packing.release(cur.order_id)
                uow.packing.add_scan(self.now(), self.station, who.id, code, "left", cur.order_id, cur.shipment_id)
                uow.commit()
                return Verdict(code, True, "left", f"已放下订单 {cur.order_no}", f"Put order {cur.order_no} back",
                               cur.order_no, "idle")  # fmt: skip
        except DomainError as exc:
            return _from_error(code, exc)

    def override(self, badge: str, reason: str) -> Verdict:
        """A lead's badge seals the open parcel as it is (an item missing), with a reason, audited."""
        try:
            lead = self._badge_holder(badge)
            if not reason.strip():
                return _refused("OVERRIDE", "no_reason", "主管放行必须填写原因", "An override needs a reason")
            with self.make_uow(write=True) as uow:
                who = require_actor(uow, lead.username)
                require_permission(uow, who, Permission.OVERRIDE, station=self.station, packer=self.actor)
                cur = self._current(uow)
                if cur is None:
                    return _refused("OVERRIDE", "no_order", "没有打开的订单", "No order is open")
                missing = Progress(cur.parcel, uow.packing.scanned(cur.shipment_id, cur.since)).missing()  # type: ignore[arg-type]
                audit(uow, who, "pack.override", "order", cur.order_no, station=self.station, reason=reason.strip(),
                      missing=dict(missing), packer=self.actor)  # fmt: skip
                verdict = self._pack(uow, who, cur, "OVERRIDE")
                uow.commit()
                return verdict
        except PackRefusal as refusal:
            return _refused("OVERRIDE", refusal.code, refusal.zh, refusal.en)
        except DomainError as exc:
            return _from_error("OVERRIDE", exc)

    def _badge_holder(self, badge: str) -> Actor:
        """Whose badge was scanned for an override; an unknown or disabled badge is refused, and the
        attempt is audited as this station's packer's refused override."""
        from .users import LoginRefused, authenticate_badge

        try:
            return authenticate_badge(self.make_uow, badge)
        except LoginRefused as exc:
            with self.make_uow(write=True) as uow:
                packer = require_actor(uow, self.actor)
                uow.keep_refusal(refusal_entry(packer, Permission.OVERRIDE, station=self.station, badge=exc.en))
            raise

    # -- helpers -----------------------------------------------------------------------------------------

    def _current(self, uow: UnitOfWork) -> _Open | None:
        """The order this station has open, with what was scanned into it since the claim began.
        A parcel's contents do not change while it is claimed, so they are read once per claim."""
        claim = uow.packing.claim_of(self.station)
        if claim is None:
            return None
        parcel = self._parcels.get(claim.shipment_id)
        if parcel is None:
            found = uow.packing.parcel(claim.order_id, self.warehouse)
            if found is None or found[0] != claim.shipment_id:
                return None
            parcel = self._parcels[claim.shipment_id] = found[3]
            if len(self._parcels) > 64:
                self._parcels.pop(next(iter(self._parcels)))
        cur = _Open(claim.order_id, claim.order_no, claim.shipment_id, claim.claimed_at, parcel, claim.waybill_no)
        cur.scanned = dict(uow.packing.scanned(claim.shipment_id, claim.claimed_at))
        return cur

    def _view(self, cur: _Open, code: str, kind: str, zh: str, en: str, state: str = "ALLOCATED",
              print_label: bool = False, waybill: str = "") -> Verdict:  # fmt: skip
        lines = tuple(LineState(i.sku, i.title, i.needed, min(i.needed, cur.scanned.get(i.sku, 0)), i.is_gift)
                      for i in cur.parcel.items)  # type: ignore[attr-defined]
        return Verdict(code, True, kind, zh, en, cur.order_no, state, lines=lines,
                       buyer_note=cur.parcel.buyer_note, waybill=waybill or cur.waybill, print_label=print_label)  # type: ignore[attr-defined]


def _check_packable(status: S, order_no: str) -> None:
    try:
        transition(status, OrderEvent.PACK)
    except InvalidTransition as exc:
        if status is S.INTERCEPTED:
            raise PackRefusal("intercepted", "退款订单，请拦截", "Refund requested: intercept this parcel",
                              status.value) from exc  # fmt: skip
        raise PackRefusal(status.value.lower(), exc.zh, exc.en, status.value) from exc


def _refused(scan: str, why: str, zh: str, en: str, order: str | None = None, state: str = "") -> Verdict:
    return Verdict(scan, False, "refused", zh, en, order, state, refusal=why)


def _from_error(scan: str, exc: DomainError) -> Verdict:
    if getattr(exc, "database_gone", False):  # its own words: stop, restore the file, restart
        return _refused(scan, "db_lost", exc.zh, exc.en)
    if getattr(exc, "connection_lost", False):
        return _refused(scan, "db_lost", f"数据库连接中断，本次扫描未记录，请重扫。{exc.zh}",
                        f"Database connection lost; this scan was not recorded, scan again. {exc.en}")  # fmt: skip
    return _refused(scan, "error", exc.zh, exc.en)
