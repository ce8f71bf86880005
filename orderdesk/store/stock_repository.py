"""Stock levels and the stock ledger. Changes go through `move`, which checks, applies and records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..domain.errors import DomainError, StockShort
from ..services.ports import Movement
from .bulk import bulk_insert, bulk_update
from .lookup import rows_in
from .models import Product, StockLevel, StockMovement, Warehouse

LEVELS = StockLevel.__table__
LEDGER = StockMovement.__table__
IN_CHUNK = 900


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    warehouse: str
    warehouse_name: str
    bin: str
    on_hand: int
    reserved: int
    frozen: int
    threshold: int | None
    quarantined: int = 0

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved - self.frozen


class StockRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, int] = {}
        self._wh: dict[str, int] = {}

    def warehouse_id(self, code: str) -> int | None:
        if code not in self._wh:
            wid = self.session.scalar(select(Warehouse.id).where(Warehouse.code == code, Warehouse.active.is_(True)))
            if wid is None:
                return None
            self._wh[code] = wid
        return self._wh[code]

    def product_ids(self, skus: Iterable[str]) -> dict[str, int]:
        skus = list(skus)
        missing = [s for s in set(skus) if s not in self._ids]
        rows = rows_in(self.session, select(Product.id, Product.sku), Product.sku, missing) if missing else []
        self._ids.update({r.sku: r.id for r in rows})
        return {s: self._ids[s] for s in skus if s in self._ids}

    def available(self, skus: Iterable[str], lock: bool = False) -> dict[tuple[str, str], int]:
        """(sku, warehouse code) -> available, for every warehouse holding the SKUs; locks the rows on
        PostgreSQL when asked, so two stations cannot reserve the same units."""
        skus = list(set(skus))
        out: dict[tuple[str, str], int] = {}
        for i in range(0, len(skus), IN_CHUNK):
            stmt = (
                select(Product.sku, Warehouse.code, LEVELS.c.on_hand, LEVELS.c.reserved, LEVELS.c.frozen)
                .join(Product, Product.id == LEVELS.c.product_id)
                .join(Warehouse, Warehouse.id == LEVELS.c.warehouse_id)
                .where(Product.sku.in_(skus[i : i + IN_CHUNK]), Warehouse.active.is_(True))
            )
            if lock and self.session.get_bind().dialect.name == "postgresql":
                stmt = stmt.with_for_update(of=LEVELS)
            for r in self.session.execute(stmt):
                out[(r.sku, r.code)] = r.on_hand - r.reserved - r.frozen
        return out

    def move(self, movements: Sequence[Movement], user_id: int, now: datetime) -> None:
        """Apply movements (aggregated per SKU and warehouse) and write one ledger row each.

        Raises StockShort, naming the SKU and warehouse, when a level would go negative or reserve
        more than is on hand; the caller's transaction then rolls everything back.
        """
        if not movements:
            return
        ids = self.product_ids(m.sku for m in movements)
        totals: dict[tuple[int, int], list[int]] = {}
        ledger = []
        for m in movements:
            pid, wid = ids.get(m.sku), self.warehouse_id(m.warehouse)
            if pid is None or wid is None:
                raise DomainError(f"未知的商品或仓库：{m.sku} @ {m.warehouse}", f"Unknown SKU or warehouse: {m.sku} @ {m.warehouse}")
            t = totals.setdefault((pid, wid), [0, 0, 0, 0])
            t[0] += m.on_hand
            t[1] += m.reserved
            t[2] += m.frozen
            t[3] += m.quarantined
            ledger.append({"at": now, "product_id": pid, "warehouse_id": wid, "on_hand_delta": m.on_hand,
                           "reserved_delta": m.reserved, "frozen_delta": m.frozen,
                           "quarantined_delta": m.quarantined, "reason": m.reason,
                           "order_id": m.order_id, "user_id": user_id, "note": m.note})  # fmt: skip
        self._ensure_levels(totals)
        dh, dr, df, dq = bindparam("dh"), bindparam("dr"), bindparam("df"), bindparam("dq")
        stmt = (
            update(LEVELS)
            .where(LEVELS.c.product_id == bindparam("pid"), LEVELS.c.warehouse_id == bindparam("wid"),
                   LEVELS.c.on_hand + dh >= 0, LEVELS.c.reserved + dr >= 0, LEVELS.c.frozen + df >= 0,
                   LEVELS.c.quarantined + dq >= 0,
                   LEVELS.c.reserved + dr + LEVELS.c.frozen + df <= LEVELS.c.on_hand + dh)
            .values(on_hand=LEVELS.c.on_hand + dh, reserved=LEVELS.c.reserved + dr, frozen=LEVELS.c.frozen + df,
                    quarantined=LEVELS.c.quarantined + dq)
        )  # fmt: skip
        # Rows are updated in one fixed order (product, warehouse), so two transactions touching the
        # same SKUs queue behind each other instead of deadlocking.
        params = [{"pid": p, "wid": w, "dh": t[0], "dr": t[1], "df": t[2], "dq": t[3]}
                  for (p, w), t in sorted(totals.items())]  # fmt: skip
        conn = self.session.connection()
        if conn.dialect.supports_sane_multi_rowcount:
            if conn.execute(stmt, params).rowcount != len(params):
                self._raise_short(totals, ids)
        else:
            for one in params:
                if conn.execute(stmt, one).rowcount != 1:
                    self._raise_short({(one["pid"], one["wid"]): [0, 0, 0, 0]}, ids)
        bulk_insert(self.session, LEDGER, ledger)

    def _raise_short(self, totals: dict[tuple[int, int], list[int]], ids: dict[str, int]) -> None:
        """Name the first SKU and warehouse whose movement cannot be applied (the transaction rolls back)."""
        names = {v: k for k, v in ids.items()}
        codes = {v: k for k, v in self._wh.items()}
        for (pid, wid), (dh, dr, df, dq) in totals.items():
            row = self.session.execute(select(LEVELS.c.on_hand, LEVELS.c.reserved, LEVELS.c.frozen, LEVELS.c.quarantined)
                                       .where(LEVELS.c.product_id == pid, LEVELS.c.warehouse_id == wid)).one()  # fmt: skip
            on_hand, reserved, frozen = row.on_hand + dh, row.reserved + dr, row.frozen + df
            if min(on_hand, reserved, frozen, row.quarantined + dq) < 0 or reserved + frozen > on_hand or len(totals) == 1:
                raise StockShort(f"库存不足或将变为负数：{names[pid]} @ {codes[wid]}",
                                 f"Not enough stock (or it would go negative): {names[pid]} @ {codes[wid]}")  # fmt: skip
        raise StockShort("库存不足", "Not enough stock")

    def set_bin(self, sku: str, warehouse: str, bin_code: str) -> None:
        pid, wid = self.product_ids([sku]).get(sku), self.warehouse_id(warehouse)
        if pid is None or wid is None:
            raise DomainError(f"未知的商品或仓库：{sku} @ {warehouse}", f"Unknown SKU or warehouse: {sku} @ {warehouse}")
        self._ensure_levels({(pid, wid): [0, 0, 0, 0]})
        self.session.execute(update(LEVELS).where(LEVELS.c.product_id == pid, LEVELS.c.warehouse_id == wid)
                             .values(bin=bin_code))  # fmt: skip

    def set_bins(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """(sku, warehouse code, bin) for many SKUs at once; a missing stock level is created at zero."""
        ids = self.product_ids(sku for sku, _, _ in rows)
        keyed = {}
        for sku, warehouse, bin_code in rows:
            pid, wid = ids.get(sku), self.warehouse_id(warehouse)
            if pid is None or wid is None:
                raise DomainError(f"未知的商品或仓库：{sku} @ {warehouse}", f"Unknown SKU or warehouse: {sku} @ {warehouse}")
            keyed[(pid, wid)] = bin_code
        self._ensure_levels(keyed)
        bulk_update(self.session, LEVELS, ["bin"], ["product_id", "warehouse_id"],
                    [{"bin": b, "product_id": p, "warehouse_id": w} for (p, w), b in keyed.items()])  # fmt: skip

    def levels_of(self, skus: Iterable[str]) -> dict[tuple[str, str], StockRow]:
        """(sku, warehouse code) -> stock row for every warehouse holding the SKUs, in chunks."""
        return {(r.sku, r.code): self._row(r) for r in rows_in(self.session, self._levels_stmt(), Product.sku, skus)}

    def levels(self, sku: str | None = None, warehouse: str | None = None, low_only: bool = False) -> list[StockRow]:
        conditions = []
        if sku:
            conditions.append(Product.sku == sku)
        if warehouse:
            conditions.append(Warehouse.code == warehouse)
        if low_only:
            conditions += [Product.low_stock_threshold.is_not(None),
                           LEVELS.c.on_hand - LEVELS.c.reserved - LEVELS.c.frozen < Product.low_stock_threshold]
        return self._levels(*conditions)

    def _levels(self, *conditions: Any) -> list[StockRow]:
        return [self._row(r) for r in self.session.execute(self._levels_stmt().where(*conditions))]

    @staticmethod
    def _row(r: Any) -> StockRow:
        return StockRow(r.sku, r.name, r.code, r.wname, r.bin, r.on_hand, r.reserved, r.frozen, r.low_stock_threshold,
                        r.quarantined)  # fmt: skip

    @staticmethod
    def _levels_stmt() -> Any:
        return (
            select(Product.sku, Product.name, Warehouse.code, Warehouse.name.label("wname"), LEVELS.c.bin,
                   LEVELS.c.on_hand, LEVELS.c.reserved, LEVELS.c.frozen, Product.low_stock_threshold,
                   LEVELS.c.quarantined)
            .join(Product, Product.id == LEVELS.c.product_id)
            .join(Warehouse, Warehouse.id == LEVELS.c.warehouse_id)
            .order_by(Product.sku, Warehouse.code)
        )  # fmt: skip

    def _ensure_levels(self, keys: Iterable[tuple[int, int]]) -> None:
        keys = list(keys)
        stmt = select(LEVELS.c.product_id, LEVELS.c.warehouse_id)
        existing = {(r.product_id, r.warehouse_id)
                    for r in rows_in(self.session, stmt, LEVELS.c.product_id, {p for p, _ in keys})}  # fmt: skip
        new = [{"product_id": p, "warehouse_id": w, "on_hand": 0, "reserved": 0, "frozen": 0, "quarantined": 0, "bin": ""}
               for p, w in keys if (p, w) not in existing]  # fmt: skip
        bulk_insert(self.session, LEVELS, new)
