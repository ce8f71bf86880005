"""The export formats we recognise, told apart by their header row, and each one's column names.

Header names come from the seller back-ends' exports (shared/reference/channels.md §6); they vary a
little between versions, so a header is normalised (NFKC: full-width brackets become half-width;
spaces, *, _ and - dropped) before lookup, and every field lists the names seen for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ...domain.model import Channel
from ..products_file.headers import _norm_header as norm_header
from .fields import FIELD, FIELDS, TIME_FIELDS, Field


class Layout(StrEnum):
    """What one row of the file is."""

    ORDER = "order"  # one row per order, no item details (Taobao 订单报表)
    ITEM = "item"  # one row per item, no receiver (Taobao 宝贝报表)
    ORDER_ITEM = "order_item"  # one row per item with the order's fields repeated (PDD, Douyin)


@dataclass(frozen=True)
class FileFormat:
    key: str
    channel: Channel
    layout: Layout
    zh: str
    en: str
    aliases: Mapping[str, tuple[str, ...]]  # field key → header names, preferred first
    signature: tuple[str, ...]  # fields whose headers must all be present to recognise the file
    required: tuple[str, ...]  # fields an import cannot do without

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


TAOBAO_ORDERS = FileFormat(
    "taobao_orders", Channel.TAOBAO, Layout.ORDER, "淘宝/天猫订单报表", "Taobao/Tmall order report",
    {
        "order_id": ("订单编号",), "buyer_ref": ("买家会员名",), "goods_amount": ("买家应付货款",),
        "freight": ("买家应付邮费",), "total": ("买家实际支付金额",), "status": ("订单状态",),
        "buyer_note": ("买家留言",), "receiver_name": ("收货人姓名",), "address": ("收货地址",),
        "address_changed": ("修改后的收货地址",), "phone": ("联系手机",), "phone_alt": ("联系电话",),
        "created_at": ("订单创建时间",), "paid_at": ("订单付款时间", "付款时间"),
        "shipped_at": ("发货时间",), "finished_at": ("确认收货时间", "交易成功时间"),
        "item_titles": ("宝贝标题",), "item_count": ("宝贝总数量",), "tracking_no": ("物流单号",),
        "courier": ("物流公司",), "seller_note": ("订单备注", "商家备注"),
    },
    signature=("order_id", "address", "receiver_name"),
    required=("order_id", "status", "receiver_name", "address", "total"),
)  # fmt: skip

TAOBAO_ITEMS = FileFormat(
    "taobao_items", Channel.TAOBAO, Layout.ITEM, "淘宝/天猫宝贝报表", "Taobao/Tmall item report",
    {
        "order_id": ("订单编号",), "title": ("标题", "宝贝标题"), "unit_price": ("价格", "单价"),
        "quantity": ("购买数量",), "sku": ("商家编码",), "product_code": ("外部系统编号",),
        "spec": ("商品属性", "规格名称", "套餐信息"), "status": ("订单状态",), "created_at": ("创建时间",),
    },
    signature=("order_id", "title", "quantity"),
    required=("order_id", "quantity", "unit_price"),
)  # fmt: skip

PDD = FileFormat(
    "pdd", Channel.PDD, Layout.ORDER_ITEM, "拼多多订单导出", "Pinduoduo order export",
    {
        "title": ("商品", "商品名称"), "order_id": ("订单号",), "status": ("订单状态",),
        "goods_amount": ("商品总价(元)",), "discount": ("店铺优惠折扣(元)",),
        "platform_discount": ("平台优惠折扣(元)",), "freight": ("邮费(元)",),
        "total": ("用户实付金额(元)",), "quantity": ("商品数量(件)", "商品数量"),
        "receiver_name": ("收货人",), "phone": ("手机", "收货人手机"), "province": ("省",),
        "city": ("市",), "district": ("区",), "street": ("街道",), "detail": ("详细地址",),
        "paid_at": ("支付时间",), "confirmed_at": ("拼单成功时间", "订单确认时间"),
        "shipped_at": ("发货时间",), "finished_at": ("确认收货时间",), "spec": ("商品规格",),
        "item_id": ("样式ID", "商品id"), "sku": ("商家编码-SKU维度",), "product_code": ("商家编码-商品维度",),
        "tracking_no": ("快递单号",), "courier": ("快递公司",), "seller_note": ("商家备注",),
        "refund_status": ("售后状态",), "buyer_note": ("买家留言",), "ship_by": ("承诺发货时间",),
    },
    signature=("order_id", "quantity", "province"),
    required=("order_id", "status", "quantity", "receiver_name", "province"),
)  # fmt: skip

DOUYIN = FileFormat(
    "douyin", Channel.DOUYIN, Layout.ORDER_ITEM, "抖店订单明细", "Douyin shop order export",
    {
        "order_id": ("主订单编号",), "line_id": ("子订单编号",), "title": ("选购商品",),
        "product_code": ("货号",), "item_id": ("商品ID",), "sku": ("商家编码",),
        "quantity": ("商品数量",), "goods_amount": ("商品金额",), "created_at": ("订单提交时间",),
        "paid_at": ("支付完成时间",), "finished_at": ("订单完成时间",), "buyer_note": ("买家留言",),
        "seller_note": ("商家备注",), "status": ("订单状态",), "refund_status": ("售后状态",),
        "shipped_at": ("发货时间",), "total": ("订单应付金额",), "freight": ("运费",),
        "discount": ("优惠总金额",), "receiver_name": ("收件人",), "phone": ("收件人手机号",),
        "province": ("省",), "city": ("市",), "district": ("区",), "street": ("街道",),
        "detail": ("详细地址",), "tracking_no": ("快递信息",), "ship_by": ("承诺发货时间",),
    },
    signature=("order_id", "line_id", "quantity"),
    required=("order_id", "status", "quantity", "receiver_name", "province"),
)  # fmt: skip

FORMATS: tuple[FileFormat, ...] = (TAOBAO_ORDERS, TAOBAO_ITEMS, PDD, DOUYIN)
FORMAT = {f.key: f for f in FORMATS}


def _index(fmt: FileFormat) -> dict[str, str]:
    return {norm_header(name): key for key, names in fmt.aliases.items() for name in names}


_INDEX = {f.key: _index(f) for f in FORMATS}


def auto_mapping(fmt: FileFormat, header: Sequence[str]) -> dict[str, str]:
    """field key → the header text as written in the file, for every field the header names.

    When two headers name one field (商品属性 and 规格名称), the preferred name wins.
    """
    by_norm = {norm_header(h): h for h in reversed(header) if h.strip()}
    mapping: dict[str, str] = {}
    for key, names in fmt.aliases.items():
        found = next((by_norm[n] for n in map(norm_header, names) if n in by_norm), None)
        if found is not None:
            mapping[key] = found
    return mapping


def fields_of(fmt: FileFormat) -> list[Field]:
    """The fields a format can fill, in the wizard's order (required ones are in `fmt.required`)."""
    return [f for f in FIELDS if f.key in fmt.aliases]


def detect_format(header: Sequence[str]) -> FileFormat | None:
    """The format whose signature columns are all in `header`; the best match if several are."""
    present = {norm_header(h) for h in header if h.strip()}
    best, best_score = None, 0
    for fmt in FORMATS:
        found = {key for norm, key in _INDEX[fmt.key].items() if norm in present}
        if set(fmt.signature) <= found and len(found) > best_score:
            best, best_score = fmt, len(found)
    return best


def missing_fields(fmt: FileFormat, mapping: Mapping[str, str]) -> list[str]:
    """Required fields without a column, plus a time column when the format has none at all."""
    missing = [key for key in fmt.required if not mapping.get(key)]
    has_time = any(mapping.get(k) for k in TIME_FIELDS)
    if fmt.layout is not Layout.ITEM and not has_time:
        missing.append("paid_at")
    if fmt.layout is not Layout.ORDER and not (mapping.get("sku") or mapping.get("product_code")
                                                or mapping.get("item_id") or mapping.get("title")):  # fmt: skip
        missing.append("sku")
    return [k for k in missing if k in FIELD]
