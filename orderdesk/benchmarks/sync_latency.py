"""Gateway-to-screen latency: the app's sync thread and orders view, timed from outside.

A trade is put on the fake gateway at a random moment relative to the sync loop; the clock stops
when its row is in the orders view's model (what the user sees on the first page). Uses the real
SyncThread at its default interval and the real OrdersView, on an offscreen Qt platform.
"""

from __future__ import annotations

import os
import random
import time

from ..services.unit_of_work import UowFactory

TIMEOUT_S = 15.0


def measure_latency(make_uow: UowFactory, top, samples: int, seed: int = 11) -> tuple[list[float], float]:  # noqa: ANN001
    """Seconds from gateway to view for each of `samples` trades, and the sync interval used."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..channels.registry import adapter_for
    from ..gui.app import make_qapplication
    from ..gui.jobs import JobRunner
    from ..gui.sync_worker import DEFAULT_INTERVAL_S, SyncThread
    from ..gui.views.orders_view import OrdersView
    from .sync_bench import new_trade

    app = make_qapplication()
    jobs = JobRunner(max_threads=2)
    view = OrdersView(make_uow, jobs, "zh_CN", "system")
    view.resize(1200, 800)
    view.show()
    sync = SyncThread(make_uow, adapter_for)
    sync.worker.interval_s = DEFAULT_INTERVAL_S  # the default, whatever this PC's settings say
    sync.worker.arrived.connect(view.on_new_orders)
    sync.start()
    rng = random.Random(seed)
    latencies: list[float] = []
    try:
        _pump(app, 1.5)  # first round and first page
        for i in range(samples):
            _pump(app, rng.uniform(0.0, DEFAULT_INTERVAL_S * 1.5))  # land anywhere in the loop's cycle
            tid = str(3_900_000_000 + i)
            started = time.perf_counter()
            top.add_trade(new_trade(tid))
            latencies.append(_until_visible(app, view, f"TB{tid}", started))
    finally:
        sync.stop()
        jobs.wait()
        view.close()
    return latencies, DEFAULT_INTERVAL_S


def _until_visible(app, view, order_no: str, started: float) -> float:  # noqa: ANN001
    while time.perf_counter() - started < TIMEOUT_S:
        app.processEvents()
        if any(r.order_no == order_no for r in view.model.rows[:50]):
            return time.perf_counter() - started
        time.sleep(0.002)
    raise RuntimeError(f"{order_no} was not in the orders view after {TIMEOUT_S:.0f} s")


def _pump(app, seconds: float) -> None:  # noqa: ANN001
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)
