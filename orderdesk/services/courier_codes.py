"""Courier codes per platform, and the outbox as people see it.

Each platform names couriers its own way (Taobao `company_code`, Pinduoduo's numeric
`logistics_id`, Douyin `company_code`, WeChat `delivery_id`). Their lists are loaded once from the
company-list APIs and cached; our couriers (Kdniao codes, as on waybills) map to each platform's
code in an editable table. Loading fills in the mappings it can match by name; people fix the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.access import Permission
from ..domain.couriers import COURIERS, courier
from ..domain.errors import DomainError
from ..domain.model import Channel
from ..domain.ship_confirm import MOMENT_ALIASES
from .actors import audit, now_utc, require_actor
from .channels import channel_access, parse_platform
from .unit_of_work import UowFactory


@dataclass(frozen=True)
class MappingRow:
    channel: str
    courier_code: str
    courier_name: str
    platform_code: str  # "" = not mapped
    platform_name: str  # the cached list's name for the code ("" when unknown or not loaded)
    list_loaded: bool


def load_companies(make_uow: UowFactory, actor: str, shipper, platform: str) -> int:  # noqa: ANN001 - a Shipper
    """Fetch the platform's company list through one of its connections, cache it, map by name
    what is still unmapped. Returns the number of companies."""
    channel = parse_platform(platform)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        name = next((c.name for c in uow.channels.all() if c.platform == channel.value and c.enabled), None)
    if name is None:
        raise DomainError(f"没有 {channel.zh} 的接口连接，无法读取快递公司列表",
                          f"No {channel.en} connection to read its courier list through")  # fmt: skip
    companies = shipper.companies(shipper.adapter(channel_access(make_uow, name)), channel)
    if not companies:
        raise DomainError(f"{channel.zh} 返回的快递公司列表为空", f"{channel.en} returned an empty courier list")
    now = now_utc()
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        uow.confirms.save_companies(channel.value, companies, now)
        have = uow.confirms.mappings(channel.value)
        for ours, code in _name_matches(companies).items():
            if (channel.value, ours) not in have:
                uow.confirms.set_mapping(channel.value, ours, code, who.id, now)
        uow.confirms.due_now(channel.value, "no_mapping", now)
        audit(uow, who, "couriers.load", "channel", channel.value, companies=len(companies))
        uow.commit()
    return len(companies)


def _name_matches(companies: list[tuple[str, str]]) -> dict[str, str]:
    """Our courier → the platform code whose name carries its short name (中通, 顺丰, EMS …)."""
    out = {}
    for c in COURIERS:
        short = c.zh[:2] if not c.zh.isascii() else c.zh
        hits = [code for code, name in companies if short in name]
        if len(hits) == 1:
            out[c.code] = hits[0]
    return out


def courier_mappings(make_uow: UowFactory, actor: str, platform: str | None = None) -> list[MappingRow]:
    """Every (platform, our courier) pair with its code, mapped or not."""
    channels = [parse_platform(platform)] if platform else list(Channel)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        maps = uow.confirms.mappings()
        rows = []
        for ch in channels:
            names = uow.confirms.companies(ch.value)
            for c in COURIERS:
                code = maps.get((ch.value, c.code), "")
                rows.append(MappingRow(ch.value, c.code, c.zh, code, names.get(code, ""), bool(names)))
        return rows


def set_courier_mapping(make_uow: UowFactory, actor: str, platform: str, courier_code: str, code: str,
                        now: datetime | None = None) -> None:  # fmt: skip
    """Map our courier to the platform's code (checked against its loaded list); waiting
    confirmations of that platform are due again at once."""
    channel, ours, code = parse_platform(platform), courier(courier_code).code, code.strip()
    if not code:
        raise DomainError("平台快递公司编码不能为空", "The platform's courier code cannot be empty")
    now = now or now_utc()
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        known = uow.confirms.companies(channel.value)
        if known and code not in known:
            sample = "、".join(f"{k}={v}" for k, v in list(known.items())[:6])
            raise DomainError(f"{channel.zh} 的快递公司列表中没有编码 {code}（例如：{sample}）",
                              f"{channel.en}'s courier list has no code {code} (e.g. {sample})")  # fmt: skip
        uow.confirms.set_mapping(channel.value, ours, code, who.id, now)
        uow.confirms.due_now(channel.value, "no_mapping", now)
        audit(uow, who, "couriers.map", "channel", channel.value, courier=ours, code=code)
        uow.commit()


@dataclass(frozen=True)
class ConfirmMoment:
    """When one warehouse's parcels are confirmed to the platforms: "pack" or "handover"."""

    warehouse: str
    name: str
    moment: str


def confirm_moments(make_uow: UowFactory, actor: str) -> list[ConfirmMoment]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return [ConfirmMoment(*row) for row in uow.confirms.confirm_moments()]


def set_confirm_moment(make_uow: UowFactory, actor: str, warehouse: str, moment: str) -> int:
    """Confirm a warehouse's parcels to the platforms when packed ("pack", the default; "packed" is
    taken too) or when the courier takes them ("handover": the handover scan enqueues them).
    Switching to "pack" queues the parcels already packed there at once (else they would wait for
    their handover); returns how many. Audited with the moment before."""
    code = MOMENT_ALIASES.get(moment.strip().lower())
    if code is None:
        raise DomainError(f"发货确认时机只能是 pack（打包后）或 handover（交接时），不是「{moment}」",
                          f"The confirm moment is pack (when packed) or handover (at courier handover), not '{moment}'")  # fmt: skip
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        before = {c: m for c, _n, m in uow.confirms.confirm_moments()}.get(warehouse)
        if before is None or not uow.confirms.set_confirm_moment(warehouse, code):
            raise DomainError(f"没有仓库 {warehouse}", f"No warehouse {warehouse}")
        queued = uow.confirms.enqueue_packed_at(warehouse, now_utc()) if code == "pack" and before != "pack" else 0
        audit(uow, who, "warehouse.confirm_at", "warehouse", warehouse, confirm_at=code, before=before, queued=queued)
        uow.commit()
    return queued


# --- the outbox, read ---------------------------------------------------------------------------


def outbox_overview(make_uow: UowFactory, actor: str) -> tuple[list, list]:
    """(per-channel summary rows, open alerts): what the channels page shows."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.confirms.summary(), uow.confirms.rows(alerts_only=True)


def open_confirmations(make_uow: UowFactory, actor: str, limit: int = 500) -> list:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.confirms.rows(open_only=True, limit=limit)


def close_alert(make_uow: UowFactory, actor: str, confirmation_id: int, retry: bool = False) -> None:
    """Someone dealt with a refusal (intercepted the parcel, or fixed the cause and retries)."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        done = uow.confirms.reopen(confirmation_id, now_utc()) if retry else uow.confirms.close_alert(confirmation_id)
        if not done:
            raise DomainError(f"没有可处理的发货确认 #{confirmation_id}", f"No confirmation #{confirmation_id} to act on")
        audit(uow, who, "confirm.retry" if retry else "confirm.alert_closed", "confirmation", str(confirmation_id))
        uow.commit()
