"""An order the platform accepted as shipped no longer counts against its ship-by deadline, even
before the courier picks it up: `orders list --overdue/--due-within --json`, the alert count and the
order's own row agree, on SQLite and PostgreSQL. A split order counts until every parcel is accepted."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.fakes.top_server import Fault as TopFault
from orderdesk.demo.channels import DemoChannels
from orderdesk.domain.model import Channel, OrderLine
from orderdesk.services.courier_codes import set_confirm_moment
from orderdesk.services.orders import order_detail
from orderdesk.services.ship_by import set_ship_by_default, ship_by_alert
from tests.helpers.builders import channel_order
from tests.helpers.cli_inproc import run_cli
from tests.helpers.shipping import BASIN, drain, open_shop, pack, sync_all


@pytest.fixture
def demo(monkeypatch, tmp_path):  # noqa: ANN001
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    monkeypatch.setenv("ORDERDESK_CONFIRM_RETRY_SECONDS", "0")
    monkeypatch.delenv("ORDERDESK_USER", raising=False)
    # the shops were connected three hours ago: the first sync reads the orders paid back then
    with DemoChannels(seed=5, clock=lambda: datetime.now(UTC) - timedelta(hours=3)) as channels:
        yield channels


def _late_taobao_orders(store, demo: DemoChannels, names: list[str], first: int, n: int,  # noqa: ANN001
                        split: bool = False) -> list[str]:  # fmt: skip
    """`n` Taobao orders paid 3 h ago under a 1 h ship-by default: 2 h overdue once synced in (the
    fake gives pay_time = modified - 4 min)."""
    set_ship_by_default(store.make_uow, "system", Channel.TAOBAO, 1)
    now = datetime.now(UTC)
    lines = (BASIN, OrderLine("BABY-TUB-FOLD", "折叠婴儿浴盆", 1, 8900, 8900)) if split else None
    out = []
    for i in range(n):
        order = replace(channel_order(f"41{first + i:011d}", lines=lines), paid_at=now - timedelta(hours=3),
                        modified_at=now - timedelta(hours=3) + timedelta(minutes=4, seconds=i))  # fmt: skip
        out.append(demo.put(order, order.modified_at))
    sync_all(store, names)
    return out


def _overdue(url: str) -> list[dict]:
    result = run_cli("--db", url, "orders", "list", "--overdue", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_an_order_the_platform_accepted_is_no_longer_overdue(store, demo, db_url):  # noqa: ANN001
    names = open_shop(store, demo, load=(Channel.TAOBAO,))
    confirmed, failing, unpacked = _late_taobao_orders(store, demo, names, 8100, 3)
    assert [r["order_no"] for r in _overdue(db_url)] == [confirmed, failing, unpacked]
    pack(store, confirmed)
    assert drain(store).run_once().counts == {"accepted": 1}
    pack(store, failing)  # packed and queued, but Taobao answers 500 for now
    demo.gateways[Channel.TAOBAO].server.inject(TopFault.HTTP_500, times=5)
    assert drain(store).run_once().counts == {"retry": 1}

    late = _overdue(db_url)
    assert [r["order_no"] for r in late] == [failing, unpacked]  # still PACKED, but Taobao has its waybill
    assert all(r["status"] in ("PACKED", "ALLOCATED") and not r["ship_confirmed"] for r in late)
    due = run_cli("--db", db_url, "orders", "list", "--due-within", "6h", "--json")
    assert [r["order_no"] for r in json.loads(due.out)] == [failing, unpacked]
    assert ship_by_alert(store.make_uow, "system").overdue == 2
    row = order_detail(store.make_uow, "system", confirmed).row
    assert row.status == "PACKED" and row.ship_confirmed
    listed = run_cli("--db", db_url, "orders", "list", "--status", "PACKED", "--json")
    by_no = {r["order_no"]: r["ship_confirmed"] for r in json.loads(listed.out)}
    assert by_no == {confirmed: True, failing: False}
    table = run_cli("--db", db_url, "orders", "list", "--status", "PACKED").out
    assert "平台已确认发货" in table and "已超时 2 小时" in table


def test_a_split_order_counts_until_every_parcel_is_accepted(store, demo, db_url):  # noqa: ANN001
    names = open_shop(store, demo, load=(Channel.TAOBAO,))
    set_confirm_moment(store.make_uow, "system", "SZ-SHENZHEN", "handover")  # the basin waits for the courier
    [order_no] = _late_taobao_orders(store, demo, names, 8200, 1, split=True)
    assert pack(store, order_no) == 2
    assert drain(store).run_once().counts == {"accepted": 1}  # the Suzhou parcel only
    assert [r["order_no"] for r in _overdue(db_url)] == [order_no]
    assert not order_detail(store.make_uow, "system", order_no).row.ship_confirmed
