"""Two processes issue credit notes at the same moment on one PostgreSQL database: 2 × 20 notes give
40 distinct, consecutive numbers, and the refused attempts mixed in burn none."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.domain.credit_notes import note_year
from orderdesk.domain.model import RefundState
from orderdesk.services.credit_notes import credit_notes
from orderdesk.services.intake import intake_orders
from tests.helpers.builders import channel_order

REPO = Path(__file__).resolve().parents[2]
WORKER = """
import sys, time
from orderdesk.bootstrap import open_store
from orderdesk.domain.credit_notes import CreditRefused
from orderdesk.services.credit_notes import issue_by_hand
url, first, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
store = open_store(url)
time.sleep(max(0.0, start - time.time()))
for i in range(first, first + 20):
    issue_by_hand(store.make_uow, "system", f"TB{i}", [], 0, "退款", full=True)
    try:  # refused: not refunded; must not take a number
        issue_by_hand(store.make_uow, "system", "TBPLAIN", [], 0, "退款", full=True)
    except CreditRefused:
        pass
store.close()
"""


@pytest.mark.postgres
def test_two_processes_get_forty_consecutive_numbers(pg_server, pg_template):  # noqa: ANN001
    url = pg_server.create_database(f"race_{os.getpid()}", template=pg_template)
    store = open_store(url)
    try:
        orders = [channel_order(str(i), refund=RefundState.REFUNDED) for i in range(100, 140)]
        intake_orders(store.make_uow, orders + [channel_order("PLAIN")], actor="system")
        env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERDESK_")} | {"PYTHONPATH": str(REPO)}
        start = time.time() + 3
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(first), str(start)], env=env, cwd=REPO,
                                  stderr=subprocess.PIPE, text=True) for first in (100, 120)]  # fmt: skip
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errors
        notes = credit_notes(store.make_uow, "system")
        year = note_year(notes[0].issued_at)
        assert [n.number for n in notes] == [f"CN{year}-{i:06d}" for i in range(1, 41)]
        assert sorted(n.order_no for n in notes) == sorted(o.order_no for o in orders)
        first_half = {int(n.order_no[2:]) < 120 for n in notes[:20]}
        assert first_half == {True, False}  # both processes were issuing at once: their numbers interleave
    finally:
        store.close()
        pg_server.drop_database(f"race_{os.getpid()}")
