"""The demo's shoppers: every few seconds new orders are placed on the demo shops' fake gateways.

The app's background sync then pulls them in like any channel's orders, so the demo shows the real
path. Runs in its own QThread: placing an order is an HTTP-free call into the local fake, but it
should never wait on the GUI thread either.
"""

from __future__ import annotations

import logging

from ..demo.channels import DemoChannels
from .qt import QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class DemoFeeder(QObject):
    """Signals:
        placed(int): that many new orders were just paid in the demo shops (the sync brings them in).
        failed(str): placing an order failed (the message says why).
    """

    placed = Signal(int)
    failed = Signal(str)

    def __init__(self, channels: DemoChannels, interval_ms: int = 4000) -> None:
        super().__init__()
        self.channels = channels
        self.interval_ms = interval_ms
        self.timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(self.interval_ms)

    @Slot()
    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()

    @Slot()
    def tick(self) -> None:
        try:
            placed = self.channels.feed(self.channels.rng.choice((1, 1, 2, 3)))
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, the demo goes on
            log.exception("demo order placement failed")
            self.failed.emit(str(exc))
            return
        self.placed.emit(len(placed))


class DemoFeederThread:
    """Owns the feeder and its thread; `stop()` ends both before the gateways stop."""

    def __init__(self, channels: DemoChannels, interval_ms: int = 4000) -> None:
        self.thread = QThread()
        self.thread.setObjectName("demo-feeder")
        self.feeder = DemoFeeder(channels, interval_ms)
        self.feeder.moveToThread(self.thread)
        self.thread.started.connect(self.feeder.start)
        self.thread.finished.connect(self.feeder.stop)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait(5000)
