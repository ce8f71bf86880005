"""Checking a returned parcel back in (退货入库): what a scan line means, which orders may take a return,
and when an order is returned in full.

Pure rules, no database. The returns desk opens a `ReturnSession` for the order a parcel names, adds
every item scanned back with its condition (resellable, damaged with a reason, missing), and closes
it: the order is RETURNED when every unit it shipped is back in the warehouse (resellable or
damaged, over all its check-ins, so a split order's two parcels may come back apart), else it is
partly returned. Gift lines may come back but are not waited for. A refusal changes nothing.

The scan-line grammar (the CLI's stdin and the GUI's scan field speak it alike):

    CODE                      one unit back, resellable (CODE: a barcode or a SKU)
    N*CODE                    N units back, resellable (N from 1 to 99)
    CODE damaged REASON…      damaged: into quarantine; the reason is required (破损 also works)
    MISSING CODE | 缺 CODE    a unit the parcel should hold is not in it (N*CODE too)
    DONE | 完成               close the check-in
    UNDO | 撤销               take the last item line back
    CANCEL | 取消             drop the open check-in; nothing is written
    UNKNOWN [NOTE…] | 未知    the parcel matches no order: record what is in it, to match later
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import DomainError
from .packing import MAX_QUANTITY, MAX_SCAN, clean_scan
from .status import OrderStatus as S

MAX_REASON = 200
DONE_WORDS = {"DONE", "完成", "*DONE*"}
UNDO_WORDS = {"UNDO", "撤销", "*UNDO*"}
CANCEL_WORDS = {"CANCEL", "ESC", "取消", "*CANCEL*"}
UNKNOWN_WORDS = {"UNKNOWN", "未知", "*UNKNOWN*"}
MISSING_WORDS = {"MISSING", "缺", "缺件", "缺失"}


class Condition(StrEnum):
    RESELLABLE = "resellable"
    DAMAGED = "damaged"
    MISSING = "missing"

    @property
    def zh(self) -> str:
        return {"resellable": "可售", "damaged": "破损", "missing": "缺失"}[self.value]

    @property
    def en(self) -> str:
        return {"resellable": "resellable", "damaged": "damaged", "missing": "missing"}[self.value]

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    @property
    def received(self) -> bool:
        """The unit is back in the warehouse (on sale or in quarantine)."""
        return self is not Condition.MISSING


_CONDITION_WORDS = {
    "ok": Condition.RESELLABLE, "resellable": Condition.RESELLABLE, "good": Condition.RESELLABLE,
    "可售": Condition.RESELLABLE, "良品": Condition.RESELLABLE,
    "damaged": Condition.DAMAGED, "broken": Condition.DAMAGED, "破损": Condition.DAMAGED, "损坏": Condition.DAMAGED,
    "missing": Condition.MISSING, "缺": Condition.MISSING, "缺失": Condition.MISSING,
}  # fmt: skip


class ReturnOutcome(StrEnum):
    """How far an order's return has come after a check-in: everything back, or part of it."""

    RETURNED = "RETURNED"
    PARTLY_RETURNED = "PARTLY_RETURNED"

    @property
    def zh(self) -> str:
        return "已退货" if self is ReturnOutcome.RETURNED else "部分退货"

    @property
    def en(self) -> str:
        return "Returned" if self is ReturnOutcome.RETURNED else "Partly returned"

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class ReturnRefusal(DomainError):
    """A scan or a check-in the returns desk refuses; nothing changes. `code` names the kind."""

    def __init__(self, code: str, zh: str, en: str, order: str | None = None) -> None:
        super().__init__(zh, en)
        self.code = code
        self.order = order


# -- the scan-line grammar --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanLine:
    """One line as typed or scanned: a command, a parcel or item code, with quantity and condition."""

    kind: str  # code | missing | done | undo | cancel | unknown
    code: str = ""
    quantity: int = 1
    condition: Condition = Condition.RESELLABLE
    reason: str = ""
    explicit: bool = False  # a condition word was given (so the line is surely an item, not a parcel)


def parse_line(raw: str) -> ScanLine:
    """Read one line of the grammar in this module's docstring; a line that fits none is refused."""
    text = clean_scan(raw)
    if not text:
        raise ReturnRefusal("empty", "空扫描，请重扫", "Empty scan; scan again")
    if len(text) > MAX_SCAN + MAX_REASON + 20:
        raise ReturnRefusal("too_long", f"输入过长（{len(text)} 个字符）", f"Line too long ({len(text)} characters)")
    head, _, rest = text.partition(" ")
    word, rest = head.upper(), rest.strip()
    if word in DONE_WORDS | UNDO_WORDS | CANCEL_WORDS and not rest:
        return ScanLine("done" if word in DONE_WORDS else "undo" if word in UNDO_WORDS else "cancel")
    if word in UNKNOWN_WORDS:
        return ScanLine("unknown", reason=_reason(rest, required=False))
    if word in MISSING_WORDS:
        if not rest or " " in rest:
            raise ReturnRefusal("bad_line", "缺件的写法：MISSING 条码（或 缺 条码）", "Write a missing unit as: MISSING CODE")
        qty, code = _quantity(rest)
        return ScanLine("missing", code, qty, Condition.MISSING, explicit=True)
    qty, code = _quantity(head)
    if not rest:
        return ScanLine("code", code, qty)
    cond_word, _, reason = rest.partition(" ")
    condition = _CONDITION_WORDS.get(cond_word.lower())
    if condition is None:
        raise ReturnRefusal("bad_line", f"无法识别的商品状态「{cond_word[:20]}」：可用 damaged 原因 / MISSING 条码",
                            f"Unknown condition '{cond_word[:20]}': use CODE damaged REASON, or MISSING CODE")  # fmt: skip
    if condition is Condition.DAMAGED and not reason.strip():
        raise ReturnRefusal("no_reason", f"破损商品 {code} 需要填写原因", f"Damaged {code}: a reason is required")
    return ScanLine("code", code, qty, condition, _reason(reason, condition is Condition.DAMAGED), explicit=True)


def _reason(text: str, required: bool) -> str:
    text = text.strip()
    if len(text) > MAX_REASON:
        raise ReturnRefusal("too_long", f"原因过长（最多 {MAX_REASON} 个字符）", f"Reason too long (at most {MAX_REASON} characters)")
    return text


def _quantity(code: str) -> tuple[int, str]:
    if len(code) > MAX_SCAN:
        raise ReturnRefusal("too_long", f"条码过长（{len(code)} 个字符），请重扫", f"Scan too long ({len(code)} characters); scan again")
    count, star, body = code.partition("*")
    if not star or not count.isdigit() or not body:
        return 1, code
    n = int(count)
    if not 1 <= n <= MAX_QUANTITY:
        raise ReturnRefusal("bad_quantity", f"数量 {n} 无效（1–{MAX_QUANTITY}）", f"Quantity {n} is not valid (1–{MAX_QUANTITY})")
    return n, body


# -- which orders take a return -----------------------------------------------------------------------


def check_returnable(status: S, order_no: str, parcel_left: bool = False) -> bool:
    """May a parcel of this order be checked in? Returns True when no refund was requested (the
    return is accepted all the same, and says so); refuses the rest with the reason. An intercepted
    order is taken when its parcel had left the warehouse (`parcel_left`: handed over before the
    refund came); one that never left is pulled back through the task inbox instead."""
    if status is S.REFUND_REQUESTED or (status is S.INTERCEPTED and parcel_left):
        return False
    if status in (S.SHIPPED, S.DELIVERED):
        return True
    if status is S.RETURNED:
        raise ReturnRefusal("already_checked_in", f"订单 {order_no} 已全部退货入库，请勿重复入库",
                            f"Order {order_no} is already fully checked in as returned", order_no)  # fmt: skip
    if status is S.INTERCEPTED:
        raise ReturnRefusal("intercepted", f"订单 {order_no} 已拦截、未发出，无需退货入库",
                            f"Order {order_no} was intercepted and never left; nothing to check in", order_no)  # fmt: skip
    if status is S.CANCELLED:
        raise ReturnRefusal("cancelled", f"订单 {order_no} 已取消，未发货", f"Order {order_no} is cancelled; it never shipped", order_no)
    raise ReturnRefusal("not_shipped", f"订单 {order_no} 尚未发货（{status.zh}），没有可退的包裹",
                        f"Order {order_no} has not shipped ({status.en.lower()}); there is no parcel to return", order_no)  # fmt: skip


# -- a check-in -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedLine:
    """One SKU of the order: units shipped, units waited for (gifts excluded), units back already."""

    sku: str
    title: str
    shipped: int
    required: int
    returned_before: int = 0


@dataclass(frozen=True)
class Counted:
    sku: str
    quantity: int
    condition: Condition
    reason: str = ""


@dataclass
class ReturnSession:
    """The items counted back into one returned parcel of one order, checked as they come."""

    order_no: str
    lines: tuple[ExpectedLine, ...]
    counted: list[Counted] = field(default_factory=list)

    def line(self, sku: str) -> ExpectedLine | None:
        return next((li for li in self.lines if li.sku == sku), None)

    def add(self, item: Counted) -> None:
        """Count an item in; refuse one the order never had, or more than it shipped and is still out."""
        line = self.line(item.sku)
        if line is None:
            raise ReturnRefusal("wrong_item", f"订单 {self.order_no} 没有这个商品：{item.sku}",
                                f"Order {self.order_no} never had {item.sku}", self.order_no)  # fmt: skip
        out = line.shipped - line.returned_before
        taken = self.total(item.sku)
        if taken + item.quantity > out:
            left = max(out - taken, 0)
            raise ReturnRefusal("too_many", f"多了：{item.sku} 发出 {line.shipped} 件，已退 {line.returned_before} 件，"
                                f"本包裹还可退 {left} 件",
                                f"Too many: {item.sku} shipped {line.shipped}, {line.returned_before} back before, "
                                f"{left} more may come back", self.order_no)  # fmt: skip
        self.counted.append(item)

    def undo(self) -> Counted | None:
        return self.counted.pop() if self.counted else None

    def total(self, sku: str, received_only: bool = False) -> int:
        return sum(c.quantity for c in self.counted if c.sku == sku and (c.condition.received or not received_only))

    def by_condition(self) -> Counter[tuple[str, Condition]]:
        out: Counter[tuple[str, Condition]] = Counter()
        for c in self.counted:
            out[(c.sku, c.condition)] += c.quantity
        return out

    def outcome(self) -> ReturnOutcome:
        """RETURNED when every unit waited for is back, counting earlier check-ins; else partly."""
        complete = all(li.returned_before + self.total(li.sku, received_only=True) >= li.required for li in self.lines)
        return ReturnOutcome.RETURNED if complete else ReturnOutcome.PARTLY_RETURNED

    def summary(self) -> list[dict[str, object]]:
        """The counted items merged per SKU, condition and reason: what the timeline and the record keep."""
        merged: dict[tuple[str, Condition, str], int] = {}
        for c in self.counted:
            merged[(c.sku, c.condition, c.reason)] = merged.get((c.sku, c.condition, c.reason), 0) + c.quantity
        return [{"sku": s, "quantity": q, "condition": cond.value, "reason": r} for (s, cond, r), q in merged.items()]


def describe_lines(lines: list[dict[str, object]], lang: str = "zh") -> str:
    """"2 × BASIN 可售，1 × BAG 破损（外包装破损）": a check-in's items in plain words."""
    en = lang.startswith("en")
    parts = []
    for li in lines:
        try:
            cond = Condition(str(li.get("condition"))).label(lang)
        except ValueError:
            cond = str(li.get("condition"))
        reason = str(li.get("reason") or "")
        text = f"{li.get('quantity')} × {li.get('sku')} {cond}"
        if reason:
            text += f" ({reason})" if en else f"（{reason}）"
        parts.append(text)
    return (", " if en else "，").join(parts) or ("nothing" if en else "无")
