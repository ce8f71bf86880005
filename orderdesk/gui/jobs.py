"""Background jobs: run a service call on a pool thread, hand the result back on the GUI thread.

Each job's callable opens its own unit of work in the worker thread; only plain values travel
back. A failure arrives at the `on_error` callback instead of dying silently in the thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..domain.errors import DomainError
from .qt import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except DomainError as exc:  # a refusal the user is shown; not a fault
            log.info("background job refused: %s", exc)
            self.relay.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the GUI
            log.exception("background job failed")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class JobRunner(QObject):
    """Owns the pool; `wait()` on quit so no job outlives the database engine.

    Signals:
        busy_changed(bool): a job started while idle, or the last job finished.
    """

    busy_changed = Signal(bool)

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None]) -> None:  # fmt: skip
        relay = _Relay()
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            if not self._relays:
                self.busy_changed.emit(False)
            callback(value)

        relay.done.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        self.pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._relays)
