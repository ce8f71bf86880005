"""Deciding what a delivered channel order does to the hub: create, update, or nothing.

Channels re-deliver orders (overlapping sync windows, repeated pages, re-imported files) and deliver
them out of order. The rule: the platform's modified time orders the updates; an older copy is
stale and changes nothing; a change in the platform's trade or refund state becomes lifecycle
events, applied only where the lifecycle allows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .errors import InvalidTransition
from .lifecycle import OrderEvent, Transition, transition
from .model import ChannelOrder, RefundState, TradeState
from .status import OrderStatus as S


class IntakeAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    UNCHANGED = "UNCHANGED"
    STALE = "STALE"
    SKIPPED_UNPAID = "SKIPPED_UNPAID"


@dataclass(frozen=True)
class StoredOrderState:
    """What the hub already knows of an order, as far as intake needs it."""

    status: S
    resume_status: S | None
    channel_modified_at: datetime
    trade_state: TradeState
    refund_state: RefundState


@dataclass(frozen=True)
class IntakeDecision:
    action: IntakeAction
    initial_status: S | None = None
    transitions: tuple[Transition, ...] = ()

    def final(self, stored: StoredOrderState | None) -> tuple[S, S | None]:
        """The status and resume status after the decision is carried out."""
        status = self.initial_status or (stored.status if stored else S.PAID)
        resume = stored.resume_status if stored and not self.initial_status else None
        for step in self.transitions:
            status, resume = step.to_status, step.resume_status
        return status, resume


_INITIAL = {
    TradeState.PAID: S.PAID,
    TradeState.SHIPPED: S.SHIPPED,
    TradeState.COMPLETED: S.DELIVERED,
    TradeState.CLOSED: S.CANCELLED,
}


def decide_intake(stored: StoredOrderState | None, incoming: ChannelOrder) -> IntakeDecision:
    """Return what to do with `incoming` given what is stored (None for a new order)."""
    if stored is None:
        if incoming.trade_state is TradeState.UNPAID:
            return IntakeDecision(IntakeAction.SKIPPED_UNPAID)
        initial = _INITIAL[incoming.trade_state]
        steps = _plan(initial, None, TradeState.PAID, RefundState.NONE, incoming)
        return IntakeDecision(IntakeAction.CREATE, initial, steps)
    if incoming.modified_at < stored.channel_modified_at:
        return IntakeDecision(IntakeAction.STALE)
    if incoming.modified_at == stored.channel_modified_at and (
        incoming.trade_state,
        incoming.refund_state,
    ) == (stored.trade_state, stored.refund_state):
        return IntakeDecision(IntakeAction.UNCHANGED)
    steps = _plan(stored.status, stored.resume_status, stored.trade_state, stored.refund_state, incoming)
    return IntakeDecision(IntakeAction.UPDATE, None, steps)


def _plan(
    status: S,
    resume: S | None,
    old_trade: TradeState,
    old_refund: RefundState,
    incoming: ChannelOrder,
) -> tuple[Transition, ...]:
    wanted: list[OrderEvent] = []
    new_refund, new_trade = incoming.refund_state, incoming.trade_state
    by_records = bool(incoming.refunds)  # the refund records drive the refund steps (services.refunds)
    if by_records:
        pass
    elif new_refund is RefundState.REQUESTED and old_refund is not RefundState.REQUESTED:
        wanted.append(OrderEvent.REQUEST_REFUND)
    elif new_refund is RefundState.REFUNDED and old_refund is not RefundState.REFUNDED:
        wanted += [OrderEvent.REQUEST_REFUND, OrderEvent.CANCEL]
    elif new_refund is RefundState.NONE and old_refund is RefundState.REQUESTED:
        wanted.append(OrderEvent.WITHDRAW_REFUND)
    if new_trade is TradeState.CLOSED and old_trade is not TradeState.CLOSED and not by_records:
        wanted += [OrderEvent.REQUEST_REFUND, OrderEvent.CANCEL]
    shipped_now = new_trade in (TradeState.SHIPPED, TradeState.COMPLETED)
    if shipped_now and old_trade not in (TradeState.SHIPPED, TradeState.COMPLETED):
        # Shipped outside the hub (or our own shipment confirmed): make sure nobody packs it again.
        wanted.append(OrderEvent.SHIP if status is S.PACKED else OrderEvent.SHIP_ELSEWHERE)
    if new_trade is TradeState.COMPLETED and old_trade is not TradeState.COMPLETED:
        wanted.append(OrderEvent.DELIVER)
    steps: list[Transition] = []
    for event in wanted:
        if event is OrderEvent.REQUEST_REFUND and status in (S.INTERCEPTED, S.REFUND_REQUESTED):
            continue
        try:
            step = transition(status, event, resume)
        except InvalidTransition:
            continue  # the platform's news does not apply here (e.g. a refund on a returned order)
        steps.append(step)
        status, resume = step.to_status, step.resume_status
    return tuple(steps)
