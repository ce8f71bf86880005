"""The service desk at scale: search → first results per kind of query, an order's story with 50
events, and customer tags (built-in recompute, a business tag's preview) over every customer.

The database is filled with plain inserts (1,000,000 orders of 300,000 customers by default: half of
the platforms' phones masked, names drawn from a realistic pool so that names repeat), then every
figure is measured through the services, as the desk and `orderdesk lookup` call them.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from ..bootstrap import open_store
from ..domain.desk import phone_tail
from ..domain.model import Channel, mask_phone
from ..services.customers import preview_tag, recompute_tags
from ..services.desk import order_story, search
from ..store.models import Customer, Order, OrderEventRow, Shipment, Shop, User, Warehouse

CHUNK = 20_000
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
          "秀兰", "霞", "平", "刚", "桂英", "晨", "欣怡", "浩然", "子涵", "雨桐", "宇轩", "梓萱"]  # fmt: skip
_CHANNELS = [Channel.TAOBAO, Channel.PDD, Channel.DOUYIN, Channel.MINIPROGRAM]


@dataclass
class DeskBenchResult:
    backend: str
    orders: int
    customers: int
    fill_s: float
    search_ms: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> p50/p99/max
    story_ms: dict[str, float] = field(default_factory=dict)
    recompute_s: float = 0.0
    preview_s: float = 0.0
    tagged: dict[str, int] = field(default_factory=dict)


def run_desk_bench(n: int = 1_000_000, customers: int = 300_000, samples: int = 200, pg_url: str | None = None,
                   progress: Callable[[str], None] = print, sqlite: bool = True) -> list[DeskBenchResult]:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="orderdesk-desk-bench-"))
    try:
        out = [_one(f"sqlite:///{work / 'desk.db'}", "sqlite", n, customers, samples, progress)] if sqlite else []
        if pg_url:
            out.append(_one(pg_url, "postgresql", n, customers, samples, progress))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one(url: str, backend: str, n: int, customers: int, samples: int,
         progress: Callable[[str], None]) -> DeskBenchResult:  # fmt: skip
    store = open_store(url, create=True)
    try:
        progress(f"desk benchmark ({backend}): {n:,} orders of {customers:,} customers …")
        t0 = time.perf_counter()
        probes = _fill(store.engine, n, customers, random.Random(15), progress)
        result = DeskBenchResult(backend, n, customers, round(time.perf_counter() - t0, 1))
        progress("  searching …")
        for kind, texts in probes.items():
            if kind == "story":
                continue
            result.search_ms[kind] = _timed(lambda t: search(store.make_uow, "system", t, with_story=False), texts[:samples])
        result.story_ms = _timed(lambda no: order_story(store.make_uow, "system", no), probes["story"])
        progress("  recomputing every customer's tags …")
        t = time.perf_counter()
        result.tagged = recompute_tags(store.make_uow, "system")
        result.recompute_s = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        preview_tag(store.make_uow, "system", "累计消费 >= 500 且 订单数 >= 3")
        result.preview_s = round(time.perf_counter() - t, 2)
    finally:
        store.close()
    return result


def _timed(fn: Callable[[str], object], inputs: list[str]) -> dict[str, float]:
    times = []
    for x in inputs:
        t = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50": round(statistics.median(times), 2), "p99": round(times[min(len(times) - 1, int(0.99 * len(times)))], 2),
            "max": round(times[-1], 2), "n": len(times)}  # fmt: skip


def _fill(engine, n: int, customers: int, rng: random.Random, progress: Callable[[str], None]) -> dict[str, list[str]]:  # noqa: ANN001, C901
    """Shops, a warehouse, customers, orders (half with a waybilled parcel), 50 events on 100 orders;
    returns what the buyers of a few random orders would type, per kind of query."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        system = conn.scalar(select(User.id).where(User.username == "system"))
        shops = {}
        for ch in _CHANNELS:
            shops[ch] = conn.execute(insert(Shop).values(channel=ch.value, code=f"bench-{ch.value}",
                                                         name=f"bench {ch.value}", active=True, created_at=now)
                                     .returning(Shop.id)).scalar_one()  # fmt: skip
        wh = conn.execute(insert(Warehouse).values(code="BENCH", name="bench", province="江苏省", city="", address="",
                                                   active=True, courier_code="SF", phone="", confirm_at="pack")
                          .returning(Warehouse.id)).scalar_one()  # fmt: skip
    people = []
    rows = []
    for cid in range(1, customers + 1):
        ch = rng.choice(_CHANNELS)
        phone = f"1{'3456789'[cid % 7]}{cid * 7_919 % 10**9:09d}"  # unique per customer, spread over tails
        masked = ch in (Channel.PDD, Channel.DOUYIN) and rng.random() < 0.5
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        ref = f"{ch.value}_buyer_{cid:07d}"
        shown = mask_phone(phone) if masked else phone
        key = f"buyer:{ch.value}:{ref}" if masked else f"phone:{phone}"
        people.append((cid, ch, phone, shown, name if not masked else name[0] + "*", ref, name))
        rows.append({"id": cid, "key": key, "phone": "" if masked else phone, "name": name, "channel": ch.value,
                     "buyer_ref": ref, "created_at": now})  # fmt: skip
    with engine.begin() as conn:
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(Customer), rows[i : i + CHUNK])
    progress(f"  … {customers:,} customers")
    probes: dict[str, list[str]] = {k: [] for k in ("phone", "masked_phone", "tail_name", "order_no", "bare_order_no",
                                                     "waybill", "nickname", "name", "story")}  # fmt: skip
    oid = 0
    for start in range(0, n, CHUNK):
        orders, ships = [], []
        for _ in range(min(CHUNK, n - start)):
            oid += 1
            cid, ch, phone, shown, rname, ref, name = people[rng.randrange(customers)]
            pid = f"{rng.randrange(10**6):06d}{oid:09d}"
            paid = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            orders.append({"id": oid, "order_no": f"{ch.prefix}{pid}", "channel": ch.value, "platform_order_id": pid,
                           "shop_id": shops[ch], "customer_id": cid, "status": "SHIPPED", "trade_state": "SHIPPED",
                           "refund_state": "REFUNDED" if rng.random() < 0.03 else "NONE", "paid_at": paid,
                           "channel_modified_at": paid, "created_at": paid, "updated_at": paid, "version": 1,
                           "receiver_name": rname, "receiver_phone": shown, "phone_tail": phone_tail(shown),
                           "buyer_ref": ref, "province": "江苏省", "total_fen": rng.randrange(990, 39900),
                           "extras": {}, "tags": []})  # fmt: skip
            waybill = ""
            if oid % 2 == 0:
                waybill = f"SF{oid:013d}"
                ships.append({"order_id": oid, "seq": 1, "warehouse_id": wh, "status": "SHIPPED", "created_at": paid,
                              "courier_code": "SF", "waybill_no": waybill})  # fmt: skip
            if rng.random() < 2 * 200 / n:
                probes["phone" if shown == phone else "masked_phone"].append(shown)
                probes["tail_name"].append(f"{phone[-4:]} {name}")
                probes["order_no"].append(f"{ch.prefix}{pid}")
                probes["bare_order_no"].append(pid)
                probes["nickname"].append(ref)
                probes["name"].append(name)
                if waybill:
                    probes["waybill"].append(waybill)
        with engine.begin() as conn:
            conn.execute(insert(Order), orders)
            if ships:
                conn.execute(insert(Shipment), ships)
        if (start // CHUNK) % 10 == 9:
            progress(f"  … {oid:,} orders")
    story_orders = probes["order_no"][:100]
    with engine.begin() as conn:
        ids = dict(conn.execute(select(Order.order_no, Order.id).where(Order.order_no.in_(story_orders))).all())
        events = [{"order_id": ids[no], "at": now - timedelta(hours=50 - k), "user_id": system,
                   "kind": ("NOTE", "TRACKING", "CHANNEL_UPDATE")[k % 3], "reason": f"event {k}",
                   "details": {"waybill": "SF0000000000000", "state": "IN_TRANSIT"}} for no in ids for k in range(50)]  # fmt: skip
        conn.execute(insert(OrderEventRow), events)
    probes["story"] = list(ids)
    if engine.dialect.name == "postgresql":  # what autovacuum does to a live database after a bulk load
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return probes


def as_dict(results: list[DeskBenchResult]) -> list[dict[str, object]]:
    return [asdict(r) for r in results]
