"""The customer service desk's search box as pure rules: what a typed text can be, and what to say
when it is too short or finds nothing.

A buyer reads out a full phone, the last 4 digits with a name, an order number of any platform
(with or without our TB/PDD/DY/MP prefix), a waybill, a nickname or a name. Every reading the text
allows is tried, each as an exact, indexed lookup; nothing is ever a scan of all orders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .model import Channel, mask_phone

MIN_TEXT = 2  # fewer characters find too much to be useful
_MOBILE = re.compile(r"1[3-9]\d{9}")
_MASKED = re.compile(r"(\d{3})\*{2,6}(\d{4})")
_TAIL_FIRST = re.compile(r"(\d{4})\s*([^\d\s].*)")
_NAME_FIRST = re.compile(r"([^\d\s].*?)\s*(\d{4})")
_PREFIXED = re.compile(r"(TB|PDD|DY|MP)([0-9][0-9A-Z-]{5,63})")
_NUMBERISH = re.compile(r"[0-9A-Z][0-9A-Z-]{5,63}")
_PHONE_NOISE = re.compile(r"[\s\-()]")


class Lookup(StrEnum):
    """One way a text can find orders; also what a result says it was found by."""

    PHONE = "phone"  # the full phone, in clear, on the order or its customer
    MASKED_PHONE = "masked_phone"  # a masked phone (138****1234) equal to the one typed or its mask
    TAIL_NAME = "tail_name"  # last 4 digits of the phone and the receiver's name
    ORDER_NO = "order_no"  # ours (with prefix) or the platform's own number
    WAYBILL = "waybill"  # one of our parcels' waybills
    RETURN_WAYBILL = "return_waybill"  # another number the order is known by (a return's waybill)
    NICKNAME = "nickname"  # the platform's buyer nickname or buyer id
    NAME = "name"  # the receiver's or buyer's name
    SAME_CUSTOMER = "same_customer"  # not typed: another order of a customer found

    def label(self, lang: str = "zh") -> str:
        zh, en = _LOOKUP_LABELS[self]
        return en if lang.startswith("en") else zh

    @property
    def certain(self) -> bool:
        """False where the match is only likely: a masked phone or a bare name can be another buyer's
        (such matches are shown, but the other orders of their customers are not pulled in)."""
        return self not in (Lookup.MASKED_PHONE, Lookup.NAME)


_LOOKUP_LABELS = {
    Lookup.PHONE: ("手机号", "phone"),
    Lookup.MASKED_PHONE: ("脱敏手机号（请核对姓名）", "masked phone (check the name)"),
    Lookup.TAIL_NAME: ("手机后四位+姓名", "last 4 digits + name"),
    Lookup.ORDER_NO: ("订单号", "order number"),
    Lookup.WAYBILL: ("运单号", "waybill"),
    Lookup.RETURN_WAYBILL: ("退货运单号", "return waybill"),
    Lookup.NICKNAME: ("买家昵称", "buyer nickname"),
    Lookup.NAME: ("姓名（请核对）", "name (check it)"),
    Lookup.SAME_CUSTOMER: ("同一客户", "same customer"),
}


@dataclass(frozen=True)
class DeskQuery:
    """What a typed text will be looked up as. `too_short` holds the reason to ask for more."""

    text: str
    lookups: tuple[Lookup, ...] = ()
    phone: str = ""  # digits of a full phone
    masked: str = ""  # a masked phone as the platforms write it
    tail: str = ""
    name: str = ""
    numbers: tuple[str, ...] = ()  # order number / waybill candidates, as typed and normalised
    too_short: str = ""  # "", "short", "tail_only", "digits"

    @property
    def searchable(self) -> bool:
        return not self.too_short and bool(self.lookups)


def normalise(text: str) -> str:
    """Full-width digits and letters to half-width, outer blanks off (what an IME or a paste adds)."""
    return unicodedata.normalize("NFKC", text or "").strip()


def phone_tail(phone: str) -> str:
    """The last 4 digits a buyer reads out; "" unless the phone ends in 4 digits (138****1234 does)."""
    p = (phone or "").strip()
    return p[-4:] if len(p) >= 4 and p[-4:].isdigit() else ""


def parse_query(raw: str) -> DeskQuery:
    """Every reading `raw` allows; a text too short to be selective is refused with a reason."""
    text = normalise(raw)
    compact = _PHONE_NOISE.sub("", text)
    if compact.startswith("+86"):
        compact = compact[3:]
    if len(compact) < MIN_TEXT:
        return DeskQuery(text, too_short="short")
    if compact.isdigit() and len(compact) <= 4:
        return DeskQuery(text, too_short="tail_only" if len(compact) == 4 else "digits")
    if m := _MASKED.fullmatch(compact):
        masked = f"{m.group(1)}****{m.group(2)}"
        return DeskQuery(text, (Lookup.MASKED_PHONE,), masked=masked, tail=m.group(2))
    if m := (_TAIL_FIRST.fullmatch(text) or _NAME_FIRST.fullmatch(text)):
        tail, name = (m.group(1), m.group(2)) if m.group(1).isdigit() else (m.group(2), m.group(1))
        spaced = " " in text.strip()
        if not any(c.isdigit() for c in name.strip()) and (spaced or not name.strip().isascii()):
            return DeskQuery(text, (Lookup.TAIL_NAME,), tail=tail, name=name.strip())  # not TB5001, SF1234
    lookups: list[Lookup] = []
    phone = masked = ""
    if _MOBILE.fullmatch(compact) or (compact.isdigit() and 7 <= len(compact) <= 12):
        phone, masked = compact, mask_phone(compact)
        lookups += [Lookup.PHONE, Lookup.MASKED_PHONE]
    numbers = _number_candidates(text)
    if numbers:
        lookups += [Lookup.ORDER_NO, Lookup.WAYBILL, Lookup.RETURN_WAYBILL]
    if not phone:
        lookups.append(Lookup.NICKNAME)  # nicknames and platform buyer ids may hold digits
    if not any(c.isdigit() for c in compact):
        lookups.append(Lookup.NAME)
    if compact.isdigit() and not phone and not numbers:
        return DeskQuery(text, too_short="digits")
    return DeskQuery(text, tuple(dict.fromkeys(lookups)), phone=phone, masked=masked, numbers=numbers)


def _number_candidates(text: str) -> tuple[str, ...]:
    """An order number or waybill as typed, upper-cased, without blanks, and without our prefix."""
    plain = re.sub(r"\s", "", text).upper()
    if not _NUMBERISH.fullmatch(plain) or not any(c.isdigit() for c in plain):
        return ()
    out = [text.strip(), plain]
    if m := _PREFIXED.fullmatch(plain):
        out.append(m.group(2))
    else:
        out += [f"{c.prefix}{plain}" for c in Channel]
    return tuple(dict.fromkeys(out))


def name_matches(typed: str, stored: str) -> bool:
    """A typed name against a stored one; a masked name (张*, 张*伟) matches on its clear characters."""
    typed, stored = typed.strip(), stored.strip()
    if not typed or not stored:
        return False
    if "*" not in stored:
        return typed == stored
    pattern = "".join(".+" if c == "*" else re.escape(c) for c in re.sub(r"\*+", "*", stored))
    return re.fullmatch(pattern, typed) is not None


def ask_for_more(reason: str, lang: str = "zh") -> str:
    """What to say to a text too short to search with."""
    zh, en = _ASK[reason]
    return en if lang.startswith("en") else zh


_ASK = {
    "short": ("请至少输入 2 个字符：手机号、订单号、运单号、昵称或姓名",
              "Type at least 2 characters: a phone, an order or waybill number, a nickname or a name"),
    "tail_only": ("只有手机后四位会找到太多订单，请加上收货人姓名（如 1234 张伟）",
                  "The last 4 digits alone match too many orders; add the receiver's name (e.g. 1234 张伟)"),
    "digits": ("数字太短：手机号需 11 位，或后四位加姓名；订单号、运单号请输入完整",
               "Too few digits: a phone needs 11, or the last 4 with the name; order and waybill numbers in full"),
}  # fmt: skip


def not_found_hint(q: DeskQuery, lang: str = "zh") -> str:
    """Nothing found: say so, and what to try instead."""
    en = lang.startswith("en")
    if q.lookups == (Lookup.TAIL_NAME,):
        return (f"No order whose phone ends in {q.tail} for {q.name}. Check the name as the buyer wrote it on the "
                "order, or try the full phone or the order number" if en else
                f"没有找到手机尾号 {q.tail}、收货人 {q.name} 的订单。请核对下单时填写的姓名，或改用完整手机号、订单号")
    if Lookup.PHONE in q.lookups:
        return ("No order with this phone. Pinduoduo and Douyin hide buyers' phones: try the last 4 digits with the "
                "name, or the order number" if en else
                "没有找到此手机号的订单。拼多多、抖音的手机号是隐藏的：请改用后四位加姓名，或订单号")
    if q.numbers:
        return ("No order, waybill or return waybill with this number. Check it digit by digit; a phone needs 11 "
                "digits, or the last 4 with the name" if en else
                "没有找到此订单号、运单号或退货运单号。请逐位核对；手机号需 11 位，或后四位加姓名")
    return ("No buyer with this name or nickname. Try the last 4 digits of the phone with the name, or the order "
            "number" if en else "没有找到此姓名或昵称的买家。可试试手机后四位加姓名，或订单号")
