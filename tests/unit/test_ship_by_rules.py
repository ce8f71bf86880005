"""Ship-by rules without a database: durations as typed, time left as read, who still waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.ship_by import Urgency, parse_duration, time_left_text, urgency
from orderdesk.domain.status import OrderStatus

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "span"), [("90m", timedelta(minutes=90)), ("6h", timedelta(hours=6)),
                                            ("2d", timedelta(days=2)), (" 6H ", timedelta(hours=6))])  # fmt: skip
def test_durations_are_read_in_minutes_hours_and_days(text, span):
    assert parse_duration(text) == span


@pytest.mark.parametrize("text", ["6", "6x", "h6", "-6h", "0h", "6.5h", "", "六小时", "9999999h"])
def test_a_malformed_duration_is_refused_in_both_languages(text):
    with pytest.raises(DomainError) as caught:
        parse_duration(text)
    assert "90m" in caught.value.reason("zh") and "90m" in caught.value.reason("en")


def test_time_left_reads_as_a_person_says_it():
    assert time_left_text(5 * 60 + 59, "zh") == "剩 5 小时"
    assert time_left_text(-(2 * 60 + 1), "zh") == "已超时 2 小时"
    assert time_left_text(40, "en") == "40 min left"
    assert time_left_text(-130, "en") == "2 h overdue"
    assert time_left_text(3 * 24 * 60 + 5 * 60, "zh") == "剩 3 天 5 小时"


def test_only_orders_the_platform_still_waits_for_are_urgent():
    soon, late = NOW + timedelta(hours=6), NOW - timedelta(minutes=1)
    assert urgency(soon, OrderStatus.PACKED, NOW) is Urgency.DUE_SOON  # exactly 6 h: due soon
    assert urgency(soon + timedelta(minutes=1), OrderStatus.PAID, NOW) is Urgency.NONE
    assert urgency(late, OrderStatus.ON_HOLD, NOW) is Urgency.OVERDUE
    for done in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.INTERCEPTED):
        assert urgency(late, done, NOW) is Urgency.NONE


def test_a_packed_order_the_platform_accepted_is_no_longer_urgent():
    late = NOW - timedelta(hours=2)
    assert urgency(late, OrderStatus.PACKED, NOW) is Urgency.OVERDUE
    assert urgency(late, OrderStatus.PACKED, NOW, confirmed=True) is Urgency.NONE
