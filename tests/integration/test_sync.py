"""Channel sync against a local fake Taobao gateway: nothing lost, nothing doubled, errors kept in view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from orderdesk.channels.fakes.top_server import Fault, FakeTopServer, sample_trade
from orderdesk.channels.registry import adapter_for
from orderdesk.services.channels import add_channel, list_channels
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.sync import sync_channel
from orderdesk.store.models import SecretBlob

NOW = datetime.now(UTC).replace(microsecond=0)



@pytest.fixture
def channel(store, top):  # noqa: ANN001
    add_channel(store.make_uow, "system", "taobao", "tb-flagship", top.app_key, top.app_secret, session=top.session,
                base_url=top.url, since=NOW - timedelta(hours=2))  # fmt: skip
    return "tb-flagship"


def _trade(tid: str, minutes_ago: int, **kw):  # noqa: ANN003
    return sample_trade(tid, modified=NOW - timedelta(minutes=minutes_ago), lines=(("BASIN-FOLD-32-BLU", 1, "29.90"),), **kw)


def _sync(store, name="tb-flagship", owner="station-1"):  # noqa: ANN001
    no_waiting = lambda access: adapter_for(access, sleep=lambda _s: None)  # noqa: E731 - retries without real sleep
    return sync_channel(store.make_uow, name, no_waiting, owner)


def test_orders_arrive_once_and_the_cursor_moves(store, top, channel):  # noqa: ANN001
    top.add_trades([_trade(str(4000 + i), 60 - i) for i in range(7)])
    first = _sync(store)
    assert first.error == "" and first.intake.created == 7
    again = _sync(store)
    assert again.intake.created == 0  # the overlap is read again and merges
    rows = list_orders(store.make_uow, "system", OrderFilter(channel="taobao"), limit=100)
    assert len(rows) == 7 and len({r.order_no for r in rows}) == 7
    state = list_channels(store.make_uow, "system")[0]
    assert state.cursor > NOW - timedelta(minutes=10) and state.last_success_at and state.last_error == ""


def test_a_refund_on_the_platform_intercepts_the_order(store, top, channel):  # noqa: ANN001
    top.add_trade(_trade("4100", 30))
    _sync(store)
    top.update_trade("4100", modified_at=datetime.now(UTC), orders={"order": [
        {"oid": "4100", "outer_sku_id": "BASIN-FOLD-32-BLU", "num": 1, "price": "29.90", "title": "折叠盆",
         "refund_status": "WAIT_SELLER_AGREE", "status": "WAIT_SELLER_SEND_GOODS"}]})  # fmt: skip
    _sync(store)
    assert order_detail(store.make_uow, "system", "TB4100").row.status == "INTERCEPTED"


def test_a_failing_platform_is_reported_and_loses_nothing(store, top, channel):  # noqa: ANN001
    top.add_trade(_trade("4200", 20))
    _sync(store)
    top.add_trade(sample_trade("4201", modified=datetime.now(UTC), lines=(("BASIN-FOLD-32-BLU", 1, "29.90"),)))
    top.inject(Fault.HTTP_500, times=None)
    failed = _sync(store)
    assert failed.error and "淘宝" in failed.error
    state = list_channels(store.make_uow, "system")[0]
    assert state.last_error and state.error_since is not None and state.lease_owner == ""
    top.clear_faults()
    ok = _sync(store)
    assert ok.error == "" and ok.intake.created == 1
    assert list_channels(store.make_uow, "system")[0].last_error == ""


def test_another_station_holding_the_lease_is_respected(store, top, channel):  # noqa: ANN001
    with store.make_uow(write=True) as uow:
        record = uow.channels.by_name(channel)
        assert uow.channels.acquire_lease(record.id, "station-2", datetime.now(UTC), timedelta(minutes=5))
        uow.commit()
    report = _sync(store, owner="station-1")
    assert report.skipped and "station-2" in report.skipped


def test_the_app_secret_is_never_stored_in_clear(store, top, channel):  # noqa: ANN001
    with store.make_uow() as uow:
        blobs = [b for (b,) in uow.session.execute(select(SecretBlob.blob))]
    assert blobs and all(top.app_secret.encode() not in bytes(b) for b in blobs)


def test_a_bad_order_is_listed_once_however_often_it_is_reread_and_goes_when_it_comes_good(store, top, channel):  # noqa: ANN001
    from orderdesk.services.channels import channel_problems

    recent = datetime.now(UTC) - timedelta(seconds=30)  # inside the overlap every run re-reads
    top.add_trade(sample_trade("4300", modified=recent))
    top.add_trade(sample_trade("4301", modified=recent, payment="free"))  # an amount the adapter cannot read
    for _ in range(3):
        report = _sync(store)
        assert report.error == ""
    [problem] = channel_problems(store.make_uow, "system", "tb-flagship")
    assert problem.order_ref == "4301" and problem.times == 3 and "free" in problem.reason, problem.reason
    state = list_channels(store.make_uow, "system")[0]
    assert state.open_problems == 1 and state.failed_runs == 0 and state.last_run_at is not None
    assert order_detail(store.make_uow, "system", "TB4300").row.order_no == "TB4300"  # its page-mate arrived
    top.update_trade("4301", modified_at=datetime.now(UTC), payment="29.90")
    _sync(store)
    assert channel_problems(store.make_uow, "system", "tb-flagship") == []
    assert list_channels(store.make_uow, "system")[0].open_problems == 0
    assert order_detail(store.make_uow, "system", "TB4301").row.order_no == "TB4301"


def test_failed_runs_count_up_and_reset_on_success(store, top, channel):  # noqa: ANN001
    top.inject(Fault.HTTP_500, times=None)
    _sync(store)
    _sync(store)
    state = list_channels(store.make_uow, "system")[0]
    assert state.failed_runs == 2 and state.last_error and state.last_run_at is not None
    top.clear_faults()
    _sync(store)
    state = list_channels(store.make_uow, "system")[0]
    assert state.failed_runs == 0 and state.last_error == ""
