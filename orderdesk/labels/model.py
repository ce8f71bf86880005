"""What a label, a packing slip and a pick list show: plain values, filled in by the caller.

The renderers never look anything up; the service that loads orders builds these (already masked
where privacy asks for it) and hands them over, so rendering is pure and easy to test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from .errors import LabelError


class LabelSize(Enum):
    """The thermal label stocks couriers in China issue: 一联单 76×130, 100×150, 二联单 100×180."""

    S100X150 = "100x150"
    S100X180 = "100x180"
    S76X130 = "76x130"

    @property
    def width_mm(self) -> int:
        return int(self.value.split("x")[0])

    @property
    def height_mm(self) -> int:
        return int(self.value.split("x")[1])

    @classmethod
    def parse(cls, text: str) -> LabelSize:
        norm = text.strip().lower().replace("×", "x").replace("*", "x").removesuffix("mm")
        for size in cls:
            if size.value == norm:
                return size
        sizes = ", ".join(s.value for s in cls)
        raise LabelError(f"不支持的面单尺寸「{text}」，可选：{sizes}",
                         f"Unsupported label size '{text}'; choose one of {sizes}")  # fmt: skip


# The parts of a shipping label a template may leave out; waybill, courier and receiver always show.
SENDER = "sender"
ITEMS = "items"
GIFT_LINES = "gift_lines"
ORDER_BARCODE = "order_barcode"
CHANNEL_SHOP = "channel_shop"
PRINTED_AT = "printed_at"
OPTIONAL_FIELDS = (SENDER, ITEMS, GIFT_LINES, ORDER_BARCODE, CHANNEL_SHOP, PRINTED_AT)


@dataclass(frozen=True)
class LabelTemplate:
    """Size and optional fields of a shipping label, chosen per courier/channel in settings."""

    size: LabelSize = LabelSize.S100X150
    fields: frozenset[str] = frozenset(OPTIONAL_FIELDS)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(OPTIONAL_FIELDS))
        if unknown:
            raise LabelError(f"面单模板含未知字段：{', '.join(unknown)}",
                             f"Label template has unknown fields: {', '.join(unknown)}")  # fmt: skip

    def shows(self, name: str) -> bool:
        return name in self.fields

    def to_setting(self) -> dict[str, object]:
        """A JSON-able form for the settings store."""
        return {"size": self.size.value, "fields": sorted(self.fields)}

    @classmethod
    def from_setting(cls, value: Mapping[str, object]) -> LabelTemplate:
        size = LabelSize.parse(str(value.get("size", LabelSize.S100X150.value)))
        raw = value.get("fields", OPTIONAL_FIELDS)
        names = [str(f) for f in raw] if isinstance(raw, Iterable) and not isinstance(raw, str) else []
        return cls(size, frozenset(names))


@dataclass(frozen=True)
class ShippingLabelData:
    """One parcel's shipping label (面单). Receiver name/phone come masked (张*, 138****1234)."""

    courier_name: str
    courier_code: str
    waybill_no: str
    order_no: str
    sender_name: str
    sender_phone: str
    sender_address: str
    receiver_name: str
    receiver_phone_masked: str
    province: str
    city: str
    district: str
    address_detail: str
    item_lines: tuple[str, ...]
    channel_name: str
    shop_name: str
    printed_at: datetime
    gift_lines: tuple[str, ...] = ()
    route_code: str = ""  # 大头笔 / sorting code from the courier, printed large when given

    @property
    def receiver_address(self) -> str:
        return "".join(p for p in (self.province, self.city, self.district) if p) + " " + self.address_detail


@dataclass(frozen=True)
class SlipLine:
    """One line of a packing slip: the SKU (also as a barcode to scan), what it is, how many."""

    sku: str
    name: str
    qty: int
    spec: str = ""


@dataclass(frozen=True)
class PackingSlipData:
    """A packing slip (装箱单/发货清单) that goes into the parcel and guides the packer."""

    order_no: str
    channel_name: str
    shop_name: str
    receiver_name: str
    lines: tuple[SlipLine, ...]
    printed_at: datetime
    gift_lines: tuple[SlipLine, ...] = ()
    buyer_note: str = ""
    seller_note: str = ""
    courier_name: str = ""
    waybill_no: str = ""
    paid_at: datetime | None = None


@dataclass(frozen=True)
class PickLine:
    """One order line to pick: the renderer groups these by bin and SKU."""

    sku: str
    name: str
    bin_code: str
    qty: int
    order_no: str
    slot_no: int  # the order's slot on the sorting wall / cart


@dataclass(frozen=True)
class PickListData:
    """A wave's pick list (拣货单): walk the bins once, then sort items into order slots."""

    wave_id: str
    warehouse_name: str
    printed_at: datetime
    lines: tuple[PickLine, ...] = field(default_factory=tuple)
    picker: str = ""
