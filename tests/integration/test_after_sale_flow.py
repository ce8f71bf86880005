"""After-sale end to end, on SQLite and PostgreSQL, with the refund words coming from the fake Taobao
gateway through channel sync: a shipped order's refund is a return expected in the warehouse's
inbox, its parcel is checked in at the returns desk (one unit back on sale, one damaged into
quarantine) and leaves the inbox, the platform's "refund paid" issues the red credit note, the
timeline holds every step and the KPIs count it. A parcel refunded while packed but not handed over
goes on the pull-back list, and the pull-back scan brings its stock back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from orderdesk.channels.fakes.top_server import FakeTopServer, sample_trade
from orderdesk.channels.registry import adapter_for
from orderdesk.demo.seed import seed_demo
from orderdesk.domain.kpi import KpiQuery
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.refunds import TaskKind
from orderdesk.services.channels import add_channel
from orderdesk.services.credit_notes import credit_notes
from orderdesk.services.dashboard import alert_items, dashboard_snapshot
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.refunds import refunds_of
from orderdesk.services.reports import kpi_report
from orderdesk.services.returns import ReturnDesk
from orderdesk.services.stock import stock_levels
from orderdesk.services.sync import sync_channel
from orderdesk.services.warehouse_tasks import pull_back, task_inbox

from tests.helpers.parcels import pack

SKU = "BASIN-FOLD-32-BLU"


def _status(store, order_no: str) -> str:  # noqa: ANN001
    return order_detail(store.make_uow, "system", order_no).row.status


def _stock(store, warehouse: str):  # noqa: ANN001, ANN202
    [row] = stock_levels(store.make_uow, "system", sku=SKU, warehouse=warehouse)
    return row


def _inbox(store, warehouse: str, order_no: str) -> set[TaskKind]:  # noqa: ANN001
    return {i.kind for i in task_inbox(store.make_uow, "lead", warehouse) if i.order_no == order_no}


def _steps(store, order_no: str) -> list[str]:  # noqa: ANN001
    """The timeline as kind:what (a lifecycle step's event, a refund's action)."""
    out = []
    for e in order_detail(store.make_uow, "system", order_no).events:
        what = e.details.get("event") if e.kind == "TRANSITION" else e.details.get("action", "")
        out.append(f"{e.kind}:{what}" if what else e.kind)
    return out


def _kpis(store) -> list[dict]:  # noqa: ANN001
    now = datetime.now(UTC)
    return kpi_report(store.make_uow, "system", KpiQuery(now - timedelta(days=2), now + timedelta(hours=1))).rows


def _in_order(wanted: list[str], steps: list[str]) -> bool:
    it = iter(steps)
    return all(any(s == w for s in it) for w in wanted)


class _Shop:
    """The fake Taobao gateway with one shop synced into the hub."""

    def __init__(self, store, server: FakeTopServer) -> None:  # noqa: ANN001
        self.store, self.server = store, server
        self.now = datetime.now(UTC).replace(microsecond=0)
        add_channel(store.make_uow, "system", "taobao", "shop", server.app_key, server.app_secret,
                    session=server.session, base_url=server.url, since=self.now - timedelta(hours=2))  # fmt: skip

    def sync(self) -> None:
        report = sync_channel(self.store.make_uow, "shop", lambda a: adapter_for(a, sleep=lambda _s: None), "st-1")
        assert report.error == ""

    def order(self, tid: str) -> str:
        self.server.add_trade(sample_trade(tid, modified=self.now - timedelta(minutes=30), lines=((SKU, 2, "29.90"),)))
        self.sync()
        return f"TB{tid}"

    def refund(self, tid: str, word: str) -> None:
        self.server.set_refund(tid, word, refund_id=f"RF-{tid}", modified_at=datetime.now(UTC))
        self.sync()


def test_a_shipped_order_refunded_on_taobao_is_returned_checked_in_credited_and_counted(store, secrets_in_tmp):  # noqa: ANN001
    seed_demo(store.make_uow, 0, with_rules=True)
    with FakeTopServer() as server:
        shop = _Shop(store, server)
        order_no = shop.order("881001")
        assert _status(store, order_no) == "ALLOCATED"
        packed = pack(store.make_uow, order_no)
        [(warehouse, _lines)] = order_detail(store.make_uow, "system", order_no).shipments
        [(waybill, _courier)] = packed.waybills
        change_status(store.make_uow, order_no, OrderEvent.SHIP, "system", reason="揽收")
        before = _stock(store, warehouse)

        shop.refund("881001", "WAIT_SELLER_AGREE")
        assert _status(store, order_no) == "REFUND_REQUESTED"
        [(_no, rec)] = refunds_of(store.make_uow, "system", order_no)
        assert (rec.raw_state, rec.step.value, rec.path) == ("WAIT_SELLER_AGREE", "REQUESTED", "AWAIT_RETURN")
        assert TaskKind.RETURN_EXPECTED in _inbox(store, warehouse, order_no)

        desk = ReturnDesk(store.make_uow, "packer1", warehouse, "returns-1")
        verdicts = [desk.scan(x) for x in (waybill, SKU, f"{SKU} damaged 盆底裂了", "DONE")]
        assert all(v.ok for v in verdicts), [v.message_en for v in verdicts]
        assert (verdicts[-1].outcome, verdicts[-1].state) == ("RETURNED", "RETURNED")
        assert TaskKind.RETURN_EXPECTED not in _inbox(store, warehouse, order_no)  # it left the inbox
        after = _stock(store, warehouse)
        assert (after.on_hand - before.on_hand, after.quarantined - before.quarantined) == (1, 1)

        shop.refund("881001", "SUCCESS")
        [(_no, rec)] = refunds_of(store.make_uow, "system", order_no)
        assert rec.step.value == "PAID" and rec.credit_note and rec.returned_at is not None
        [note] = [n for n in credit_notes(store.make_uow, "system") if n.order_no == order_no]
        assert note.number == rec.credit_note and note.total_fen == -5980
        assert [(ln.sku, ln.quantity) for ln in note.lines] == [(SKU, -2)]
        assert _status(store, order_no) == "RETURNED"

    steps = _steps(store, order_no)
    wanted = ["CREATED", "TRANSITION:ALLOCATE", "TRANSITION:PACK", "TRANSITION:SHIP", "REFUND:opened",
              "TRANSITION:REQUEST_REFUND", "REFUND:path", "RETURN_RECEIVED", "TRANSITION:RECEIVE_RETURN",
              "REFUND:returned", "REFUND:step", "CREDIT_NOTE", "REFUND:paid"]  # fmt: skip
    assert _in_order(wanted, steps), steps

    [row] = _kpis(store)
    assert (row["delivered"], row["oda"], row["paid_orders"], row["refunded_orders"]) == (1, 1.0, 1, 1)
    assert row["refund_rate"] == 1.0 and row["return_to_credit_median_h"] is not None
    assert row["intercepts"] == 0 and row["wrong"] == []
    alerts = dashboard_snapshot(store.make_uow, "lead").alerts
    assert (alerts["intercepts_not_pulled_back"], alerts["unknown_returns"]) == (0, 0)


def test_a_packed_parcel_refunded_on_taobao_is_pulled_back_and_its_stock_comes_back(store, secrets_in_tmp):  # noqa: ANN001
    seed_demo(store.make_uow, 0, with_rules=True)
    with FakeTopServer() as server:
        shop = _Shop(store, server)
        order_no = shop.order("881002")
        pack(store.make_uow, order_no)
        [(warehouse, lines)] = order_detail(store.make_uow, "system", order_no).shipments
        assert lines == [(SKU, 2)]
        before = _stock(store, warehouse)

        shop.refund("881002", "WAIT_SELLER_AGREE")
        assert _status(store, order_no) == "INTERCEPTED"
        assert _inbox(store, warehouse, order_no) == {TaskKind.PULL_BACK}
        assert dashboard_snapshot(store.make_uow, "lead").alerts["intercepts_not_pulled_back"] == 1
        assert alert_items(store.make_uow, "lead", "intercepts_not_pulled_back") == [order_no]
        refused = ReturnDesk(store.make_uow, "packer1", warehouse, "returns-1").scan(order_no)
        assert not refused.ok and refused.refusal == "intercepted"  # never left: not a return

        done = pull_back(store.make_uow, "packer1", warehouse, order_no)
        assert done.ok and dict(done.returned) == {SKU: 2}
        after = _stock(store, warehouse)
        assert (after.on_hand - before.on_hand, after.frozen - before.frozen) == (2, 2)  # back, frozen for the refund
        assert _inbox(store, warehouse, order_no) == set()
        assert dashboard_snapshot(store.make_uow, "lead").alerts["intercepts_not_pulled_back"] == 0

        shop.refund("881002", "SUCCESS")
        assert _status(store, order_no) == "CANCELLED"
        paid = _stock(store, warehouse)
        assert (paid.on_hand - before.on_hand, paid.frozen - before.frozen) == (2, 0)  # free to sell again
        assert [n.total_fen for n in credit_notes(store.make_uow, "system") if n.order_no == order_no] == [-5980]

    assert _in_order(["TRANSITION:PACK", "TRANSITION:REQUEST_REFUND", "REFUND:path", "REFUND:pulled_back",
                      "REFUND:paid"], _steps(store, order_no))  # fmt: skip
    [row] = _kpis(store)
    assert (row["intercepts"], row["intercepts_caught"], row["delivered"], row["refunded_orders"]) == (1, 1, 0, 1)
