"""Values compared with 收货省, 渠道, 区域 and 店铺, normalised as a condition compiles (江苏 -> 江苏省)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ...provinces import FULL_NAMES, SHORT_TO_FULL, normalise_province
from ..fields import CHANNEL_CODES, REGIONS, normalise_channel, normalise_region, strict_province
from .errors import RuleSyntaxError


def _fail(span: tuple[int, int], zh: str, en: str) -> RuleSyntaxError:
    return RuleSyntaxError(span[0], span[1], zh, en)


def normalise_literal(key: str, raw: str, span: tuple[int, int], shops: Mapping[str, str] | None) -> str:
    """`raw`, a literal compared with field `key`, as the field stores it; a RuleSyntaxError at `span`
    (position, length in the condition) when it names no province, channel, region or shop.
    `shops` maps every accepted spelling of a shop, lower-cased, to its code."""
    if key == "province":
        full = strict_province(raw)
        if full:
            return full
        guess = normalise_province(raw)
        close = [guess] if guess else difflib.get_close_matches(
            raw, [*FULL_NAMES, *SHORT_TO_FULL], n=2, cutoff=0.5)  # fmt: skip
        hint_zh = f"，是否想写{'或'.join(f'「{c}」' for c in close)}？" if close else ""
        hint_en = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise _fail(span, f"不认识的省份「{raw}」{hint_zh}", f"unknown province {raw!r}{hint_en}")
    if key == "channel":
        code = normalise_channel(raw)
        if code:
            return code
        raise _fail(span, f"不认识的渠道「{raw}」；可以写：淘宝/天猫、拼多多、抖音小店、小程序 "
                    f"（或 {'、'.join(CHANNEL_CODES)}）",
                    f"unknown channel {raw!r}; channels are {', '.join(CHANNEL_CODES)}")  # fmt: skip
    if key == "region":
        region = normalise_region(raw)
        if region:
            return region
        raise _fail(span, f"不认识的区域「{raw}」；区域只有：{'、'.join(REGIONS)}",
                    f"unknown region {raw!r}; regions are {', '.join(REGIONS)}")  # fmt: skip
    assert shops is not None
    code = shops.get(raw.strip().lower())
    if code:
        return code
    close = difflib.get_close_matches(raw.strip().lower(), list(shops), n=2, cutoff=0.5)
    hint = f"，是否想写{'或'.join(f'「{c}」' for c in close)}？" if close else ""
    raise _fail(span, f"不认识的店铺「{raw}」{hint}", f"unknown shop {raw!r}")
