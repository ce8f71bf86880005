"""`orderdesk bench --only stations`, cut down: three station processes pack on the test PostgreSQL
for a few seconds while two dashboards reload on every change notice; no packer sees an error and
every scan gets its verdict (timings are printed by the bench, never asserted)."""

from __future__ import annotations

import pytest

from orderdesk.benchmarks.stations_bench import run_stations_bench

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_three_stations_pack_for_a_few_seconds_without_an_error(pg_server):  # noqa: ANN001
    url = pg_server.create_database("orderdesk_stations_bench")
    try:
        r = run_stations_bench(url, stations=3, minutes=0.1, background=200, progress=lambda _t: None)
    finally:
        pg_server.drop_database("orderdesk_stations_bench")
    assert r.errors == 0, r.error_samples
    assert r.scans > 0 and r.every_scan_answered
    assert r.orders_packed == 3 * 2  # one order every 3 s for 6 s, at each station
    assert r.dashboard_errors == 0 and r.dashboard_refreshes > 0
