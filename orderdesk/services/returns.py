"""The returns desk (退货入库) as a use case: one scan line in, one verdict out, one short transaction each.

The parcel is scanned first (its return waybill, the original waybill or the order number) and
opens a check-in of that order; every item is then counted back with its condition (the grammar is
in `orderdesk.domain.returns`), checked as it comes; DONE writes the whole check-in in one
transaction (stock, quarantine, timeline, status, audit). A parcel that names no order is recorded,
with what is in it, as an unknown parcel to match later. Every line, refused ones included, goes to
the desk's scan log with who, what and why; a refusal changes nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..domain.access import Permission
from ..domain.couriers import guess_couriers
from ..domain.errors import DomainError
from ..domain.packing import MAX_SCAN, clean_scan
from ..domain.returns import (
    Condition, Counted, ExpectedLine, ReturnRefusal, ReturnSession, ScanLine, parse_line,
)  # fmt: skip
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, require_actor
from .returns_records import apply_check_in, rebuild, returnable
from .unit_of_work import UnitOfWork, UowFactory


@dataclass(frozen=True)
class ReturnLineState:
    sku: str
    title: str
    shipped: int
    returned_before: int
    resellable: int = 0
    damaged: int = 0
    missing: int = 0


@dataclass(frozen=True)
class ReturnVerdict:
    """What the desk shows and says after a line. `kind`: opened, unknown_opened, item, missing, undo,
    cancelled, checked_in, unknown_recorded, info or refused."""

    scan: str
    ok: bool
    kind: str
    message_zh: str
    message_en: str
    order: str | None = None
    state: str = ""
    refusal: str = ""
    lines: tuple[ReturnLineState, ...] = ()
    items: tuple[dict[str, Any], ...] = ()  # an unknown parcel's items so far
    outcome: str = ""
    no_refund_request: bool = False
    return_id: int | None = None
    parcel_code: str = ""

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {"scan": self.scan[:MAX_SCAN], "ok": self.ok, "kind": self.kind, "order": self.order,
                "state": self.state, "message": self.message(lang), "refusal": self.refusal or None,
                "no_refund_request": self.no_refund_request, "outcome": self.outcome or None,
                "return_id": self.return_id, "parcel_code": self.parcel_code or None,
                "lines": [vars(li) for li in self.lines], "items": list(self.items)}  # fmt: skip


@dataclass
class _Open:
    """The parcel on the desk: a check-in of an order, or an unknown parcel (order None)."""

    parcel_code: str
    order_id: int | None = None
    order_no: str | None = None
    status: str = ""
    no_refund_request: bool = False
    session: ReturnSession | None = None
    items: list[Counted] = field(default_factory=list)  # an unknown parcel's contents
    note: str = ""

    def counted(self) -> list[Counted]:
        return self.session.counted if self.session is not None else self.items


class ReturnDesk:
    """One returns desk's session (one PC or one CLI run, one warehouse). The open parcel lives here
    until DONE; the database holds only finished check-ins, unknown parcels and the scan log."""

    def __init__(self, make_uow: UowFactory, actor: str, warehouse: str, station: str,
                 now: Callable[[], datetime] = now_utc) -> None:  # fmt: skip
        self.make_uow, self.actor, self.warehouse, self.station, self.now = make_uow, actor, warehouse, station, now
        self.current: _Open | None = None

    def scan(self, raw: str, condition: Condition = Condition.RESELLABLE, reason: str = "") -> ReturnVerdict:
        """One line. `condition` (and its `reason`) is what a bare item code means once a parcel is
        open: the screen's F-key choice, captured when the scan was queued; a line naming its own
        condition keeps it."""
        text = clean_scan(raw)[: MAX_SCAN + 240]
        try:
            with self.make_uow(write=True) as uow:
                who = require_actor(uow, self.actor, Permission.RECEIVE_RETURNS)
                try:
                    line = self._with_condition(parse_line(raw), condition, reason)
                    verdict, after = self._handle(uow, who, line, text)
                except ReturnRefusal as refusal:
                    uow.rollback()
                    cur = self.current
                    uow.returns.add_scan(self.now(), self.station, who.id, text or "(empty)", f"refused:{refusal.code}",
                                         cur.order_id if cur else None, why=refusal.en)  # fmt: skip
                    uow.commit()
                    return self._refused(text, refusal)
                uow.commit()
        except DomainError as exc:
            return _from_error(text, exc)
        self.current = after
        return verdict

    def _with_condition(self, line: ScanLine, condition: Condition, reason: str) -> ScanLine:
        if self.current is None or line.kind != "code" or line.explicit or condition is Condition.RESELLABLE:
            return line
        if condition is Condition.MISSING:
            return replace(line, kind="missing", condition=condition, explicit=True)
        if not reason.strip():
            raise ReturnRefusal("no_reason", "破损商品需要填写原因", "A damaged item needs a reason")
        return replace(line, condition=condition, reason=" ".join(reason.split())[:200], explicit=True)

    # -- one line ------------------------------------------------------------------------------------------

    def _handle(self, uow: UnitOfWork, who: Actor, line: ScanLine, text: str) -> tuple[ReturnVerdict, _Open | None]:
        cur = self.current
        if line.kind == "cancel":
            if cur is None:
                return ReturnVerdict(text, True, "info", "没有正在入库的包裹", "No parcel is open"), None
            self._log(uow, who, text, "cancelled", cur)
            return ReturnVerdict(text, True, "cancelled", "已取消本次入库，未做任何更改",
                                 "Check-in cancelled; nothing was changed", cur.order_no), None  # fmt: skip
        if line.kind == "unknown":
            return self._unknown(uow, who, line, text, cur)
        if cur is None:
            if line.kind != "code" or line.explicit:
                raise ReturnRefusal("no_parcel", "请先扫退货包裹的运单号或订单号", "Scan the parcel's waybill or the order number first")
            return self._open(uow, who, line, text)
        if line.kind == "done":
            return (self._record_unknown(uow, who, text, cur) if cur.order_id is None
                    else self._finish(uow, who, text, cur)), None  # fmt: skip
        if line.kind == "undo":
            return self._undo(uow, who, text, cur)
        return self._item(uow, who, line, text, cur)

    def _open(self, uow: UnitOfWork, who: Actor, line: ScanLine, text: str) -> tuple[ReturnVerdict, _Open]:
        code = line.code
        if line.quantity != 1:
            raise ReturnRefusal("bad_quantity", "包裹条码前不能加数量", "A parcel code takes no quantity")
        _refuse_seen(uow, code)
        ref = uow.packing.order_by_code(code)
        if ref is None:
            if uow.packing.sku_of_barcode(code):
                raise ReturnRefusal("no_parcel", "这是商品条码：请先扫退货包裹的运单号或订单号",
                                    "That is an item: scan the parcel's waybill or the order number first")  # fmt: skip
            if not guess_couriers(code):
                raise ReturnRefusal("unknown_barcode", f"无法识别的条码：{code}", f"Unknown barcode: {code}")
            cur = _Open(code)
            self._log(uow, who, text, "unknown_opened", cur)
            return self._view(cur, text, "unknown_opened", f"运单 {code} 没有对应的订单：扫订单号关联，或扫描商品登记为未知包裹",
                              f"Waybill {code} matches no order: scan the order number, or scan the items to record "
                              "an unknown parcel"), cur  # fmt: skip
        return self._attach(uow, who, text, ref, code if uow.returns.is_waybill(code) else "")

    def _attach(self, uow: UnitOfWork, who: Actor, text: str, ref: Any, parcel_code: str) -> tuple[ReturnVerdict, _Open]:
        no_refund = returnable(uow, ref.id, S(ref.status), ref.order_no)
        lines = uow.returns.expected(ref.id)
        cur = _Open(parcel_code, ref.id, ref.order_no, ref.status, no_refund, ReturnSession(ref.order_no, tuple(lines)))
        self._log(uow, who, text, "opened", cur)
        flag_zh, flag_en = ("（未申请退款，照常入库）", " (no refund request; accepted all the same)") if no_refund else ("", "")
        return self._view(cur, text, "opened", f"订单 {ref.order_no}{flag_zh}：请逐件扫描退回的商品",
                          f"Order {ref.order_no}{flag_en}: scan each returned item"), cur  # fmt: skip

    def _item(self, uow: UnitOfWork, who: Actor, line: ScanLine, text: str, cur: _Open) -> tuple[ReturnVerdict, _Open]:
        sku = uow.packing.sku_of_barcode(line.code)
        if sku is None:
            return self._not_an_item(uow, who, line, text, cur)
        item = Counted(sku, line.quantity, line.condition, line.reason)
        if cur.session is None:
            if item.condition is Condition.MISSING:
                raise ReturnRefusal("bad_line", "未知包裹不能登记缺件", "An unknown parcel has no missing items")
            nxt = replace(cur, items=cur.items + [item])
        else:
            trial = ReturnSession(cur.session.order_no, cur.session.lines, list(cur.session.counted))
            trial.add(item)  # refuses an item the order never had, or one too many
            nxt = replace(cur, session=trial)
        uow.returns.add_scan(self.now(), self.station, who.id, text, "missing" if line.kind == "missing" else "item",
                             cur.order_id, sku=sku, quantity=line.quantity, why=line.condition.value)  # fmt: skip
        cond_zh = "" if item.condition is Condition.RESELLABLE else f"（{item.condition.zh}）"
        cond_en = "" if item.condition is Condition.RESELLABLE else f" ({item.condition.en})"
        kind = "missing" if item.condition is Condition.MISSING else "item"
        return self._view(nxt, text, kind, f"✓ {sku} ×{item.quantity}{cond_zh}", f"✓ {sku} ×{item.quantity}{cond_en}"), nxt

    def _not_an_item(self, uow: UnitOfWork, who: Actor, line: ScanLine, text: str, cur: _Open) -> tuple[ReturnVerdict, _Open]:
        """A code that is no product: this parcel's order again, the order of an unknown parcel just
        opened (its packing slip was found), another order, or nothing known."""
        ref = uow.packing.order_by_code(line.code) if not line.explicit else None
        if ref is not None and ref.id == cur.order_id:
            return self._view(cur, text, "info", "已是当前订单，请扫描商品", "This order is open; scan the items"), cur
        if ref is not None and cur.order_id is None and not cur.items:
            return self._attach(uow, who, text, ref, cur.parcel_code)
        if ref is not None:
            raise ReturnRefusal("other_order", "请先完成当前包裹（扫 完成），或扫 取消",
                                "Finish this parcel first (scan DONE), or scan CANCEL", cur.order_no)  # fmt: skip
        raise ReturnRefusal("unknown_barcode", f"无法识别的条码：{line.code}", f"Unknown barcode: {line.code}", cur.order_no)

    def _undo(self, uow: UnitOfWork, who: Actor, text: str, cur: _Open) -> tuple[ReturnVerdict, _Open]:
        counted = list(cur.counted())
        if not counted:
            raise ReturnRefusal("nothing_to_undo", "没有可撤销的扫描", "Nothing to undo", cur.order_no)
        last = counted.pop()
        if cur.session is not None:
            nxt = replace(cur, session=ReturnSession(cur.session.order_no, cur.session.lines, counted))
        else:
            nxt = replace(cur, items=counted)
        uow.returns.add_scan(self.now(), self.station, who.id, text, "undo", cur.order_id, sku=last.sku,
                             quantity=-last.quantity)  # fmt: skip
        return self._view(nxt, text, "undo", f"已撤销 {last.sku} ×{last.quantity}", f"Undid {last.sku} ×{last.quantity}"), nxt

    def _unknown(self, uow: UnitOfWork, who: Actor, line: ScanLine, text: str,
                 cur: _Open | None) -> tuple[ReturnVerdict, _Open]:  # fmt: skip
        if cur is not None and cur.order_id is not None:
            raise ReturnRefusal("other_order", "本包裹已对应订单：请先完成（扫 完成）或取消",
                                "This parcel has an order: finish it (DONE) or CANCEL first", cur.order_no)  # fmt: skip
        nxt = replace(cur, note=line.reason or cur.note) if cur is not None else _Open("", note=line.reason)
        self._log(uow, who, text, "unknown_opened", nxt)
        return self._view(nxt, text, "unknown_opened", "未知包裹：请扫描包裹内的商品，最后扫 完成",
                          "Unknown parcel: scan the items inside, then DONE"), nxt  # fmt: skip

    # -- closing ---------------------------------------------------------------------------------------------

    def _finish(self, uow: UnitOfWork, who: Actor, text: str, cur: _Open) -> ReturnVerdict:
        assert cur.session is not None and cur.order_no is not None
        if not cur.session.counted:
            raise ReturnRefusal("nothing_counted", "还没有扫描任何商品：请扫描商品，或扫 取消",
                                "Nothing counted yet: scan the items, or CANCEL", cur.order_no)  # fmt: skip
        stored = uow.orders.get_for_update(cur.order_no)
        if stored is None:
            raise ReturnRefusal("no_order", f"找不到订单：{cur.order_no}", f"Order not found: {cur.order_no}")
        # refused if another desk finished it meanwhile
        no_refund = returnable(uow, stored.id, stored.state.status, stored.order_no)
        session = rebuild(stored.order_no, uow.returns.expected(stored.id), cur.session.counted)
        now = self.now()
        wid = self._warehouse_id(uow)
        return_id = uow.returns.add_return(
            {"warehouse_id": wid, "order_id": stored.id, "parcel_code": cur.parcel_code, "state": "DONE",
             "outcome": session.outcome().value, "no_refund_request": no_refund, "note": cur.note,
             "station": self.station, "at": now, "user_id": who.id}, session.summary())  # fmt: skip
        done = apply_check_in(uow, who, stored, session, self.warehouse, return_id, cur.parcel_code, no_refund, self.station)
        uow.returns.add_scan(now, self.station, who.id, text, "checked_in", stored.id, return_id)
        missing = sum(c.quantity for c in session.counted if c.condition is Condition.MISSING)
        if done.outcome.value == "RETURNED":
            zh, en = f"✓ 已退货入库：订单 {stored.order_no}", f"✓ Return checked in: order {stored.order_no}"
        else:
            zh = f"✓ 部分退货入库：订单 {stored.order_no}" + (f"，缺 {missing} 件" if missing else "")
            en = f"✓ Partly returned: order {stored.order_no}" + (f", {missing} missing" if missing else "")
        view = self._view(replace(cur, session=session), text, "checked_in", zh, en)
        return replace(view, state=done.status.value, outcome=done.outcome.value, no_refund_request=no_refund,
                       return_id=return_id)  # fmt: skip

    def _record_unknown(self, uow: UnitOfWork, who: Actor, text: str, cur: _Open) -> ReturnVerdict:
        if not cur.items and not cur.note:
            raise ReturnRefusal("nothing_counted", "未知包裹：请扫描包裹内的商品（或写明备注），或扫 取消",
                                "Unknown parcel: scan the items inside (or give a note), or CANCEL")  # fmt: skip
        now = self.now()
        lines = ReturnSession("", ()).summary() if not cur.items else _merge(cur.items)
        return_id = uow.returns.add_return(
            {"warehouse_id": self._warehouse_id(uow), "order_id": None, "parcel_code": cur.parcel_code,
             "state": "UNKNOWN", "outcome": "", "no_refund_request": False, "note": cur.note,
             "station": self.station, "at": now, "user_id": who.id}, lines)  # fmt: skip
        audit(uow, who, "returns.unknown_parcel", "return", str(return_id), parcel_code=cur.parcel_code,
              lines=lines, note=cur.note, warehouse=self.warehouse, station=self.station)  # fmt: skip
        uow.returns.add_scan(now, self.station, who.id, text, "unknown_recorded", None, return_id)
        n = sum(c.quantity for c in cur.items)
        view = self._view(cur, text, "unknown_recorded", f"✓ 已登记为未知包裹 #{return_id}（{n} 件），待匹配订单",
                          f"✓ Recorded as unknown parcel #{return_id} ({n} items), to be matched to an order")  # fmt: skip
        return replace(view, return_id=return_id)

    # -- helpers ---------------------------------------------------------------------------------------------

    def _warehouse_id(self, uow: UnitOfWork) -> int:
        wid = uow.returns.warehouse_id(self.warehouse)
        if wid is None:
            raise ReturnRefusal("no_warehouse", f"未知仓库：{self.warehouse}", f"Unknown warehouse: {self.warehouse}")
        return wid

    def _log(self, uow: UnitOfWork, who: Actor, text: str, verdict: str, cur: _Open) -> None:
        uow.returns.add_scan(self.now(), self.station, who.id, text, verdict, cur.order_id)

    def _view(self, cur: _Open, text: str, kind: str, zh: str, en: str) -> ReturnVerdict:
        lines: tuple[ReturnLineState, ...] = ()
        if cur.session is not None:
            got = cur.session.by_condition()
            lines = tuple(ReturnLineState(li.sku, li.title, li.shipped, li.returned_before,
                                          got[(li.sku, Condition.RESELLABLE)], got[(li.sku, Condition.DAMAGED)],
                                          got[(li.sku, Condition.MISSING)]) for li in cur.session.lines)  # fmt: skip
        return ReturnVerdict(text, True, kind, zh, en, cur.order_no, cur.status, lines=lines,
                             items=tuple(_merge(cur.items)), no_refund_request=cur.no_refund_request,
                             parcel_code=cur.parcel_code)  # fmt: skip

    def _refused(self, text: str, refusal: ReturnRefusal) -> ReturnVerdict:
        cur = self.current
        order = cur.order_no if cur is not None and cur.order_no else refusal.order
        base = self._view(cur, text, "refused", refusal.zh, refusal.en) if cur is not None else None
        if base is not None:
            return replace(base, ok=False, refusal=refusal.code, order=order)
        return ReturnVerdict(text, False, "refused", refusal.zh, refusal.en, order, refusal=refusal.code)

    def open_lines(self) -> list[ExpectedLine]:
        return list(self.current.session.lines) if self.current and self.current.session else []


def _refuse_seen(uow: UnitOfWork, code: str) -> None:
    """A parcel code recorded before: checked in already, or waiting as an unknown parcel."""
    seen = uow.returns.by_parcel_code(code)
    if seen is None:
        return
    when = seen.at.astimezone().strftime("%Y-%m-%d %H:%M")
    if seen.state == "UNKNOWN":
        raise ReturnRefusal("already_recorded", f"包裹 {code} 已于 {when} 登记为未知包裹 #{seen.return_id}，请在未知包裹中匹配订单",
                            f"Parcel {code} was recorded as unknown parcel #{seen.return_id} at {when}; "
                            "match it in the unknown parcels")  # fmt: skip
    raise ReturnRefusal("already_checked_in", f"包裹 {code} 已于 {when} 由 {seen.username} 入库（订单 {seen.order_no}），"
                        "请勿重复入库；另有退货包裹请扫订单号",
                        f"Parcel {code} was checked in at {when} by {seen.username} (order {seen.order_no}); "
                        "a further parcel of the order: scan the order number", seen.order_no)  # fmt: skip


def _merge(items: list[Counted]) -> list[dict[str, object]]:
    session = ReturnSession("", ())
    session.counted = list(items)
    return session.summary()


def _from_error(scan: str, exc: DomainError) -> ReturnVerdict:
    if getattr(exc, "connection_lost", False) or getattr(exc, "database_gone", False):
        return ReturnVerdict(scan, False, "refused", f"数据库连接中断，本次扫描未记录，请重扫。{exc.zh}",
                             f"Database connection lost; this scan was not recorded, scan again. {exc.en}",
                             refusal="db_lost")  # fmt: skip
    return ReturnVerdict(scan, False, "refused", exc.zh, exc.en, refusal=getattr(exc, "code", "") or "error")

