"""The import wizard as a seller drives it: add export files, check the columns, preview, import."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.gui.dialogs.import_mapping_table import MISSING_FG
from orderdesk.gui.dialogs.import_wizard import ImportWizard
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import QDropEvent, QMimeData, QPointF, Qt, QUrl, QWizard
from orderdesk.services.order_import import import_files
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.read_models import OrderFilter
from tests.helpers.export_files import PDD_HEADER, pdd_csv, pdd_row, table, write_csv

pytestmark = pytest.mark.gui

NEXT, COMMIT = QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton
FINISH, BACK = QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton


@pytest.fixture
def wizard(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    w = ImportWizard(demo_store.make_uow, jobs, ui_lang, "admin")
    qtbot.addWidget(w)
    w.show()
    return w


def _orders(store) -> dict[str, object]:  # noqa: ANN001
    """The PDD orders these tests import (the demo's own have numbers like PDD261123-0081…)."""
    rows = list_orders(store.make_uow, "system", OrderFilter(channel="pdd"), limit=1000)
    return {r.order_no: r for r in rows if "-" not in r.order_no}


def _add(qtbot, w: ImportWizard, *paths: Path) -> None:  # noqa: ANN001
    w.add_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: all(not f.busy for f in w.files), timeout=5000)


def _file_row(w: ImportWizard, row: int = 0) -> list[str]:
    t = w.files_page.table
    return [t.item(row, c).text() for c in range(t.columnCount())]


def _to_preview(qtbot, w: ImportWizard) -> None:  # noqa: ANN001
    """Next from the files page through the mapping page; wait for the preview's figures."""
    while w.currentPage() is not w.preview_page:
        assert w.button(NEXT).isEnabled()
        qtbot.mouseClick(w.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.preview_page.report is not None or "color" in w.preview_page.status.styleSheet(),
                    timeout=10_000)  # fmt: skip


def _counts(view) -> dict[str, str]:  # noqa: ANN001
    return {key: label.text() for key, label in view.counts.items()}


def _import(qtbot, w: ImportWizard) -> int:  # noqa: ANN001
    assert w.button(COMMIT).isEnabled() and w.button(COMMIT).text() == "导入"
    with qtbot.waitSignal(w.imported, timeout=10_000) as got:
        qtbot.mouseClick(w.button(COMMIT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.currentPage() is w.result_page, timeout=5000)
    return got.args[0]


def test_a_pdd_gbk_export_goes_through_every_page_into_the_database(qtbot, wizard, demo_store, tmp_path):  # noqa: ANN001
    path = pdd_csv(tmp_path / "拼多多订单.csv", pdd_row("W1", qty="2", paid="59.80"),
                   pdd_row("W1", sku="STOR-BOX-L-WHT", paid="45.90"), pdd_row("W2"))  # fmt: skip
    assert not wizard.button(NEXT).isEnabled()
    _add(qtbot, wizard, path)
    assert _file_row(wizard) == ["拼多多订单.csv", "拼多多订单导出", "3", "可以导入"]
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mapping_page and wizard.button(NEXT).isEnabled()
    panel = wizard.mapping_page.panels[0]
    assert panel.format.currentText() == "拼多多订单导出" and panel.missing.text() == ""
    assert panel.table.combo("province").currentText() == "省"
    assert panel.table.item(panel.table.keys.index("order_id"), 0).text() == "订单编号"
    _to_preview(qtbot, wizard)
    assert _counts(wizard.preview_page.view) == {"new": "2", "updated": "0", "unchanged": "0", "held": "0",
                                                 "skipped_unpaid": "0", "rejected": "0"}  # fmt: skip
    assert _orders(demo_store) == {}, "the preview writes nothing"
    assert _import(qtbot, wizard) == 2
    assert _counts(wizard.result_page.view)["new"] == "2"
    assert "新增 2 单" in wizard.result_page.status.text()
    assert set(_orders(demo_store)) == {"PDDW1", "PDDW2"}
    lines = order_detail(demo_store.make_uow, "system", "PDDW1").lines
    assert sorted((ln.sku, ln.quantity) for ln in lines) == [("BASIN-FOLD-32-BLU", 2), ("STOR-BOX-L-WHT", 1)]
    assert wizard.button(FINISH).isVisible() and not wizard.button(BACK).isVisible()


def test_a_missing_required_column_is_red_until_mapped_by_hand(qtbot, wizard, demo_store, tmp_path):  # noqa: ANN001
    header = ["收件人姓名" if h == "收货人" else h for h in PDD_HEADER]
    row = pdd_row("M1")
    row["收件人姓名"] = row.pop("收货人")
    _add(qtbot, wizard, write_csv(tmp_path / "renamed.csv", table(header, [row]), "gbk"))
    assert _file_row(wizard)[3] == "缺少必需的列：请在下一步手动对应。"
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    panel = wizard.mapping_page.panels[0]
    receiver = panel.table.keys.index("receiver_name")
    assert panel.table.item(receiver, 0).foreground().color() == MISSING_FG
    assert panel.table.item(receiver, 2).text() == "必填"
    assert "收货人" in panel.missing.text() and not wizard.button(NEXT).isEnabled()
    combo = panel.table.combo("receiver_name")
    assert combo.currentText() == "（文件中没有）"
    combo.setCurrentIndex(combo.findText("收件人姓名"))
    assert panel.missing.text() == "" and wizard.button(NEXT).isEnabled()
    assert panel.table.item(receiver, 0).foreground().color() != MISSING_FG
    _to_preview(qtbot, wizard)
    assert _counts(wizard.preview_page.view)["new"] == "1"
    assert _import(qtbot, wizard) == 1
    assert order_detail(demo_store.make_uow, "system", "PDDM1").row.receiver_name == "张*"


def test_a_bad_row_is_shown_with_its_number_and_the_good_orders_import(qtbot, wizard, demo_store, tmp_path):  # noqa: ANN001
    path = pdd_csv(tmp_path / "pdd.csv", pdd_row("G1"), pdd_row("B1", qty="x"), pdd_row("G2", province="火星"))
    _add(qtbot, wizard, path)
    _to_preview(qtbot, wizard)
    view = wizard.preview_page.view
    assert _counts(view) == {"new": "2", "updated": "0", "unchanged": "0", "held": "1", "skipped_unpaid": "0",
                             "rejected": "1"}  # fmt: skip
    cells = [view.problems.item(0, c).text() for c in range(4)]
    assert cells == ["pdd.csv", "3", "商品数量(件)", "数量「x」不是有效的数字"]
    assert view.tabs.tabText(0) == "未导入的行（1）"
    assert view.held.item(0, 0).text() == "PDDG2" and "火星" in view.held.item(0, 1).text()
    assert _import(qtbot, wizard) == 2
    orders = _orders(demo_store)
    assert set(orders) == {"PDDG1", "PDDG2"} and orders["PDDG2"].status == "ON_HOLD"


def test_importing_the_same_file_again_shows_every_order_unchanged(qtbot, wizard, demo_store, tmp_path):  # noqa: ANN001
    path = pdd_csv(tmp_path / "pdd.csv", pdd_row("R1"), pdd_row("R2"), pdd_row("R3", province="火星"))
    import_files(demo_store.make_uow, "admin", [path])
    before = {no: len(order_detail(demo_store.make_uow, "system", no).events) for no in _orders(demo_store)}
    _add(qtbot, wizard, path)
    _to_preview(qtbot, wizard)
    assert _counts(wizard.preview_page.view) == {"new": "0", "updated": "0", "unchanged": "3", "held": "0",
                                                 "skipped_unpaid": "0", "rejected": "0"}  # fmt: skip
    assert "导入不会有任何改变" in wizard.preview_page.status.text()
    assert _import(qtbot, wizard) == 0
    assert _counts(wizard.result_page.view)["unchanged"] == "3"
    after = {no: len(order_detail(demo_store.make_uow, "system", no).events) for no in _orders(demo_store)}
    assert after == before


def test_an_unreadable_file_shows_its_error_and_blocks_until_removed(qtbot, wizard, tmp_path):  # noqa: ANN001
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    good = pdd_csv(tmp_path / "pdd.csv", pdd_row("U1"))
    _add(qtbot, wizard, bad, good)
    state = wizard.files_page.table.item(0, 3)
    assert "坏文件.xlsx" in state.text() and state.foreground().color().name() == "#c62828"
    assert _file_row(wizard)[1] == "—" and wizard.files_page.hint.text() == "请先移除无法读取的文件再继续。"
    assert not wizard.button(NEXT).isEnabled()
    wizard.files_page.table.selectRow(0)
    qtbot.mouseClick(wizard.files_page.remove, Qt.MouseButton.LeftButton)
    assert [f.name for f in wizard.files] == ["pdd.csv"] and wizard.button(NEXT).isEnabled()
    assert wizard.files_page.hint.text() == ""


def test_a_header_not_recognised_can_be_given_its_format_by_hand(qtbot, wizard, tmp_path):  # noqa: ANN001
    header = ["订单编码" if h == "订单号" else h for h in PDD_HEADER]  # no order number: not recognised
    row = pdd_row("X1")
    row["订单编码"] = row.pop("订单号")
    _add(qtbot, wizard, write_csv(tmp_path / "odd.csv", table(header, [row]), "gbk"))
    assert _file_row(wizard)[3] == "表头未能识别：请在下一步选择文件格式。" and wizard.button(NEXT).isEnabled()
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    panel = wizard.mapping_page.panels[0]
    assert panel.format.currentText() == "（请选择格式）" and not wizard.button(NEXT).isEnabled()
    panel.format.setCurrentIndex(panel.format.findData("pdd"))
    qtbot.waitUntil(lambda: not wizard.files[0].busy and panel.table.rowCount() > 0, timeout=5000)
    assert "订单编号" in panel.missing.text() and not wizard.button(NEXT).isEnabled()
    panel.table.combo("order_id").setCurrentIndex(panel.table.combo("order_id").findText("订单编码"))
    assert wizard.button(NEXT).isEnabled()
    _to_preview(qtbot, wizard)
    assert _counts(wizard.preview_page.view)["new"] == "1"


def test_files_dropped_on_the_first_page_are_added(qtbot, wizard, tmp_path):  # noqa: ANN001
    path = pdd_csv(tmp_path / "dropped.csv", pdd_row("D1"))
    other = tmp_path / "notes.txt"
    other.write_text("not an export")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    wizard.files_page.dropEvent(event)
    qtbot.waitUntil(lambda: bool(wizard.files) and not wizard.files[0].busy, timeout=5000)
    assert [f.name for f in wizard.files] == ["dropped.csv"] and _file_row(wizard)[2] == "1"


def test_a_channel_of_the_files_platform_can_be_chosen(qtbot, wizard, demo_store, tmp_path, monkeypatch):  # noqa: ANN001
    from orderdesk.services.channels import add_channel

    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    add_channel(demo_store.make_uow, "admin", "pdd", "pdd-wizard", "key", "secret")
    add_channel(demo_store.make_uow, "admin", "taobao", "tb-main", "key", "secret")
    w = ImportWizard(demo_store.make_uow, wizard.files_page.jobs, "zh_CN", "admin")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.files_page.channel.count() == 3, timeout=5000)
    _add(qtbot, w, pdd_csv(tmp_path / "pdd.csv", pdd_row("C1")))
    combo = w.files_page.channel
    assert [combo.itemText(i) for i in range(combo.count())] == ["按文件自动识别（各平台的文件导入店铺）",
                                                                 "pdd-wizard（拼多多）"]  # fmt: skip
    combo.setCurrentIndex(1)
    _to_preview(qtbot, w)
    assert _import(qtbot, w) == 1
    assert order_detail(demo_store.make_uow, "system", "PDDC1").row.shop_name == "pdd-wizard"


@pytest.mark.parametrize("ui_lang", ["en"], indirect=True)
def test_the_wizard_speaks_english(qtbot, wizard, tmp_path):  # noqa: ANN001
    _add(qtbot, wizard, pdd_csv(tmp_path / "pdd.csv", pdd_row("E1"), pdd_row("E2", qty="x")))
    assert _file_row(wizard)[1:] == ["Pinduoduo order export", "2", "Ready"]
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    table = wizard.mapping_page.panels[0].table
    assert table.item(table.keys.index("receiver_name"), 0).text() == "Receiver"
    _to_preview(qtbot, wizard)
    view = wizard.preview_page.view
    assert view.problems.item(0, 3).text() == "Quantity 'x' is not a valid number"
    assert view.tabs.tabText(0) == "Rows not imported (1)"


def test_the_orders_view_offers_the_import_to_roles_that_may_import(qtbot, demo_store, jobs, ui_lang, login,
                                                                    tmp_path):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("admin"), "test.db")
    qtbot.addWidget(w)
    w.show()
    w.orders.search.setText("PDDV1")
    w.orders.apply_filters()
    qtbot.waitUntil(lambda: not w.orders.model.loading and not jobs.busy, timeout=5000)
    assert w.orders.model.rows == []
    button = w.orders.import_button
    assert button.objectName() == "importOrders" and button.text() == "导入订单文件…" and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wizard = w.orders.import_wizard
    assert wizard is not None and wizard.isVisible()
    _add(qtbot, wizard, pdd_csv(tmp_path / "pdd.csv", pdd_row("V1")))
    _to_preview(qtbot, wizard)
    _import(qtbot, wizard)
    qtbot.waitUntil(lambda: any(r.order_no == "PDDV1" for r in w.orders.model.rows), timeout=5000)
    packer = MainWindow(demo_store.make_uow, jobs, ui_lang, login("packer1"), "test.db")
    qtbot.addWidget(packer)
    packer.show()
    assert not packer.orders.import_button.isVisible()
