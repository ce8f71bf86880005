"""Couriers: their codes, names and waybill-number shapes.

Codes are Kdniao's ShipperCode values (the shared reference, §5.4). The number patterns are
heuristics from public validation code (§5.5). `patterns` (today's shapes) guess a courier from a
scan; `fits` adds the older shapes the reference notes, and is what a number given to a parcel
must pass (issue 13: a waybill that cannot be its courier's is refused when it is assigned, so a
typo in a number block or a label of the wrong courier is caught before the parcel leaves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DomainError


@dataclass(frozen=True)
class Courier:
    code: str
    zh: str
    en: str
    patterns: tuple[str, ...] = ()
    legacy: tuple[str, ...] = ()  # older shapes: accepted for a parcel, never used to guess
    shape_zh: str = ""
    shape_en: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def matches(self, waybill: str) -> bool:
        return any(re.fullmatch(p, waybill, re.IGNORECASE) for p in self.patterns)

    def fits(self, waybill: str) -> bool:
        """Could this be one of our numbers, today's shape or an older one?"""
        text = normalise_waybill(waybill)
        return self.matches(text) or any(re.fullmatch(p, text, re.IGNORECASE) for p in self.legacy)


COURIERS: tuple[Courier, ...] = (
    Courier("ZTO", "中通快递", "ZTO Express", (r"7[3-68]\d{12}",), (),
            "14 位数字，以 73–76 或 78 开头", "14 digits starting with 73–76 or 78"),
    Courier("YTO", "圆通速递", "YTO Express", (r"YT\d{13}",), (r"88[A-Za-z0-9]{16}",),
            "YT 加 13 位数字", "YT and 13 digits"),
    Courier("STO", "申通快递", "STO Express", (r"(77|43)\d{12,15}",), (r"\d{12,13}",),
            "以 77 或 43 开头的 14–17 位数字", "14–17 digits starting with 77 or 43"),
    Courier("YD", "韵达快递", "Yunda Express", (r"[34]\d{14}", r"5\d{12}"), (r"\d{13}",),
            "以 3 或 4 开头的 15 位数字，或以 5 开头的 13 位数字", "15 digits starting with 3 or 4, or 13 starting with 5"),
    Courier("SF", "顺丰速运", "SF Express", (r"SF[0-9A-Z]\d{12}",), (r"\d{12}",),
            "SF 加 13 位字符（共 15 位）", "SF and 13 characters (15 in all)"),
    Courier("JTSD", "极兔速递", "J&T Express", (r"JT\d{13}",), (),
            "JT 加 13 位数字", "JT and 13 digits"),
    Courier("EMS", "EMS", "EMS", (r"[981]\d{12}", r"P[A-Z]\d{11}"), (r"[A-Z0-9]{13}",),
            "13 位数字（以 9、8 或 1 开头），或 P 加字母加 11 位数字", "13 digits starting 9, 8 or 1, or P, a letter and 11 digits"),
    Courier("JD", "京东快递", "JD Logistics", (r"JD[0-9A-Z]{2}\d{11}",), (),
            "JD 加 13 位字符（共 15 位）", "JD and 13 characters (15 in all)"),
)  # fmt: skip
_BY_CODE = {c.code: c for c in COURIERS}


def courier(code: str) -> Courier:
    found = _BY_CODE.get(code.strip().upper())
    if found is None:
        known = ", ".join(_BY_CODE)
        raise DomainError(f"未知的快递公司代码 {code}，可选：{known}", f"Unknown courier code {code}; one of {known}")
    return found


def find_courier(text: str) -> Courier:
    """A courier by its code or its name in either language (中通快递, 中通, ZTO Express)."""
    wanted = text.strip()
    for c in COURIERS:
        names = (c.code, c.zh, c.en, c.zh.removesuffix("快递").removesuffix("速递").removesuffix("速运"))
        if any(wanted.casefold() == n.casefold() for n in names):
            return c
    return courier(wanted)  # the error lists the codes


def normalise_waybill(waybill: str) -> str:
    return re.sub(r"\s+", "", waybill).upper()


def guess_couriers(waybill: str, preferred: str = "") -> list[Courier]:
    """Couriers whose number shape fits, the one the order already names first (shapes overlap)."""
    text = re.sub(r"\s+", "", waybill)
    fits = [c for c in COURIERS if c.matches(text)]
    return sorted(fits, key=lambda c: c.code != preferred)


class WaybillShapeError(DomainError):
    """A number given to a parcel cannot be its courier's: refused with the shape expected."""

    def __init__(self, c: Courier, waybill: str) -> None:
        super().__init__(f"运单号 {waybill} 不符合{c.zh}的单号格式（应为{c.shape_zh}），请核对",
                         f"Waybill {waybill} does not fit {c.en}'s number shape ({c.shape_en}); check it")  # fmt: skip
        self.courier_code, self.waybill = c.code, waybill


def check_waybill(courier_code: str, waybill: str) -> str:
    """The number as stored (spaces dropped, upper case) when it fits the courier; else WaybillShapeError."""
    c = courier(courier_code)
    text = normalise_waybill(waybill)
    if not c.fits(text):
        raise WaybillShapeError(c, waybill.strip())
    return text
