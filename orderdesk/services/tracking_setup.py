"""The Kdniao account (its key in the secret store, audited) and the tracking reads: open alerts,
per-order summaries for the orders view, and a parcel's scans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..domain.access import Permission
from ..domain.errors import DomainError, OrderNotFound
from ..domain.tracking import CourierState
from ..domain.tracking_plan import day_key
from ..secrets import SecretStore, SecretVault, default_secret_store
from .actors import audit, now_utc, require_actor
from .tracking_ports import AlertRecord, ScanRow, TrackingAccess, TrackRecord
from .unit_of_work import UowFactory

StoreFactory = Callable[[SecretVault], SecretStore]
API_KEY_REF = "courier:kdniao:api_key"
DEFAULT_QUOTA = 500


class NotSetUp(DomainError):
    def __init__(self) -> None:
        super().__init__("尚未设置快递鸟账号：请先运行 orderdesk track setup",
                         "No Kdniao account is set up: run `orderdesk track setup` first")  # fmt: skip


def setup_tracking(make_uow: UowFactory, actor: str, ebusiness_id: str, api_key: str, base_url: str = "",
                   daily_quota: int = DEFAULT_QUOTA, callback_url: str = "",
                   store_for: StoreFactory = default_secret_store) -> None:  # fmt: skip
    """Save the account; the API key goes to the secret store (an empty key keeps the saved one)."""
    if not ebusiness_id.strip():
        raise DomainError("商户 ID（EBusinessID）不能为空", "The EBusinessID is required")
    if daily_quota < 1:
        raise DomainError("每日查询额度至少为 1", "The daily query quota must be at least 1")
    for url in (base_url, callback_url):
        if url and not url.startswith(("http://", "https://")):
            raise DomainError(f"地址无效：{url}", f"Not an address: {url}")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        store = store_for(uow.vault)
        if api_key:
            store.put(API_KEY_REF, api_key)
        else:
            store.get(API_KEY_REF)  # no key given and none saved: say so before saving the rest
        uow.tracking.save_account(ebusiness_id.strip(), base_url, daily_quota, callback_url, now_utc())
        audit(uow, who, "tracking.setup", "tracking", "kdniao", ebusiness_id=ebusiness_id.strip(), base_url=base_url,
              daily_quota=daily_quota, callback_url=callback_url, key_changed=bool(api_key), secrets=store.describe())  # fmt: skip
        uow.commit()


def tracking_access(make_uow: UowFactory, store_for: StoreFactory = default_secret_store) -> TrackingAccess:
    """The account with its key read back, for the client about to sign; NotSetUp when there is none."""
    with make_uow() as uow:
        account = uow.tracking.account()
        if account is None:
            raise NotSetUp()
        key = store_for(uow.vault).get(API_KEY_REF)
    return TrackingAccess(account.ebusiness_id, key, account.base_url, account.daily_quota, account.callback_url)


@dataclass(frozen=True)
class TrackingOverview:
    """For the status line and the channels page: quota, open parcels by state, open alerts by kind."""

    configured: bool
    daily_quota: int
    used_today: int
    push: bool
    open_parcels: dict[str, int]
    alerts: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {"configured": self.configured, "daily_quota": self.daily_quota, "used_today": self.used_today,
                "push": self.push, "open_parcels": self.open_parcels, "alerts": self.alerts}  # fmt: skip


def tracking_overview(make_uow: UowFactory, actor: str, now: datetime | None = None) -> TrackingOverview:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        account = uow.tracking.account()
        used = uow.tracking.usage_of(day_key(now or now_utc()))
        return TrackingOverview(account is not None, account.daily_quota if account else DEFAULT_QUOTA, used,
                                bool(account and account.callback_url), uow.tracking.open_counts(),
                                uow.tracking.alert_counts())  # fmt: skip


def tracking_alerts(make_uow: UowFactory, actor: str, open_only: bool = True, limit: int = 200) -> list[AlertRecord]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.tracking.alerts(open_only, limit)


@dataclass(frozen=True)
class TrackingSummary:
    """One order's parcels in a line: what the orders view's tracking column shows."""

    order_id: int
    parcels: tuple[TrackRecord, ...]

    def text(self, lang: str = "zh") -> str:
        parts = []
        for p in self.parcels:
            when = p.track.last_scan_at.astimezone().strftime("%m-%d %H:%M") if p.track.last_scan_at else ""
            parts.append(" ".join(x for x in (p.track.state.label(lang), when) if x))
        return "；".join(parts) if not lang.startswith("en") else "; ".join(parts)

    @property
    def alert(self) -> bool:
        return any(p.track.state in (CourierState.PROBLEM, CourierState.REFUSED, CourierState.RETURNING,
                                     CourierState.RETURNED) for p in self.parcels)  # fmt: skip


def tracking_summaries(make_uow: UowFactory, actor: str, order_ids: Sequence[int]) -> dict[int, TrackingSummary]:
    """Tracking of a page of orders (one query), keyed by order id; orders not followed are absent."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        records = uow.tracking.parcels_of_orders(order_ids) if order_ids else []
    grouped: dict[int, list[TrackRecord]] = {}
    for r in records:
        grouped.setdefault(r.track.order_id, []).append(r)
    return {oid: TrackingSummary(oid, tuple(rs)) for oid, rs in grouped.items()}


def parcel_scans(make_uow: UowFactory, actor: str, order_no: str) -> list[tuple[TrackRecord, list[ScanRow]]]:
    """Every followed parcel of an order with all its courier scans, oldest first."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        order_id = uow.queries.find_id(order_no)
        if order_id is None:
            raise OrderNotFound(order_no)
        return [(r, uow.tracking.scans(r.track.shipment_id)) for r in uow.tracking.parcels_of_orders([order_id])]
