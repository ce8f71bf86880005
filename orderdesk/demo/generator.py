"""Deterministic, realistic synthetic orders, so the hub can be demonstrated and load-tested offline."""

from __future__ import annotations

import random
import string
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from orderdesk.demo.catalog import BASIN_CATEGORY, GIFT_CATEGORY, PRODUCTS, Product, shops_for
from orderdesk.domain.model import (
    Channel,
    ChannelOrder,
    OrderLine,
    Receiver,
    RefundState,
    TradeState,
    mask_phone,
)
from orderdesk.domain.provinces import PROVINCES, SHORT_TO_FULL, normalise_province

try:
    SHANGHAI = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # Windows without the tzdata package; China has had no DST since 1991
    SHANGHAI = timezone(timedelta(hours=8), "CST")

# (full name, rough share of e-commerce parcels, "city:district,district|city:…")
_PLACE_TABLE: tuple[tuple[str, float, str], ...] = (
    ("北京市", 4.5, "北京市:朝阳区,海淀区,丰台区,东城区,西城区,通州区,昌平区,大兴区"),
    ("天津市", 1.5, "天津市:和平区,南开区,河西区,河东区,滨海新区,西青区"),
    ("河北省", 4.0, "石家庄市:长安区,桥西区,裕华区|唐山市:路南区,路北区|保定市:竞秀区,莲池区|"
               "邯郸市:丛台区,邯山区|廊坊市:广阳区,安次区"),
    ("山西省", 2.0, "太原市:小店区,迎泽区,杏花岭区|大同市:平城区,云冈区|长治市:潞州区|运城市:盐湖区"),
    ("内蒙古自治区", 1.0, "呼和浩特市:新城区,赛罕区,回民区|包头市:昆都仑区,青山区|"
                      "鄂尔多斯市:东胜区,康巴什区|赤峰市:红山区,松山区"),
    ("辽宁省", 2.5, "沈阳市:和平区,沈河区,铁西区,浑南区|大连市:中山区,沙河口区,甘井子区|"
               "鞍山市:铁东区,铁西区|锦州市:古塔区,太和区"),
    ("吉林省", 1.2, "长春市:朝阳区,南关区,绿园区|吉林市:船营区,丰满区|延边朝鲜族自治州:延吉市"),
    ("黑龙江省", 1.5, "哈尔滨市:南岗区,道里区,香坊区|齐齐哈尔市:龙沙区,建华区|大庆市:萨尔图区,让胡路区|"
                 "牡丹江市:东安区"),
    ("上海市", 5.0, "上海市:浦东新区,闵行区,徐汇区,静安区,黄浦区,宝山区,松江区,嘉定区,长宁区,普陀区"),
    ("江苏省", 8.0, "南京市:玄武区,鼓楼区,江宁区,建邺区|苏州市:姑苏区,吴中区,相城区,虎丘区,昆山市|"
               "无锡市:梁溪区,滨湖区,新吴区|常州市:天宁区,武进区,新北区|南通市:崇川区,通州区|"
               "徐州市:云龙区,鼓楼区"),
    ("浙江省", 8.0, "杭州市:西湖区,拱墅区,上城区,滨江区,余杭区,萧山区|宁波市:鄞州区,海曙区,江北区|"
               "温州市:鹿城区,瓯海区|金华市:婺城区,义乌市|嘉兴市:南湖区,秀洲区|绍兴市:越城区,柯桥区"),
    ("安徽省", 3.5, "合肥市:蜀山区,包河区,庐阳区,瑶海区|芜湖市:镜湖区,鸠江区|蚌埠市:蚌山区|阜阳市:颍州区"),
    ("福建省", 3.5, "福州市:鼓楼区,台江区,仓山区|厦门市:思明区,湖里区,集美区|泉州市:丰泽区,鲤城区,晋江市|"
               "漳州市:芗城区"),
    ("江西省", 2.5, "南昌市:东湖区,西湖区,红谷滩区,青山湖区|赣州市:章贡区,南康区|九江市:浔阳区,濂溪区|"
               "上饶市:信州区"),
    ("山东省", 6.0, "济南市:历下区,市中区,槐荫区,历城区|青岛市:市南区,市北区,崂山区,黄岛区|"
               "烟台市:芝罘区,莱山区|潍坊市:奎文区,潍城区|临沂市:兰山区,罗庄区"),
    ("河南省", 5.0, "郑州市:金水区,二七区,中原区,管城回族区|洛阳市:西工区,洛龙区|新乡市:红旗区,卫滨区|"
               "南阳市:卧龙区,宛城区|开封市:鼓楼区,龙亭区"),
    ("湖北省", 4.0, "武汉市:武昌区,江汉区,洪山区,江岸区,汉阳区|宜昌市:西陵区,伍家岗区|襄阳市:襄城区,樊城区|"
               "荆州市:沙市区,荆州区"),
    ("湖南省", 3.5, "长沙市:岳麓区,芙蓉区,天心区,开福区,雨花区|株洲市:天元区,芦淞区|衡阳市:蒸湘区,石鼓区|"
               "岳阳市:岳阳楼区"),
    ("广东省", 11.0, "广州市:天河区,越秀区,海珠区,白云区,番禺区|深圳市:南山区,福田区,宝安区,龙岗区,龙华区|"
                "东莞市:南城街道,东城街道,长安镇,虎门镇|佛山市:禅城区,南海区,顺德区|珠海市:香洲区,金湾区|"
                "惠州市:惠城区,惠阳区"),
    ("广西壮族自治区", 2.5, "南宁市:青秀区,兴宁区,西乡塘区|柳州市:城中区,鱼峰区|桂林市:秀峰区,七星区|"
                        "玉林市:玉州区"),
    ("海南省", 0.7, "海口市:龙华区,美兰区,秀英区|三亚市:吉阳区,天涯区|儋州市:那大镇"),
    ("重庆市", 2.5, "重庆市:渝中区,江北区,南岸区,渝北区,沙坪坝区,九龙坡区"),
    ("四川省", 5.0, "成都市:锦江区,武侯区,青羊区,成华区,金牛区,双流区|绵阳市:涪城区,游仙区|德阳市:旌阳区|"
               "南充市:顺庆区|宜宾市:翠屏区"),
    ("贵州省", 1.5, "贵阳市:南明区,云岩区,观山湖区|遵义市:红花岗区,汇川区|六盘水市:钟山区"),
    ("云南省", 2.0, "昆明市:五华区,盘龙区,官渡区,西山区|曲靖市:麒麟区|大理白族自治州:大理市|玉溪市:红塔区"),
    ("西藏自治区", 0.2, "拉萨市:城关区,堆龙德庆区|日喀则市:桑珠孜区|林芝市:巴宜区"),
    ("陕西省", 2.5, "西安市:雁塔区,碑林区,未央区,莲湖区,长安区|咸阳市:秦都区,渭城区|宝鸡市:渭滨区,金台区|"
               "榆林市:榆阳区"),
    ("甘肃省", 1.0, "兰州市:城关区,七里河区,安宁区|天水市:秦州区,麦积区|酒泉市:肃州区"),
    ("青海省", 0.3, "西宁市:城中区,城东区,城西区,城北区|海东市:乐都区|海西蒙古族藏族自治州:格尔木市"),
    ("宁夏回族自治区", 0.4, "银川市:兴庆区,金凤区,西夏区|石嘴山市:大武口区|吴忠市:利通区"),
    ("新疆维吾尔自治区", 1.0, "乌鲁木齐市:天山区,沙依巴克区,新市区,水磨沟区|克拉玛依市:克拉玛依区|"
                         "昌吉回族自治州:昌吉市|伊犁哈萨克自治州:伊宁市|喀什地区:喀什市"),
    ("台湾省", 0.1, "台北市:信义区,大安区,中山区|新北市:板桥区,新庄区|台中市:西屯区,北屯区|高雄市:前镇区,苓雅区"),
    ("香港特别行政区", 0.2, "香港岛:中西区,湾仔区,东区|九龙:油尖旺区,深水埗区,观塘区|新界:沙田区,荃湾区,屯门区"),
    ("澳门特别行政区", 0.1, "澳门半岛:花地玛堂区,大堂区,风顺堂区|氹仔:嘉模堂区|路环:圣方济各堂区"),
)


def _parse_places(spec: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pairs = (part.split(":") for part in spec.split("|"))
    return tuple((city, tuple(districts.split(","))) for city, districts in pairs)


_PLACES = {full: _parse_places(spec) for full, _, spec in _PLACE_TABLE}
_PROVINCE_NAMES = tuple(full for full, _, _ in _PLACE_TABLE)
_PROVINCE_WEIGHTS = tuple(weight for _, weight, _ in _PLACE_TABLE)
_FULL_TO_SHORT = {full: short for short, full in SHORT_TO_FULL.items()}
_REMOTE = frozenset({"西藏自治区", "新疆维吾尔自治区", "青海省", "宁夏回族自治区", "内蒙古自治区", "甘肃省",
                     "海南省", "台湾省", "香港特别行政区", "澳门特别行政区"})

_CHANNEL_WEIGHTS = {Channel.TAOBAO: 40, Channel.PDD: 30, Channel.DOUYIN: 20, Channel.MINIPROGRAM: 10}
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
          "平", "刚", "鑫", "斌", "丹", "秀英", "秀兰", "桂英", "建华", "建国", "志强", "晓东", "海燕", "丽娟",
          "子涵", "浩宇", "梓轩", "雨萱", "欣怡", "一诺", "宇轩", "思远", "佳怡", "俊杰", "婷婷", "玉兰", "文博",
          "晨曦", "嘉怡", "博文", "雪梅", "红梅", "春花", "晓燕", "志明", "丽华")
_MOBILE_PREFIXES = (
    *(f"13{d}" for d in range(10)),
    *(f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)),
    *(f"18{d}" for d in range(10)),
    *(f"19{d}" for d in (1, 3, 5, 6, 7, 8, 9)),
)
_ROADS = ("人民路", "解放路", "中山路", "建设路", "和平路", "文化路", "长江路", "黄河路", "新华路", "胜利路",
          "光明路", "朝阳路", "青年路", "幸福路", "学府路", "滨河路", "东风路", "迎宾大道", "科技路", "工业大道")
_ROADS_SPECIAL = {
    "香港特别行政区": ("弥敦道", "皇后大道中", "轩尼诗道", "英皇道"),
    "澳门特别行政区": ("新马路", "殷皇子大马路", "高士德大马路"),
    "台湾省": ("忠孝东路", "中山北路", "信义路", "民生东路"),
}
_COMMUNITIES = ("阳光花园", "幸福小区", "金色家园", "锦绣华庭", "翠苑", "碧桂园", "万科城", "绿地世纪城",
                "康乐新村", "恒大名都", "职工宿舍", "龙湖春江郦城")
_BUYER_NOTES = ("请尽快发货", "不要放快递柜", "送人的，不要放发票", "发顺丰可以补运费吗", "周末不在家，工作日送",
                "颜色发蓝色的", "包装好一点，谢谢", "到了打电话", "放门卫室就行")
_SELLER_NOTES = ("老客户，多送一个赠品", "已电话确认地址", "优先发货")
_INVOICE_TITLES = ("个人", "苏州某某贸易有限公司", "杭州某某科技有限公司", "深圳市某某电子商务有限公司",
                   "北京某某文化传媒有限公司")
# (minimum goods amount, amount off, label as the platform shows it)
_COUPONS = ((0, 300, "店铺券3元"), (4900, 500, "满49减5"), (9900, 1000, "满99减10"), (19900, 3000, "满199减30"))
_FREIGHTS = (500, 600, 800, 1000)
_GOODS = tuple(p for p in PRODUCTS if p.category not in (GIFT_CATEGORY, BASIN_CATEGORY))
_BASINS = tuple(p for p in PRODUCTS if p.category == BASIN_CATEGORY)
_GIFTS = tuple(p for p in PRODUCTS if p.category == GIFT_CATEGORY)
_RETURNING_CUSTOMERS = 120


def generate_orders(n: int, seed: int = 0, start: datetime | None = None,
                    span_days: float = 3.0) -> list[ChannelOrder]:
    """`n` orders paid within [start - span_days, start], sorted by paid_at.

    Same seed and start give the same orders; start defaults to now (Asia/Shanghai). The first 34
    orders visit every province once, so any n >= 34 covers all of them. Order ids are unique for
    n <= 1,000,000.
    """
    if start is None:
        start = datetime.now(SHANGHAI).replace(microsecond=0)
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    rng = random.Random(seed)
    tour = list(_PROVINCE_NAMES)
    rng.shuffle(tour)
    span_s = max(0, int(span_days * 86400))
    orders = []
    for seq in range(n):
        paid_at = start - timedelta(seconds=rng.randint(0, span_s))
        province = tour[seq] if seq < len(tour) else None
        orders.append(generate_order(rng, start, seq, paid_at=paid_at, province=province))
    return sorted(orders, key=lambda o: o.paid_at)


def generate_order(rng: random.Random, now: datetime, seq: int, *, paid_at: datetime | None = None,
                   province: str | None = None) -> ChannelOrder:
    """One order as of `now`; `seq` (distinct per order, < 1,000,000) makes its platform id unique.

    paid_at defaults to a moment in the last 90 seconds (a "live" order); province, a full name,
    defaults to a draw weighted by e-commerce share.
    """
    if paid_at is None:
        paid_at = now - timedelta(seconds=rng.randint(0, 90))
    channel, receiver, buyer_ref = _customer(rng, province)
    order_id = _order_id(rng, channel, paid_at, seq)
    items = _items(rng)
    goods = sum(p.unit_price_fen * q for p, q in items)
    discount, coupon = _discount(rng, goods)
    freight = _freight(rng, receiver.province)
    trade, refund, delay_s = _states(rng)
    return ChannelOrder(
        channel=channel,
        shop_code=_shop_code(rng, channel),
        platform_order_id=order_id,
        trade_state=trade,
        refund_state=refund,
        paid_at=paid_at,
        modified_at=max(paid_at, min(now, paid_at + timedelta(seconds=delay_s))),
        receiver=receiver,
        lines=_lines(items, discount, order_id),
        buyer_ref=buyer_ref,
        buyer_note=rng.choice(_BUYER_NOTES) if rng.random() < 0.12 else "",
        seller_note=rng.choice(_SELLER_NOTES) if rng.random() < 0.03 else "",
        total_fen=goods - discount + freight,
        freight_fen=freight,
        discount_fen=discount,
        extras=_extras(rng, coupon),
    )


def _customer(rng: random.Random, province: str | None) -> tuple[Channel, Receiver, str]:
    """A new buyer, or now and then one from a fixed pool of returning customers."""
    if province is None and rng.random() < 0.08:
        pool_rng = random.Random(f"orderdesk-demo-customer-{rng.randrange(_RETURNING_CUSTOMERS)}")
        return _new_customer(pool_rng, None)
    return _new_customer(rng, province)


def _new_customer(rng: random.Random, province: str | None) -> tuple[Channel, Receiver, str]:
    channel = rng.choices(list(_CHANNEL_WEIGHTS), weights=list(_CHANNEL_WEIGHTS.values()))[0]
    province = province or rng.choices(_PROVINCE_NAMES, weights=_PROVINCE_WEIGHTS)[0]
    return channel, _receiver(rng, channel, province), _buyer_ref(rng, channel)


def _receiver(rng: random.Random, channel: Channel, province: str) -> Receiver:
    phone = _mobile(rng)
    if channel != Channel.MINIPROGRAM and rng.random() < 0.5:
        phone = mask_phone(phone)
    raw = province if rng.random() < 0.5 else _FULL_TO_SHORT[province]
    city, districts = rng.choice(_PLACES[province])
    street, detail = _street_and_detail(rng, province)
    return Receiver(name=_person_name(rng), phone=phone, province=normalise_province(raw), province_raw=raw,
                    city=city, district=rng.choice(districts), street=street, detail=detail)


def _person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + _digits(rng, 8)


def _street_and_detail(rng: random.Random, province: str) -> tuple[str, str]:
    street = f"{rng.choice(_ROADS_SPECIAL.get(province, _ROADS))} {rng.randint(1, 999)}号"
    building, floor, room = rng.randint(1, 30), rng.randint(1, 28), rng.randint(1, 6)
    if rng.random() < 0.6:
        detail = f"{rng.choice(_COMMUNITIES)} {building}栋 {rng.randint(1, 4)}单元 {floor}{room:02d}室"
    else:
        detail = f"{building}栋 {floor}{room:02d}室"
    return street, detail


def _buyer_ref(rng: random.Random, channel: Channel) -> str:
    alnum = string.ascii_lowercase + string.digits
    if channel == Channel.TAOBAO:
        return "tb_buyer_" + "".join(rng.choices(alnum, k=8))
    if channel == Channel.PDD:
        return "pdd_" + _digits(rng, 10)
    if channel == Channel.DOUYIN:
        return "dy_" + "".join(rng.choices(alnum, k=16))
    return "o" + "".join(rng.choices(string.ascii_letters + string.digits + "-_", k=27))  # WeChat openid


def _shop_code(rng: random.Random, channel: Channel) -> str:
    shops = shops_for(channel)
    return shops[0].code if len(shops) == 1 or rng.random() < 0.7 else rng.choice(shops[1:]).code


def _order_id(rng: random.Random, channel: Channel, paid_at: datetime, seq: int) -> str:
    """A platform-shaped id whose last six digits are a bijection of seq, hence unique."""
    tail = f"{(seq * 738_541 + 271_828) % 1_000_000:06d}"
    day = paid_at.astimezone(SHANGHAI)
    if channel == Channel.TAOBAO:
        return str(rng.randint(1, 4)) + _digits(rng, rng.choice((11, 12))) + tail
    if channel == Channel.PDD:
        return f"{day:%y%m%d}-{_digits(rng, 9)}{tail}"
    if channel == Channel.DOUYIN:
        return rng.choice(("49", "50", "69")) + _digits(rng, 11) + tail
    return f"WX{day:%Y%m%d}{_digits(rng, 2)}{tail}"


def _digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choices(string.digits, k=k))


def _items(rng: random.Random) -> list[tuple[Product, int]]:
    """1–3 distinct SKUs, mostly one; about 15% of orders include a folding basin."""
    count = rng.choices((1, 2, 3), weights=(75, 19, 6))[0]
    products = [rng.choice(_BASINS)] if rng.random() < 0.15 else []
    products += rng.sample(_GOODS, count - len(products))
    items = [(p, rng.choices((1, 2, 3, 4), weights=(72, 22, 4, 2))[0]) for p in products]
    if len(items) < 3 and rng.random() < 0.08:
        items.append((rng.choice(_GIFTS), 1))
    return items


def _discount(rng: random.Random, goods_fen: int) -> tuple[int, str]:
    usable = [c for c in _COUPONS if c[0] <= goods_fen and c[1] < goods_fen]
    if not usable or rng.random() >= 0.25:
        return 0, ""
    _, off, label = rng.choice(usable)
    return off, label


def _freight(rng: random.Random, province: str | None) -> int:
    share = 0.7 if province in _REMOTE else 0.05
    return rng.choice(_FREIGHTS) if rng.random() < share else 0


def _states(rng: random.Random) -> tuple[TradeState, RefundState, int]:
    """Trade and refund state, and how many seconds after payment the order last changed."""
    r = rng.random()
    if r < 0.01:
        return TradeState.CLOSED, RefundState.REFUNDED, rng.randint(1800, 86400)
    if r < 0.03:
        return TradeState.PAID, RefundState.REQUESTED, rng.randint(600, 43200)
    if r < 0.10:
        return TradeState.SHIPPED, RefundState.NONE, rng.randint(7200, 108000)
    if r < 0.13:
        return TradeState.COMPLETED, RefundState.NONE, rng.randint(86400, 259200)
    return TradeState.PAID, RefundState.NONE, rng.randint(0, 300)


def _lines(items: list[tuple[Product, int]], discount: int, order_id: str) -> tuple[OrderLine, ...]:
    """Order lines with the discount spread over paid goods in proportion, remainder on the last."""
    amounts = [p.unit_price_fen * q for p, q in items]
    goods = sum(amounts)
    shares = [discount * a // goods if goods else 0 for a in amounts]
    last_paid = max((i for i, a in enumerate(amounts) if a), default=0)
    shares[last_paid] += discount - sum(shares)
    return tuple(
        OrderLine(sku=p.sku, title=p.name, quantity=q, unit_price_fen=p.unit_price_fen,
                  paid_fen=amount - share, platform_line_id=f"{order_id}-{i + 1}", is_gift=p.is_gift)
        for i, ((p, q), amount, share) in enumerate(zip(items, amounts, shares))
    )


def _extras(rng: random.Random, coupon: str) -> dict[str, str]:
    extras = {"coupon": coupon} if coupon else {}
    if rng.random() < 0.05:
        title = rng.choice(_INVOICE_TITLES)
        extras["invoice_title"] = title
        if title != "个人":
            extras["invoice_tax_no"] = "91" + _digits(rng, 6) + "MA" + _digits(rng, 8)
    return extras
