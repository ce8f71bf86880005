"""The background sync: every few seconds, pull each channel's changed orders and drain the
ship-confirm outbox (packed parcels' waybills to the platforms), off the GUI thread.

Lives in its own QThread with its own timer; it only emits plain values, never touches a widget.
Several stations may run it against one database: the per-channel lease lets one sync at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ..domain.errors import DomainError
from ..services.channels import list_channels
from ..services.ship_confirm import Drain, Shipper
from ..services.sync import OVERLAP, QUICK_OVERLAP, AdapterFactory, sync_channel
from ..services.sync_owner import this_process
from ..services.tracking import track_once
from ..services.tracking_ports import ClientFactory
from ..services.tracking_setup import NotSetUp
from ..services.unit_of_work import UowFactory
from .qt import QObject, QSettings, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)
INTERVAL_KEY = "sync/interval_seconds"
ALERT_AFTER = timedelta(minutes=3)
DEFAULT_INTERVAL_S = 1.0  # an order paid on a platform is in the list within about two seconds
SWEEP_EVERY = timedelta(minutes=1)  # how often a run re-reads the full overlap
TRACK_EVERY = timedelta(minutes=1)  # how often the tracking planner is asked what is due


class SyncWorker(QObject):
    """Signals:
        arrived(int): new orders were taken in (views refresh).
        status(str, bool): one line of per-channel state for the status bar, and whether it is an
            alert (a channel failing for more than a few minutes; it stays until the channel recovers).
        next_run(object): the datetime (UTC) the next round starts.
        tracked(int): that many orders were just shipped or delivered by the courier's scans.
        confirmed(int, list): the drain's round: confirmations closed, and the alerts of parcels the
            platforms refused, each [order no., zh, en] ("包裹已打包但平台拒绝发货：…").
    """

    arrived = Signal(int)
    status = Signal(str, bool)
    next_run = Signal(object)
    tracked = Signal(int)
    confirmed = Signal(int, list)

    def __init__(self, make_uow: UowFactory, adapter_for: AdapterFactory, interval_s: float,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC), tracking_client: ClientFactory | None = None,
                 track_every: timedelta = TRACK_EVERY, track_scale: float = 1.0,
                 shipper: Shipper | None = None) -> None:  # fmt: skip
        super().__init__()
        self.make_uow, self.adapter_for, self.interval_s, self.now = make_uow, adapter_for, interval_s, now
        self.owner = this_process()
        self.tracking_client, self.track_every, self.track_scale = tracking_client, track_every, track_scale
        self.next_track = datetime.min.replace(tzinfo=UTC)
        self.drain = Drain(make_uow, shipper, self.owner) if shipper is not None else None
        self.timer: QTimer | None = None
        self.last_sweep: dict[str, datetime] = {}

    @Slot()
    def start(self) -> None:
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(int(self.interval_s * 1000))
        QTimer.singleShot(0, self.tick)

    @Slot()
    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        if self.drain is not None:
            self.drain.close()

    @Slot()
    def tick(self) -> None:
        try:
            self._round()
            self._track()
            self._confirm()
        finally:
            self.next_run.emit(self.now() + timedelta(seconds=self.interval_s))

    def _round(self) -> None:
        try:
            channels = [c for c in list_channels(self.make_uow, "system") if c.enabled]
        except DomainError as exc:
            self.status.emit(exc.reason("zh"), True)
            return
        if not channels:
            return
        created = 0
        for c in channels:
            try:
                created += self._sync(c.name)
            except Exception:  # noqa: BLE001 - one channel's failure never stops the others
                log.exception("sync of %s failed", c.name)
        if created:
            self.arrived.emit(created)
        self._report()

    def _track(self) -> None:
        """A tracking round when one is due; the planner keeps it within the account's daily quota."""
        if self.tracking_client is None or self.now() < self.next_track:
            return
        self.next_track = self.now() + self.track_every
        try:
            report = track_once(self.make_uow, self.tracking_client, scale=self.track_scale)
        except NotSetUp:
            return  # no Kdniao account: nothing to follow
        except Exception:  # noqa: BLE001 - tracking never stops the channel sync
            log.exception("tracking round failed")
            return
        if report.shipped or report.delivered:
            self.tracked.emit(len(report.shipped) + len(report.delivered))

    def _confirm(self) -> None:
        """One drain round of the outbox; a failure is logged and tried again next tick."""
        if self.drain is None:
            return
        try:
            report = self.drain.run_once()
        except Exception:  # noqa: BLE001 - the outbox keeps every row; the next tick retries
            log.exception("ship-confirm drain failed")
            return
        if report.claimed:
            done = sum(report.counts.get(k, 0) for k in ("accepted", "already_shipped", "covered"))
            self.confirmed.emit(done, [list(r) for r in report.refusals])

    def _sync(self, name: str) -> int:
        """One run; a full-overlap sweep when the last one is a minute old, else a quick one."""
        started = self.now()
        sweep = started - self.last_sweep.get(name, datetime.min.replace(tzinfo=UTC)) >= SWEEP_EVERY
        report = sync_channel(self.make_uow, name, self.adapter_for, self.owner,
                              overlap=OVERLAP if sweep else QUICK_OVERLAP)  # fmt: skip
        if sweep and not report.error and not report.skipped:
            self.last_sweep[name] = started
        return report.intake.created

    def _report(self) -> None:
        states = list_channels(self.make_uow, "system")
        now = self.now()
        failing = [s for s in states if s.last_error and s.error_since and now - s.error_since > ALERT_AFTER]
        parts = []
        for s in states:
            if s.last_error:
                parts.append(f"{s.name} ✗ {s.last_error}")
            elif s.last_success_at:
                parts.append(f"{s.name} ✓ {s.last_success_at.astimezone().strftime('%H:%M:%S')}")
        self.status.emit("  ".join(parts), bool(failing))


def sync_interval() -> float:
    try:
        return max(0.2, float(QSettings().value(INTERVAL_KEY, DEFAULT_INTERVAL_S)))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_S


class SyncThread:
    """Owns the worker and its thread; `stop()` before the database closes."""

    def __init__(self, make_uow: UowFactory, adapter_for: AdapterFactory, tracking_client: ClientFactory | None = None,
                 track_every: timedelta = TRACK_EVERY, track_scale: float = 1.0,
                 shipper: Shipper | None = None) -> None:  # fmt: skip
        self.thread = QThread()
        self.thread.setObjectName("channel-sync")
        self.worker = SyncWorker(make_uow, adapter_for, sync_interval(), tracking_client=tracking_client,
                                 track_every=track_every, track_scale=track_scale, shipper=shipper)  # fmt: skip
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.start)
        self.thread.finished.connect(self.worker.stop)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait(15_000)
