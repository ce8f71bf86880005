"""The demo's simulated channels: new orders keep arriving, through the real intake service.

Runs in its own QThread (the GUI thread never writes to the database) and reports how many
orders arrived, so the orders view can refresh.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime

from ..demo.generator import SHANGHAI, generate_order
from ..services.intake import intake_orders
from ..services.unit_of_work import UowFactory
from .qt import QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)
FIRST_LIVE_SEQ = 900_000  # above any seeded demo order's sequence number


class DemoFeeder(QObject):
    """Signals:
        arrived(int): that many new orders were just taken in.
        failed(str): a simulated intake failed (the message says why).
    """

    arrived = Signal(int)
    failed = Signal(str)

    def __init__(self, make_uow: UowFactory, interval_ms: int = 4000, seed: int | None = None) -> None:
        super().__init__()
        self.make_uow = make_uow
        self.interval_ms = interval_ms
        self.rng = random.Random(seed)
        self.seq = FIRST_LIVE_SEQ
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
        now = datetime.now(SHANGHAI)
        batch = []
        for _ in range(self.rng.choice((1, 1, 2, 3))):
            batch.append(generate_order(self.rng, now, self.seq, paid_at=now))
            self.seq += 1
        try:
            report = intake_orders(self.make_uow, batch, actor="system")
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, the demo goes on
            log.exception("demo intake failed")
            self.failed.emit(str(exc))
            return
        if report.created:
            self.arrived.emit(report.created)


class DemoFeederThread:
    """Owns the feeder and its thread; `stop()` ends both before the database closes."""

    def __init__(self, make_uow: UowFactory, interval_ms: int = 4000) -> None:
        self.thread = QThread()
        self.thread.setObjectName("demo-feeder")
        self.feeder = DemoFeeder(make_uow, interval_ms)
        self.feeder.moveToThread(self.thread)
        self.thread.started.connect(self.feeder.start)
        self.thread.finished.connect(self.feeder.stop)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait(5000)
