"""Couriers: their codes, names and waybill-number shapes (to guess a courier from a scanned waybill).

Codes are Kdniao's ShipperCode values (the shared reference, §5.4). The number patterns are
heuristics from public validation code (§5.5): good for guessing a courier or warning about a
typo, never for refusing a number outright.
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

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def matches(self, waybill: str) -> bool:
        return any(re.fullmatch(p, waybill, re.IGNORECASE) for p in self.patterns)


COURIERS: tuple[Courier, ...] = (
    Courier("ZTO", "中通快递", "ZTO Express", (r"7[3-68]\d{12}",)),
    Courier("YTO", "圆通速递", "YTO Express", (r"YT\d{13}",)),
    Courier("STO", "申通快递", "STO Express", (r"(77|43)\d{12,15}",)),
    Courier("YD", "韵达快递", "Yunda Express", (r"[34]\d{14}", r"5\d{12}")),
    Courier("SF", "顺丰速运", "SF Express", (r"SF[0-9A-Z]\d{12}",)),
    Courier("JTSD", "极兔速递", "J&T Express", (r"JT\d{13}",)),
    Courier("EMS", "EMS", "EMS", (r"[981]\d{12}", r"P[A-Z]\d{11}")),
    Courier("JD", "京东快递", "JD Logistics", (r"JD[0-9A-Z]{2}\d{11}",)),
)
_BY_CODE = {c.code: c for c in COURIERS}


def courier(code: str) -> Courier:
    found = _BY_CODE.get(code.strip().upper())
    if found is None:
        known = ", ".join(_BY_CODE)
        raise DomainError(f"未知的快递公司代码 {code}，可选：{known}", f"Unknown courier code {code}; one of {known}")
    return found


def guess_couriers(waybill: str, preferred: str = "") -> list[Courier]:
    """Couriers whose number shape fits, the one the order already names first (shapes overlap)."""
    text = re.sub(r"\s+", "", waybill)
    fits = [c for c in COURIERS if c.matches(text)]
    return sorted(fits, key=lambda c: c.code != preferred)
