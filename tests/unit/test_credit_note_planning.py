"""Credit-note planning, pure: what a note credits, to the fen, and what it refuses."""

from __future__ import annotations

import pytest

from orderdesk.domain.credit_notes import (
    REVERSAL, CreditNote, Credited, CreditRefused, LineRequest, OrderForCredit, OrderLineFacts, note_number,
    note_year, parse_yuan, plan_credit, plan_full, plan_reversal,
)  # fmt: skip
from orderdesk.domain.model import RefundState
from orderdesk.domain.status import OrderStatus as S
from tests.helpers.builders import T0

LINES = (OrderLineFacts(1, "BASIN", "折叠洗脸盆", 3, 10000), OrderLineFacts(2, "BOX", "收纳箱", 1, 4590))


def _order(status: S = S.RETURNED, refund: RefundState = RefundState.NONE, freight: int = 800) -> OrderForCredit:
    return OrderForCredit(1, "TB1", "taobao", status, refund, False, 10000 + 4590 + freight, freight, "张* 138****1234",
                          LINES)  # fmt: skip


def test_thirds_of_a_line_tie_out_to_the_fen():
    order, done = _order(), Credited()
    first = plan_credit(order, done, [LineRequest("BASIN", 1)], 0, "退一件")
    assert first.lines[0].amount_fen == -3333 and first.total_fen == -3333
    done = Credited({1: 1}, {1: 3333}, 0, 3333)
    rest = plan_credit(order, done, [LineRequest("BASIN", 2)], 0, "退其余")
    assert rest.goods_fen == -(10000 - 3333)


def test_full_credit_takes_every_line_and_the_freight():
    order = _order()
    lines, freight = plan_full(order, Credited())
    plan = plan_credit(order, Credited(), lines, freight, "整单退款")
    assert (plan.goods_fen, plan.freight_fen, plan.total_fen) == (-14590, -800, -order.total_fen)
    assert [(ln.sku, ln.quantity) for ln in plan.lines] == [("BASIN", -3), ("BOX", -1)]


def test_money_only_keeps_the_units_and_cannot_exceed_the_line():
    plan = plan_credit(_order(), Credited(), [LineRequest("BOX", 0, 1000)], 0, "仅退款 10 元")
    assert [(ln.quantity, ln.amount_fen) for ln in plan.lines] == [(0, -1000)]
    with pytest.raises(CreditRefused) as exc:
        plan_credit(_order(), Credited(), [LineRequest("BOX", 0, 4591)], 0, "多退")
    assert exc.value.code == "over_paid"


@pytest.mark.parametrize(("order", "lines", "freight", "reason", "code"), [
    (_order(S.SHIPPED), [LineRequest("BOX", 1)], 0, "r", "not_refunded"),
    (_order(S.DELIVERED, RefundState.NONE), [LineRequest("BOX", 1)], 0, "r", "not_refunded"),
    (_order(), [LineRequest("MUG", 1)], 0, "r", "unknown_line"),
    (_order(), [LineRequest("BOX", 2)], 0, "r", "too_many"),
    (_order(), [LineRequest("BOX", 1, 4591)], 0, "r", "over_paid"),
    (_order(), [], 801, "r", "over_freight"),
    (_order(), [], 0, "r", "nothing"),
    (_order(), [LineRequest("BOX", 1)], 0, "  ", "no_reason"),
    (_order(), [LineRequest("BOX", 1), LineRequest("BOX", 0, 1)], 0, "r", "repeated_line"),
])  # fmt: skip
def test_refusals_name_their_reason(order, lines, freight, reason, code):  # noqa: ANN001
    with pytest.raises(CreditRefused) as exc:
        plan_credit(order, Credited(), lines, freight, reason)
    assert exc.value.code == code and exc.value.zh and exc.value.en


def test_a_total_beyond_what_is_left_uncredited_is_refused():
    discounted = OrderForCredit(1, "TB1", "taobao", S.RETURNED, RefundState.NONE, False, 12000, 0, "", LINES)
    with pytest.raises(CreditRefused) as exc:
        plan_credit(discounted, Credited(), [LineRequest("BASIN", 3), LineRequest("BOX", 1)], 0, "r")
    assert exc.value.code == "over_total"


def test_an_order_cancelled_after_an_intercepting_refund_counts_as_refunded():
    cancelled = OrderForCredit(1, "TB1", "taobao", S.CANCELLED, RefundState.NONE, True, 14590, 0, "", LINES)
    assert plan_credit(cancelled, Credited(), [LineRequest("BOX", 1)], 0, "r").total_fen == -4590
    plain = OrderForCredit(1, "TB1", "taobao", S.CANCELLED, RefundState.NONE, False, 14590, 0, "", LINES)
    with pytest.raises(CreditRefused):
        plan_credit(plain, Credited(), [LineRequest("BOX", 1)], 0, "r")


def test_a_reversal_mirrors_the_note_once():
    plan = plan_credit(_order(), Credited(), [LineRequest("BOX", 1)], 500, "r")
    note = CreditNote("CN2026-000007", "credit", T0, "finance", "TB1", "taobao", "", "r", plan.goods_fen,
                      plan.freight_fen, plan.total_fen, plan.lines)  # fmt: skip
    back = plan_reversal(note)
    assert (back.total_fen, back.lines[0].quantity, back.lines[0].amount_fen) == (5090, 1, 4590)
    for kind, by, code in ((REVERSAL, None, "reverse_reversal"), ("credit", "CN2026-000008", "already_reversed")):
        with pytest.raises(CreditRefused) as exc:
            plan_reversal(CreditNote(**{**note.__dict__, "kind": kind, "reversed_by": by}))
        assert exc.value.code == code


def test_numbers_and_years_follow_china_time():
    from datetime import UTC, datetime

    assert note_number(2026, 123) == "CN2026-000123"
    assert note_year(datetime(2026, 12, 31, 16, 30, tzinfo=UTC)) == 2027  # 00:30 on 1 January in Beijing
    assert note_year(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == 2026
    assert parse_yuan("¥1,234.5") == 123450
    for bad in ("1.234", "-1", "abc", "1e308", "nan"):
        with pytest.raises(CreditRefused):
            parse_yuan(bad)
