"""Reports on a real database (SQLite and PostgreSQL): finance's reconciliation ties out to the
order lines to the cent, a refund in December of a November order lowers December only, and the
KPI report reads the timeline of a period."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from orderdesk.cli.main import main
from orderdesk.domain.credit_notes import LineRequest
from orderdesk.domain.errors import DomainError
from orderdesk.domain.kpi import KpiQuery
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.model import Channel, OrderLine, RefundState
from orderdesk.services.credit_notes import issue_credit_note
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import change_status
from orderdesk.services.reports import export_reconciliation, kpi_report
from tests.helpers.builders import channel_order

LINES = (OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 2, 2990, 5979),  # a discount of 1 fen
         OrderLine("STOR-BOX-L-WHT", "加厚收纳箱 大号", 1, 4590, 4590))  # fmt: skip
NOV = (datetime(2026, 10, 31, 16, tzinfo=UTC), datetime(2026, 11, 30, 16, tzinfo=UTC))  # Beijing months
DEC = (NOV[1], datetime(2026, 12, 31, 16, tzinfo=UTC))


def _take(store, pid: str, paid: datetime, channel: Channel = Channel.TAOBAO, refunded: bool = False) -> None:  # noqa: ANN001
    refund = RefundState.REFUNDED if refunded else RefundState.NONE
    o = replace(channel_order(pid, channel=channel, lines=LINES, refund=refund), paid_at=paid, total_fen=5979 + 4590 + 800,
                freight_fen=800)  # fmt: skip
    intake_orders(store.make_uow, [o], actor="system")


def _refund(store, order_no: str, at: datetime) -> None:  # noqa: ANN001
    with store.make_uow(write=True) as uow:
        issue_credit_note(uow, "system", order_no, [LineRequest("STOR-BOX-L-WHT", 1)], 800, "退货退款", now=at)
        uow.commit()


def _money(ws, row: int, col: int) -> Decimal:  # noqa: ANN001
    return Decimal(str(ws.cell(row, col).value)).quantize(Decimal("0.01"))


def test_a_refund_across_the_month_boundary_lowers_the_next_month_and_ties_out(store, tmp_path):  # noqa: ANN001
    _take(store, "1", datetime(2026, 11, 30, 15, 30, tzinfo=UTC), refunded=True)  # 23:30 on 30 November in Beijing
    _take(store, "2", datetime(2026, 11, 10, 3, tzinfo=UTC))
    _take(store, "3", datetime(2026, 12, 1, 2, tzinfo=UTC), Channel.PDD)
    _refund(store, "TB1", datetime(2026, 11, 30, 16, 30, tzinfo=UTC))  # 00:30 on 1 December in Beijing
    nov = export_reconciliation(store.make_uow, "system", *NOV, tmp_path / "nov.xlsx", "taobao")
    dec = export_reconciliation(store.make_uow, "system", *DEC, tmp_path / "dec.xlsx")
    n, d = nov.totals("taobao"), dec.totals("taobao")
    assert (n.orders, n.goods_fen, n.freight_fen, n.refunds_fen, n.net_fen) == (2, 2 * 10569, 1600, 0, 2 * 11369)
    assert (d.orders, d.refunds_fen, d.net_fen, d.notes) == (0, -5390, -5390, 1)
    assert dec.totals("pdd").net_fen == 11369
    assert n.net_fen + d.net_fen == 2 * 11369 - 5390  # what taobao buyers paid, less what went back

    wb = load_workbook(tmp_path / "dec.xlsx")
    assert wb.sheetnames == ["汇总 Summary", "拼多多 pdd", "淘宝 taobao"]
    summary = wb["汇总 Summary"]
    assert [summary.cell(r, 1).value for r in range(2, 5)] == ["拼多多 Pinduoduo", "淘宝/天猫 Taobao/Tmall", "合计 Total"]
    assert (_money(summary, 3, 8), _money(summary, 3, 10), summary.cell(3, 11).value) == (
        Decimal("-53.90"), Decimal("-53.90"), "CNY")
    assert _money(summary, 4, 10) == Decimal("59.79")  # 113.69 - 53.90
    assert summary.cell(3, 10).number_format == "#,##0.00;-#,##0.00"
    tb = wb["淘宝 taobao"]
    assert [tb.cell(2, c).value for c in (1, 3)] == ["红字 credit", "TB1"]
    assert (_money(tb, 2, 9), tb.cell(3, 1).value, _money(tb, 3, 9)) == (Decimal("-53.90"), "合计 Total", Decimal("-53.90"))
    nov_sheet = load_workbook(tmp_path / "nov.xlsx")["淘宝 taobao"]
    amounts = [_money(nov_sheet, r, 9) for r in range(2, 4)]
    assert sum(amounts) == _money(nov_sheet, 4, 9) == Decimal("227.38")  # the lines' 105.69 ×2 + freight 8.00 ×2
    assert isinstance(nov_sheet.cell(2, 7).value, (int, float))  # numbers, never text


def test_an_unwritable_target_says_so_and_leaves_no_file(store, tmp_path):  # noqa: ANN001
    _take(store, "1", datetime(2026, 11, 10, 3, tzinfo=UTC))
    blocked = tmp_path / "rec.xlsx"
    (blocked / "inside").mkdir(parents=True)  # a folder (or a file another program holds) in the way
    with pytest.raises(DomainError) as err:
        export_reconciliation(store.make_uow, "system", *NOV, blocked)
    assert "Cannot write" in err.value.reason("en") and str(blocked) in err.value.reason("en")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("rec.xlsx.")]  # no .part left behind


def test_kpi_report_reads_the_period_of_the_timeline(store):  # noqa: ANN001
    for pid in ("1", "2", "3", "4"):
        _take(store, pid, datetime.now(UTC) - timedelta(hours=2))
    change_status(store.make_uow, "TB1", OrderEvent.REQUEST_REFUND, "system", "买家不要了")
    now = datetime.now(UTC)
    report = kpi_report(store.make_uow, "system", KpiQuery(now - timedelta(days=1), now + timedelta(hours=1)))
    row = report.rows[0]
    assert (row["paid_orders"], row["refunded_orders"], row["refund_rate"], row["delivered"]) == (4, 1, 0.25, 0)
    assert kpi_report(store.make_uow, "system", KpiQuery(now - timedelta(days=9), now - timedelta(days=8))).rows == []


def test_report_cli_refuses_bad_dates_and_reports_an_empty_period(db_url, tmp_path, capsys):  # noqa: ANN001
    if not db_url.startswith("sqlite"):
        pytest.skip("the CLI's parsing is the same on both databases")
    with pytest.raises(SystemExit):
        main(["--db", db_url, "report", "kpi", "--from", "2026-13-01", "--to", "2026-12-31"])
    assert "not a date" in capsys.readouterr().err
    assert main(["--db", db_url, "--lang", "en", "report", "kpi", "--from", "2026-12-02", "--to", "2026-12-01"]) != 0
    assert "--to is before --from" in capsys.readouterr().err
    assert main(["--db", db_url, "--lang", "en", "report", "kpi", "--from", "2020-01-01", "--to", "2020-01-31"]) == 0
    assert "No orders or scans in this period" in capsys.readouterr().out
    out = tmp_path / "rec.xlsx"
    assert main(["--db", db_url, "--lang", "en", "report", "reconciliation", "--channel", "taobao",
                 "--from", "2020-01-01", "--to", "2020-01-31", "--out", str(out)]) == 0  # fmt: skip
    assert "No orders or credit notes" in capsys.readouterr().out and out.exists()
    assert main(["--db", db_url, "report", "reconciliation", "--channel", "ebay", "--from", "2020-01-01",
                 "--to", "2020-01-31", "--out", str(tmp_path / "x.xlsx")]) != 0  # fmt: skip
    assert "未知的渠道" in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()


def test_kpi_report_counts_packing_per_packer_from_the_stations_scans(store):  # noqa: ANN001
    from tests.helpers.parcels import packed_orders

    packed = packed_orders(store.make_uow, 3)
    now = datetime.now(UTC)
    q = KpiQuery(now - timedelta(hours=2), now + timedelta(hours=1), split_packer=True)
    rows = kpi_report(store.make_uow, "system", q).rows
    by_packer = {r["packer"]: r for r in rows}
    mine = by_packer["system"]
    assert (mine["packed_orders"], mine["parcels_packed"]) == (3, sum(len(p.waybills) for p in packed))
    assert mine["packer_hours"] in (1, 2)  # 2 when the clock hour turns during the test
    assert mine["refused_scans"] == 0 and all(r["wrong"] == [] for r in rows)
