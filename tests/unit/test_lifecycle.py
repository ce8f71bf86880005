"""The order lifecycle obeys the business rules, checked against a small model written here."""

from __future__ import annotations

import re

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from orderdesk.domain.errors import InvalidTransition
from orderdesk.domain.lifecycle import OrderEvent as E
from orderdesk.domain.lifecycle import allowed_events, transition
from orderdesk.domain.status import OrderStatus as S

# --- the business rules, stated independently of the module's table -------------------------------
NOT_YET_SHIPPED = {S.PAID, S.ON_HOLD, S.ALLOCATED, S.PACKED}
SHIPPED_OUT = {S.SHIPPED, S.DELIVERED}
ENDED = {S.CANCELLED, S.RETURNED}
SIMPLE_MOVES = {
    (S.PAID, E.ALLOCATE): S.ALLOCATED,
    (S.PAID, E.HOLD): S.ON_HOLD,
    (S.ON_HOLD, E.RELEASE): S.PAID,
    (S.ALLOCATED, E.DEALLOCATE): S.PAID,
    (S.ALLOCATED, E.PACK): S.PACKED,
    (S.PACKED, E.SHIP): S.SHIPPED,
    **{(s, E.SHIP_ELSEWHERE): S.SHIPPED for s in (S.PAID, S.ON_HOLD, S.ALLOCATED)},
    (S.SHIPPED, E.DELIVER): S.DELIVERED,
    **{(s, E.CANCEL): S.CANCELLED for s in (S.PAID, S.ON_HOLD, S.ALLOCATED, S.INTERCEPTED)},
    **{(s, E.RECEIVE_RETURN): S.RETURNED for s in (S.SHIPPED, S.DELIVERED, S.REFUND_REQUESTED)},
}


def expected_step(status: S, resume: S | None, event: E) -> tuple[S, S | None] | None:
    """(new status, new resume) the business expects, or None when the event must be refused."""
    if event is E.REQUEST_REFUND:
        if status in NOT_YET_SHIPPED:
            return S.INTERCEPTED, status
        if status in SHIPPED_OUT:
            return S.REFUND_REQUESTED, status
        return None
    if event is E.WITHDRAW_REFUND:
        return (resume, None) if status in (S.INTERCEPTED, S.REFUND_REQUESTED) and resume else None
    target = SIMPLE_MOVES.get((status, event))
    return None if target is None else (target, None)


class OrderLifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.status, self.resume = S.PAID, None
        self.before_refund: S | None = None
        self.was_shipped = False

    @rule(event=st.sampled_from(list(E)))
    def apply(self, event: E) -> None:
        before = (self.status, self.resume)
        expected = expected_step(self.status, self.resume, event)
        try:
            step = transition(self.status, event, self.resume)
        except InvalidTransition:
            assert expected is None, f"{event} from {self.status} should be allowed"
            assert (self.status, self.resume) == before
            return
        assert expected is not None, f"{event} from {self.status} should be refused"
        assert self.status not in ENDED, "nothing leaves CANCELLED or RETURNED"
        assert (step.event, step.from_status) == (event, self.status)
        assert (step.to_status, step.resume_status) == expected
        if step.to_status is S.PACKED:
            assert (event, self.status) == (E.PACK, S.ALLOCATED) or self._restores(event, S.PACKED)
        if step.to_status is S.SHIPPED:
            assert (event, self.status) == (E.SHIP, S.PACKED) or self._restores(event, S.SHIPPED) or (
                event is E.SHIP_ELSEWHERE and self.status in (S.PAID, S.ON_HOLD, S.ALLOCATED)
            ), "SHIPPED comes from packing, or from the platform saying it shipped an unpacked order"
        if self.status is S.INTERCEPTED:
            assert event not in (E.PACK, E.SHIP)
        if event is E.REQUEST_REFUND:
            self.before_refund = self.status
        if event is E.WITHDRAW_REFUND:
            assert step.to_status is self.before_refund
        self.status, self.resume = step.to_status, step.resume_status
        self.was_shipped |= self.status is S.SHIPPED

    def _restores(self, event: E, status: S) -> bool:
        return event is E.WITHDRAW_REFUND and self.before_refund is status

    @invariant()
    def status_is_a_known_status(self) -> None:
        assert self.status in set(S)

    @invariant()
    def a_shipped_order_is_never_cancelled(self) -> None:
        assert not (self.was_shipped and self.status is S.CANCELLED)

    @invariant()
    def resume_is_kept_exactly_while_a_refund_is_open(self) -> None:
        open_refund = self.status in (S.INTERCEPTED, S.REFUND_REQUESTED)
        assert (self.resume is not None) == open_refund


TestOrderLifecycleFollowsBusinessRules = OrderLifecycleMachine.TestCase
TestOrderLifecycleFollowsBusinessRules.settings = settings(
    max_examples=200, stateful_step_count=30, deadline=None
)


# --- refusals a person can read ----------------------------------------------------------------------
def _refusal(status: S, event: E, resume: S | None = None) -> InvalidTransition:
    with pytest.raises(InvalidTransition) as caught:
        transition(status, event, resume)
    return caught.value


def _plausible_resume(status: S) -> S | None:
    return S.PAID if status in (S.INTERCEPTED, S.REFUND_REQUESTED) else None


ALL_PAIRS = [(s, e) for s in S for e in E]
ILLEGAL_PAIRS = [(s, e) for s, e in ALL_PAIRS if expected_step(s, _plausible_resume(s), e) is None]


def test_packing_an_intercepted_order_names_the_refund():
    err = _refusal(S.INTERCEPTED, E.PACK, resume=S.ALLOCATED)
    assert "退款订单" in err.reason("zh")
    assert "intercepted" in err.reason("en")


def test_packing_twice_says_already_packed():
    err = _refusal(S.PACKED, E.PACK)
    assert "已打包" in err.zh
    assert "already packed" in err.en


def test_refusal_carries_status_and_event_codes():
    err = _refusal(S.CANCELLED, E.SHIP)
    assert (err.status, err.event) == ("CANCELLED", "SHIP")


@pytest.mark.parametrize(("status", "event"), ILLEGAL_PAIRS)
def test_every_refusal_has_a_reason_in_both_languages(status, event):
    err = _refusal(status, event, _plausible_resume(status))
    assert err.zh.strip() and re.search(r"[\u4e00-\u9fff]", err.zh)
    assert err.en.strip() and not re.search(r"[\u4e00-\u9fff]", err.en)


def test_withdrawing_without_a_remembered_status_is_refused():
    assert _refusal(S.INTERCEPTED, E.WITHDRAW_REFUND, resume=None).zh


# --- allowed_events agrees with transition() ---------------------------------------------------------
@pytest.mark.parametrize(("status", "event"), ALL_PAIRS)
def test_allowed_events_matches_transition(status, event):
    try:
        transition(status, event, _plausible_resume(status))
        accepted = True
    except InvalidTransition:
        accepted = False
    assert (event in allowed_events(status)) == accepted


def test_terminal_statuses_allow_nothing():
    assert allowed_events(S.CANCELLED) == allowed_events(S.RETURNED) == frozenset()


# --- an intercepted order whose parcel had already left comes back as a return ----------------------
def test_an_intercepted_order_whose_parcel_left_is_checked_in_as_returned():
    step = transition(S.INTERCEPTED, E.RECEIVE_RETURN, S.PACKED, parcel_left=True)
    assert (step.from_status, step.to_status, step.resume_status) == (S.INTERCEPTED, S.RETURNED, None)
    assert E.RECEIVE_RETURN in allowed_events(S.INTERCEPTED, parcel_left=True)


def test_an_intercepted_order_whose_parcel_never_left_is_pulled_back_not_returned():
    err = _refusal(S.INTERCEPTED, E.RECEIVE_RETURN, resume=S.PACKED)
    assert "取回" in err.zh and "pull it back" in err.en
    assert E.RECEIVE_RETURN not in allowed_events(S.INTERCEPTED)


@pytest.mark.parametrize(("status", "event"), ALL_PAIRS)
def test_a_parcel_that_left_changes_nothing_else(status, event):
    if (status, event) == (S.INTERCEPTED, E.RECEIVE_RETURN):
        return
    resume = _plausible_resume(status)
    try:
        plain = transition(status, event, resume)
    except InvalidTransition:
        with pytest.raises(InvalidTransition):
            transition(status, event, resume, parcel_left=True)
        return
    assert transition(status, event, resume, parcel_left=True) == plain
