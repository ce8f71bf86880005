"""The shared retry helper (exponential backoff, jitter, bounded tries; sleep injected, never real)
and time-window splitting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.base import (
    AuthError,
    NetworkError,
    PlatformError,
    RateLimited,
    RetryPolicy,
    retry_call,
    split_windows,
)
from orderdesk.domain.model import Channel

TB = Channel.TAOBAO


class Flaky:
    """Fails with the given errors in turn, then returns "ok"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def net() -> NetworkError:
    return NetworkError(TB, "网络问题", "network problem")


def test_backoff_doubles_with_jitter_and_succeeds() -> None:
    sleeps: list[float] = []
    seen: list[tuple[str, int, float]] = []
    fn = Flaky(net(), PlatformError(TB, "x", "x"), net())
    policy = RetryPolicy(attempts=4, base_delay=1.0, jitter=0.5)
    result = retry_call(fn, policy, sleep=sleeps.append, rand=lambda: 0.5,
                        on_retry=lambda e, n, d: seen.append((type(e).__name__, n, d)))  # fmt: skip
    assert result == "ok" and fn.calls == 4
    assert sleeps == [0.75, 1.5, 3.0]  # full·(1-j) + full·j·0.5 with full = 1, 2, 4
    assert [s[:2] for s in seen] == [("NetworkError", 1), ("PlatformError", 2), ("NetworkError", 3)]


def test_jitter_spreads_the_delay_between_its_bounds() -> None:
    policy = RetryPolicy(base_delay=2.0, jitter=0.5)
    assert policy.delay(1, 0.0) == 1.0 and policy.delay(1, 0.999999) == pytest.approx(2.0, abs=1e-5)
    assert RetryPolicy(base_delay=2.0, jitter=0.0).delay(3, 0.9) == 8.0


def test_delays_are_capped() -> None:
    policy = RetryPolicy(attempts=10, base_delay=1.0, max_delay=5.0, jitter=0.0)
    assert [policy.delay(n, 0.3) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_attempts_are_bounded_and_the_last_error_is_raised() -> None:
    sleeps: list[float] = []
    fn = Flaky(*(net() for _ in range(10)))
    with pytest.raises(NetworkError):
        retry_call(fn, RetryPolicy(attempts=3), sleep=sleeps.append, rand=lambda: 0.0)
    assert fn.calls == 3 and len(sleeps) == 2


def test_non_retryable_errors_are_raised_at_once() -> None:
    sleeps: list[float] = []
    fn = Flaky(AuthError(TB, "签名无效", "invalid signature"))
    with pytest.raises(AuthError):
        retry_call(fn, RetryPolicy(attempts=5), sleep=sleeps.append)
    assert fn.calls == 1 and sleeps == []


def test_other_exceptions_are_not_retried() -> None:
    sleeps: list[float] = []
    fn = Flaky(KeyError("bug"))
    with pytest.raises(KeyError):
        retry_call(fn, RetryPolicy(attempts=5), sleep=sleeps.append)
    assert fn.calls == 1 and sleeps == []


def test_a_rate_limit_waits_at_least_what_the_platform_asks_but_not_beyond_the_cap() -> None:
    sleeps: list[float] = []
    fn = Flaky(
        RateLimited(TB, "限流", "limited", retry_after=7.0),
        RateLimited(TB, "限流", "limited", retry_after=500.0),
    )
    retry_call(
        fn, RetryPolicy(attempts=3, base_delay=1.0, max_delay=30.0), sleep=sleeps.append, rand=lambda: 0.0
    )
    assert sleeps == [7.0, 30.0]


def test_policy_validation() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.5)


def test_channel_errors_name_the_channel_in_both_languages() -> None:
    err = NetworkError(TB, "请求超时", "timed out")
    assert err.reason("zh") == "淘宝/天猫：请求超时"
    assert err.reason("en") == str(err) == "Taobao/Tmall: timed out"


def test_split_windows() -> None:
    a = datetime(2024, 5, 1, 0, 0, tzinfo=UTC)
    step = timedelta(minutes=30)
    assert split_windows(a, a + timedelta(minutes=95), step) == [
        (a, a + step),
        (a + step, a + 2 * step),
        (a + 2 * step, a + 3 * step),
        (a + 3 * step, a + timedelta(minutes=95)),
    ]
    assert split_windows(a, a + timedelta(minutes=30), step) == [(a, a + step)]
    assert split_windows(a, a, step) == []
    assert split_windows(a + step, a, step) == []
    with pytest.raises(ValueError):
        split_windows(datetime(2024, 5, 1), datetime(2024, 5, 2), step)
