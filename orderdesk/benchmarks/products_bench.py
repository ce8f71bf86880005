"""Import of a large products file: rows per second from the file to committed products and stock.

A products-and-stock CSV (every SKU on two rows, one per warehouse, the second warehouse named by
its Chinese name, with an EAN-13 and a shop code each) is written to a temporary folder and imported
twice into a fresh SQLite database with the demo master data: first every SKU is new, then the same
SKUs come back with new counts (updates). Writing the file is not timed.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..bootstrap import Store, open_store
from ..demo.seed import load_demo_master_data
from ..imports.products_file import ean13_check_digit, load_products_file
from ..services.product_import import import_products, known_skus

HEADER = ["商家编码", "商品名称", "类目", "单价(元)", "重量(g)", "条码", "低库存阈值", "仓库", "库位", "库存"]
WAREHOUSES = ("SZ-SUZHOU", "深圳仓")


@dataclass
class ProductsBenchResult:
    rows: int
    skus: int
    file_mb: float
    parse_s: float
    import_new_s: float  # every SKU new
    import_update_s: float  # the same SKUs again, stock counts changed
    rows_per_s: float  # reading + parsing + the first import
    cpu_s: float  # CPU time of reading, parsing and the first import: what wall time would be on an idle machine

    @property
    def total_s(self) -> float:
        return round(self.parse_s + self.import_new_s, 2)


def run(rows: int = 50_000, workdir: Path | None = None, progress=print) -> ProductsBenchResult:  # noqa: ANN001
    """Write a `rows`-row products file, import it twice into a fresh SQLite database, return the figures."""
    work = workdir or Path(tempfile.mkdtemp(prefix="orderdesk-products-bench-"))
    try:
        first = write_products_file(work / "products.csv", rows, stock_base=10)
        again = write_products_file(work / "products-recount.csv", rows, stock_base=20)
        store = open_store(f"sqlite:///{work / 'hub.db'}", create=True)
        try:
            load_demo_master_data(store.make_uow)
            result = _timed(store, first, again, rows)
        finally:
            store.close()
        progress(f"products import: {rows:,} rows ({result.skus:,} SKUs) in {result.total_s:.1f} s: "
                 f"{result.rows_per_s:,.0f} rows/s (parse {result.parse_s:.1f} s, import {result.import_new_s:.1f} s, "
                 f"re-import {result.import_update_s:.1f} s; {result.cpu_s:.1f} s of CPU)")  # fmt: skip
        return result
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _timed(store: Store, first: Path, again: Path, rows: int) -> ProductsBenchResult:
    c0, t0 = time.process_time(), time.perf_counter()
    parsed = load_products_file(first, known_skus=known_skus(store.make_uow))
    t1 = time.perf_counter()
    report = _checked(import_products(store.make_uow, "system", parsed), new=len(parsed.products))
    t2, c2 = time.perf_counter(), time.process_time()
    parsed_again = load_products_file(again, known_skus=known_skus(store.make_uow))
    t3 = time.perf_counter()
    _checked(import_products(store.make_uow, "system", parsed_again), new=0)
    t4 = time.perf_counter()
    return ProductsBenchResult(rows, report.new_products, round(first.stat().st_size / 2**20, 1), round(t1 - t0, 2),
                               round(t2 - t1, 2), round(t4 - t3, 2), round(rows / (t2 - t0)), round(c2 - c0, 2))  # fmt: skip


def _checked(report, new: int):  # noqa: ANN001, ANN202
    if not report.written or report.errors or report.new_products != new:
        raise RuntimeError(f"benchmark import went wrong: {report.to_json('en')}")
    return report


def write_products_file(path: Path, rows: int, stock_base: int) -> Path:
    """`rows` rows: SKU n on rows 2n and 2n+1, one per warehouse."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(rows):
            n, wh = divmod(i, 2)
            first12 = f"69{n:010d}"
            out.writerow([f"BENCH-{n:07d}", f"压测商品 {n}", f"类目{n % 40}", f"{(n % 500) + 0.9:.2f}",
                          str(100 + n % 900), f"{first12}{ean13_check_digit(first12)},BX{n:07d}", "5",
                          WAREHOUSES[wh], f"A-{n % 50:02d}-{wh}", str(stock_base + n % 7)])  # fmt: skip
    return path


def as_dict(result: ProductsBenchResult) -> dict[str, float]:
    return asdict(result) | {"total_s": result.total_s}
