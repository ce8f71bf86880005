"""Import of a large platform export: rows per second from the file to committed orders.

A Pinduoduo order export (the reference's full header, GBK like Excel on Chinese Windows, one row
per item, ids as ="…", amounts as ￥1,234.50) is written to a temporary folder and imported into a
fresh SQLite database with the demo master data. Writing the file is not timed; reading, parsing
and importing are, together and apart.
"""

from __future__ import annotations

import csv
import random
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..bootstrap import open_store
from ..demo.catalog import PRODUCTS
from ..demo.seed import load_demo_master_data
from ..domain.provinces import PROVINCES
from ..imports.orders_file import parse_files
from ..services.order_import import import_orders, shop_codes

PDD_HEADER = (
    "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),平台优惠折扣(元),邮费(元),上门安装费(元),送货入户费(元),"
    "送货入户并安装费(元),用户实付金额(元),商品数量(件),身份证姓名,身份证号码,收货人,手机,是否异常,省,市,区,街道,"
    "支付时间,拼单成功时间,订单确认时间,承诺发货时间,发货时间,确认收货时间,商品id,商品规格,用户购买手机号,样式ID,"
    "商家编码-SKU维度,商家编码-商品维度,快递单号,快递公司,海淘清关订单号,支付ID,支付方式,是否抽奖或0元试用,是否顺丰加价,"
    "商家备注,售后状态,买家留言,关联货品编码,货品名称,货品类型,子货品,仓库名称,仓库所在地址,是否门店自提,门店名称,"
    "门店自定义编码,旅行类信息,已发货,采购订单号"
).split(",")


@dataclass
class ImportBenchResult:
    rows: int
    orders: int
    file_mb: float
    parse_s: float
    import_s: float
    rows_per_s: float  # reading + parsing + importing
    import_rows_per_s: float  # the database part alone


def run(rows: int = 50_000, seed: int = 11, workdir: Path | None = None,
        progress=print) -> ImportBenchResult:  # noqa: ANN001
    """Write a `rows`-row PDD export, import it into a fresh SQLite database, return the figures."""
    work = workdir or Path(tempfile.mkdtemp(prefix="orderdesk-import-bench-"))
    try:
        path = write_pdd_export(work / "pdd-orders.csv", rows, seed)
        store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)  # its own new file
        try:
            load_demo_master_data(store.make_uow)
            result = _timed(store, path, rows)
        finally:
            store.close()
        r = result
        progress(f"import: {r.rows:,} rows ({r.orders:,} orders) in {r.parse_s + r.import_s:.1f} s: "
                 f"{r.rows_per_s:,.0f} rows/s (parse {r.parse_s:.1f} s, import {r.import_s:.1f} s)")
        return result
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _timed(store, path: Path, rows: int) -> ImportBenchResult:  # noqa: ANN001
    t0 = time.perf_counter()
    parsed = parse_files([path], shop_codes(store.make_uow, None))
    t1 = time.perf_counter()
    report = import_orders(store.make_uow, "system", parsed)
    t2 = time.perf_counter()
    if report.rejected or report.new != len(parsed.orders):
        raise RuntimeError(f"benchmark import went wrong: {report.to_json('en')}")
    return ImportBenchResult(rows, report.new, round(path.stat().st_size / 2**20, 1), round(t1 - t0, 2),
                             round(t2 - t1, 2), round(rows / (t2 - t0)), round(rows / (t2 - t1)))  # fmt: skip


def write_pdd_export(path: Path, rows: int, seed: int = 11, encoding: str = "gbk") -> Path:
    """A PDD export of exactly `rows` item rows, one to three items per order."""
    rng = random.Random(seed)
    goods = [p for p in PRODUCTS if not p.is_gift]
    start = datetime(2026, 11, 1, 8, 0, 0)
    col = {h: i for i, h in enumerate(PDD_HEADER)}
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(PDD_HEADER)
        written, n = 0, 0
        while written < rows:
            n += 1
            paid = start + timedelta(seconds=n * 7)
            _, province, short = rng.choice(PROVINCES)
            for _ in range(min(rng.choice((1, 1, 1, 2, 3)), rows - written)):
                p = rng.choice(goods)
                qty = rng.randint(1, 3)
                row = [""] * len(PDD_HEADER)
                values = {
                    "商品": p.name, "订单号": f'="{paid:%y%m%d}-{n:015d}"', "订单状态": "待发货",
                    "商品总价(元)": f"￥{_yuan(p.unit_price_fen * qty)}", "邮费(元)": "0",
                    "用户实付金额(元)": _yuan(p.unit_price_fen * qty), "商品数量(件)": str(qty),
                    "收货人": "张*", "手机": f"1{rng.randint(30, 99)}****{rng.randint(0, 9999):04d}",
                    "省": rng.choice((province, short)), "市": "某市", "区": "某区", "街道": "某街道**号",
                    "支付时间": f"{paid:%Y-%m-%d %H:%M:%S}", "拼单成功时间": f"{paid + timedelta(minutes=1):%Y-%m-%d %H:%M:%S}",
                    "样式ID": str(100000 + PRODUCTS.index(p)), "商家编码-SKU维度": f"\t{p.sku}", "售后状态": "无售后或售后取消",
                }  # fmt: skip
                for k, v in values.items():
                    row[col[k]] = v
                out.writerow(row)
                written += 1
    return path


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def as_dict(result: ImportBenchResult) -> dict[str, float]:
    return asdict(result)
