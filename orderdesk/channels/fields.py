"""Small readers the channel mappings share for raw platform records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from orderdesk.domain.model import Channel, RefundState

from .base import BadReply

DIGITS_RE = re.compile(r"[0-9]+")


def bad_record(channel: Channel, order_id: str, zh: str, en: str) -> BadReply:
    """A BadReply about one record, naming its order when the id is known."""
    if order_id:
        zh, en = f"订单 {order_id}：{zh}", f"order {order_id}: {en}"
    return BadReply(channel, zh, en, platform_order_id=order_id)


def combine_refunds(closed: bool, lines: Iterable[RefundState]) -> RefundState:
    """An order's refund state from its lines': a closed paid order is refunded; any line awaiting
    a refund → REQUESTED; every line refunded → REFUNDED; only some lines refunded → REQUESTED, so
    a person looks at the order before the refunded goods are packed (hub orders have no per-line
    refund)."""
    if closed:
        return RefundState.REFUNDED
    states = list(lines)
    if RefundState.REQUESTED in states:
        return RefundState.REQUESTED
    if states and all(s is RefundState.REFUNDED for s in states):
        return RefundState.REFUNDED
    if RefundState.REFUNDED in states:
        return RefundState.REQUESTED
    return RefundState.NONE


def text(record: Mapping[str, Any], key: str) -> str:
    """A scalar field as stripped text ("" when absent or not a scalar; booleans as true/false)."""
    value = record.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def id_text(value: object) -> str | None:
    """A platform id / epoch / count as a string of digits; None when it is not one (a float, say)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, str) and DIGITS_RE.fullmatch(value.strip()):
        return value.strip()
    return None

