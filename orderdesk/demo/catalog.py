"""The demo shop's master data (warehouses, shops, products), fixed so demos and tests agree."""

from __future__ import annotations

from dataclasses import dataclass

from orderdesk.domain.model import Channel

EAN13 = "EAN13"
CODE128 = "CODE128"
GIFT_CATEGORY = "赠品"
BASIN_CATEGORY = "折叠盆"
# GS1 China company prefix (69x) for the demo brand; item references follow it.
_COMPANY_PREFIX = "6975218"


@dataclass(frozen=True)
class Warehouse:
    code: str
    name: str
    province: str
    city: str
    address: str
    courier_code: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Shop:
    channel: Channel
    code: str
    name: str


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    unit_price_fen: int
    weight_g: int
    barcodes: tuple[tuple[str, str], ...]  # (barcode, kind): EAN13 and the shop's own CODE128
    is_gift: bool = False

    @property
    def ean13(self) -> str:
        return next(code for code, kind in self.barcodes if kind == EAN13)


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit for 12 leading digits (weights 1,3,1,3,… from the left)."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError(f"EAN-13 needs 12 digits, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _product(item: int, sku: str, name: str, category: str, price: int, weight: int) -> Product:
    first12 = f"{_COMPANY_PREFIX}{item:05d}"
    barcodes = ((first12 + ean13_check_digit(first12), EAN13), (f"JJ{item:06d}", CODE128))
    return Product(sku, name, category, price, weight, barcodes, is_gift=category == GIFT_CATEGORY)


WAREHOUSES: tuple[Warehouse, ...] = (
    Warehouse("SZ-SUZHOU", "苏州仓", "江苏省", "苏州市", "吴中区 越溪街道 吴中大道 1688号 物流园 B3库", "ZTO", "0512-66881234"),
    Warehouse("SZ-SHENZHEN", "深圳仓", "广东省", "深圳市", "龙华区 观澜街道 环观南路 88号 仓储中心 2栋", "YTO", "0755-28015678"),
    Warehouse("TJ", "天津仓", "天津市", "天津市", "西青区 中北镇 汇川路 26号 电商产业园 5号库", "YD", "022-87903456"),
    Warehouse("CD", "成都仓", "四川省", "成都市", "双流区 西航港街道 物联大道 399号 A区7库", "STO", "028-85739012"),
)

# Waybill number blocks as a courier's branch would issue them to each warehouse (first, last).
WAYBILL_BLOCKS: dict[str, tuple[str, str]] = {
    "SZ-SUZHOU": ("73120000000000", "73120000999999"),
    "SZ-SHENZHEN": ("YT8800000000000", "YT8800000999999"),
    "TJ": ("431000000000000", "431000000999999"),
    "CD": ("77300000000000", "77300000999999"),
}

SHOPS: tuple[Shop, ...] = (
    Shop(Channel.TAOBAO, "tmall-flagship", "家居好物旗舰店"),
    Shop(Channel.TAOBAO, "taobao-store", "家居好物生活馆"),
    Shop(Channel.PDD, "pdd-main", "家居好物拼多多官方店"),
    Shop(Channel.DOUYIN, "douyin-main", "家居好物抖音小店"),
    Shop(Channel.MINIPROGRAM, "mp-main", "家居好物微信商城"),
)

PRODUCTS: tuple[Product, ...] = (
    _product(101, "BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", BASIN_CATEGORY, 2990, 420),
    _product(102, "BASIN-FOLD-32-PNK", "折叠洗脸盆 32cm 粉色", BASIN_CATEGORY, 2990, 420),
    _product(103, "BASIN-FOLD-32-GRY", "折叠洗脸盆 32cm 灰色", BASIN_CATEGORY, 2990, 420),
    _product(104, "BASIN-FOLD-40-BLU", "折叠洗衣盆 40cm 蓝色", BASIN_CATEGORY, 3990, 610),
    _product(105, "BASIN-FOLD-40-GRY", "折叠洗衣盆 40cm 灰色", BASIN_CATEGORY, 3990, 610),
    _product(106, "BASIN-FOLD-SET3", "折叠盆三件套 大中小 混色", BASIN_CATEGORY, 6990, 1350),
    _product(201, "STOR-BOX-L-WHT", "加厚收纳箱 大号 60L 白色", "收纳", 4590, 1800),
    _product(202, "STOR-BOX-M-WHT", "加厚收纳箱 中号 35L 白色", "收纳", 3290, 1200),
    _product(203, "STOR-DRAWER-3", "抽屉式收纳柜 三层 透明", "收纳", 8990, 3600),
    _product(204, "STOR-VAC-BAG-6", "真空压缩袋 6件套 送手泵", "收纳", 3990, 700),
    _product(301, "BATH-MAT-DIATOM", "硅藻泥吸水地垫 60x39cm", "浴室用品", 3590, 1500),
    _product(302, "BATH-SHELF-CRN", "免打孔浴室转角置物架 两层", "浴室用品", 4990, 900),
    _product(303, "BATH-TOWEL-CTN", "纯棉浴巾 70x140cm 米白", "浴室用品", 5990, 480),
    _product(304, "BATH-SLIPPER-40", "EVA浴室拖鞋 防滑 40-41码", "浴室用品", 1990, 260),
    _product(401, "KIT-BOARD-BAMBOO", "整竹砧板 加厚 40x28cm", "厨房用品", 5990, 1600),
    _product(402, "KIT-OIL-SPRAY", "玻璃油壶喷雾瓶 200ml", "厨房用品", 1990, 280),
    _product(403, "KIT-RACK-DISH", "沥水碗碟架 双层 碳钢", "厨房用品", 6990, 2300),
    _product(404, "KIT-BOX-FRESH-5", "玻璃保鲜盒 五件套", "厨房用品", 7990, 2600),
    _product(501, "CLN-MOP-SPIN", "旋转拖把 带桶 免手洗", "清洁用品", 8990, 2900),
    _product(502, "CLN-CLOTH-10", "超细纤维抹布 10片装", "清洁用品", 1590, 300),
    _product(503, "CLN-BAG-100", "加厚垃圾袋 100只 45x50cm", "清洁用品", 1290, 650),
    _product(504, "CLN-BRUSH-TOILET", "硅胶马桶刷 壁挂套装", "清洁用品", 2590, 450),
    _product(601, "BABY-DIAPER-M-60", "婴儿纸尿裤 M码 60片", "母婴", 8900, 1900),
    _product(602, "BABY-DIAPER-L-52", "婴儿纸尿裤 L码 52片", "母婴", 8900, 1950),
    _product(603, "BABY-TUB-FOLD", "婴儿浴盆 可折叠 带温度计", "母婴", 12900, 2400),
    _product(604, "BABY-BIB-3", "纯棉口水巾 3条装", "母婴", 2490, 150),
    _product(701, "BED-PILLOW-PAIR", "枕芯 一对装 48x74cm", "床上用品", 6990, 1800),
    _product(702, "BED-SHEET-150", "纯棉床单 1.5m床 灰色", "床上用品", 7990, 900),
    _product(703, "BED-QUILT-200", "水洗棉夏凉被 200x230cm", "床上用品", 11900, 1700),
    _product(704, "BED-MAT-ICE-150", "冰丝凉席 1.5m 三件套", "床上用品", 9990, 1400),
    _product(901, "GIFT-TOWEL", "赠品 毛巾", GIFT_CATEGORY, 0, 80),
    _product(902, "GIFT-HOOK-4", "赠品 无痕粘钩 4只", GIFT_CATEGORY, 0, 30),
)

PRODUCT_BY_SKU: dict[str, Product] = {p.sku: p for p in PRODUCTS}
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(p.category for p in PRODUCTS))


def shops_for(channel: Channel) -> tuple[Shop, ...]:
    return tuple(s for s in SHOPS if s.channel == channel)


def products_in(category: str) -> tuple[Product, ...]:
    return tuple(p for p in PRODUCTS if p.category == category)
