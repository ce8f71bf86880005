"""Four `orderdesk station` processes scan the same 200 orders on one PostgreSQL database at once:
every order ends packed exactly once, and every verdict is a clear yes or no."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import text

from orderdesk.bootstrap import open_store
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.read_models import OrderFilter
from tests.e2e.test_cli import REPO, cli_env, orderdesk_inproc  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
WH = "SZ-SUZHOU"
ORDERS = 200
PACKERS = ("packer1", "packer2", "lead", "admin")


def _scripts(url: str) -> tuple[list[str], list[list[str]]]:
    """The 200 Suzhou orders and, per station, every order's scans (order, then each item) in its own order."""
    store = open_store(url)
    try:
        rows = list_orders(store.make_uow, "system", OrderFilter(status="ALLOCATED", warehouse_code=WH), limit=5000)
        jobs: dict[str, list[str]] = {}
        for r in rows:
            d = order_detail(store.make_uow, "system", r.order_no)
            if len(d.shipments) == 1 and len(jobs) < ORDERS:
                jobs[r.order_no] = [r.order_no] + [sku for sku, qty in d.shipments[0][1] for _ in range(qty)]
    finally:
        store.close()
    assert len(jobs) == ORDERS, f"only {len(jobs)} single-parcel Suzhou orders"
    scripts = []
    for seed in range(len(PACKERS)):
        order = list(jobs)
        random.Random(seed).shuffle(order)
        scripts.append([scan for no in order for scan in jobs[no]])
    return list(jobs), scripts


def test_four_stations_pack_each_order_exactly_once(cli_env, pg_server, tmp_path):  # noqa: ANN001, F811
    url = pg_server.create_database("orderdesk_station_race")
    try:
        orderdesk_inproc(cli_env, "--db", url, "db", "upgrade")
        orderdesk_inproc(cli_env, "--db", url, "demo-data", "--orders", "900", "--seed", "3", "--with-rules")
        orders, scripts = _scripts(url)
        env = dict(cli_env, ORDERDESK_PASSWORD="demo1234")
        procs = [subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", url, "--user", user, "station",
                                   "--warehouse", WH, "--station", f"bench-{i}"], cwd=REPO, env=env,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  encoding="utf-8")
                 for i, user in enumerate(PACKERS)]  # fmt: skip
        # Each station first answers a scan of its own (an item while no order is open: refused, nothing
        # changes), so all four are up and connected before the contested scans arrive, whichever
        # process happened to start first; then all four get their whole script at the same moment.
        firsts = []
        for proc, script in zip(procs, scripts, strict=True):
            proc.stdin.write(script[1] + "\n")
            proc.stdin.flush()
            firsts.append(proc.stdout.readline())
        assert all(json.loads(line)["refusal"] == "no_order" for line in firsts), firsts
        for proc, script in zip(procs, scripts, strict=True):  # a script (~20 KB) fits in the pipe's buffer
            proc.stdin.write("\n".join(script) + "\n")
            proc.stdin.flush()
        outputs = [(first + out, err) for first, (out, err) in
                   zip(firsts, (p.communicate(timeout=600) for p in procs), strict=True)]  # fmt: skip
        assert all(p.returncode == 0 for p in procs), [err for _out, err in outputs]
        verdicts = [[json.loads(line) for line in out.splitlines()] for out, _err in outputs]
        assert [len(v) for v in verdicts] == [len(s) + 1 for s in scripts]  # one verdict per scan, none lost
        packed = Counter(v["order"] for vs in verdicts for v in vs if v["kind"] == "packed")
        assert set(packed) == set(orders) and set(packed.values()) == {1}
        odd = [v for vs in verdicts for v in vs if not v["ok"] and v["refusal"] not in ("claimed", "no_order", "packed")]
        if odd:
            first = odd[0]
            vs = next(vs for vs in verdicts if first in vs)
            i = vs.index(first)
            raise AssertionError([(v["scan"], v["order"], v["kind"], v["refusal"], v["message"]) for v in vs[max(0, i - 12):i + 1]])
        assert sum(1 for vs in verdicts if any(v["kind"] == "packed" for v in vs)) >= 2  # they really raced
        store = open_store(url)
        try:
            with store.engine.connect() as conn:
                events = conn.execute(text(
                    "SELECT o.order_no, count(*) FROM order_events e JOIN orders o ON o.id = e.order_id "
                    "WHERE e.to_status = 'PACKED' GROUP BY o.order_no")).all()  # fmt: skip
            assert dict(events) == {no: 1 for no in orders}
        finally:
            store.close()
    finally:
        pg_server.drop_database("orderdesk_station_race")
