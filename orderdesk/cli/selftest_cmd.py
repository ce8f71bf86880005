"""`orderdesk selftest`: prove an installed copy (or a frozen bundle) works end to end, without a screen.

A throw-away SQLite database is created and migrated, demo orders are taken in and allocated, one
parcel is packed at a headless station, its label and a credit note are rendered, the label is
printed to a PDF file through Qt print support, the bundled resources and Qt plugins are loaded and
the main window is built off-screen. Each step prints one line; the first failing step is named and
the command exits 1, so a packaging mistake (a missing plugin, font or migration) fails the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

WAREHOUSE = "SZ-SUZHOU"
DEMO_ORDERS = 30
SEED = 17


@dataclass
class Context:
    """What the steps hand each other: the folder, the store, the packed order, the rendered files."""

    folder: Path
    lang: str
    store: object = None
    packed: str = ""
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    zh: str
    en: str
    run: Callable[[Context], str]


class SelftestFailed(Exception):
    """A step ran but did not get the result it must."""


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    st = verbs.add_parser("selftest", help="check this installation end to end on a throw-away database",
                          parents=[common])  # fmt: skip
    st.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="keep the database and the rendered files in DIR (default: a temporary folder, removed)")
    st.add_argument("--no-window", action="store_true", help="skip building the main window")
    st.set_defaults(handler=run_selftest)


def run_selftest(args: argparse.Namespace) -> int:
    _headless_qt()
    if args.keep is not None and (args.keep.exists() and not args.keep.is_dir() or not args.keep.parent.is_dir()):
        zh = args.lang == "zh_CN"
        raise SystemExit(f"--keep 应为一个文件夹（可以尚不存在，但上级文件夹须存在）：{args.keep}" if zh
                         else f"--keep must be a folder (it may be new, but its parent must exist): {args.keep}")  # fmt: skip
    folder = args.keep or Path(tempfile.mkdtemp(prefix="orderdesk-selftest-"))
    folder.mkdir(exist_ok=True)
    ctx = Context(folder, args.lang)
    _qt_app()
    steps = STEPS[:-1] if args.no_window else STEPS
    zh = args.lang == "zh_CN"
    started = time.monotonic()
    try:
        for n, step in enumerate(steps, 1):
            name = step.zh if zh else step.en
            t0 = time.monotonic()
            try:
                detail = step.run(ctx)
            except Exception as exc:  # noqa: BLE001 - every failure is reported as the step that failed
                _report_failure(n, len(steps), name, exc, zh)
                return 1
            print(f"[{n}/{len(steps)}] OK  {name}: {detail} ({time.monotonic() - t0:.1f} s)", flush=True)
    finally:
        if ctx.store is not None:
            ctx.store.close()  # type: ignore[attr-defined]
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    total = time.monotonic() - started
    print(f"自检通过（{total:.1f} 秒）" if zh else f"Self-test passed ({total:.1f} s)", flush=True)
    return 0


def _report_failure(n: int, total: int, name: str, exc: Exception, zh: bool) -> None:
    print(f"[{n}/{total}] FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
    traceback.print_exc(file=sys.stderr)
    print(f"自检失败：第 {n} 步「{name}」" if zh else f"Self-test failed at step {n}: {name}", file=sys.stderr)


def _headless_qt() -> None:
    """Off-screen Qt where there is no display (CI, a service account); a desktop keeps its own."""
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    if not has_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _qt_app() -> None:
    """One QApplication for the whole run (the window needs widgets); settings are only read."""
    from ..gui.app import make_qapplication

    make_qapplication()


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise SelftestFailed(what)


# --- the steps ------------------------------------------------------------------------------------


def step_database(ctx: Context) -> str:
    from ..bootstrap import open_store

    ctx.store = open_store(f"sqlite:///{ctx.folder / 'selftest.db'}", create=True)
    schema = ctx.store.schema  # type: ignore[attr-defined]
    _check(schema.current == schema.head, f"schema at {schema.current}, expected {schema.head}")
    return f"schema {schema.current}"


def step_intake(ctx: Context) -> str:
    from ..demo.seed import seed_demo

    report = seed_demo(ctx.store.make_uow, DEMO_ORDERS, seed=SEED, with_rules=True)  # type: ignore[attr-defined]
    _check(report.created > 0, "no demo order was taken in")
    return f"{report.created} orders"


def step_allocation(ctx: Context) -> str:
    from ..services.allocation import allocate_orders
    from ..services.labels import orders_awaiting_labels

    report = allocate_orders(ctx.store.make_uow, "system")  # type: ignore[attr-defined]
    waiting = orders_awaiting_labels(ctx.store.make_uow, "system", WAREHOUSE)  # type: ignore[attr-defined]
    _check(bool(waiting), f"no order allocated to {WAREHOUSE}")
    return f"{len(waiting)} orders allocated to {WAREHOUSE}, {report.held} held"


def step_pack(ctx: Context) -> str:
    from ..demo.tracking import pack_demo_parcels
    from ..services.orders import order_detail

    packed = pack_demo_parcels(ctx.store.make_uow, count=1, warehouse=WAREHOUSE)  # type: ignore[attr-defined]
    _check(len(packed) == 1, "the headless station packed no parcel")
    ctx.packed = packed[0]
    status = order_detail(ctx.store.make_uow, "system", ctx.packed).row.status  # type: ignore[attr-defined]
    _check(status == "PACKED", f"{ctx.packed} is {status} after packing")
    return f"{ctx.packed} packed at a headless station"


def step_label(ctx: Context) -> str:
    from ..labels.batch import render_label_batch
    from ..labels.thermal import to_zpl
    from ..services.labels import shipping_labels

    pairs = shipping_labels(ctx.store.make_uow, "system", [ctx.packed])  # type: ignore[attr-defined]
    pdf = render_label_batch(pairs)
    zpl = "".join(to_zpl(d, t) for d, t in pairs)
    _check(pdf.startswith(b"%PDF") and zpl.startswith("^XA"), "the label is not a PDF / ZPL program")
    ctx.files["label.pdf"] = pdf
    (ctx.folder / "label.pdf").write_bytes(pdf)
    (ctx.folder / "label.zpl").write_text(zpl, encoding="utf-8")
    return f"waybill {pairs[0][0].waybill_no}, PDF {len(pdf) // 1024} KB, ZPL {len(zpl)} chars"


def step_credit_note(ctx: Context) -> str:
    """The platform reports a refund for a demo order (intake of its new state), finance credits it."""
    from dataclasses import replace
    from datetime import timedelta

    from ..demo.seed import seeded_orders
    from ..domain.model import RefundState, TradeState
    from ..services.credit_notes import credit_note_pdf, issue_by_hand
    from ..services.intake import intake_orders

    make_uow = ctx.store.make_uow  # type: ignore[attr-defined]
    order = next(o for o in seeded_orders(DEMO_ORDERS, seed=SEED) if o.order_no != ctx.packed)
    refunded = replace(order, trade_state=TradeState.CLOSED, refund_state=RefundState.REFUNDED,
                       modified_at=order.modified_at + timedelta(minutes=5))  # fmt: skip
    intake_orders(make_uow, [refunded], actor="system")
    note = issue_by_hand(make_uow, "system", order.order_no, [], reason="selftest", full=True)
    pdf = credit_note_pdf(make_uow, "system", note.number)
    _check(pdf.startswith(b"%PDF"), "the credit note is not a PDF")
    ctx.files["credit-note.pdf"] = pdf
    (ctx.folder / "credit-note.pdf").write_bytes(pdf)
    return f"{note.number} for {order.order_no}, PDF {len(pdf) // 1024} KB"


def step_pdf(ctx: Context) -> str:
    from ..printing.qt_paint import open_pdf
    from ..printing.qt_printers import ensure_gui_app

    ensure_gui_app()
    pages = []
    for name, data in ctx.files.items():
        doc, _buf = open_pdf(data)  # QtPdf: the module and its PDFium code are in the bundle
        pages.append(f"{name} {doc.pageCount()} p.")
    return ", ".join(pages)


def step_print_to_file(ctx: Context) -> str:
    from ..gui.qt import QPainter, QPrinter
    from ..labels.shipping import plan_shipping_label
    from ..printing.qt_paint import paint_plans
    from ..printing.qt_printers import ensure_gui_app, set_page
    from ..services.labels import shipping_labels

    ensure_gui_app()
    pairs = shipping_labels(ctx.store.make_uow, "system", [ctx.packed])  # type: ignore[attr-defined]
    plans = [plan_shipping_label(d, t) for d, t in pairs]
    out = ctx.folder / "printed-label.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    set_page(printer, (plans[0].width, plans[0].height))
    painter = QPainter()
    _check(painter.begin(printer), "Qt could not open the PDF printer")
    try:
        paint_plans(painter, printer, plans)
    finally:
        painter.end()
    data = out.read_bytes() if out.exists() else b""
    _check(data.startswith(b"%PDF") and len(data) > 1000, f"nothing printed to {out}")
    return f"{out.name}, {len(data) // 1024} KB"


def step_resources(ctx: Context) -> str:
    from ..gui.qt import QFontDatabase, QImageReader, QTranslator, sound_effect_class
    from ..printing.qt_printers import ensure_gui_app
    from ..resources import resource_path

    ensure_gui_app()
    for lang in ("zh_CN", "en"):
        _check(QTranslator().load(str(resource_path("i18n", f"orderdesk_{lang}.qm"))), f"translation {lang} missing")
    font = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    _check(font >= 0, "the bundled CJK font does not load")
    sounds = sorted(resource_path("sounds").glob("*.wav"))
    _check(len(sounds) >= 3, "station sounds missing")
    _check(sound_effect_class() is not None, "Qt Multimedia (station sounds) does not load")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    _check({"png", "jpg", "ico", "svg"} <= formats, f"image format plugins missing (have {sorted(formats)})")
    return f"2 translations, CJK font, {len(sounds)} sounds, multimedia, images {'/'.join(sorted(formats))}"


def step_window(ctx: Context) -> str:
    from ..about import about_info
    from ..store.migrate import head_revision as schema_head
    from ..demo.seed import DEMO_PASSWORD
    from ..gui.jobs import JobRunner
    from ..gui.qt import QApplication
    from ..gui.main_window import MainWindow
    from ..services.users import authenticate

    app = QApplication.instance()
    store = ctx.store
    actor = authenticate(store.make_uow, "admin", DEMO_PASSWORD)  # type: ignore[attr-defined]
    jobs = JobRunner(max_threads=2)
    window = MainWindow(store.make_uow, jobs, ctx.lang, actor, "selftest",  # type: ignore[attr-defined]
                        about=lambda: about_info(store.engine, ctx.lang))  # type: ignore[attr-defined]
    window.show()
    for _ in range(3):  # the first queries run on worker threads; their results arrive as events
        jobs.wait()
        app.processEvents()
    shown = window.isVisible()
    window.ui.actionAbout.trigger()  # Help > About reads the schema revision off the GUI thread
    for _ in range(3):
        jobs.wait()
        app.processEvents()
    about = window.about_box.text() if window.about_box is not None else ""
    _check(schema_head() in about, f"Help > About does not show the schema revision: {about!r}")
    window.close()
    window.deleteLater()
    app.processEvents()
    _check(shown, "the main window did not show")
    return f"main window and Help > About shown on the '{app.platformName()}' platform"


STEPS = [
    Step("数据库：新建并迁移", "database: create and migrate", step_database),
    Step("接单：演示订单", "intake: demo orders", step_intake),
    Step("分仓", "allocation", step_allocation),
    Step("打包：无界面工位", "pack: headless station", step_pack),
    Step("面单", "shipping label", step_label),
    Step("红字凭证", "credit note", step_credit_note),
    Step("PDF 读取（QtPdf）", "PDF reading (QtPdf)", step_pdf),
    Step("打印到文件", "print to file", step_print_to_file),
    Step("资源：翻译、字体、声音、图片格式", "resources: translations, font, sounds, image formats", step_resources),
    Step("主窗口", "main window", step_window),  # last: --no-window drops it
]
