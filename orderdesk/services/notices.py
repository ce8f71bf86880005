"""Draining the warehouse notice outbox: each due notice is claimed, sent, and marked done, or
retried later with a growing pause, or given up after MAX_ATTEMPTS. Runs in a background worker
(the GUI's timer job, or `orderdesk tasks notify`); nothing a person does waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from .actors import now_utc
from .unit_of_work import UowFactory

MAX_ATTEMPTS = 6
FIRST_PAUSE = timedelta(seconds=30)
CLAIM = timedelta(minutes=2)  # a claimed notice is not re-sent by another drain meanwhile

Sender = Callable[[str, str, float], None]  # (url, text, timeout); raises on failure


@dataclass
class DrainReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _wecom(url: str, text: str, timeout: float) -> None:
    from ..channels.wecom import send_text  # noqa: PLC0415 - httpx only when a notice goes out

    send_text(url, text, timeout)


def drain_notices(make_uow: UowFactory, send: Sender | None = None, timeout: float = 5.0,
                  limit: int = 20) -> DrainReport:  # fmt: skip
    """Send what is due; each notice in its own short transactions, the network call outside them."""
    send = send or _wecom
    report = DrainReport()
    now = now_utc()
    with make_uow() as uow:
        due = uow.refunds.due_notices(now, limit)
    for notice_id, url, text, attempts in due:
        with make_uow(write=True) as uow:
            claimed = uow.refunds.claim_notice(notice_id, attempts, now_utc() + CLAIM)
            uow.commit()
        if not claimed:
            continue
        try:
            send(url, text, timeout)
            state, error, due_at = "done", "", None
            report.sent += 1
        except Exception as exc:  # noqa: BLE001 - any failure of the robot is retried, then given up
            gave_up = attempts + 1 >= MAX_ATTEMPTS
            state, error = ("failed" if gave_up else "waiting"), str(exc)[:500] or type(exc).__name__
            due_at = None if gave_up else now_utc() + FIRST_PAUSE * (2**attempts)
            report.failed += gave_up
            report.retrying += not gave_up
        with make_uow(write=True) as uow:
            uow.refunds.notice_outcome(notice_id, state, error, now_utc(), due_at)
            uow.commit()
    return report
