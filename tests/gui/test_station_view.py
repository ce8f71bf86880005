"""The pack station screen, driven as a USB scanner drives it: codes typed key by key, each ended by
Enter. A good parcel goes green and PACKED and its label job leaves at once; every refusal is red,
says why, and changes nothing in the database; fast scans are queued, never lost or merged."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from orderdesk.demo.catalog import PRODUCTS
from orderdesk.demo.rules import DEMO_RULES
from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.gui.qt import QApplication, QEvent, QInputMethodEvent, QKeyEvent, QSettings, Qt
from orderdesk.gui.views.station_feedback import GREEN, RED
from orderdesk.gui.views.station_override_dialog import OverrideDialog
from orderdesk.gui.views.station_setup_dialog import StationSetup
from orderdesk.gui.views.station_view import StationView
from orderdesk.printing import PrintMethod, PrintResult
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.labels import orders_awaiting_labels
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.packing import PackStation
from orderdesk.services.ports import AuditFilter
from orderdesk.services.rule_sets import save_rule_set
from orderdesk.services.users import issue_badge
from tests.helpers.cups import cups_server  # noqa: F401  (session fixture)
from tests.helpers.pdf_tools import pdf_text

WH = "SZ-SUZHOU"
EAN = {p.sku: p.ean13 for p in PRODUCTS}


@pytest.fixture
def allocated(demo_store):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, note="t")
    allocate_orders(demo_store.make_uow, "system")
    return demo_store


@pytest.fixture
def parcels(allocated) -> dict[str, list[tuple[str, int]]]:  # noqa: ANN001
    """Allocated orders with one parcel, from this station's warehouse: {order_no: [(sku, qty)]}."""
    out = {}
    for order_no in orders_awaiting_labels(allocated.make_uow, "system", WH)[:60]:
        shipments = order_detail(allocated.make_uow, "system", order_no).shipments
        if len(shipments) == 1 and shipments[0][0] == WH:
            out[order_no] = shipments[0][1]
    assert len(out) >= 5
    return out


class FakePrinter:
    """Stands in for `send_label`: records when each label job started; optionally fails."""

    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, float]] = []
        self.error = error

    def __call__(self, make_uow, actor: str, order_no: str, printer: str | None,  # noqa: ANN001
                 warehouse: str | None = None) -> list[PrintResult]:
        self.calls.append((order_no, time.monotonic()))
        if self.error is not None:
            raise self.error
        return [PrintResult("BenchPrinter", PrintMethod.QT, 1, 1, f"OrderDesk {order_no}")]


@pytest.fixture
def settings(tmp_path) -> QSettings:  # noqa: ANN001
    s = QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)
    StationSetup(WH, "bench-1", "", True).save(s)
    return s


@pytest.fixture
def view(qtbot, allocated, jobs, ui_lang, settings) -> Iterator[StationView]:  # noqa: ANN001
    v = StationView(allocated.make_uow, jobs, ui_lang, "packer1", "打包员一 (packer1)", settings=settings)
    v.labels.send = FakePrinter()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    v.activateWindow()
    qtbot.waitUntil(v.scan_field.hasFocus, timeout=5000)
    yield v
    qtbot.waitUntil(lambda: not v.busy and not v.queue, timeout=10_000)
    v.labels.wait()
    jobs.wait()


def scan(qtbot, view: StationView, code: str) -> None:  # noqa: ANN001
    """What a USB scanner does: the code's keys, then Enter."""
    qtbot.keyClicks(view.scan_field, code)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)


def scan_and_wait(qtbot, view: StationView, code: str):  # noqa: ANN001, ANN201 - a Verdict
    before = len(view.verdicts)
    scan(qtbot, view, code)
    qtbot.waitUntil(lambda: len(view.verdicts) > before and not view.busy, timeout=10_000)
    return view.verdicts[-1]


def ime_commit(widget, words: str) -> None:  # noqa: ANN001
    """What an input method sends when the user picks a word: one commit event."""
    event = QInputMethodEvent("", [])
    event.setCommitString(words)
    QApplication.sendEvent(widget, event)


def db_state(store, order_no: str) -> tuple:  # noqa: ANN001
    """What a refusal must not change: the order's status and version, its parcels, their stock."""
    with store.engine.connect() as conn:
        order = conn.execute(text("SELECT id, status, version, updated_at FROM orders WHERE order_no = :n"),
                             {"n": order_no}).one()  # fmt: skip
        parcels = conn.execute(text("SELECT id, status, waybill_no, label_prints FROM shipments WHERE order_id = :i "
                                    "ORDER BY id"), {"i": order.id}).all()  # fmt: skip
        stock = conn.execute(text("SELECT * FROM stock ORDER BY 1")).all() if _has_table(conn, "stock") else []
    return tuple(order), tuple(map(tuple, parcels)), tuple(map(tuple, stock))


def _has_table(conn, name: str) -> bool:  # noqa: ANN001
    return conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": name}).scalar() == 1


def status(store, order_no: str) -> str:  # noqa: ANN001
    return order_detail(store.make_uow, "system", order_no).row.status


def items_of(lines: list[tuple[str, int]]) -> list[str]:
    return [EAN[sku] for sku, qty in lines for _ in range(qty)]


# -- the good path ---------------------------------------------------------------------------------------


def test_a_parcel_scanned_item_by_item_is_packed_green_and_its_label_leaves_at_once(qtbot, view, allocated, parcels):  # noqa: ANN001
    order_no, lines = max(parcels.items(), key=lambda kv: (any(s.startswith("GIFT") for s, _ in kv[1]),
                                                           max(q for _, q in kv[1])))  # fmt: skip
    opened = scan_and_wait(qtbot, view, order_no)
    assert opened.kind == "opened" and view.banner.colour == GREEN and view.banner.text() == "请扫描商品"
    assert view.panel.order_no == order_no
    shown = view.panel.lines()
    assert [(sku, needed, scanned) for sku, needed, scanned, _gift in shown] == [(s, q, 0) for s, q in lines]
    assert [gift for *_rest, gift in shown] == [s.startswith("GIFT") for s, _ in lines]
    codes = []
    for sku, qty in lines:  # a many-of-one line takes the quantity shortcut "N*code"
        codes.append(f"{qty}*{EAN[sku]}" if qty > 1 else EAN[sku])
    for code in codes[:-1]:
        verdict = scan_and_wait(qtbot, view, code)
        assert verdict.kind == "item" and view.banner.colour == GREEN and view.sounds.played[-1] == "ok"
    typed_at = time.monotonic()
    last = scan_and_wait(qtbot, view, codes[-1])
    assert last.kind == "packed" and last.state == "PACKED" and status(allocated, order_no) == "PACKED"
    assert view.banner.colour == GREEN and "已打包" in view.banner.text() and view.sounds.played[-1] == "packed"
    assert all(scanned == needed for _sku, needed, scanned, _gift in view.panel.lines())
    # The job is handed to the pool as soon as the packed verdict is in (its delay is printed as a
    # figure, not a pass mark); the pool runs it a moment later.
    submitted = view.labels.sent_at[order_no]
    qtbot.waitUntil(lambda: len(view.labels.send.calls) == 1, timeout=10_000)
    [(printed_order, started)] = view.labels.send.calls
    assert printed_order == order_no and typed_at <= submitted <= started
    print(f"label job submitted {1000 * (submitted - typed_at):.0f} ms after the last item scan was typed")
    qtbot.waitUntil(lambda: "已打印" in view.print_state.text(), timeout=10_000)
    [entry] = [a for a in audit_trail(allocated.make_uow, "admin", AuditFilter(object_type="label"), include_orders=False)]
    assert entry.action == "label.print" and entry.details["orders"] == [order_no]
    ready = scan_and_wait(qtbot, view, next(n for n in parcels if n != order_no))
    assert ready.kind == "opened", "after PACKED the screen takes the next order at once"


def test_the_status_strip_names_station_warehouse_printer_and_user(view):  # noqa: ANN001
    strip = view.status_strip.text()
    for part in ("bench-1", WH, "打包员一 (packer1)", "打印机"):
        assert part in strip


# -- refusals: red, the reason, nothing changed -------------------------------------------------------------


def _two_sku_order(parcels: dict) -> tuple[str, list[tuple[str, int]]]:
    return next((n, lines) for n, lines in parcels.items() if len(lines) >= 2)


@pytest.mark.parametrize("mistake, words, sound", [
    ("wrong_item", "不是本订单的商品", "say_wrong_item"),
    ("too_many", "多了", "say_too_many"),
    ("unknown_barcode", "无法识别的条码", "say_unknown_barcode"),
])  # fmt: skip
def test_item_mistakes_are_refused_red_and_change_nothing(qtbot, view, allocated, parcels, mistake, words, sound):  # noqa: ANN001
    order_no, lines = _two_sku_order(parcels)
    scan_and_wait(qtbot, view, order_no)
    first_sku, first_qty = lines[0]
    for code in [EAN[first_sku]] * first_qty:
        assert scan_and_wait(qtbot, view, code).ok
    before, shown = db_state(allocated, order_no), view.panel.lines()
    if mistake == "wrong_item":
        code = EAN[next(p.sku for p in PRODUCTS if p.sku not in dict(lines))]
    elif mistake == "too_many":
        code = EAN[first_sku]
    else:
        code = "NOT-A-CODE-42"
    verdict = scan_and_wait(qtbot, view, code)
    assert not verdict.ok and verdict.refusal == mistake
    assert view.banner.colour == RED and words in view.banner.text() and view.sounds.played[-1] == sound
    assert view.recent.item(0).text().split("\n")[0].endswith(f"✗ {code}")
    assert db_state(allocated, order_no) == before and view.panel.lines() == shown


def _claimed_elsewhere(store, order_no: str, lines: list) -> None:  # noqa: ANN001
    assert PackStation(store.make_uow, "packer2", WH, "bench-2").scan(order_no).ok


def _intercepted(store, order_no: str, lines: list) -> None:  # noqa: ANN001
    change_status(store.make_uow, order_no, OrderEvent.REQUEST_REFUND, "cs1", reason="买家申请退款")


def _cancelled(store, order_no: str, lines: list) -> None:  # noqa: ANN001
    _intercepted(store, order_no, lines)
    change_status(store.make_uow, order_no, OrderEvent.CANCEL, "cs1", reason="已退款")


def _packed(store, order_no: str, lines: list) -> None:  # noqa: ANN001
    other = PackStation(store.make_uow, "packer2", WH, "bench-2")
    assert other.scan(order_no).ok
    assert [other.scan(sku) for sku, qty in lines for _ in range(qty)][-1].kind == "packed"


@pytest.mark.parametrize("how, before_hand, words, sound", [
    ("claimed", _claimed_elsewhere, "工位 bench-2 正在打包此订单", "say_claimed"),
    ("intercepted", _intercepted, "退款订单，请拦截", "say_intercepted"),
    ("cancelled", _cancelled, "已取消", "say_cancelled"),
    ("packed", _packed, "已打包，请勿重复打包", "say_packed"),
])  # fmt: skip
def test_orders_that_must_not_be_packed_here_are_refused_red(qtbot, view, allocated, parcels, how, before_hand,  # noqa: ANN001
                                                              words, sound):  # fmt: skip
    order_no, lines = next(iter(parcels.items()))
    before_hand(allocated, order_no, lines)
    before = db_state(allocated, order_no)
    verdict = scan_and_wait(qtbot, view, order_no)
    assert not verdict.ok and verdict.refusal == how and verdict.order == order_no
    assert view.banner.colour == RED and words in view.banner.text(), view.banner.text()
    assert view.sounds.played[-1] == sound
    assert db_state(allocated, order_no) == before
    assert view.panel.lines() == [], "a refused order is not opened"


def test_a_lost_database_is_said_as_such_not_as_order_not_found(qtbot, view, parcels):  # noqa: ANN001
    def gone(write: bool = False):  # noqa: ANN202
        err = DomainError("与数据库的连接中断（server closed the connection），操作未完成，请检查网络后重试。",
                          "The connection to the database was lost")  # fmt: skip
        err.connection_lost = True  # type: ignore[attr-defined]
        raise err

    view.station.make_uow = gone
    verdict = scan_and_wait(qtbot, view, next(iter(parcels)))
    assert verdict.refusal == "db_lost" and view.banner.colour == RED
    assert "数据库连接中断" in view.banner.text() and "找不到" not in view.banner.text()
    assert view.sounds.played[-1] == "say_db_lost"


# -- fast scanning, input methods ----------------------------------------------------------------------------


def test_ten_scans_typed_back_to_back_are_all_processed_in_order(qtbot, view, allocated, parcels):  # noqa: ANN001
    order_no, lines = max(parcels.items(), key=lambda kv: sum(q for _, q in kv[1]))
    items = items_of(lines)
    codes = [order_no] + items + [f"BAD-{i:02d}" for i in range(9 - len(items))]
    assert len(codes) == 10
    deepest = 0
    for code in codes:  # no waiting between scans: the verdicts come back while the next keys arrive
        scan(qtbot, view, code)
        deepest = max(deepest, len(view.queue))
    qtbot.waitUntil(lambda: len(view.verdicts) == 10 and not view.busy, timeout=20_000)
    assert deepest >= 5, "the scans were typed faster than they were answered"
    assert [v.scan for v in view.verdicts] == codes
    assert [v.kind for v in view.verdicts][: len(items) + 1] == ["opened"] + ["item"] * (len(items) - 1) + ["packed"]
    assert status(allocated, order_no) == "PACKED"


def test_an_input_method_commit_during_a_scan_does_not_mangle_it(qtbot, view, parcels):  # noqa: ANN001
    order_no = next(iter(parcels))
    field = view.scan_field
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    qtbot.keyClicks(field, order_no[:6])
    ime_commit(field, "你好")  # an IME left on composes a word mid-scan
    qtbot.keyClicks(field, order_no[6:])
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.verdicts) == 1, timeout=10_000)
    assert view.verdicts[0].scan == order_no and view.verdicts[0].kind == "opened"


def test_full_width_characters_from_an_input_method_are_read_as_the_code(qtbot, view, parcels):  # noqa: ANN001
    order_no = next(iter(parcels))
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in order_no)  # ＴＢ１２…
    for ch in wide:  # what a full-width IME delivers: key events carrying the wide characters
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view.scan_field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    assert view.scan_field.text() == wide
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.verdicts) == 1, timeout=10_000)
    assert view.verdicts[0].kind == "opened" and view.verdicts[0].order == order_no


def test_tab_ends_a_scan_too_and_keeps_the_focus(qtbot, view, parcels):  # noqa: ANN001
    order_no = next(iter(parcels))
    qtbot.keyClicks(view.scan_field, order_no)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(view.verdicts) == 1, timeout=10_000)
    assert view.verdicts[0].kind == "opened" and view.scan_field.hasFocus()


# -- undo, leave, override --------------------------------------------------------------------------------


def test_ctrl_z_takes_the_last_item_back(qtbot, view, parcels):  # noqa: ANN001
    order_no, lines = _two_sku_order(parcels)
    scan_and_wait(qtbot, view, order_no)
    scan_and_wait(qtbot, view, EAN[lines[0][0]])
    assert view.panel.lines()[0][2] == 1
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.verdicts[-1].kind == "undo", timeout=10_000)
    assert view.panel.lines()[0][2] == 0 and "已撤销" in view.banner.text() and view.scan_field.text() == ""


def test_esc_puts_the_order_back_for_another_station(qtbot, view, allocated, parcels):  # noqa: ANN001
    order_no = next(iter(parcels))
    scan_and_wait(qtbot, view, order_no)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.verdicts[-1].kind == "left", timeout=10_000)
    assert view.panel.order_no is None
    assert PackStation(allocated.make_uow, "packer2", WH, "bench-2").scan(order_no).kind == "opened"


def test_f9_a_leads_badge_and_a_reason_seal_a_short_parcel_and_the_focus_comes_back(qtbot, view, allocated, parcels):  # noqa: ANN001
    order_no, lines = _two_sku_order(parcels)
    badge = issue_badge(allocated.make_uow, "admin", "lead")
    scan_and_wait(qtbot, view, order_no)
    scan_and_wait(qtbot, view, EAN[lines[0][0]])
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F9)
    dialog = view.dialog
    assert isinstance(dialog, OverrideDialog)
    qtbot.waitUntil(dialog.badge.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.badge, badge)
    qtbot.keyClick(dialog.badge, Qt.Key.Key_Return)
    assert dialog.reason.hasFocus() and dialog.badge_code == badge
    ime_commit(dialog.reason, "缺货，客户同意少发")  # Chinese comes in through the input method, here it may
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.verdicts[-1].kind == "packed", timeout=10_000)
    assert status(allocated, order_no) == "PACKED" and view.banner.colour == GREEN
    [entry] = [a for a in audit_trail(allocated.make_uow, "admin", AuditFilter(object_type="order"), include_orders=False)
               if a.action == "pack.override"]  # fmt: skip
    assert entry.details["reason"] == "缺货，客户同意少发" and entry.object_id == order_no
    qtbot.waitUntil(view.scan_field.hasFocus, timeout=5000)
    assert scan_and_wait(qtbot, view, next(n for n in parcels if n != order_no)).kind == "opened"


def test_a_packers_own_badge_does_not_override(qtbot, view, allocated, parcels):  # noqa: ANN001
    order_no = next(iter(parcels))
    scan_and_wait(qtbot, view, order_no)
    before = db_state(allocated, order_no)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F9)
    dialog = view.dialog
    qtbot.keyClicks(dialog.badge, issue_badge(allocated.make_uow, "admin", "packer2"))
    qtbot.keyClick(dialog.badge, Qt.Key.Key_Return)
    ime_commit(dialog.reason, "试试")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.verdicts[-1].scan == "OVERRIDE", timeout=10_000)
    assert not view.verdicts[-1].ok and view.banner.colour == RED and db_state(allocated, order_no) == before
    qtbot.waitUntil(view.scan_field.hasFocus, timeout=5000)


# -- printing outcome, throughput ------------------------------------------------------------------------------


def test_a_label_that_fails_to_print_is_said_in_red_and_the_order_stays_packed(qtbot, view, allocated, parcels):  # noqa: ANN001
    from orderdesk.printing import PrintError

    view.labels.send = FakePrinter(PrintError("打印机「面单机」缺纸", "Printer out of paper"))
    order_no, lines = next(iter(parcels.items()))
    scan_and_wait(qtbot, view, order_no)
    for code in items_of(lines):
        scan_and_wait(qtbot, view, code)
    qtbot.waitUntil(lambda: "面单未打印" in view.print_state.text(), timeout=10_000)
    assert "面单未打印，请在面单打印页重打" in view.print_state.text() and "缺纸" in view.print_state.text()
    assert status(allocated, order_no) == "PACKED"
    assert view.banner.colour == RED and view.banner.text() == "已打包，但面单未打印"  # packed, yet act now


def test_a_station_not_set_up_asks_for_its_setup_once_and_remembers_it(qtbot, allocated, jobs, ui_lang, tmp_path):  # noqa: ANN001
    blank = QSettings(str(tmp_path / "blank.ini"), QSettings.Format.IniFormat)
    blank.setValue("station/name", "bench-9")
    v = StationView(allocated.make_uow, jobs, ui_lang, "packer1", settings=blank)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.dialog is not None, timeout=10_000)
    dialog = v.dialog
    assert dialog.warehouse.count() == 4 and dialog.name.text() == "bench-9"
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData(WH))
    dialog.sounds.setChecked(False)
    dialog._accept()
    qtbot.waitUntil(lambda: v.station is not None, timeout=5000)
    again = StationSetup.load(QSettings(str(tmp_path / "blank.ini"), QSettings.Format.IniFormat))
    assert again == StationSetup(WH, "bench-9", "", False) and not v.sounds.enabled
    qtbot.waitUntil(v.scan_field.hasFocus, timeout=5000)


def test_throughput_shows_parcels_and_refusals_per_station_and_hour(qtbot, allocated, jobs, ui_lang, parcels):  # noqa: ANN001
    from orderdesk.gui.views.throughput_view import ThroughputView

    (a, lines_a), (b, lines_b) = list(parcels.items())[:2]
    for station, order_no, lines in (("bench-1", a, lines_a), ("bench-2", b, lines_b)):
        packer = PackStation(allocated.make_uow, "packer1", WH, station)
        packer.scan(order_no)
        for code in items_of(lines):
            packer.scan(code)
    PackStation(allocated.make_uow, "packer1", WH, "bench-2").scan("NOPE")
    v = ThroughputView(allocated.make_uow, jobs, ui_lang, "lead")
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.table.rowCount() == 2, timeout=10_000)
    last = v.table.columnCount() - 1
    assert v.table.horizontalHeaderItem(last).text() == "今日"
    assert v.cell_text("bench-1", last) == "1 / 0" and v.cell_text("bench-2", last) == "1 / 1"
    assert v.timer.isActive()
    v.hide()
    assert not v.timer.isActive(), "no refreshing while nobody looks"


@pytest.mark.slow
def test_the_label_really_prints_on_the_stations_cups_printer(qtbot, view, allocated, parcels, cups_server):  # noqa: ANN001, F811
    from orderdesk.gui.views.station_printing import send_label

    view.labels.send = send_label
    view.setup = StationSetup(WH, "bench-1", cups_server.DIRECT_QUEUE, True)
    order_no, lines = next(iter(parcels.items()))
    before = cups_server.job_ids(cups_server.DIRECT_QUEUE)
    scan_and_wait(qtbot, view, order_no)
    sent: list[float] = []
    view.labels.changed.connect(lambda _o, _t, step: step == "sent" and sent.append(time.monotonic()))
    codes = items_of(lines)
    for code in codes[:-1]:
        scan_and_wait(qtbot, view, code)
    typed_at = time.monotonic()
    scan_and_wait(qtbot, view, codes[-1])
    qtbot.waitUntil(lambda: "已打印" in view.print_state.text() or "未打印" in view.print_state.text(), timeout=60_000)
    print(f"real label job in the CUPS queue {1000 * (sent[0] - typed_at):.0f} ms after the last item scan was typed")
    assert "已打印" in view.print_state.text() and cups_server.DIRECT_QUEUE in view.print_state.text()
    [job] = cups_server.job_ids(cups_server.DIRECT_QUEUE) - before
    assert order_no in pdf_text(cups_server.wait_output(job))
    [entry] = [a for a in audit_trail(allocated.make_uow, "admin", AuditFilter(object_type="label"), include_orders=False)]
    assert entry.details["printer"] == cups_server.DIRECT_QUEUE and entry.details["orders"] == [order_no]


@pytest.mark.parametrize("user, packs", [("packer1", True), ("cs1", False)])
def test_the_pick_and_pack_page_has_the_station_for_packers_and_throughput_for_all(qtbot, demo_store, jobs, ui_lang,  # noqa: ANN001
                                                                                  login, user, packs):  # fmt: skip
    from orderdesk.gui.main_window import MainWindow
    from orderdesk.gui.views.throughput_view import ThroughputView
    from orderdesk.gui.views.not_permitted_view import NotPermittedView

    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login(user), "test.db")
    qtbot.addWidget(w)
    assert [w.pack_tabs.tabText(i) for i in range(w.pack_tabs.count())] == ["验货打包", "产能"]
    assert isinstance(w.pack_tabs.widget(0), StationView if packs else NotPermittedView)
    if not packs:  # the page says this role may not pack and what to ask for, not "coming later"
        message = w.pack_tabs.widget(0).message.text()
        assert "客服" in message and "打包" in message and "后续版本" not in message
    assert isinstance(w.pack_tabs.widget(1), ThroughputView) and (w.station is not None) == packs
    titles = [w.ui.navList.item(i).text() for i in range(w.ui.navList.count())]
    assert w.ui.pages.indexOf(w.pack_tabs) == titles.index("拣货打包")


@pytest.mark.parametrize("user, receives", [("packer1", True), ("finance", False)])
def test_the_returns_page_is_the_desk_or_says_the_role_may_not_receive(qtbot, demo_store, jobs, ui_lang, login,  # noqa: ANN001
                                                                       user, receives):  # fmt: skip
    from orderdesk.gui.main_window import MainWindow
    from orderdesk.gui.views.not_permitted_view import NotPermittedView
    from orderdesk.gui.views.returns_view import ReturnsView

    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login(user), "test.db")
    qtbot.addWidget(w)
    titles = [w.ui.navList.item(i).text() for i in range(w.ui.navList.count())]
    page = w.ui.pages.widget(titles.index("退货入库"))
    assert isinstance(page, ReturnsView if receives else NotPermittedView)
    if not receives:
        assert "财务" in page.message.text() and "退货入库" in page.message.text()


def test_a_restarted_station_reopens_the_order_it_was_packing(qtbot, view, allocated, jobs, ui_lang, settings, parcels):  # noqa: ANN001
    order_no, lines = max(parcels.items(), key=lambda kv: sum(q for _s, q in kv[1]))
    scan_and_wait(qtbot, view, order_no)
    first = EAN[lines[0][0]]
    assert scan_and_wait(qtbot, view, first).kind == "item"
    view.close()  # the PC crashed: the window is gone, the answered scans were committed
    again = StationView(allocated.make_uow, jobs, ui_lang, "packer1", "打包员一 (packer1)", settings=settings)
    again.labels.send = FakePrinter()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: bool(again.verdicts), timeout=10_000)
    resumed = again.verdicts[-1]
    assert resumed.kind == "resumed" and resumed.order == order_no and order_no in again.banner.text()
    assert again.panel.order_no == order_no
    assert [scanned for _sku, _needed, scanned, _gift in again.panel.lines()][0] == 1
    nxt = scan_and_wait(qtbot, again, first if lines[0][1] > 1 else EAN[lines[1][0]] if len(lines) > 1 else first)
    assert nxt.ok and nxt.order == order_no  # the next scan goes into the same parcel
    again.labels.wait()
