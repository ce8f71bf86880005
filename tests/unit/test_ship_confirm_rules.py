"""How a platform's answer is read, and how long a failed confirmation waits: pure rules."""

from __future__ import annotations

from orderdesk.channels.base import NetworkError, RateLimited, RequestRejected
from orderdesk.channels.fakes.ship_rules import message
from orderdesk.channels.shipping import read_refusal
from orderdesk.domain.model import Channel
from orderdesk.domain.ship_confirm import Backoff, Outcome, alert_text
from orderdesk.domain.timeline import describe_event

WAYBILL = "73120000000123"


def _rejected(kind: str, there: str = "") -> RequestRejected:
    text = message(kind, there)
    return RequestRejected(Channel.TAOBAO, text, text, sub_code="isv.logistics-offline-service-error")


def test_already_shipped_with_our_waybill_is_done_with_another_it_is_refused() -> None:
    assert read_refusal(_rejected("already", WAYBILL), WAYBILL, "ZTO").outcome is Outcome.ALREADY_SHIPPED
    other = read_refusal(_rejected("already", "YT9999999999999"), WAYBILL, "ZTO")
    assert (other.outcome, other.reason) == (Outcome.REFUSED, "shipped_other")


def test_refusals_for_good_carry_their_reason() -> None:
    for kind, reason in [("refunded", "refunded"), ("closed", "closed"), ("company", "bad_courier"),
                         ("not_to_ship", "not_to_ship")]:  # fmt: skip
        result = read_refusal(_rejected(kind), WAYBILL, "ZTO")
        assert (result.outcome, result.reason) == (Outcome.REFUSED, reason), kind


def test_failures_are_retried_and_a_rate_limit_waits_as_told() -> None:
    timeout = read_refusal(NetworkError(Channel.PDD, "超时", "timed out"), WAYBILL, "115")
    limited = read_refusal(RateLimited(Channel.PDD, "限流", "limited", retry_after=7), WAYBILL, "115")
    assert timeout.outcome is Outcome.RETRY and limited.outcome is Outcome.RETRY and limited.retry_after == 7
    backoff = Backoff(base=5, cap=600, jitter=0.5)
    assert backoff.delay(1, 0.0).total_seconds() == 2.5 and backoff.delay(3, 0.999).total_seconds() < 20
    assert backoff.delay(20, 0.5).total_seconds() <= 600 and backoff.delay(1, 0.0, at_least=7).total_seconds() == 7


def test_the_alert_and_the_timeline_say_it_in_both_languages() -> None:
    assert alert_text("refunded") == "包裹已打包但平台拒绝发货：买家已退款 — 请拦截包裹"
    assert alert_text("refunded", "en").startswith("Parcel packed but the platform refused the shipment")
    step = {"step": "refused", "reason": "refunded", "waybill": WAYBILL, "message_en": "refund asked"}
    assert describe_event("CONFIRM", None, None, "买家已申请退款", step, "zh").startswith("包裹已打包但平台拒绝发货")
    assert describe_event("CONFIRM", None, None, "买家已申请退款", step, "en").endswith("— refund asked")
