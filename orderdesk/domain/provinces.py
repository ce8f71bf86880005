"""The 34 provincial-level divisions of China, and normalisation of what platforms send.

Platforms write 江苏, 江苏省, or a whole address such as 广西壮族自治区南宁市; rules and reports
need one spelling, the full name.
"""

from __future__ import annotations

# (GB/T 2260 code, full name, short name)
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("110000", "北京市", "北京"),
    ("120000", "天津市", "天津"),
    ("130000", "河北省", "河北"),
    ("140000", "山西省", "山西"),
    ("150000", "内蒙古自治区", "内蒙古"),
    ("210000", "辽宁省", "辽宁"),
    ("220000", "吉林省", "吉林"),
    ("230000", "黑龙江省", "黑龙江"),
    ("310000", "上海市", "上海"),
    ("320000", "江苏省", "江苏"),
    ("330000", "浙江省", "浙江"),
    ("340000", "安徽省", "安徽"),
    ("350000", "福建省", "福建"),
    ("360000", "江西省", "江西"),
    ("370000", "山东省", "山东"),
    ("410000", "河南省", "河南"),
    ("420000", "湖北省", "湖北"),
    ("430000", "湖南省", "湖南"),
    ("440000", "广东省", "广东"),
    ("450000", "广西壮族自治区", "广西"),
    ("460000", "海南省", "海南"),
    ("500000", "重庆市", "重庆"),
    ("510000", "四川省", "四川"),
    ("520000", "贵州省", "贵州"),
    ("530000", "云南省", "云南"),
    ("540000", "西藏自治区", "西藏"),
    ("610000", "陕西省", "陕西"),
    ("620000", "甘肃省", "甘肃"),
    ("630000", "青海省", "青海"),
    ("640000", "宁夏回族自治区", "宁夏"),
    ("650000", "新疆维吾尔自治区", "新疆"),
    ("710000", "台湾省", "台湾"),
    ("810000", "香港特别行政区", "香港"),
    ("820000", "澳门特别行政区", "澳门"),
)

FULL_NAMES = frozenset(full for _, full, _ in PROVINCES)
SHORT_TO_FULL = {short: full for _, full, short in PROVINCES}
CODE_OF = {full: code for code, full, _ in PROVINCES}
_SHORTS_LONGEST_FIRST = sorted(SHORT_TO_FULL, key=len, reverse=True)
# Places whose names begin with another province's short name.
_PREFIX_TRAPS = {"海南藏族自治州": "青海省", "海南州": "青海省"}
_ENGLISH = {
    "beijing": "北京市", "tianjin": "天津市", "hebei": "河北省", "shanxi": "山西省",
    "inner mongolia": "内蒙古自治区", "liaoning": "辽宁省", "jilin": "吉林省",
    "heilongjiang": "黑龙江省", "shanghai": "上海市", "jiangsu": "江苏省", "zhejiang": "浙江省",
    "anhui": "安徽省", "fujian": "福建省", "jiangxi": "江西省", "shandong": "山东省",
    "henan": "河南省", "hubei": "湖北省", "hunan": "湖南省", "guangdong": "广东省",
    "guangxi": "广西壮族自治区", "hainan": "海南省", "chongqing": "重庆市", "sichuan": "四川省",
    "guizhou": "贵州省", "yunnan": "云南省", "tibet": "西藏自治区", "xizang": "西藏自治区",
    "shaanxi": "陕西省", "gansu": "甘肃省", "qinghai": "青海省", "ningxia": "宁夏回族自治区",
    "xinjiang": "新疆维吾尔自治区", "taiwan": "台湾省", "hong kong": "香港特别行政区",
    "macau": "澳门特别行政区", "macao": "澳门特别行政区",
}


def normalise_province(raw: str | None) -> str | None:
    """Return the full official name for `raw`, or None when it names no province.

    Matching is anchored at the start, longest short name first, so 黑龙江 is not read as
    something shorter and 吉林市 (a city) still resolves to 吉林省 only as a prefix.
    """
    if not raw:
        return None
    s = "".join(raw.split())
    if s in FULL_NAMES:
        return s
    if s in SHORT_TO_FULL:
        return SHORT_TO_FULL[s]
    for trap, full in _PREFIX_TRAPS.items():
        if s.startswith(trap):
            return full
    for full in FULL_NAMES:
        if s.startswith(full):
            return full
    for short in _SHORTS_LONGEST_FIRST:
        if s.startswith(short):
            return SHORT_TO_FULL[short]
    return _ENGLISH.get(" ".join(raw.lower().split()).removesuffix(" province"))
