"""Our own names for the columns of an order export, with their labels in Chinese and English.

Every platform's header maps onto these keys; the import wizard shows the mapping key → header and
lets a person correct it. The keys are stable API: the GUI and saved mappings use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a cell is read: decides the parser and the wording of a problem."""

    TEXT = "text"
    ID = "id"
    AMOUNT = "amount"
    COUNT = "count"
    TIME = "time"


@dataclass(frozen=True)
class Field:
    key: str
    zh: str
    en: str
    kind: Kind = Kind.TEXT

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


FIELDS: tuple[Field, ...] = (
    Field("order_id", "订单编号", "Order number", Kind.ID),
    Field("line_id", "子订单编号", "Line number", Kind.ID),
    Field("status", "订单状态", "Order status"),
    Field("refund_status", "售后状态", "After-sale status"),
    Field("buyer_ref", "买家账号", "Buyer account"),
    Field("receiver_name", "收货人", "Receiver"),
    Field("phone", "收货人手机", "Receiver mobile"),
    Field("phone_alt", "联系电话", "Receiver landline"),
    Field("address", "收货地址（整段）", "Full address"),
    Field("address_changed", "修改后的收货地址", "Changed address"),
    Field("province", "省", "Province"),
    Field("city", "市", "City"),
    Field("district", "区/县", "District"),
    Field("street", "街道", "Street"),
    Field("detail", "详细地址", "Address detail"),
    Field("created_at", "下单时间", "Ordered at", Kind.TIME),
    Field("paid_at", "付款时间", "Paid at", Kind.TIME),
    Field("confirmed_at", "成团/确认时间", "Confirmed at", Kind.TIME),
    Field("shipped_at", "发货时间", "Shipped at", Kind.TIME),
    Field("finished_at", "完成时间", "Completed at", Kind.TIME),
    Field("ship_by", "承诺发货时间", "Ship by"),  # not a TIME: a deadline never dates the export
    Field("buyer_note", "买家留言", "Buyer note"),
    Field("seller_note", "商家备注", "Seller note"),
    Field("total", "实付金额", "Amount paid", Kind.AMOUNT),
    Field("goods_amount", "商品金额", "Goods amount", Kind.AMOUNT),
    Field("freight", "运费", "Freight", Kind.AMOUNT),
    Field("discount", "店铺优惠", "Shop discount", Kind.AMOUNT),
    Field("platform_discount", "平台优惠", "Platform discount", Kind.AMOUNT),
    Field("courier", "物流公司", "Courier"),
    Field("tracking_no", "物流单号", "Tracking number"),
    Field("title", "商品名称", "Item title"),
    Field("spec", "商品规格", "Variant"),
    Field("sku", "商家编码（SKU）", "SKU code"),
    Field("product_code", "商家编码（商品）", "Product code"),
    Field("item_id", "平台商品/规格ID", "Platform item id", Kind.ID),
    Field("quantity", "数量", "Quantity", Kind.COUNT),
    Field("unit_price", "单价", "Unit price", Kind.AMOUNT),
    Field("item_titles", "宝贝标题（汇总）", "Item titles (summary)"),
    Field("item_count", "宝贝总数量", "Item count (summary)", Kind.COUNT),
)
FIELD = {f.key: f for f in FIELDS}
TIME_FIELDS = tuple(f.key for f in FIELDS if f.kind is Kind.TIME)
