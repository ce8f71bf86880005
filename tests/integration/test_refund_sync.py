"""Refunds arriving through channel sync, driven on each platform's fake gateway with its own
refund state words: the order is intercepted, the raw word is kept on the refund record, a word we
do not know is kept and alerted (never guessed), and "refunded" ends in a red credit note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.fakes.douyin_server import FakeDouyinServer
from orderdesk.channels.fakes.douyin_server import sample_order as douyin_order
from orderdesk.channels.fakes.miniprogram_server import FakeMiniProgramServer
from orderdesk.channels.fakes.miniprogram_server import sample_order as mp_order
from orderdesk.channels.fakes.pdd_server import FakePddServer
from orderdesk.channels.fakes.pdd_server import sample_order as pdd_order
from orderdesk.channels.fakes.top_server import FakeTopServer, sample_trade
from orderdesk.channels.registry import adapter_for
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.channels import add_channel
from orderdesk.services.credit_notes import credit_notes
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.refunds import refunds_of
from orderdesk.services.sync import sync_channel

SKU = "BASIN-FOLD-32-BLU"


class _Taobao:
    server_cls, platform, prefix = FakeTopServer, "taobao", "TB"
    requested, unknown, paid = "WAIT_SELLER_AGREE", "WAIT_SELLER_DECIDE_SOMETHING_NEW", "SUCCESS"

    def creds(self, s):  # noqa: ANN001, ANN201
        return s.app_key, s.app_secret, s.session

    def add(self, s, pid, at):  # noqa: ANN001, ANN201
        s.add_trade(sample_trade(pid, modified=at, lines=((SKU, 2, "29.90"),)))

    def refund(self, s, pid, word):  # noqa: ANN001, ANN201
        s.set_refund(pid, word, refund_id=f"RF-{pid}", modified_at=datetime.now(UTC))


class _Pdd:
    server_cls, platform, prefix = FakePddServer, "pdd", "PDD"
    requested, unknown, paid = "2", "77", "10"

    def creds(self, s):  # noqa: ANN001, ANN201
        return s.client_id, s.client_secret, s.access_token

    def add(self, s, pid, at):  # noqa: ANN001, ANN201
        s.add_order(pdd_order(pid, updated=at, lines=((SKU, 2, "29.90"),)))

    def refund(self, s, pid, word):  # noqa: ANN001, ANN201
        s.set_after_sale(pid, int(word), updated_at=datetime.now(UTC))


class _Douyin:
    server_cls, platform, prefix = FakeDouyinServer, "douyin", "DY"
    requested, unknown, paid = "6", "99", "12"

    def creds(self, s):  # noqa: ANN001, ANN201
        return s.app_key, s.app_secret, s.access_token

    def add(self, s, pid, at):  # noqa: ANN001, ANN201
        s.add_order(douyin_order(pid, updated=at, lines=((SKU, 2, 2990),)))

    def refund(self, s, pid, word):  # noqa: ANN001, ANN201
        s.set_after_sale(pid, int(word), updated=datetime.now(UTC))


class _MiniProgram:
    server_cls, platform, prefix = FakeMiniProgramServer, "miniprogram", "MP"
    requested, unknown, paid = "requested", None, "refunded"

    def creds(self, s):  # noqa: ANN001, ANN201
        return s.app_key, s.app_secret, s.token

    def add(self, s, pid, at):  # noqa: ANN001, ANN201
        s.add_order(mp_order(pid, updated=at, lines=((SKU, 2, 2990),)))

    def refund(self, s, pid, word):  # noqa: ANN001, ANN201
        s.update_order(pid, refund_status=word)


PLATFORMS = [_Taobao(), _Pdd(), _Douyin(), _MiniProgram()]


@pytest.mark.parametrize("p", PLATFORMS, ids=[p.platform for p in PLATFORMS])
def test_a_platform_refund_intercepts_keeps_its_raw_word_alerts_the_unknown_and_ends_in_a_credit_note(
        store, secrets_in_tmp, p):  # noqa: ANN001  # fmt: skip
    now = datetime.now(UTC).replace(microsecond=0)
    with p.server_cls() as server:
        key, secret, session = p.creds(server)
        add_channel(store.make_uow, "system", p.platform, "shop", key, secret, session=session, base_url=server.url,
                    since=now - timedelta(hours=2))  # fmt: skip
        pid = "20261203-000001" if p.platform == "pdd" else "880001"
        order_no = f"{p.prefix}{pid}"
        p.add(server, pid, now - timedelta(minutes=30))
        sync = lambda: sync_channel(store.make_uow, "shop", lambda a: adapter_for(a, sleep=lambda _s: None), "st-1")  # noqa: E731
        assert sync().error == ""
        assert order_detail(store.make_uow, "system", order_no).row.status == "PAID"

        p.refund(server, pid, p.requested)
        assert sync().error == ""
        assert order_detail(store.make_uow, "system", order_no).row.status == "INTERCEPTED"
        [(_no, rec)] = refunds_of(store.make_uow, "system", order_no)
        assert (rec.raw_state, rec.step.value, rec.source) == (p.requested, "REQUESTED", "platform")

        if p.unknown:
            p.refund(server, pid, p.unknown)
            assert sync().error == ""
            [(_no, rec)] = refunds_of(store.make_uow, "system", order_no)
            assert (rec.raw_state, rec.step.value) == (p.unknown, "UNKNOWN")  # kept as delivered, not guessed
            assert order_detail(store.make_uow, "system", order_no).row.status == "INTERCEPTED"
            alerts = [r for r in audit_trail(store.make_uow, "system", AuditFilter(object_type="order"))
                      if r.action == "refund.unknown_state"]  # fmt: skip
            assert [a.details["raw"] for a in alerts] == [p.unknown]

        p.refund(server, pid, p.paid)
        assert sync().error == ""
        assert order_detail(store.make_uow, "system", order_no).row.status == "CANCELLED"
        [note] = [n for n in credit_notes(store.make_uow, "system") if n.order_no == order_no]
        assert note.total_fen == -5980 and [(ln.sku, ln.quantity) for ln in note.lines] == [(SKU, -2)]
        events = [e.details.get("action") for e in order_detail(store.make_uow, "system", order_no).events
                  if e.kind == "REFUND"]  # fmt: skip
        assert events[0] == "opened" and events[-1] == "paid"
