"""Ship-confirm as use cases: enqueue a parcel's confirmation, and drain the outbox to the platforms.

A drain round claims due rows (one transaction, the claim committed before any call), sends each
through its channel's adapter a few at a time, and records each answer in its own transaction.
A drain killed mid-call leaves its rows claimed; when the claim runs out another round sends them
again and the platform answers "already shipped" with our waybill, which counts as done. So a
kill never loses a confirmation, and a platform never takes one twice.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from ..domain.access import Permission
from ..domain.events import EventKind, OrderEventRecord
from ..domain.ship_confirm import WAIT_FOR, Backoff, ConfirmState, Outcome, ParcelToConfirm, SendResult, alert_text
from .actors import SYSTEM_USER, now_utc, require_actor
from .channels import channel_access
from .unit_of_work import UnitOfWork, UowFactory

RECORD_EVERY, RECORD_WITHIN_S = 50, 0.25  # answers are committed in groups: this many, or this often
CLAIM_ENV = "ORDERDESK_CONFIRM_CLAIM_SECONDS"  # a dead drain's rows wait this long before another takes them
RETRY_ENV = "ORDERDESK_CONFIRM_RETRY_SECONDS"  # the first retry's delay (then doubling, with jitter)


class Shipper(Protocol):
    """The channel side, injected: adapters, one send, company lists (orderdesk.channels.shipping)."""

    def adapter(self, access: Any) -> Any: ...
    def send(self, adapter: Any, parcel: ParcelToConfirm, platform_code: str) -> SendResult: ...
    def per_parcel(self, channel: str) -> bool: ...
    def companies(self, adapter: Any, channel: Any) -> list[tuple[str, str]]: ...


def _env_seconds(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, "")))
    except ValueError:
        return default


def claim_ttl() -> timedelta:
    return timedelta(seconds=_env_seconds(CLAIM_ENV, 120.0))


def default_backoff() -> Backoff:
    return Backoff(base=_env_seconds(RETRY_ENV, 5.0))


def enqueue_confirmations_for_handover(uow: UnitOfWork, order_id: int, shipment_ids: list[int] | None = None,
                                       now: datetime | None = None) -> int:  # fmt: skip
    """In the caller's transaction (the courier handover): confirmation rows for the order's parcels
    handed over (all of them when `shipment_ids` is None) that have none yet. Returns how many."""
    return uow.confirms.enqueue(order_id, shipment_ids, now or now_utc())


@dataclass
class DrainReport:
    claimed: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # outcome → how many
    refusals: list[tuple[str, str, str]] = field(default_factory=list)  # (order_no, zh, en)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.value] = self.counts.get(outcome.value, 0) + 1

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        en = lang.startswith("en")
        return {"claimed": self.claimed, **{o.value: self.counts.get(o.value, 0) for o in Outcome},
                "refused_orders": [{"order": n, "reason": e if en else z} for n, z, e in self.refusals]}  # fmt: skip


@dataclass(frozen=True)
class _Job:
    parcel: ParcelToConfirm
    account: str = ""
    platform_code: str = ""
    result: SendResult | None = None  # decided without a call


@dataclass
class Drain:
    """One station's drain; `run_once()` is one round. Not shared between threads."""

    make_uow: UowFactory
    shipper: Shipper
    owner: str
    channel: str | None = None
    batch: int = 200
    parallel: int = 4  # calls in flight per channel connection (within the platforms' limits)
    now: Callable[[], datetime] = now_utc
    backoff: Backoff = field(default_factory=default_backoff)
    rand: Callable[[], float] = random.random
    actor: str = SYSTEM_USER
    _adapters: dict[str, Any] = field(default_factory=dict)

    def run_once(self) -> DrainReport:
        report = DrainReport()
        user_id, jobs = self._claim()
        report.claimed = len(jobs)
        done: list[tuple[_Job, SendResult]] = []
        since = time.monotonic()
        for item in self._send_all(jobs):
            done.append(item)
            if len(done) >= RECORD_EVERY or time.monotonic() - since > RECORD_WITHIN_S:
                self._record(user_id, done, report)
                done, since = [], time.monotonic()
        self._record(user_id, done, report)
        return report

    def close(self) -> None:
        for adapter in self._adapters.values():
            getattr(getattr(adapter, "_http", None), "close", lambda: None)()
        self._adapters.clear()

    # -- claim: one transaction, committed before any call --------------------------------------------

    def _claim(self) -> tuple[int, list[_Job]]:
        now = self.now()
        with self.make_uow(write=True) as uow:
            who = require_actor(uow, self.actor, Permission.SHIP_ORDERS)
            ids = uow.confirms.claim(self.owner, now, claim_ttl(), self.batch, self.channel)
            parcels = uow.confirms.parcels(ids)
            maps = uow.confirms.mappings() if parcels else {}
            jobs, seen, accounts = [], set(), {}
            for p in parcels:
                jobs.append(self._plan(uow, p, maps, seen, accounts))
            sent = [OrderEventRecord(j.parcel.order_id, now, who.id, EventKind.CONFIRM,
                                     details={"step": "sent", "waybill": j.parcel.waybill, "code": j.platform_code})
                    for j in jobs if j.result is None and j.parcel.attempts == 1]  # fmt: skip
            uow.orders.append_events(sent)
            uow.commit()
        return who.id, jobs

    def _plan(self, uow: UnitOfWork, p: ParcelToConfirm, maps: dict, seen: set, accounts: dict) -> _Job:
        """Send it, or say at once why not: what of ours is missing, or another parcel covers it."""
        if p.split and self.shipper.per_parcel(p.channel) and not p.lines:
            return _Job(p, result=SendResult(Outcome.COVERED))  # only our gifts inside: nothing to tell
        if p.split and not self.shipper.per_parcel(p.channel):
            if uow.confirms.order_confirmed_elsewhere(p.confirmation_id, p.order_id):
                return _Job(p, result=SendResult(Outcome.COVERED))
            if p.order_id in seen:
                return _Job(p, result=SendResult(Outcome.WAIT))  # its sibling in this round goes first
        seen.add(p.order_id)
        missing = ("no_courier" if not p.courier_code else "no_waybill" if not p.waybill else
                   "no_mapping" if (p.channel, p.courier_code) not in maps else "")  # fmt: skip
        if not missing and p.shop_id not in accounts:
            accounts[p.shop_id] = uow.confirms.account_for_shop(p.shop_id) or ""
        account = "" if missing else accounts[p.shop_id]
        missing = missing or ("" if account else "no_account")
        if missing:
            return _Job(p, result=SendResult(Outcome.WAIT, missing, *_missing_text(p, missing)))
        return _Job(p, account, maps[(p.channel, p.courier_code)])

    # -- send: a few at a time per connection, over kept-alive HTTP ----------------------------------

    def _send_all(self, jobs: list[_Job]):  # noqa: ANN202 - Iterator[tuple[_Job, SendResult]]
        for job in jobs:
            if job.result is not None:
                yield job, job.result
        to_send = [j for j in jobs if j.result is None]
        if not to_send:
            return
        broken: dict[str, SendResult] = {}
        for account in {j.account for j in to_send}:  # built here, not in the pool: one client each
            try:
                self._adapter(account)
            except Exception as exc:  # noqa: BLE001 - a connection that cannot be built is retried later
                broken[account] = SendResult(Outcome.RETRY, "failing", getattr(exc, "zh", str(exc)),
                                             getattr(exc, "en", str(exc)))  # fmt: skip
        for job in to_send:
            if job.account in broken:
                yield job, broken[job.account]
        live = [j for j in to_send if j.account not in broken]
        if not live:
            return
        workers = max(1, self.parallel * len({j.account for j in live}))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures: dict[Future, _Job] = {pool.submit(self._send, j): j for j in live}
            for fut in as_completed(futures):
                yield futures[fut], fut.result()

    def _send(self, job: _Job) -> SendResult:
        return self.shipper.send(self._adapters[job.account], job.parcel, job.platform_code)

    def _adapter(self, account: str) -> Any:
        if account not in self._adapters:
            self._adapters[account] = self.shipper.adapter(channel_access(self.make_uow, account))
        return self._adapters[account]

    # -- record: one transaction per answer ------------------------------------------------------------

    def _record(self, user_id: int, answers: list[tuple[_Job, SendResult]], report: DrainReport) -> None:
        """Answers as they came, in one transaction (a crash before it only costs re-sends, which
        the platforms answer "already shipped")."""
        if not answers:
            return
        now = self.now()
        rows, events = [], []
        for job, result in answers:
            row, event = self._answer(job, result, now, report)
            rows.append(row)
            if event is not None:
                events.append(OrderEventRecord(job.parcel.order_id, now, user_id, EventKind.CONFIRM,
                                               reason=str(result.message_zh or "")[:500],
                                               details={"waybill": job.parcel.waybill, **event}))  # fmt: skip
        with self.make_uow(write=True) as uow:
            uow.confirms.finish(rows)
            uow.orders.append_events(events)
            uow.commit()

    def _answer(self, job: _Job, r: SendResult, now: datetime, report: DrainReport) -> tuple[dict, dict | None]:
        """The outbox row's new values and the timeline step (None when nothing new is to be said)."""
        p = job.parcel
        report.add(r.outcome)
        row = {"cid": p.confirmation_id, "oc": "", "rc": r.reason, "err": r.message_zh or "", "due": None,
               "done": None, "alert": False, "wb": p.waybill or None, "pc": job.platform_code or None, "uncount": 0}
        if r.outcome in (Outcome.ACCEPTED, Outcome.ALREADY_SHIPPED, Outcome.COVERED):
            row |= {"st": ConfirmState.DONE.value, "oc": r.outcome.value, "done": now}
            return row, {"step": r.outcome.value}
        if r.outcome is Outcome.REFUSED:
            row |= {"st": ConfirmState.REFUSED.value, "oc": "refused", "done": now, "alert": True}
            report.refusals.append((p.order_no, alert_text(r.reason), alert_text(r.reason, "en")))
            return row, {"step": "refused", "reason": r.reason, "message_en": r.message_en}
        row |= {"st": ConfirmState.WAITING.value, "due": now + self._delay(p, r), "wb": None, "pc": None,
                "uncount": int(r.outcome is Outcome.WAIT)}  # nothing was sent: the try does not count
        said = r.reason and r.reason != p.last_reason  # said once on the timeline, not per retry
        return row, ({"step": "waiting", "reason": r.reason, "message_en": r.message_en} if said else None)

    def _delay(self, p: ParcelToConfirm, r: SendResult) -> timedelta:
        if r.outcome is Outcome.WAIT:
            return WAIT_FOR.get(r.reason, timedelta(0))  # no reason: a sibling went first; due next round
        return self.backoff.delay(p.attempts, self.rand(), r.retry_after)


def _missing_text(p: ParcelToConfirm, why: str) -> tuple[str, str]:
    """What the station must fix before the platform can be told (said before anything is sent)."""
    from ..domain.model import Channel

    ch = Channel(p.channel)
    return {
        "no_mapping": (f"{ch.zh} 缺少快递公司 {p.courier_code} 的编码映射：请在 渠道 › 快递公司编码 中设置，"
                       f"或运行 orderdesk couriers map --channel {ch.value} --courier {p.courier_code} --code …",
                       f"{ch.en} has no code for courier {p.courier_code}: set it under Channels › Courier codes, "
                       f"or run orderdesk couriers map --channel {ch.value} --courier {p.courier_code} --code …"),
        "no_waybill": ("包裹还没有运单号：打印面单后自动发送", "The parcel has no waybill yet: sent once its label is printed"),
        "no_courier": ("包裹和仓库都没有设置快递公司", "Neither the parcel nor its warehouse names a courier"),
        "no_account": (f"店铺没有 {ch.zh} 接口连接：请在平台后台手动发货", f"The shop has no {ch.en} API connection: ship it in the platform's back-end"),
    }[why]  # fmt: skip
