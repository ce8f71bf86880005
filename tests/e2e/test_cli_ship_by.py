"""`orderdesk orders list --due-within/--overdue`: the deadline and time left in the table and JSON,
earliest first, shipped orders left out, a malformed span refused plainly.

The commands run in-process, so the minutes left are read within a second of the deadlines being
set (a subprocess under load could take long enough for the minute bounds to drift)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from orderdesk.bootstrap import open_store
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import change_status
from tests.e2e.test_cli import as_json, cli_env, refused  # noqa: F401 - cli_env is a fixture
from tests.e2e.test_cli import orderdesk_inproc as orderdesk
from tests.helpers.builders import channel_order


def _db(tmp_path, env) -> str:  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'shipby.db'}"
    orderdesk(env, "--db", url, "db", "upgrade")
    now = datetime.now(UTC)
    offsets = {"1": timedelta(hours=5, minutes=50), "2": -timedelta(hours=2, minutes=5),
               "3": timedelta(hours=6, minutes=10), "4": timedelta(hours=1)}  # fmt: skip
    store = open_store(url)
    try:
        intake_orders(store.make_uow, [replace(channel_order(p), ship_by=now + o) for p, o in offsets.items()],
                      actor="system", allocate=False)  # fmt: skip
        change_status(store.make_uow, "TB4", OrderEvent.SHIP_ELSEWHERE, "system", reason="已寄出")
    finally:
        store.close()
    return url


def test_due_within_lists_unshipped_orders_earliest_first_with_time_left(tmp_path, cli_env):  # noqa: ANN001
    url = _db(tmp_path, cli_env)
    rows = as_json(orderdesk(cli_env, "--db", url, "orders", "list", "--due-within", "6h", "--json"))
    assert [r["order_no"] for r in rows] == ["TB2", "TB1"]  # overdue first; 6 h 10 min and shipped TB4 left out
    assert -126 <= rows[0]["ship_by_left_minutes"] <= -124 and 348 <= rows[1]["ship_by_left_minutes"] <= 350
    assert datetime.fromisoformat(rows[1]["ship_by"]) > datetime.now(UTC)
    table = orderdesk(cli_env, "--db", url, "orders", "list", "--due-within", "90m").stdout
    assert "发货截止" in table and "已超时 2 小时" in table and "TB1" not in table
    late = as_json(orderdesk(cli_env, "--db", url, "orders", "list", "--overdue", "--json"))
    assert [r["order_no"] for r in late] == ["TB2"]
    wide = as_json(orderdesk(cli_env, "--db", url, "orders", "list", "--due-within", "2d", "--json"))
    assert [r["order_no"] for r in wide] == ["TB2", "TB1", "TB3"]


def test_a_malformed_span_is_refused_in_the_chosen_language(tmp_path, cli_env):  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'x.db'}"
    zh = refused(orderdesk(cli_env, "--db", url, "orders", "list", "--due-within", "6", ok=False))
    assert "90m、6h 或 2d" in zh
    en = refused(orderdesk(cli_env, "--db", url, "--lang", "en", "orders", "list", "--due-within", "6 hours",
                           ok=False))  # fmt: skip
    assert "write 90m, 6h or 2d" in en
