"""The returns check-in rules without a database: the scan-line grammar, which orders take a return,
and when an order is returned in full or only partly."""

from __future__ import annotations

import pytest

from orderdesk.domain.returns import (
    Condition, Counted, ExpectedLine, ReturnOutcome, ReturnRefusal, ReturnSession, check_returnable, parse_line,
)  # fmt: skip
from orderdesk.domain.status import OrderStatus as S
from orderdesk.domain.timeline import describe_event


@pytest.mark.parametrize(("line", "kind", "code", "qty", "condition", "reason"), [
    ("6901234567890", "code", "6901234567890", 1, Condition.RESELLABLE, ""),
    ("3*SKU-A", "code", "SKU-A", 3, Condition.RESELLABLE, ""),
    ("SKU-A damaged 外包装破损 严重", "code", "SKU-A", 1, Condition.DAMAGED, "外包装破损 严重"),
    ("SKU-A 破损 压坏", "code", "SKU-A", 1, Condition.DAMAGED, "压坏"),
    ("MISSING 2*SKU-B", "missing", "SKU-B", 2, Condition.MISSING, ""),
    ("缺 SKU-B", "missing", "SKU-B", 1, Condition.MISSING, ""),
    ("ＳＫＵ－Ａ", "code", "SKU-A", 1, Condition.RESELLABLE, ""),  # full-width from an IME left on
])  # fmt: skip
def test_item_lines_read_as_written(line, kind, code, qty, condition, reason) -> None:  # noqa: ANN001
    got = parse_line(line)
    assert (got.kind, got.code, got.quantity, got.condition, got.reason) == (kind, code, qty, condition, reason)


@pytest.mark.parametrize(("line", "kind"), [("DONE", "done"), ("完成", "done"), ("undo", "undo"), ("撤销", "undo"),
                                            ("CANCEL", "cancel"), ("取消", "cancel"), ("UNKNOWN 面单破了", "unknown")])
def test_commands(line: str, kind: str) -> None:
    assert parse_line(line).kind == kind


@pytest.mark.parametrize(("line", "code"), [("SKU-A damaged", "no_reason"), ("SKU-A squashed", "bad_line"),
                                            ("0*SKU-A", "bad_quantity"), ("MISSING", "bad_line"), ("   ", "empty"),
                                            ("X" * 200, "too_long")])
def test_lines_that_fit_no_rule_are_refused_in_both_languages(line: str, code: str) -> None:
    with pytest.raises(ReturnRefusal) as refused:
        parse_line(line)
    assert refused.value.code == code and refused.value.zh and refused.value.en


@pytest.mark.parametrize(("status", "refusal"), [(S.RETURNED, "already_checked_in"), (S.INTERCEPTED, "intercepted"),
                                                 (S.CANCELLED, "cancelled"), (S.PACKED, "not_shipped"),
                                                 (S.PAID, "not_shipped")])
def test_only_shipped_orders_take_a_return(status: S, refusal: str) -> None:
    assert check_returnable(S.REFUND_REQUESTED, "TB1") is False
    assert check_returnable(S.DELIVERED, "TB1") is True  # accepted, flagged: no refund request
    with pytest.raises(ReturnRefusal) as refused:
        check_returnable(status, "TB1")
    assert refused.value.code == refusal


def test_an_intercepted_order_is_taken_only_when_its_parcel_had_left() -> None:
    assert check_returnable(S.INTERCEPTED, "TB1", parcel_left=True) is False  # a refund is open: not flagged
    with pytest.raises(ReturnRefusal) as refused:
        check_returnable(S.INTERCEPTED, "TB1")  # never left: pulled back through the inbox
    assert refused.value.code == "intercepted"


def _session(before: int = 0) -> ReturnSession:
    return ReturnSession("TB1", (ExpectedLine("A", "盆", 2, 2, before), ExpectedLine("GIFT", "赠品", 1, 0)))


def test_every_unit_back_returns_the_order_and_gifts_are_not_waited_for() -> None:
    s = _session()
    s.add(Counted("A", 1, Condition.RESELLABLE))
    assert s.outcome() is ReturnOutcome.PARTLY_RETURNED
    s.add(Counted("A", 1, Condition.DAMAGED, "裂了"))
    assert s.outcome() is ReturnOutcome.RETURNED


def test_missing_units_leave_it_partly_returned_and_count_against_what_is_still_out() -> None:
    s = _session(before=1)
    s.add(Counted("A", 1, Condition.MISSING))
    assert s.outcome() is ReturnOutcome.PARTLY_RETURNED
    with pytest.raises(ReturnRefusal) as too_many:
        s.add(Counted("A", 1, Condition.RESELLABLE))
    assert too_many.value.code == "too_many" and "已退 1 件" in too_many.value.zh
    with pytest.raises(ReturnRefusal) as wrong:
        s.add(Counted("B", 1, Condition.RESELLABLE))
    assert wrong.value.code == "wrong_item"
    assert len(s.counted) == 1  # refusals changed nothing


def test_the_timeline_says_what_came_back_in_both_languages() -> None:
    details = {"outcome": "PARTLY_RETURNED", "parcel": "SF1", "no_refund_request": True,
               "lines": [{"sku": "A", "quantity": 1, "condition": "damaged", "reason": "裂了"},
                         {"sku": "B", "quantity": 2, "condition": "missing", "reason": ""}]}  # fmt: skip
    zh = describe_event("RETURN_RECEIVED", "SHIPPED", "SHIPPED", "", details)
    en = describe_event("RETURN_RECEIVED", "SHIPPED", "SHIPPED", "", details, "en")
    assert zh == "退货入库（部分退货）：1 × A 破损（裂了），2 × B 缺失；包裹 SF1；未申请退款"
    assert en == "Return checked in (Partly returned): 1 × A damaged (裂了), 2 × B missing; parcel SF1; no refund request"
