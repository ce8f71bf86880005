"""The writes an import adds to intake: holding orders for review and completing Taobao orders.

A hold is the allocation planner's own: status ON_HOLD with a reason, a HOLD step on the timeline,
so the order is in the held queue (`orderdesk held`, the 待审核 page) and a person releases it with
`orderdesk assign`. Everything here runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ..domain.errors import DomainError
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.model import Channel, ChannelOrder, Receiver, RefundState, TradeState
from ..domain.status import OrderStatus as S
from ..imports.orders_file import ParsedOrder
from .actors import Actor
from .allocation import _event, _outcome
from .order_import_plan import HOLD_PROVINCE_ZH, LINES_COMPLETABLE
from .ports import ChannelUpdate
from .read_models import OrderDetail
from .unit_of_work import UnitOfWork


def hold_orders(uow: UnitOfWork, who: Actor, reasons: Mapping[str, str], now: datetime) -> list[str]:
    """Put paid orders on hold with their reasons; returns the order numbers held."""
    if not reasons:
        return []
    found = [c for c in uow.allocation.candidates(list(reasons)) if c.status == S.PAID.value]
    step = transition(S.PAID, OrderEvent.HOLD)
    outcomes = [_outcome(c, S.ON_HOLD, "", reasons[c.order_no], []) for c in found]
    events = [_event(c.id, who, now, step.from_status, step.to_status, reasons[c.order_no], OrderEvent.HOLD)
              for c in found]  # fmt: skip
    _set(uow, outcomes, now)
    uow.orders.append_events(events)
    return [c.order_no for c in found]


def complete_orders(uow: UnitOfWork, who: Actor, completions: Mapping[str, ParsedOrder], now: datetime) -> list[str]:
    """Give stored Taobao orders the items that arrived for them, then let them go on: released
    from hold (or held only for an unknown province). Returns the orders now ready to allocate."""
    relined = []
    states = uow.orders.stored_states(list(completions))
    for no, p in completions.items():
        detail, have = uow.queries.detail(no), states.get(no)
        if detail is None or have is None or detail.row.status not in LINES_COMPLETABLE:
            continue
        if all(not ln.sku for ln in detail.lines if not ln.is_gift):  # intake has not relined it already
            order = _stored_order(detail, p, have.state.channel_modified_at)
            relined.append(ChannelUpdate(have.id, order, have.state.status, have.state.resume_status, True))
    uow.orders.apply_channel_updates(relined, now)
    uow.orders.append_events([
        OrderEventRecord(u.order_id, now, who.id, EventKind.CHANNEL_UPDATE, reason="import",
                         details={"lines": len(u.order.lines), "file": completions[u.order.order_no].file})
        for u in relined
    ])  # fmt: skip
    return _release(uow, who, list(completions), now, {no: p.hold for no, p in completions.items() if p.hold})


def _release(uow: UnitOfWork, who: Actor, order_nos: list[str], now: datetime,
             holds: Mapping[str, str]) -> list[str]:  # fmt: skip
    """Let completed orders go on, unless their items need a person (`holds`) or the province does."""
    ready, outcomes, events = [], [], []
    for c in uow.allocation.candidates(order_nos):
        if c.status in (S.PAID.value, S.ON_HOLD.value) and c.order_no in holds:
            outcomes.append(_outcome(c, S.ON_HOLD, "", holds[c.order_no], []))
            if c.status == S.PAID.value:
                events.append(_event(c.id, who, now, S.PAID, S.ON_HOLD, holds[c.order_no], OrderEvent.HOLD))
        elif c.status == S.PAID.value:
            ready.append(c.order_no)
        elif c.status == S.ON_HOLD.value and c.province is None:
            raw = uow.queries.detail(c.order_no).province_raw  # type: ignore[union-attr]
            outcomes.append(_outcome(c, S.ON_HOLD, "", HOLD_PROVINCE_ZH.format(raw=raw or "空"), []))
        elif c.status == S.ON_HOLD.value:
            step = transition(S.ON_HOLD, OrderEvent.RELEASE)
            outcomes.append(_outcome(c, S.PAID, "", "", []))
            events.append(_event(c.id, who, now, step.from_status, step.to_status, "宝贝明细已导入", OrderEvent.RELEASE))
            ready.append(c.order_no)
    _set(uow, outcomes, now)
    uow.orders.append_events(events)
    return ready


def _set(uow: UnitOfWork, outcomes: list[dict[str, object]], now: datetime) -> None:
    if uow.allocation.set_outcome(outcomes, now) != len(outcomes):
        raise DomainError("部分订单刚被其他工位修改，请重新导入", "Some orders were changed elsewhere; import again")


def _stored_order(d: OrderDetail, p: ParsedOrder, modified_at: datetime) -> ChannelOrder:
    """The order as stored now, with the arriving items: only the lines change."""
    r = d.row
    return ChannelOrder(
        channel=Channel(r.channel), shop_code="", platform_order_id=d.platform_order_id,
        trade_state=TradeState(d.trade_state), refund_state=RefundState(d.refund_state), paid_at=r.paid_at,
        modified_at=modified_at, receiver=Receiver(r.receiver_name, r.receiver_phone, r.province, d.province_raw,
                                              r.city, d.district, d.street, d.address_detail),
        lines=p.order.lines, buyer_note=d.buyer_note, seller_note=d.seller_note, total_fen=r.total_fen,
        freight_fen=d.freight_fen, discount_fen=d.discount_fen, extras=dict(d.extras),
        ship_by=r.ship_by, ship_by_source=r.ship_by_source,
    )  # fmt: skip
