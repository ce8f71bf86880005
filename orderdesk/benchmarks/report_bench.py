"""Dashboard and report figures on a large database: N orders paid over the last year, each with
the timeline a real one gets (created, allocated, packed with its scans, shipped, confirmed,
delivered; a few refunded, some with credit notes), written in bulk into the real schema (the
services would take hours to make a year); then the dashboard's first paint, an update after a
change from another connection, `report kpi` for the last month and the reconciliation export of
one channel's month are timed through the same code the app and the CLI run."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from ..bootstrap import open_store
from ..demo.seed import DEMO_PASSWORD, DEMO_USERS, load_demo_master_data
from ..domain.kpi import Bucket, KpiQuery
from ..services.reports import export_reconciliation, kpi_report
from ..services.users import seed_demo_users
from ..store import models as m
from ..store.models_credit import CreditNoteRow

CHUNK = 20_000
BLANK_ORDER = {"receiver_name": "张*", "receiver_phone": "138****0000", "province_raw": "江苏", "province": "江苏",
               "city": "苏州市", "district": "", "street": "", "address_detail": "", "buyer_note": "", "seller_note": "",
               "hold_reason": ""}
SKUS = [("BASIN-FOLD-32-BLU", 2990), ("STOR-BOX-L-WHT", 4590), ("CLN-BAG-100", 990)]
COURIERS = [("ZTO", "7310{:010d}"), ("YTO", "YT{:013d}")]


@dataclass
class ReportBenchResult:
    orders: int
    events: int
    scans: int
    fill_s: float
    dashboard_first_paint_ms: float
    dashboard_update_ms: float
    kpi_month_s: float
    kpi_month_orders: int
    reconciliation_month_s: float
    reconciliation_rows: int


def as_dict(r: ReportBenchResult) -> dict[str, object]:
    return asdict(r)


def run_report_bench(n: int = 1_000_000, progress: Callable[[str], None] = print) -> ReportBenchResult:
    work = Path(tempfile.mkdtemp(prefix="orderdesk-report-bench-"))
    try:
        store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)
        try:
            progress(f"report benchmark: {n:,} orders paid over a year, with their timelines …")
            t = time.perf_counter()
            events, scans = _fill(store, n, progress)
            fill_s = time.perf_counter() - t
            paint = _first_paint(store)
            update = _update_after_change(store)
            now = datetime.now(UTC)
            q = KpiQuery(now - timedelta(days=30), now, Bucket.DAY)
            t = time.perf_counter()
            rep = kpi_report(store.make_uow, "system", q)
            kpi_s = time.perf_counter() - t
            t = time.perf_counter()
            rec = export_reconciliation(store.make_uow, "system", now - timedelta(days=30), now, work / "rec.xlsx", "taobao")
            rec_s = time.perf_counter() - t
        finally:
            store.close()
        rows = len(rec.sales.get("taobao", [])) + len(rec.notes.get("taobao", []))
        month = sum(int(r["paid_orders"]) for r in rep.rows)
        return ReportBenchResult(n, events, scans, round(fill_s, 1), round(paint * 1000, 1), round(update * 1000, 1),
                                 round(kpi_s, 2), month, round(rec_s, 2), rows)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fill(store, n: int, progress: Callable[[str], None]) -> tuple[int, int]:  # noqa: ANN001, C901
    load_demo_master_data(store.make_uow)
    seed_demo_users(store.make_uow, "system", DEMO_USERS, DEMO_PASSWORD)
    rnd = random.Random(16)
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=365)
    with store.engine.begin() as conn:
        shops = [(r.id, r.channel) for r in conn.execute(select(m.Shop.id, m.Shop.channel))]
        whs = [r[0] for r in conn.execute(select(m.Warehouse.id))]
        users = {r.username: r.id for r in conn.execute(select(m.User.id, m.User.username))}
        conn.execute(insert(m.Customer), [{"key": f"bench-{i}", "channel": "taobao", "created_at": start}
                                          for i in range(1000)])  # fmt: skip
        cust = [r[0] for r in conn.execute(select(m.Customer.id))]
    packers = [users.get("packer1", 1), users.get("packer2", 1)]
    events = scans = 0
    oid = line_id = ship_id = ev_id = 0
    for first in range(0, n, CHUNK):
        o_rows, l_rows, s_rows, sl_rows, e_rows, p_rows, cn_rows = [], [], [], [], [], [], []
        for i in range(first, min(n, first + CHUNK)):
            oid += 1
            paid = start + timedelta(seconds=int(365 * 86400 * i / n) + rnd.randint(0, 60))
            shop, channel = shops[i % len(shops)]
            wh = whs[i % len(whs)]
            lines = [SKUS[rnd.randrange(3)] for _ in range(1 + (i % 3 == 0))]
            goods = [p * (1 + (k % 2)) for k, (_s, p) in enumerate(lines)]
            age = now - paid
            packed = paid + timedelta(minutes=rnd.randint(30, 600))
            shipped = packed + timedelta(minutes=rnd.randint(30, 300))
            stage = 0 if age < timedelta(hours=1) else (1 if packed > now else (2 if shipped > now else 3))
            refund = rnd.random() < 0.03
            status = ["PAID", "ALLOCATED", "PACKED", "DELIVERED"][stage] if not refund else "INTERCEPTED"
            o_rows.append({"id": oid, "order_no": f"B{oid:08d}", "channel": channel, "platform_order_id": str(oid),
                           "shop_id": shop, "customer_id": cust[i % len(cust)], "warehouse_id": wh if stage else None,
                           "status": status, "trade_state": "PAID", "refund_state": "REFUNDED" if refund else "NONE",
                           "paid_at": paid, "channel_modified_at": paid, "created_at": paid, "updated_at": paid,
                           "version": 1, "total_fen": sum(goods) + 800, "freight_fen": 800, "discount_fen": 0,
                           "extras": {}, "tags": [], "ship_by": paid + timedelta(hours=48), "ship_by_source": "default", **BLANK_ORDER})
            lids = []
            for k, ((sku, price), paid_fen) in enumerate(zip(lines, goods, strict=True)):
                line_id += 1
                lids.append((line_id, sku, 1 + (k % 2)))
                l_rows.append({"id": line_id, "order_id": oid, "line_no": k + 1, "sku": sku, "title": sku,
                               "quantity": 1 + (k % 2), "unit_price_fen": price, "paid_fen": paid_fen,
                               "platform_line_id": "", "is_gift": False})
            e_rows.append(_ev(oid, paid, "CREATED", None, "PAID", channel, {}))
            if stage >= 1:
                ship_id += 1
                courier, shape = COURIERS[i % 2]
                s_rows.append({"id": ship_id, "order_id": oid, "seq": 1, "warehouse_id": wh, "status": "PACKED" if stage >= 2 else "ALLOCATED",
                               "created_at": paid, "courier_code": courier if stage >= 2 else "",
                               "waybill_no": shape.format(oid) if stage >= 2 else None})
                sl_rows += [{"shipment_id": ship_id, "order_line_id": lid, "quantity": q} for lid, _s, q in lids]
                e_rows.append(_ev(oid, paid + timedelta(seconds=5), "TRANSITION", "PAID", "ALLOCATED", "",
                                  {"event": "ALLOCATE", "warehouses": [str(wh)]}))
            if stage >= 2:
                who = packers[i % 2]
                station = f"S{wh}-{1 + i % 2}"
                p_rows.append(_scan(packed - timedelta(seconds=40), station, who, oid, ship_id, f"B{oid:08d}", "", 0, "opened"))
                for _lid, sku, q in lids:
                    p_rows += [_scan(packed - timedelta(seconds=30 - j), station, who, oid, ship_id, sku, sku, 1, "item")
                               for j in range(q)]
                p_rows.append(_scan(packed, station, who, oid, ship_id, sku, sku, 0, "packed"))
                if rnd.random() < 0.02:
                    p_rows.append(_scan(packed, station, who, None, None, "X", "", 0, "refused:unknown"))
                e_rows.append(_ev(oid, packed, "TRANSITION", "ALLOCATED", "PACKED", f"station:{station}", {"event": "PACK"}, who))
            if stage >= 3:
                waybill = COURIERS[i % 2][1].format(oid)
                e_rows.append(_ev(oid, shipped, "TRANSITION", "PACKED", "SHIPPED", "", {"event": "SHIP", "waybill": waybill}))
                e_rows.append(_ev(oid, shipped + timedelta(minutes=3), "CONFIRM", None, None, "", {"step": "accepted", "waybill": waybill}))
                e_rows.append(_ev(oid, shipped + timedelta(days=2), "TRANSITION", "SHIPPED", "DELIVERED", "", {"event": "DELIVER"}))
            if refund:
                at = paid + timedelta(minutes=20)
                e_rows.append(_ev(oid, at, "TRANSITION", "ALLOCATED" if stage else "PAID", "INTERCEPTED", "买家退款",
                                  {"event": "REQUEST_REFUND"}))
                cn_rows.append({"number": f"CN{oid:08d}"[:16], "year": at.year, "seq": oid, "kind": "credit", "order_id": oid,
                                "order_no": f"B{oid:08d}", "channel": channel, "buyer": "", "issued_at": at + timedelta(hours=2),
                                "user_id": 1, "reason": "退款", "goods_fen": -goods[0], "freight_fen": 0, "total_fen": -goods[0]})
        with store.engine.begin() as conn:
            for model, rows in ((m.Order, o_rows), (m.OrderLineRow, l_rows), (m.Shipment, s_rows),
                                (m.ShipmentLine, sl_rows), (m.OrderEventRow, e_rows), (m.PackScan, p_rows),
                                (CreditNoteRow, cn_rows)):  # fmt: skip
                if rows:
                    _bulk(conn, model.__tablename__, rows)
        events += len(e_rows)
        scans += len(p_rows)
        progress(f"  {min(n, first + CHUNK):,} orders, {events:,} events, {scans:,} scans")
    del ev_id
    return events, scans


def _bulk(conn, table: str, rows: list[dict[str, object]]) -> None:  # noqa: ANN001
    """Raw executemany in the columns' stored forms (UTC text, JSON text): the ORM's per-value
    processing would take most of the fill time."""
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.exec_driver_sql(sql, [tuple(_stored(r[c]) for c in cols) for r in rows])


def _stored(v: object) -> object:
    if isinstance(v, datetime):
        return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _ev(oid: int, at: datetime, kind: str, frm: str | None, to: str | None, reason: str, details: dict,
        user: int = 1) -> dict[str, object]:  # fmt: skip
    return {"order_id": oid, "at": at, "user_id": user, "kind": kind, "from_status": frm, "to_status": to,
            "reason": reason, "details": details}  # fmt: skip


def _scan(at: datetime, station: str, user: int, oid: int | None, sid: int | None, code: str, sku: str, qty: int,
          verdict: str) -> dict[str, object]:  # fmt: skip
    return {"at": at, "station": station, "user_id": user, "order_id": oid, "shipment_id": sid, "code": code,
            "sku": sku, "quantity": qty, "verdict": verdict}


def _first_paint(store) -> float:  # noqa: ANN001
    """From building the dashboard page to its first snapshot painted (offscreen Qt)."""
    from ..gui.app import make_qapplication  # noqa: PLC0415 - Qt only for this figure
    from ..gui.jobs import JobRunner  # noqa: PLC0415
    from ..gui.models.dashboard_model import DashboardModel  # noqa: PLC0415
    from ..gui.views.dashboard_view import DashboardView  # noqa: PLC0415

    app = make_qapplication()
    jobs = JobRunner()
    t = time.perf_counter()
    model = DashboardModel(store.make_uow, jobs, "system", "zh_CN", None)
    view = DashboardView(model, store.make_uow, jobs, "zh_CN", "system")
    view.resize(1280, 800)
    view.show()
    while model.snapshot is None and time.perf_counter() - t < 60:
        app.processEvents()
        time.sleep(0.001)
    view.repaint()
    took = time.perf_counter() - t
    model.stop()
    jobs.wait()
    view.close()
    return took


def _update_after_change(store) -> float:  # noqa: ANN001
    """Another connection cancels an order; the time until the dashboard model has the new snapshot."""
    from ..domain.lifecycle import OrderEvent  # noqa: PLC0415
    from ..gui.app import make_qapplication  # noqa: PLC0415
    from ..gui.jobs import JobRunner  # noqa: PLC0415
    from ..gui.models.dashboard_model import DashboardModel  # noqa: PLC0415
    from ..services.orders import change_status  # noqa: PLC0415

    app = make_qapplication()
    jobs = JobRunner()
    model = DashboardModel(store.make_uow, jobs, "system", "zh_CN", store.change_feed)
    model.start()
    deadline = time.perf_counter() + 60
    while (model.snapshot is None or not model.watcher.isRunning()) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    time.sleep(0.3)
    before = model.loaded_at
    with store.make_uow() as uow:
        order_no = uow.dashboard.alert_items("unpacked", datetime.now(UTC), 0.0)[0]
    done: list[float] = []
    threading.Thread(target=lambda: (change_status(store.make_uow, order_no, OrderEvent.CANCEL, "system", "bench"),
                                     done.append(time.monotonic()))).start()  # fmt: skip
    while (not done or model.loaded_at <= done[0]) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    took = model.loaded_at - done[0] if done and model.loaded_at > before else float("nan")
    model.stop()
    jobs.wait()
    return took
