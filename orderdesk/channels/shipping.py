"""Ship-confirm over the adapters: send one parcel's waybill, read the platform's answer as an
outcome (accepted, already shipped, retry, refused for good), and load courier company lists.

The adapters' `confirm_shipment` does the signed call; this module adds what the outbox needs on
top: Douyin's multi-parcel variant for split orders, Taobao's `is_split`/`sub_tid` per parcel, and
the reading of refusals. Refusal texts differ per platform and their codes are unconfirmed
(reference §1.6, §2.5, §3.5, §8), so they are read by their words; an "already shipped" answer
counts as done only when it names our waybill.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from ..domain.model import Channel
from ..domain.ship_confirm import Outcome, ParcelToConfirm, SendResult
from .base import ChannelAdapter, ChannelError, RequestRejected

TB_COMPANIES = "taobao.logistics.companies.get"
PDD_COMPANIES = "pdd.logistics.companies.get"
DY_COMPANIES = "order.logisticsCompanyList"  # /order/logisticsCompanyList (§3.5); reply shape unconfirmed
DY_MULTI_PACK = "order.logisticsAddMultiPack"  # §3.5 names it; its parameters are unconfirmed
MP_COMPANIES_PATH = "/api/shipping/companies"  # our back-end relays WeChat's delivery company list
PER_PARCEL = frozenset({Channel.TAOBAO, Channel.DOUYIN})  # platforms that take one waybill per parcel

_ALREADY = ("已发货", "重复发货", "already shipped", "already consigned", "already_shipped")
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("refunded", ("退款", "refund")),
    ("closed", ("关闭", "已取消", "closed", "cancel")),
    ("bad_courier", ("物流公司", "快递公司", "company", "logistics_id", "express")),
    ("not_found", ("不存在", "找不到", "not found", "10060001")),
    ("not_to_ship", ("状态", "status", "cannot be shipped")),
)


def send_parcel(adapter: ChannelAdapter, parcel: ParcelToConfirm, platform_code: str) -> SendResult:
    """One try: the call, and what its answer means for the outbox. Never raises a ChannelError."""
    try:
        _send(adapter, parcel, platform_code)
    except ChannelError as exc:
        return read_refusal(exc, parcel.waybill, platform_code)
    except ValueError as exc:  # the adapter refused our values before sending (e.g. PDD's numeric ids)
        return SendResult(Outcome.REFUSED, "bad_courier", str(exc), str(exc), platform_code)
    return SendResult(Outcome.ACCEPTED, platform_code=platform_code)


def _send(adapter: ChannelAdapter, parcel: ParcelToConfirm, code: str) -> None:
    channel = Channel(parcel.channel)
    line_ids = [li.platform_line_id for li in parcel.lines if li.platform_line_id]
    if not parcel.split or channel not in PER_PARCEL or not line_ids:
        adapter.confirm_shipment(parcel.platform_order_id, parcel.waybill, code)
    elif channel is Channel.TAOBAO:
        adapter.confirm_shipment(parcel.platform_order_id, parcel.waybill, code, line_ids=line_ids)
    else:
        _douyin_pack(adapter, parcel, code)


def _douyin_pack(adapter: Any, parcel: ParcelToConfirm, code: str) -> None:
    """order.logisticsAddMultiPack with one pack: this parcel's sku orders and its waybill.
    `request_id` is derived from the confirmation so a repeat is recognisable as the same pack."""
    pack = {"shipped_order_info": [{"shipped_order_id": li.platform_line_id, "shipped_num": li.quantity}
                                   for li in parcel.lines if li.platform_line_id],
            "logistics_code": parcel.waybill, "company_code": code}  # fmt: skip
    request_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"orderdesk:confirm:{parcel.confirmation_id}"))
    try:
        adapter.call(DY_MULTI_PACK, {"order_id": parcel.platform_order_id, "pack_list": [pack],
                                     "request_id": request_id})  # fmt: skip
    except ChannelError as exc:
        exc.platform_order_id = parcel.platform_order_id
        raise


def read_refusal(exc: ChannelError, waybill: str, code: str) -> SendResult:
    """What a failed call means: retry (the platform or the network failed, or our access did),
    done (already shipped with this waybill), or refused for good (with the reason's code)."""
    if not isinstance(exc, RequestRejected):
        return SendResult(Outcome.RETRY, "failing", exc.zh, exc.en, code, float(exc.retry_after or 0))
    words = f"{exc.code} {exc.sub_code} {exc.zh} {exc.en}".lower()
    if any(w in words for w in _ALREADY):
        if waybill and waybill.lower() in words:
            return SendResult(Outcome.ALREADY_SHIPPED, "", exc.zh, exc.en, code)
        return SendResult(Outcome.REFUSED, "shipped_other", exc.zh, exc.en, code)
    reason = next((r for r, keys in _WORDS if any(k in words for k in keys)), "rejected")
    return SendResult(Outcome.REFUSED, reason, exc.zh, exc.en, code)


# --- courier company lists ----------------------------------------------------------------------


def company_list(adapter: Any, channel: Channel) -> list[tuple[str, str]]:
    """The platform's courier companies as (code to send, name), from its company-list API."""
    return _LOADERS[channel](adapter)


def _taobao(adapter: Any) -> list[tuple[str, str]]:
    payload = adapter.call(TB_COMPANIES, {"fields": "id,code,name"})
    found = (payload.get("logistics_companies") or {}).get("logistics_company") or []
    return _pairs(found, "code", "name")


def _pdd(adapter: Any) -> list[tuple[str, str]]:
    payload = adapter.call(PDD_COMPANIES, {})
    return _pairs(payload.get("logistics_companies") or [], "id", "logistics_company")


def _douyin(adapter: Any) -> list[tuple[str, str]]:
    data = adapter.call(DY_COMPANIES, {})
    found = next((v for v in data.values() if isinstance(v, list)), [])
    return _pairs(found, "code", "name")


def _miniprogram(adapter: Any) -> list[tuple[str, str]]:
    data = adapter.call("GET", MP_COMPANIES_PATH)
    return _pairs((data or {}).get("delivery_list") or [], "delivery_id", "delivery_name")


def _pairs(records: list[Any], code_key: str, name_key: str) -> list[tuple[str, str]]:
    out = [(str(r.get(code_key, "")).strip(), str(r.get(name_key, "")).strip()) for r in records if isinstance(r, dict)]
    return [(c, n) for c, n in out if c]


_LOADERS: dict[Channel, Callable[[Any], list[tuple[str, str]]]] = {
    Channel.TAOBAO: _taobao, Channel.PDD: _pdd, Channel.DOUYIN: _douyin, Channel.MINIPROGRAM: _miniprogram,
}  # fmt: skip


class Shipper:
    """The channel side of the ship-confirm drain, as the services see it (injected there)."""

    def __init__(self, adapter_for: Callable[..., Any] | None = None) -> None:
        if adapter_for is None:
            from .registry import adapter_for
        self._adapter_for = adapter_for

    def adapter(self, access: Any) -> Any:
        return self._adapter_for(access)

    def send(self, adapter: Any, parcel: ParcelToConfirm, platform_code: str) -> SendResult:
        return send_parcel(adapter, parcel, platform_code)

    def per_parcel(self, channel: str) -> bool:
        return Channel(channel) in PER_PARCEL

    def companies(self, adapter: Any, channel: Any) -> list[tuple[str, str]]:
        return company_list(adapter, Channel(channel))
