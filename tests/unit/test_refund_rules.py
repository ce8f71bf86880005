"""Refund rules in pure Python: the path by where the order is, each platform's state words, the
lines a refund covers, and what is refused."""

from __future__ import annotations

import pytest

from orderdesk.domain.model import Channel
from orderdesk.domain.refunds import (
    OrderLineRef, RefundPath, RefundRefused, RefundStep, choose_path, map_platform_state, parse_line_arg, refund_lines,
)  # fmt: skip
from orderdesk.domain.status import OrderStatus as S

LINES = (OrderLineRef(11, 1, "BASIN", "oid-1", 3, 9000), OrderLineRef(12, 2, "BOX", "oid-2", 1, 4590))


@pytest.mark.parametrize(("status", "handed", "path"), [
    (S.PAID, False, RefundPath.INTERCEPT), (S.ALLOCATED, False, RefundPath.INTERCEPT),
    (S.PACKED, False, RefundPath.PULL_BACK), (S.PACKED, True, RefundPath.AWAIT_RETURN),
    (S.SHIPPED, True, RefundPath.AWAIT_RETURN), (S.DELIVERED, True, RefundPath.AWAIT_RETURN),
    (S.CANCELLED, False, RefundPath.NONE), (S.RETURNED, True, RefundPath.NONE),
])  # fmt: skip
def test_the_path_follows_where_the_order_is(status, handed, path):  # noqa: ANN001
    assert choose_path(status, handed) is path


@pytest.mark.parametrize(("channel", "raw", "step"), [
    (Channel.TAOBAO, "WAIT_SELLER_AGREE", RefundStep.REQUESTED), (Channel.TAOBAO, "SUCCESS", RefundStep.PAID),
    (Channel.TAOBAO, "SELLER_REFUSE_BUYER", RefundStep.REJECTED), (Channel.TAOBAO, "CLOSED", RefundStep.CLOSED),
    (Channel.PDD, "2", RefundStep.REQUESTED), (Channel.PDD, "10", RefundStep.PAID), (Channel.PDD, "11", RefundStep.WITHDRAWN),
    (Channel.DOUYIN, "6", RefundStep.REQUESTED), (Channel.DOUYIN, "12", RefundStep.PAID),
    (Channel.DOUYIN, "51", RefundStep.WITHDRAWN), (Channel.DOUYIN, "27", RefundStep.REJECTED),
    (Channel.MINIPROGRAM, "refunded", RefundStep.PAID),
    (Channel.TAOBAO, "SOMETHING_NEW", RefundStep.UNKNOWN), (Channel.PDD, "14", RefundStep.UNKNOWN),
    (Channel.DOUYIN, "13", RefundStep.UNKNOWN),
])  # fmt: skip
def test_platform_words_map_to_steps_and_unknown_words_are_never_guessed(channel, raw, step):  # noqa: ANN001
    assert map_platform_state(channel, raw) is step


def test_a_refund_covers_named_lines_by_sku_or_platform_line_and_splits_the_paid_amount():
    assert [(ln.sku, ln.quantity, ln.amount_fen) for ln in refund_lines("TB1", LINES, [])] == [
        ("BASIN", 3, 9000), ("BOX", 1, 4590)]
    [one] = refund_lines("TB1", LINES, [("BASIN", 1)])
    assert (one.line_id, one.quantity, one.amount_fen) == (11, 1, 3000)
    assert refund_lines("TB1", LINES, [("oid-2", 1)])[0].sku == "BOX"


@pytest.mark.parametrize(("asked", "code"), [
    ([("MUG", 1)], "unknown_line"), ([("BASIN", 4)], "too_many"), ([("BASIN", 0)], "bad_quantity"),
    ([("BASIN", 2), ("BASIN", 2)], "too_many"),
])  # fmt: skip
def test_bad_lines_are_refused_in_both_languages(asked, code):  # noqa: ANN001
    with pytest.raises(RefundRefused) as exc:
        refund_lines("TB1", LINES, asked)
    assert exc.value.code == code and exc.value.zh != exc.value.en


def test_line_arguments():
    assert parse_line_arg("BASIN:2") == ("BASIN", 2) and parse_line_arg("BASIN") == ("BASIN", 1)
    for bad in ("BASIN:0", "BASIN:x", ":3"):
        with pytest.raises(RefundRefused):
            parse_line_arg(bad)
