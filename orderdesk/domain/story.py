"""An order's whole story as customer service tells it: its status in words, every timeline entry
with time and who, its parcels, and a short message for the buyer (their view, no internal names).

Pure: "now" and the time zone are parameters, so "今天 09:15" / "昨天 18:02" are deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .couriers import courier
from .errors import DomainError
from .status import OrderStatus
from .timeline import describe_event
from .tracking import CourierState

BEIJING = ZoneInfo("Asia/Shanghai")
_TROUBLE = frozenset({CourierState.PROBLEM, CourierState.REFUSED, CourierState.RETURNING, CourierState.RETURNED})


@dataclass(frozen=True)
class StoryScan:
    at: datetime
    station: str
    state: str = ""


@dataclass(frozen=True)
class StoryParcel:
    seq: int
    warehouse: str  # internal: shown to staff, never to the buyer
    courier_code: str
    waybill: str
    status: str  # the shipment's own status (PLANNED, PACKED, …)
    courier_state: str = ""  # a CourierState value once tracked, "" otherwise
    scans: tuple[StoryScan, ...] = ()


@dataclass(frozen=True)
class StoryEvent:
    at: datetime
    user: str
    kind: str
    from_status: str | None = None
    to_status: str | None = None
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryInput:
    order_no: str
    status: str
    paid_at: datetime | None
    warehouse: str = ""
    hold_reason: str = ""
    events: tuple[StoryEvent, ...] = ()
    parcels: tuple[StoryParcel, ...] = ()


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    when: str
    who: str
    kind: str
    text: str


@dataclass(frozen=True)
class Story:
    status_text: str
    buyer_text: str
    timeline: tuple[TimelineLine, ...]
    parcels: tuple[str, ...]


def tell(order: StoryInput, now: datetime, lang: str = "zh", tz: tzinfo = BEIJING) -> Story:
    """The story of `order` as of `now`."""
    timeline = tuple(TimelineLine(e.at, when(e.at, now, lang, tz), e.user, e.kind, describe(e, lang))
                     for e in sorted(order.events, key=lambda e: e.at))  # fmt: skip
    parcels = tuple(_parcel_line(p, now, lang, tz) for p in order.parcels)
    return Story(status_in_words(order, now, lang, tz), buyer_message(order, now, tz), timeline, parcels)


def describe(e: StoryEvent, lang: str = "zh") -> str:
    """One timeline entry in words; a kind this build does not know still reads sensibly."""
    if e.kind == "NOTE":
        return (f"Note: {e.reason}" if lang.startswith("en") else f"备注：{e.reason}") if e.reason else e.kind
    text = describe_event(e.kind, e.from_status, e.to_status, e.reason, dict(e.details), lang)
    if text and text != e.reason:
        return text
    return _generic(e, lang)


def _generic(e: StoryEvent, lang: str) -> str:
    """An event kind added after this build (returns, refunds…): its name, the move, the reason."""
    en = lang.startswith("en")
    name = e.kind.replace("_", " ").lower()
    parts = [name.capitalize() if en else f"{_KIND_ZH.get(e.kind, name)}"]
    if e.to_status:
        parts.append(f"{_status(e.from_status, lang)} → {_status(e.to_status, lang)}")
    if e.reason:
        parts.append(e.reason)
    extra = [f"{k}={v}" for k, v in sorted(e.details.items()) if isinstance(v, str | int | float) and v != ""][:3]
    if extra:
        parts.append(", ".join(extra))
    return (": " if en else "：").join([parts[0], " ".join(parts[1:])]) if len(parts) > 1 else parts[0]


_KIND_ZH = {"RETURN": "退货", "REFUND": "退款", "AFTER_SALE": "售后", "EXCHANGE": "换货", "INTERCEPT": "拦截"}


def when(at: datetime, now: datetime, lang: str = "zh", tz: tzinfo = BEIJING) -> str:
    """今天 09:15, 昨天 18:02, 12月1日 09:15, 2025-12-01 09:15 (today 09:15, yesterday 18:02, …)."""
    local, today = at.astimezone(tz), now.astimezone(tz).date()
    clock = local.strftime("%H:%M")
    en = lang.startswith("en")
    if local.date() == today:
        return f"today {clock}" if en else f"今天 {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {clock}" if en else f"昨天 {clock}"
    if local.year == today.year:
        return f"{local:%b} {local.day} {clock}" if en else f"{local.month}月{local.day}日 {clock}"
    return local.strftime("%Y-%m-%d %H:%M")


def courier_name(code: str, lang: str = "zh", short: bool = True) -> str:
    """顺丰 (short) or 顺丰速运; the code itself when unknown; "" for none."""
    if not code:
        return ""
    try:
        name = courier(code).label(lang)
    except DomainError:
        return code
    return re.sub(r"(速运|快递|速递|物流)$", "", name) if short and not lang.startswith("en") else name


def status_in_words(order: StoryInput, now: datetime, lang: str = "zh", tz: tzinfo = BEIJING) -> str:
    """已发货，顺丰 SF…，昨天 18:02 揽收，今天 09:15 到达上海转运中心 — for staff."""
    en = lang.startswith("en")
    sep = "; " if en else "；"
    st = _as_status(order.status)
    head = st.label(lang) if st else order.status
    if st is OrderStatus.ON_HOLD and order.hold_reason:
        return f"{head} ({order.hold_reason})" if en else f"{head}（{order.hold_reason}）"
    if st is OrderStatus.PAID:
        return "Paid, waiting for a warehouse" if en else "已付款，等待分配仓库"
    if st is OrderStatus.ALLOCATED:
        wh = order.warehouse or "?"
        return f"Allocated to {wh}, waiting to be packed" if en else f"已分仓（{wh}），等待打包"
    parcels = [p for p in order.parcels if p.waybill] or list(order.parcels)
    journeys = [_journey(p, now, lang, tz) for p in parcels]
    journeys = [j for j in journeys if j]
    if not journeys:
        return head
    if len(journeys) > 1:
        lead = f"{head}, {len(journeys)} parcels: " if en else f"{head}，共 {len(journeys)} 个包裹："
        return lead + sep.join(journeys)
    return f"{head}, {journeys[0]}" if en else f"{head}，{journeys[0]}"


def _journey(p: StoryParcel, now: datetime, lang: str, tz: tzinfo) -> str:
    """顺丰 SF…，昨天 18:02 揽收，今天 09:15 到达上海转运中心 (or 等待揽收 before the first scan)."""
    en = lang.startswith("en")
    comma = ", " if en else "，"
    who = " ".join(x for x in (courier_name(p.courier_code, lang), p.waybill) if x)
    parts = [who] if who else []
    picked = next((s for s in p.scans if s.state == CourierState.PICKED_UP), p.scans[0] if p.scans else None)
    if picked is None:
        if p.status == "PACKED" or p.waybill:
            parts.append("waiting for pick-up" if en else "等待快递揽收")
        return comma.join(parts)
    parts.append(f"picked up {when(picked.at, now, lang, tz)}" if en else f"{when(picked.at, now, lang, tz)} 揽收")
    last = p.scans[-1]
    if last is not picked:
        parts.append(f"{when(last.at, now, lang, tz)} {last.station}".strip())
    state = _as_courier_state(p.courier_state)
    if state in _TROUBLE:
        parts.append(f"⚠ {state.label(lang)}")
    return comma.join(parts)


def _parcel_line(p: StoryParcel, now: datetime, lang: str, tz: tzinfo) -> str:
    en = lang.startswith("en")
    state = _as_courier_state(p.courier_state)
    track = state.label(lang) if state else ""
    head = f"Parcel {p.seq} ({p.warehouse})" if en else f"包裹 {p.seq}（{p.warehouse}）"
    body = _journey(p, now, lang, tz) or ("no waybill yet" if en else "尚未打印面单")
    return f"{head}: {body}" + (f" [{track}]" if track else "") if en else f"{head}：{body}" + (f"【{track}】" if track else "")


def buyer_message(order: StoryInput, now: datetime, tz: tzinfo = BEIJING) -> str:
    """What the buyer is told, in Chinese: their view, no warehouse, no staff, no internal reasons."""
    st = _as_status(order.status)
    parcels = [p for p in order.parcels if p.waybill]
    refs = "、".join(f"{courier_name(p.courier_code, short=False)} {p.waybill}".strip() for p in parcels)
    intro = f"您好，您的订单 {order.order_no} "
    if st in (OrderStatus.PAID, OrderStatus.ON_HOLD, OrderStatus.ALLOCATED) or st is None:
        return f"{intro}已付款，仓库正在为您备货，打包后会尽快发出，发货后可凭运单号查询物流。"
    if st is OrderStatus.PACKED:
        return f"{intro}已打包完成，正在等待快递揽收（{refs}），揽收后即可查询物流。" if refs else \
            f"{intro}已打包完成，正在等待快递揽收。"
    if st is OrderStatus.SHIPPED:
        return intro + _buyer_journey(parcels, now, tz)
    if st is OrderStatus.DELIVERED:
        done = max((s.at for p in parcels for s in p.scans), default=None)
        at = f"已于{when(done, now, tz=tz)}" if done else "已"
        return f"{intro}{at}签收（{refs}）。如有任何问题，欢迎随时联系我们。" if refs else f"{intro}{at}签收。"
    if st is OrderStatus.INTERCEPTED:
        return f"{intro}的退款申请我们已收到，订单已停止发货，退款将按平台流程原路退回。"
    if st is OrderStatus.REFUND_REQUESTED:
        return f"{intro}的售后申请我们已收到，正在为您处理，请留意平台消息。"
    if st is OrderStatus.RETURNED:
        return f"{intro}退回的商品我们已收到，退款将按平台流程原路退回。"
    return f"{intro}已取消，如已付款，款项将按平台流程原路退回。"


def _buyer_journey(parcels: Sequence[StoryParcel], now: datetime, tz: tzinfo) -> str:
    if not parcels:
        return "已发货，请留意物流信息。"
    texts = []
    for p in parcels:
        name = courier_name(p.courier_code, short=False) or "快递"
        state = _as_courier_state(p.courier_state)
        text = f"由{name}（运单号 {p.waybill}）"
        if p.scans:
            last = p.scans[-1]
            text += f"发出，最新进展：{when(last.at, now, tz=tz)} {last.station}".rstrip()
        else:
            text += "发出"
        if state in _TROUBLE:
            text += "。包裹运输中遇到异常，我们正在联系快递处理，请您放心"
        texts.append(text)
    lead = "已发货，" if len(texts) == 1 else f"已分 {len(texts)} 个包裹发货："
    return lead + "；".join(texts) + "。"


def _status(value: str | None, lang: str) -> str:
    st = _as_status(value)
    return st.label(lang) if st else (value or "—")


def _as_status(value: str | None) -> OrderStatus | None:
    try:
        return OrderStatus(value) if value else None
    except ValueError:
        return None


def _as_courier_state(value: str | None) -> CourierState | None:
    try:
        return CourierState(value) if value else None
    except ValueError:
        return None
