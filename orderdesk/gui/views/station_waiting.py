"""A line at the pack station: how many orders of this warehouse's waves wait to be packed, and the
next few slot codes. Refreshed after each packed parcel and every 30 s while on screen."""

from __future__ import annotations

from ...services.wave_queries import WAITING_LIMIT, WaitingOrder, waiting_orders
from ..errors import error_text
from .refreshing import RefreshWhileVisible
from ..qt import QLabel, Qt, QTimer, QWidget

REFRESH_MS = 30_000
NEXT = 3


class WaitingLine(RefreshWhileVisible, QLabel):
    """Reads the station's make_uow, jobs, actor, lang and setup.warehouse; listens to verdict_shown.

    Attributes:
        rows: the WaitingOrder rows last loaded.
    """

    def __init__(self, station: QWidget) -> None:
        super().__init__(station, objectName="stationWaiting")
        self.station = station
        self.rows: list[WaitingOrder] = []
        self._generation = 0
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #37474f; font-size: 16px; padding: 2px 10px;")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        station.verdict_shown.connect(lambda v: self.refresh() if v.kind == "packed" else None)

    def refresh(self) -> None:
        s = self.station
        warehouse = s.setup.warehouse
        self._generation += 1
        if not warehouse:
            self.setText("")
            return
        make_uow, actor, generation = s.make_uow, s.actor, self._generation
        s.jobs.submit(lambda: (generation, waiting_orders(make_uow, actor, warehouse)), self._show, self._failed)

    def _show(self, found: tuple[int, list[WaitingOrder]]) -> None:
        generation, rows = found
        if generation != self._generation:
            return
        self.rows = rows
        if not rows:
            self.setText(self.tr("No wave orders waiting"))
            return
        count = f"{len(rows)}+" if len(rows) >= WAITING_LIMIT else str(len(rows))
        nxt = "  ".join(r.slot_code for r in rows[:NEXT])
        self.setText(self.tr("Waiting in waves: %1 · next: %2").replace("%1", count).replace("%2", nxt))

    def _failed(self, exc: Exception) -> None:
        self.setText(error_text(exc, self.station.lang))
