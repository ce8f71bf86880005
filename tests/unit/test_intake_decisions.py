"""decide_intake on pure inputs: what a delivered channel copy does to the order the hub holds."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orderdesk.domain.intake import IntakeAction as A
from orderdesk.domain.intake import StoredOrderState, decide_intake
from orderdesk.domain.lifecycle import OrderEvent as E
from orderdesk.domain.model import ChannelOrder
from orderdesk.domain.model import RefundState as R
from orderdesk.domain.model import TradeState as T
from orderdesk.domain.status import OrderStatus as S
from tests.helpers.builders import T0, channel_order


def stored(status: S, resume: S | None = None, *, trade: T = T.PAID, refund: R = R.NONE) -> StoredOrderState:
    return StoredOrderState(status, resume, T0, trade, refund)


def events_of(decision) -> list[E]:
    return [step.event for step in decision.transitions]


# --- new orders ---------------------------------------------------------------------------------------
def test_new_paid_order_is_created_paid():
    d = decide_intake(None, channel_order())
    assert (d.action, d.initial_status, d.final(None)) == (A.CREATE, S.PAID, (S.PAID, None))


def test_new_unpaid_order_is_skipped():
    assert decide_intake(None, channel_order(trade=T.UNPAID)).action is A.SKIPPED_UNPAID


@pytest.mark.parametrize(
    ("trade", "refund"), [(T.CLOSED, R.NONE), (T.CLOSED, R.REFUNDED), (T.PAID, R.REFUNDED)]
)
def test_new_closed_or_refunded_order_is_created_cancelled(trade, refund):
    d = decide_intake(None, channel_order(trade=trade, refund=refund))
    assert (d.action, d.final(None)) == (A.CREATE, (S.CANCELLED, None))


def test_new_already_shipped_order_is_created_shipped_so_nobody_packs_it():
    d = decide_intake(None, channel_order(trade=T.SHIPPED))
    assert (d.action, d.final(None)) == (A.CREATE, (S.SHIPPED, None))


# --- re-delivered copies ------------------------------------------------------------------------------
def test_same_time_and_states_is_unchanged():
    assert decide_intake(stored(S.ALLOCATED), channel_order()).action is A.UNCHANGED


def test_older_copy_is_stale():
    d = decide_intake(stored(S.ALLOCATED), channel_order(refund=R.REQUESTED, minutes=-1))
    assert (d.action, d.transitions) == (A.STALE, ())


def test_refund_request_intercepts_an_allocated_order_and_remembers_it():
    d = decide_intake(stored(S.ALLOCATED), channel_order(refund=R.REQUESTED, minutes=5))
    assert d.action is A.UPDATE
    assert d.final(stored(S.ALLOCATED)) == (S.INTERCEPTED, S.ALLOCATED)


def test_withdrawn_refund_puts_the_order_back():
    have = stored(S.INTERCEPTED, S.ALLOCATED, refund=R.REQUESTED)
    d = decide_intake(have, channel_order(refund=R.NONE, minutes=5))
    assert events_of(d) == [E.WITHDRAW_REFUND]
    assert d.final(have) == (S.ALLOCATED, None)


def test_refund_on_a_shipped_order_opens_an_after_sale():
    have = stored(S.SHIPPED, trade=T.SHIPPED)
    d = decide_intake(have, channel_order(trade=T.SHIPPED, refund=R.REQUESTED, minutes=5))
    assert d.final(have) == (S.REFUND_REQUESTED, S.SHIPPED)


def test_closed_trade_on_a_packed_order_intercepts_then_cancels():
    d = decide_intake(stored(S.PACKED), channel_order(trade=T.CLOSED, minutes=5))
    assert events_of(d) == [E.REQUEST_REFUND, E.CANCEL]
    assert d.final(stored(S.PACKED)) == (S.CANCELLED, None)


def test_refund_on_a_returned_order_takes_no_steps():
    have = stored(S.RETURNED, trade=T.SHIPPED)
    d = decide_intake(have, channel_order(trade=T.SHIPPED, refund=R.REQUESTED, minutes=5))
    assert d.transitions == ()
    assert d.final(have) == (S.RETURNED, None)


# --- out-of-order delivery ----------------------------------------------------------------------------
def deliver(copies: Sequence[ChannelOrder]) -> tuple[S, S | None] | None:
    """Apply intake decisions in delivery order the way the intake service stores them."""
    have: StoredOrderState | None = None
    for copy in copies:
        decision = decide_intake(have, copy)
        if decision.action in (A.CREATE, A.UPDATE):
            status, resume = decision.final(have)
            have = StoredOrderState(status, resume, copy.modified_at, copy.trade_state, copy.refund_state)
    return None if have is None else (have.status, have.resume_status)


# What a platform may report next about one order, with the fulfilment stage held fixed: the hub
# first sees the order unpaid/paid, shipped or completed, and it stays there; only refunds move,
# and only a not-yet-shipped trade closes.
_NEXT: dict[tuple[T, R], list[tuple[T, R]]] = {
    (T.UNPAID, R.NONE): [(T.PAID, R.NONE), (T.CLOSED, R.NONE)],
    (T.PAID, R.NONE): [(T.PAID, R.REQUESTED), (T.CLOSED, R.REFUNDED)],
    (T.PAID, R.REQUESTED): [(T.PAID, R.NONE), (T.PAID, R.REFUNDED), (T.CLOSED, R.REFUNDED)],
    (T.PAID, R.REFUNDED): [(T.CLOSED, R.REFUNDED)],
    **{(t, R.NONE): [(t, R.REQUESTED)] for t in (T.SHIPPED, T.COMPLETED)},
    **{(t, R.REQUESTED): [(t, R.NONE), (t, R.REFUNDED)] for t in (T.SHIPPED, T.COMPLETED)},
}


@st.composite
def platform_history(draw) -> list[ChannelOrder]:
    state = draw(st.sampled_from([(t, R.NONE) for t in (T.UNPAID, T.PAID, T.SHIPPED, T.COMPLETED)]))
    states = [state]
    for _ in range(draw(st.integers(0, 6))):
        if state not in _NEXT:
            break
        state = draw(st.sampled_from(_NEXT[state]))
        states.append(state)
    return [channel_order(trade=t, refund=r, minutes=i) for i, (t, r) in enumerate(states)]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_out_of_order_delivery_ends_where_in_order_delivery_does(data):
    """Copies have distinct modified times (equal times are ordered by delivery, so no sorted order
    exists). Within a fixed fulfilment stage, every permutation ends in the same status and resume
    status as delivery sorted by modified_at. A known exception is pinned below."""
    history = data.draw(platform_history())
    delivered = data.draw(st.permutations(history))
    assert deliver(delivered) == deliver(sorted(delivered, key=lambda c: c.modified_at))


def test_platform_shipping_seen_as_an_update_stops_packing_like_on_creation():
    paid, shipped = channel_order(minutes=0), channel_order(trade=T.SHIPPED, minutes=5)
    assert deliver([paid, shipped]) == deliver([shipped, paid]) == (S.SHIPPED, None)


def test_platform_completion_marks_a_shipped_order_delivered():
    shipped, done = channel_order(trade=T.SHIPPED, minutes=0), channel_order(trade=T.COMPLETED, minutes=5)
    assert deliver([shipped, done]) == (S.DELIVERED, None)


@pytest.mark.xfail(strict=True, reason="a closed copy creates a CANCELLED order even when the trade "
                   "had shipped; delivered in order the same trade stays an open after-sale")
def test_known_gap_shipped_then_refunded_trade_first_seen_closed():
    history = [channel_order(trade=T.SHIPPED, minutes=0),
               channel_order(trade=T.SHIPPED, refund=R.REQUESTED, minutes=5),
               channel_order(trade=T.CLOSED, refund=R.REFUNDED, minutes=10)]  # fmt: skip
    # in order: (REFUND_REQUESTED, SHIPPED); closed copy first: (CANCELLED, None)
    assert deliver(history) == deliver([history[2], history[0], history[1]])
