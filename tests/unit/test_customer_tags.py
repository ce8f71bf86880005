"""The built-in customer tags at the edges of their (editable) thresholds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.domain.customers import (CHURN_RISK, FREQUENT_REFUNDER, HIGH_VALUE, CustomerFacts, TagThresholds,
                                        builtin_tags, check_tag_code)  # fmt: skip
from orderdesk.domain.errors import DomainError

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
T = TagThresholds()


def facts(orders=1, recent=0, refunds=0, last_days=1.0):  # noqa: ANN001, ANN201
    last = NOW - timedelta(days=last_days)
    return CustomerFacts(1, orders, recent, recent, refunds, last - timedelta(days=400), last)


@pytest.mark.parametrize(("recent_fen", "tagged"), [(120_000, True), (119_999, False), (500_000, True), (0, False)])
def test_high_value_is_1200_yuan_or_more_in_the_window(recent_fen, tagged):
    assert (HIGH_VALUE in builtin_tags(facts(recent=recent_fen), T, NOW)) is tagged


@pytest.mark.parametrize(("orders", "idle_days", "tagged"), [
    (2, 180.01, True), (2, 180, False), (1, 400, False), (5, 179, False), (3, 181, True),
])  # fmt: skip
def test_churn_risk_is_more_than_180_days_idle_after_at_least_2_orders(orders, idle_days, tagged):
    assert (CHURN_RISK in builtin_tags(facts(orders=orders, last_days=idle_days), T, NOW)) is tagged


@pytest.mark.parametrize(("orders", "refunds", "tagged"), [
    (10, 3, True), (10, 2, False), (11, 3, False), (3, 3, True), (0, 0, False),
])  # fmt: skip
def test_frequent_refunder_needs_3_refunds_on_30_percent_of_orders(orders, refunds, tagged):
    assert (FREQUENT_REFUNDER in builtin_tags(facts(orders=orders, refunds=refunds), T, NOW)) is tagged


def test_thresholds_are_editable_and_checked():
    t = T.with_value("high_value_fen", "150000")
    assert HIGH_VALUE not in builtin_tags(facts(recent=149_999), t, NOW)
    assert HIGH_VALUE in builtin_tags(facts(recent=150_000), t, NOW)
    assert TagThresholds.from_json(t.to_json()) == t
    for name, value in (("high_value_fen", "-1"), ("refunder_min_rate", "1.5"), ("nope", "1"), ("churn_days", "x")):
        with pytest.raises(DomainError):
            T.with_value(name, value)


def test_tag_codes():
    assert check_tag_code("vip_2026") == "vip_2026"
    for bad in ("VIP", "high_value", "builtin", "x", "1abc", "大客户"):
        with pytest.raises(DomainError):
            check_tag_code(bad)
