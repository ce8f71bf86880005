"""Taobao's single 收货地址 string split into province, city, district and the rest.

Seen as `浙江省 杭州市 西湖区 文三路100号(310000)`, sometimes without spaces. The province is found
with the province table (anchored at the start); an address whose first part names no province is
kept whole, with the province unknown, so the order can be held for a person to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.provinces import FULL_NAMES, SHORT_TO_FULL, normalise_province

_ZIP = re.compile(r"[(（]\s*(\d{6}|000000)\s*[)）]\s*$")
_CITY = re.compile(r"^(.+?(?:自治州|地区|盟|市))")
_DISTRICT = re.compile(r"^(.+?(?:新区|区|县|旗|市))")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


@dataclass(frozen=True)
class Address:
    province: str | None
    province_raw: str
    city: str = ""
    district: str = ""
    detail: str = ""
    zip_code: str = ""


def split_address(text: str) -> Address:
    s = " ".join(text.split())
    zip_code = ""
    if m := _ZIP.search(s):
        zip_code, s = m.group(1), s[: m.start()].strip()
    parts = s.split(" ")
    if len(parts) >= 3 and normalise_province(parts[0]):
        city, district = parts[1], parts[2] if len(parts) > 3 else ""
        rest = parts[3:] if len(parts) > 3 else parts[2:]
        return Address(normalise_province(parts[0]), parts[0], city, district, " ".join(rest), zip_code)
    return _split_joined(s.replace(" ", ""), zip_code) if normalise_province(parts[0]) else Address(
        None, parts[0], detail=s, zip_code=zip_code)  # fmt: skip


def _split_joined(s: str, zip_code: str) -> Address:
    """广西壮族自治区南宁市青秀区… without separators: peel the province, then city and district."""
    province = normalise_province(s)
    raw = _province_prefix(s, province or "")
    rest = s[len(raw) :]
    if province in _MUNICIPALITIES:
        city = province
        rest = rest.removeprefix(province)
    else:
        m = _CITY.match(rest)
        city = m.group(1) if m else ""
        rest = rest[len(city) :]
    m = _DISTRICT.match(rest)
    district = m.group(1) if m and len(m.group(1)) <= 8 else ""
    return Address(province, raw, city, district, rest[len(district) :], zip_code)


def _province_prefix(s: str, province: str) -> str:
    """How the address spells its province: the full name or a short form."""
    if s.startswith(province):
        return province
    shorts = sorted((k for k, v in SHORT_TO_FULL.items() if v == province), key=len, reverse=True)
    return next((k for k in shorts if s.startswith(k)), "") if province in FULL_NAMES else ""
