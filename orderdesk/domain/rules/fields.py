"""The fields a rule condition may name, and how their values are spelled.

Operations staff write conditions in Chinese (收货省 in ["江苏", "浙江"]); code and contexts use the
English key (province). Each field has one Chinese name and one English key; English keys are
matched case-insensitively. A context passed to `Condition.evaluate` is keyed by the English key.

Line-level fields (商品类目, SKU, 商品名称, 数量) describe one order line: the planner evaluates a
condition that uses them once per goods line, on the order's context plus that line's values.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..model import Channel
from ..provinces import FULL_NAMES, SHORT_TO_FULL, normalise_province

FieldType = Literal["str", "number", "list"]


@dataclass(frozen=True)
class Field:
    key: str  # English alias, the key in an evaluation context
    zh: str  # the name operations staff write
    type: FieldType  # "list" is a list of str (标签)
    description_zh: str
    description_en: str
    line_level: bool = False
    examples: tuple[str, ...] = ()  # example values, as a rule would write them
    values: tuple[str, ...] = ()  # the closed set of values, when there is one (区域, 渠道)
    scope: str = "order"  # "order": allocation and gift rules; "customer": customer tags

    def description(self, lang: str = "zh") -> str:
        return self.description_en if lang.startswith("en") else self.description_zh


# ---------------------------------------------------------------------------------------------------
# Regions (区域), derived from the province.

REGIONS: tuple[str, ...] = ("华东", "华北", "华南", "华中", "西南", "西北", "东北")

_REGION_MEMBERS = {
    "华东": ("上海", "江苏", "浙江", "安徽", "福建", "江西", "山东"),
    "华北": ("北京", "天津", "河北", "山西", "内蒙古"),
    "华中": ("河南", "湖北", "湖南"),
    # 香港, 澳门 and 台湾 are not in the usual six-province 华南, but a warehouse that serves the south
    # serves them too, so they are counted here rather than left without a region.
    "华南": ("广东", "广西", "海南", "香港", "澳门", "台湾"),
    "西南": ("重庆", "四川", "贵州", "云南", "西藏"),
    "西北": ("陕西", "甘肃", "青海", "宁夏", "新疆"),
    "东北": ("辽宁", "吉林", "黑龙江"),
}
REGION_OF_PROVINCE: dict[str, str] = {
    SHORT_TO_FULL[short]: region for region, shorts in _REGION_MEMBERS.items() for short in shorts
}
assert set(REGION_OF_PROVINCE) == FULL_NAMES, "every province belongs to exactly one region"

_REGION_EN = {
    "east china": "华东", "north china": "华北", "south china": "华南", "central china": "华中",
    "southwest": "西南", "south west": "西南", "southwest china": "西南", "northwest": "西北",
    "north west": "西北", "northwest china": "西北", "northeast": "东北", "north east": "东北",
    "northeast china": "东北",
}  # fmt: skip


def region_of(province: str | None) -> str:
    """The region (华东 …) of a province, full or short name; "" when the province is unknown."""
    if not province:
        return ""
    full = province if province in REGION_OF_PROVINCE else normalise_province(province)
    return REGION_OF_PROVINCE.get(full or "", "")


def normalise_region(raw: object) -> str | None:
    """华东, 华东地区, 华东区 or East China -> 华东; None when it names no region."""
    if raw is None:
        return None
    s = "".join(str(raw).split())
    for suffix in ("地区", "区"):
        if s.endswith(suffix) and s[: -len(suffix)] in REGIONS:
            s = s[: -len(suffix)]
    if s in REGIONS:
        return s
    return _REGION_EN.get(" ".join(str(raw).lower().split()))


# ---------------------------------------------------------------------------------------------------
# Channels (渠道): the code is the value; the Chinese and English labels are accepted in rules.

CHANNEL_CODES: tuple[str, ...] = tuple(c.value for c in Channel)
_CHANNEL_ALIASES: dict[str, str] = {
    **{c.value: c.value for c in Channel},
    **{c.zh.lower(): c.value for c in Channel},
    **{c.en.lower(): c.value for c in Channel},
    "淘宝": "taobao", "天猫": "taobao", "淘宝天猫": "taobao", "tmall": "taobao", "淘宝/天猫": "taobao",
    "拼多多": "pdd", "pinduoduo": "pdd",
    "抖音": "douyin", "抖音小店": "douyin", "抖店": "douyin",
    "小程序": "miniprogram", "微信小程序": "miniprogram", "mini program": "miniprogram",
    "mini-program": "miniprogram", "微信商城": "miniprogram",
}  # fmt: skip


def normalise_channel(raw: object) -> str | None:
    """taobao, 淘宝, 天猫, 淘宝/天猫, Taobao/Tmall -> "taobao"; None when it names no channel."""
    if raw is None:
        return None
    if isinstance(raw, Channel):
        return raw.value
    s = unicodedata.normalize("NFKC", str(raw)).strip().lower()
    return _CHANNEL_ALIASES.get(s) or _CHANNEL_ALIASES.get("".join(s.split()))


def strict_province(raw: str) -> str | None:
    """The full name when `raw` is exactly a province's full, short or English name.

    Unlike `normalise_province`, which reads the start of a whole address, a rule's literal must be a
    name and nothing more: "江苏浙江" (a missing comma) must not quietly mean 江苏省. Short names with a
    suffix (广西省, 新疆省) are accepted.
    """
    s = "".join(raw.split())
    if not s:
        return None
    if s in FULL_NAMES:
        return s
    if s in SHORT_TO_FULL:
        return SHORT_TO_FULL[s]
    for suffix in ("省", "市", "自治区", "特别行政区"):
        if s.endswith(suffix) and s[: -len(suffix)] in SHORT_TO_FULL:
            return SHORT_TO_FULL[s[: -len(suffix)]]
    if s.isascii():
        return normalise_province(raw)
    return None


# ---------------------------------------------------------------------------------------------------
# The field table.

FIELDS: tuple[Field, ...] = (
    Field("province", "收货省", "str",
          "收货地址的省级行政区，标准全称（江苏省、上海市、广西壮族自治区）。规则里写简称（江苏、上海）"
          "或英文（Jiangsu）都会自动换成全称；未识别的省份值为空。",
          "Receiver's province, as its full official name (江苏省, 上海市). A rule may write the short "
          "name (江苏) or the English name (Jiangsu); both are normalised. Empty when unrecognised.",
          examples=("江苏省", "上海市", "广东省")),
    Field("city", "收货市", "str",
          "收货地址的城市，按平台给出的写法比较，一般带“市”（苏州市）。",
          "Receiver's city, compared as the platform spells it, usually with 市 (苏州市).",
          examples=("苏州市", "深圳市")),
    Field("district", "收货区", "str",
          "收货地址的区/县（吴中区、浦东新区）。",
          "Receiver's district or county (吴中区, 浦东新区).",
          examples=("吴中区", "浦东新区")),
    Field("region", "区域", "str",
          "由收货省推出的大区：华东、华北、华南、华中、西南、西北、东北（港澳台算华南）。",
          "Region derived from the province: 华东, 华北, 华南, 华中, 西南, 西北, 东北 "
          "(Hong Kong, Macau and Taiwan count as 华南).",
          examples=("华东", "华北"), values=REGIONS),
    Field("channel", "渠道", "str",
          "销售平台：taobao、pdd、douyin、miniprogram；规则里也可以写 淘宝/天猫、淘宝、天猫、拼多多、抖音、"
          "抖音小店、小程序。",
          "Sales platform: taobao, pdd, douyin, miniprogram; a rule may also write the Chinese labels "
          "(淘宝/天猫, 拼多多, 抖音小店, 小程序).",
          examples=("淘宝", "拼多多", "抖音", "小程序"), values=CHANNEL_CODES),
    Field("shop", "店铺", "str",
          "店铺代码（如 tmall-flagship）；保存规则时店铺名称会换成代码。",
          "Shop code (tmall-flagship); shop names in a rule are turned into codes when it is saved.",
          examples=("tmall-flagship", "pdd-main")),
    Field("category", "商品类目", "str",
          "该行商品的类目（折叠盆、收纳、浴室用品）。按行判断：订单里任一商品行满足即可。",
          "Category of the line's product (折叠盆, 收纳). Line level: matched against each goods line.",
          line_level=True, examples=("折叠盆", "收纳", "浴室用品")),
    Field("sku", "SKU", "str",
          "该行商品的 SKU 编码。按行判断。",
          "The line's SKU code. Line level.",
          line_level=True, examples=("BASIN-FOLD-32-BLU",)),
    Field("product", "商品名称", "str",
          "该行商品的名称，可配合 包含(商品名称, \"蓝色\") 使用。按行判断。",
          "The line's product title; use with contains(product, \"蓝色\"). Line level.",
          line_level=True, examples=("折叠洗脸盆 32cm 蓝色",)),
    Field("quantity", "数量", "number",
          "该行商品的数量（件）。按行判断。",
          "Quantity of this line. Line level.",
          line_level=True, examples=("2",)),
    Field("total", "订单金额", "number",
          "订单实付金额，单位元（订单金额 >= 99）。",
          "Order total paid, in yuan (total >= 99).",
          examples=("99", "199.5")),
    Field("buyer_note", "买家备注", "str",
          "买家留言，可配合 包含(买家备注, \"加急\") 使用；单独写 买家备注 表示“有备注”。",
          "The buyer's note; use contains(buyer_note, \"加急\"). On its own it means \"has a note\".",
          examples=("加急", "不要发顺丰")),
    Field("weight", "重量", "number",
          "整单商品总重量，单位千克。",
          "Total weight of the order's goods, in kg.",
          examples=("5", "20")),
    Field("items", "件数", "number",
          "整单商品总件数（各行数量之和，不含赠品）。",
          "Total quantity over the order's goods lines (gifts excluded).",
          examples=("1", "3")),
    Field("tags", "标签", "list",
          "订单标签列表，用 \"加急\" in 标签 判断是否带某个标签。",
          "The order's tags; test with \"加急\" in tags.",
          examples=("加急", "大客户")),
)  # fmt: skip

# What a business tag's condition reads about a customer profile (never an order's rule).
CUSTOMER_FIELDS: tuple[Field, ...] = (
    Field("spend", "累计消费", "number", "客户全部订单的实付金额合计（元，不含已取消订单）。",
          "The customer's total paid over all orders, in yuan (cancelled orders excluded).",
          examples=("500", "2000"), scope="customer"),
    Field("recent_spend", "近期消费", "number", "最近 N 天（高价值标签的天数，默认 90）的消费合计（元）。",
          "Spend over the last N days (the high-value tag's days, 90 by default), in yuan.",
          examples=("300", "1200"), scope="customer"),
    Field("orders", "订单数", "number", "客户的订单数（各渠道合计）。", "The customer's order count (all channels).",
          examples=("2", "10"), scope="customer"),
    Field("refunds", "退款单数", "number", "申请过退款、被拦截或已退货的订单数。",
          "Orders with a refund request, an interception or a return.", examples=("1", "3"), scope="customer"),
    Field("days_since_last", "未下单天数", "number", "距最近一次下单的天数。", "Days since the last order.",
          examples=("30", "180"), scope="customer"),
    Field("channel_count", "渠道数", "number", "客户下过单的渠道个数。", "How many channels the customer bought on.",
          examples=("2",), scope="customer"),
)  # fmt: skip

ALL_FIELDS: tuple[Field, ...] = FIELDS + CUSTOMER_FIELDS
FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in ALL_FIELDS}
_FIELD_BY_NAME: dict[str, Field] = {**{f.zh: f for f in ALL_FIELDS}, **{f.key.lower(): f for f in ALL_FIELDS},
                                    **{f.zh.lower(): f for f in ALL_FIELDS}}  # fmt: skip
LINE_LEVEL_KEYS: frozenset[str] = frozenset(f.key for f in FIELDS if f.line_level)
CUSTOMER_KEYS: frozenset[str] = frozenset(f.key for f in CUSTOMER_FIELDS)
FIELD_NAMES: tuple[str, ...] = tuple(f.zh for f in FIELDS) + tuple(f.key for f in FIELDS)


def lookup_field(name: str) -> Field | None:
    """The field a rule names, by its Chinese name or English key (case-insensitive)."""
    name = unicodedata.normalize("NFKC", name)
    return _FIELD_BY_NAME.get(name) or _FIELD_BY_NAME.get(name.lower())


# ---------------------------------------------------------------------------------------------------
# Help for the editor's field picker.

FIELD_HELP: tuple[Field, ...] = FIELDS


def field_help(lang: str = "zh", scope: str = "order") -> list[dict[str, object]]:
    """One row per field for a picker: name to insert, the other name, type, description, examples."""
    en = lang.startswith("en")
    type_label = {"str": ("文字", "text"), "number": ("数字", "number"), "list": ("标签列表", "list of text")}
    return [
        {
            "name": f.key if en else f.zh,
            "alias": f.zh if en else f.key,
            "type": type_label[f.type][1 if en else 0],
            "description": f.description(lang),
            "examples": list(f.examples),
            "line_level": f.line_level,
            "values": list(f.values),
        }
        for f in (CUSTOMER_FIELDS if scope == "customer" else FIELDS)
    ]


def as_tuple_of_str(value: object) -> tuple[str, ...]:
    """A list field's value as a tuple of str: None -> (), "a,b" -> ("a", "b"), ["a"] -> ("a",)."""
    if value is None:
        return ()
    if isinstance(value, str):
        for sep in "，,、;；":
            value = value.replace(sep, " ")
        return tuple(value.split())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return (str(value),)
