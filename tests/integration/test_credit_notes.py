"""Red credit notes on a real database (SQLite and PostgreSQL): gap-free yearly numbers, a rolled-back
note giving its number back, reversals, refusals recorded and changing nothing, the order's
timeline, and the tables refusing any rewrite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from orderdesk.domain.access import NotAllowed
from orderdesk.domain.credit_notes import CreditRefused, LineRequest, note_year
from orderdesk.domain.errors import OrderNotFound
from orderdesk.domain.model import OrderLine, RefundState
from orderdesk.domain.timeline import describe_event
from orderdesk.services.actors import ensure_user
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.credit_notes import (
    credit_note, credit_notes, issue_by_hand, issue_credit_note, reverse_credit_note,
)  # fmt: skip
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from tests.helpers.builders import channel_order

TWO = (OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 2, 2990, 5980),
       OrderLine("STOR-BOX-L-WHT", "加厚收纳箱 大号", 1, 4590, 4590))  # fmt: skip
DEC31 = datetime(2026, 12, 31, 15, 0, tzinfo=UTC)  # 23:00 in Beijing
JAN1 = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 January 2027 in Beijing


def _orders(store, *pids: str, refunded: bool = True) -> None:  # noqa: ANN001
    refund = RefundState.REFUNDED if refunded else RefundState.NONE
    batch = [channel_order(p, refund=refund, lines=TWO) for p in pids]
    intake_orders(store.make_uow, [o.__class__(**{**o.__dict__, "total_fen": 5980 + 4590 + 600,
                                                   "freight_fen": 600}) for o in batch], actor="system")  # fmt: skip


def _issue_at(store, order_no: str, at: datetime, commit: bool = True) -> str:  # noqa: ANN001
    with store.make_uow(write=True) as uow:
        note = issue_credit_note(uow, "system", order_no, [LineRequest("STOR-BOX-L-WHT", 1)], 0, "退款", now=at)
        if commit:
            uow.commit()
    return note.number


def _refusals(store) -> list[tuple]:  # noqa: ANN001
    rows = audit_trail(store.make_uow, "system", AuditFilter(), limit=None)
    return [(r.object_id, r.details["code"]) for r in rows if r.action == "credit_note.refused"]


def test_numbers_run_per_year_without_gaps_and_a_rollback_gives_its_number_back(store):  # noqa: ANN001
    _orders(store, "1", "2", "3", "4")
    assert _issue_at(store, "TB1", DEC31) == "CN2026-000001"
    assert _issue_at(store, "TB2", DEC31, commit=False) == "CN2026-000002"  # rolled back
    assert _issue_at(store, "TB2", DEC31) == "CN2026-000002"
    assert _issue_at(store, "TB3", JAN1) == "CN2027-000001"
    assert _issue_at(store, "TB4", DEC31) == "CN2026-000003"
    assert [n.number for n in credit_notes(store.make_uow, "system")] == [
        "CN2026-000001", "CN2026-000002", "CN2026-000003", "CN2027-000001"]


def test_a_note_credits_lines_and_freight_as_negative_amounts_on_the_timeline(store):  # noqa: ANN001
    _orders(store, "7")
    note = issue_by_hand(store.make_uow, "system", "TB7", [LineRequest("BASIN-FOLD-32-BLU", 1)], 600, "买家退一个盆")
    shown = credit_note(store.make_uow, "system", note.number)
    assert (shown.goods_fen, shown.freight_fen, shown.total_fen) == (-2990, -600, -3590)
    assert [(ln.sku, ln.quantity, ln.unit_price_fen, ln.amount_fen) for ln in shown.lines] == [
        ("BASIN-FOLD-32-BLU", -1, 2990, -2990)]
    assert (shown.order_no, shown.channel, shown.buyer, shown.reason) == ("TB7", "taobao", "张* 138****5678", "买家退一个盆")
    events = order_detail(store.make_uow, "system", "TB7").events
    said = [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details) for e in events
            if e.kind == "CREDIT_NOTE"]  # fmt: skip
    assert said == [f"开具红字凭证 {note.number}（-35.90 元）：买家退一个盆"]


def test_a_reversing_note_undoes_a_mistake_once_and_frees_the_amount_again(store):  # noqa: ANN001
    _orders(store, "8")
    wrong = issue_by_hand(store.make_uow, "system", "TB8", [], 0, "整单退款", full=True)
    assert wrong.total_fen == -(5980 + 4590 + 600)
    with pytest.raises(CreditRefused):  # nothing left to credit
        issue_by_hand(store.make_uow, "system", "TB8", [LineRequest("STOR-BOX-L-WHT", 1)], 0, "再退")
    back = reverse_credit_note(store.make_uow, "system", wrong.number, "应为部分退款")
    assert (back.total_fen, back.reverses, back.kind) == (-wrong.total_fen, wrong.number, "reversal")
    assert credit_note(store.make_uow, "system", wrong.number).reversed_by == back.number
    for number in (wrong.number, back.number):
        with pytest.raises(CreditRefused):
            reverse_credit_note(store.make_uow, "system", number, "再冲一次")
    right = issue_by_hand(store.make_uow, "system", "TB8", [LineRequest("STOR-BOX-L-WHT", 1)], 0, "部分退款")
    assert right.total_fen == -4590
    year = note_year(datetime.now(UTC))
    assert [n.number for n in credit_notes(store.make_uow, "system")] == [f"CN{year}-00000{i}" for i in (1, 2, 3)]


def test_refusals_change_nothing_burn_no_number_and_are_recorded(store):  # noqa: ANN001
    _orders(store, "20")
    _orders(store, "21", refunded=False)
    attempts = [("TB21", [LineRequest("STOR-BOX-L-WHT", 1)], 0, "not_refunded"),
                ("TB20", [LineRequest("MUG-WHITE", 1)], 0, "unknown_line"),
                ("TB20", [LineRequest("STOR-BOX-L-WHT", 2)], 0, "too_many"),
                ("TB20", [LineRequest("STOR-BOX-L-WHT", 1, 4591)], 0, "over_paid"),
                ("TB20", [], 601, "over_freight")]  # fmt: skip
    for order_no, lines, freight, code in attempts:
        with pytest.raises(CreditRefused) as exc:
            issue_by_hand(store.make_uow, "system", order_no, lines, freight, "退款")
        assert exc.value.code == code
    with pytest.raises(OrderNotFound):
        issue_by_hand(store.make_uow, "system", "TB404", [LineRequest("STOR-BOX-L-WHT", 1)], 0, "退款")
    assert credit_notes(store.make_uow, "system") == []
    assert sorted(_refusals(store)) == sorted([(o, c) for o, _l, _f, c in attempts] + [("TB404", "not_found")])
    assert issue_by_hand(store.make_uow, "system", "TB20", [], 600, "退运费").number.endswith("-000001")


def test_only_finance_and_admin_issue_notes_and_a_packer_s_try_is_audited(store):  # noqa: ANN001
    _orders(store, "30")
    with store.make_uow(write=True) as uow:
        ensure_user(uow, "fin", "财务小王", "finance")
        ensure_user(uow, "pk", "打包员", "packer")
        uow.commit()
    with pytest.raises(NotAllowed):
        issue_by_hand(store.make_uow, "pk", "TB30", [], 600, "退运费")
    refused = [r for r in audit_trail(store.make_uow, "system", AuditFilter(object_type="permission"), limit=None)
               if r.username == "pk"]  # fmt: skip
    assert [r.object_id for r in refused] == ["issue_credit_notes"]
    note = issue_by_hand(store.make_uow, "fin", "TB30", [], 600, "退运费")
    assert note.issued_by == "财务小王 (fin)"


@pytest.mark.parametrize("table", ["credit_notes", "credit_note_lines"])
def test_no_sql_rewrites_or_removes_a_note(store, table):  # noqa: ANN001
    _orders(store, "40")
    issue_by_hand(store.make_uow, "system", "TB40", [LineRequest("STOR-BOX-L-WHT", 1)], 0, "退款")
    from tests.integration.test_append_only import TAMPER

    column = "reason" if table == "credit_notes" else "title"
    names = [c["name"] for c in sa.inspect(store.engine).get_columns(table)]
    cols = ", ".join(f"'tampered' AS {n}" if n == column else n for n in names)
    before = _rows(store, table)
    for op, per_backend in TAMPER.items():
        with pytest.raises(DBAPIError) as exc:
            with store.engine.begin() as conn:
                for sql in per_backend[store.engine.dialect.name]:
                    sql = sql.format(t=table, c=column).replace("SELECT * FROM", f"SELECT {cols} FROM")
                    sql += " CASCADE" if sql.startswith("TRUNCATE") else ""  # past the lines' foreign key
                    conn.execute(sa.text(sql), {"id": before[0][0]})
        assert "append-only" in str(exc.value), op
        assert _rows(store, table) == before, op


def _rows(store, table: str) -> list[tuple]:  # noqa: ANN001
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]
