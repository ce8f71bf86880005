"""Verifying a parcel at the pack bench: what a scan means and whether the parcel may be sealed.

Pure rules, no database: the station service loads a `Parcel` (what must go in) and the scans so
far, asks `check_item` about each new item scan, and packs when `missing` is empty. Every refusal
is a `PackRefusal` whose words are said aloud at the bench, so they are short and concrete.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .errors import DomainError

MAX_QUANTITY = 99  # "12*690…" packs twelve of one SKU with one scan; more is surely a typo
MAX_SCAN = 128  # longer than any barcode or waybill; also the width of pack_scans.code


class PackRefusal(DomainError):
    """A scan the station refuses: nothing changes in the database. `code` names the kind."""

    def __init__(self, code: str, zh: str, en: str, state: str = "") -> None:
        super().__init__(zh, en)
        self.code = code
        self.state = state  # the order's status when it explains the refusal (INTERCEPTED, PACKED…)


@dataclass(frozen=True)
class ParcelItem:
    sku: str
    title: str
    needed: int
    is_gift: bool = False


@dataclass(frozen=True)
class Parcel:
    """One shipment of an order as the packer must fill it."""

    order_no: str
    items: tuple[ParcelItem, ...]
    buyer_note: str = ""

    def needed(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for item in self.items:
            out[item.sku] += item.needed
        return out


@dataclass(frozen=True)
class ItemScan:
    sku: str
    quantity: int


@dataclass
class Progress:
    """Scanned counts per SKU against a parcel."""

    parcel: Parcel
    scanned: Counter[str] = field(default_factory=Counter)

    def missing(self) -> Counter[str]:
        need = self.parcel.needed()
        need.subtract(self.scanned)
        return +need

    @property
    def complete(self) -> bool:
        return not self.missing()


def check_item(progress: Progress, scan: ItemScan) -> None:
    """Raise a PackRefusal for an item that is not in the parcel or one too many; else accept."""
    need = progress.parcel.needed()
    if scan.sku not in need:
        raise PackRefusal("wrong_item", f"不是本订单的商品：{scan.sku}，请放回",
                          f"Not in this order: {scan.sku}; put it back")  # fmt: skip
    if progress.scanned[scan.sku] + scan.quantity > need[scan.sku]:
        left = need[scan.sku] - progress.scanned[scan.sku]
        raise PackRefusal("too_many", f"多了：{scan.sku} 只需 {need[scan.sku]} 件，还差 {left} 件",
                          f"One too many: {scan.sku} needs {need[scan.sku]}, {left} left")  # fmt: skip


def clean_scan(raw: str) -> str:
    """What the scanner meant: full-width characters (an input method left on) made half-width,
    control characters and surrounding spaces dropped. Case is kept: some barcodes use it."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(ch for ch in text if ch.isprintable()).strip()


_QUANTITY = re.compile(r"^(\d{1,2})[*xX×](.+)$")


def split_quantity(code: str) -> tuple[int, str]:
    """'12*6901234567890' → (12, '6901234567890'); a plain code → (1, code)."""
    if len(code) > MAX_SCAN:
        raise PackRefusal("too_long", f"条码过长（{len(code)} 个字符），请重扫", f"Scan too long ({len(code)} characters); scan again")
    found = _QUANTITY.match(code)
    if not found:
        return 1, code
    count = int(found.group(1))
    if not 1 <= count <= MAX_QUANTITY:
        raise PackRefusal("bad_quantity", f"数量 {count} 无效（1–{MAX_QUANTITY}）",
                          f"Quantity {count} is not valid (1–{MAX_QUANTITY})")  # fmt: skip
    return count, found.group(2)
