"""What the use cases need from storage: the records they exchange and the repository interfaces.

The store implements these; services and tests depend only on this module, never on SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ..domain.events import OrderEventRecord
from ..domain.intake import StoredOrderState
from ..domain.model import Channel, ChannelOrder, OrderLine
from ..domain.status import OrderStatus
from .read_models import OrderDetail, OrderFilter, OrderRow


@dataclass(frozen=True)
class StoredOrder:
    id: int
    order_no: str
    version: int
    state: StoredOrderState


@dataclass(frozen=True)
class NewOrder:
    order: ChannelOrder
    shop_id: int
    customer_id: int
    status: OrderStatus
    resume_status: OrderStatus | None


@dataclass(frozen=True)
class ChannelUpdate:
    order_id: int
    order: ChannelOrder
    status: OrderStatus
    resume_status: OrderStatus | None
    replace_lines: bool


@dataclass(frozen=True)
class NewCustomer:
    key: str
    channel: Channel
    phone: str
    name: str
    buyer_ref: str


@dataclass(frozen=True)
class Movement:
    """A change of one SKU's stock in one warehouse, with its reason; deltas may be negative."""

    sku: str
    warehouse: str
    on_hand: int = 0
    reserved: int = 0
    frozen: int = 0
    reason: str = "adjust"
    order_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class ShipmentRecord:
    """One parcel of an order from one warehouse, and the order lines in it."""

    order_id: int
    seq: int
    warehouse: str
    lines: tuple[tuple[int, str, int], ...]  # (order_line_id, sku, quantity)


@dataclass(frozen=True)
class UserRef:
    id: int
    username: str
    display_name: str
    role: str | None
    active: bool


class OrderRepository(Protocol):
    def stored_states(self, order_nos: Sequence[str]) -> dict[str, StoredOrder]: ...
    def get_for_update(self, order_no: str) -> StoredOrder | None: ...
    def insert_orders(self, rows: Sequence[NewOrder], now: datetime) -> dict[str, int]: ...
    def insert_lines(self, lines: Iterable[tuple[int, Sequence[OrderLine]]]) -> None: ...
    def apply_channel_updates(self, updates: Sequence[ChannelUpdate], now: datetime) -> None: ...
    def set_status(self, order_id: int, expected_version: int, status: OrderStatus,
                   resume: OrderStatus | None, now: datetime) -> bool: ...  # fmt: skip
    def append_events(self, events: Sequence[OrderEventRecord]) -> None: ...


@dataclass(frozen=True)
class Credentials:
    """What login needs to know of a user; never leaves the service layer."""

    user: UserRef
    password_hash: str | None
    failed_logins: int
    locked_until: datetime | None


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user_id: int
    action: str
    object_type: str
    object_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    username: str
    action: str
    object_type: str
    object_id: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    username: str | None = None
    object_type: str | None = None
    object_id: str | None = None


class UserRepository(Protocol):
    def user(self, username: str) -> UserRef | None: ...
    def add_user(self, username: str, display_name: str, role: str | None, now: datetime) -> int: ...
    def credentials(self, username: str) -> Credentials | None: ...
    def by_badge(self, badge_hash: str) -> UserRef | None: ...
    def all_users(self) -> list[UserRef]: ...
    def count_login_users(self) -> int: ...
    def count_active_admins(self) -> int: ...
    def set_password_hash(self, user_id: int, password_hash: str) -> None: ...
    def set_badge_hash(self, user_id: int, badge_hash: str) -> None: ...
    def set_active(self, user_id: int, active: bool) -> None: ...
    def count_failure(self, user_id: int) -> int: ...
    def record_login(self, user_id: int, failed_logins: int, locked_until: datetime | None,
                     logged_in_at: datetime | None) -> None: ...  # fmt: skip


class AuditRepository(Protocol):
    def append(self, entries: Sequence[AuditEntry]) -> None: ...
    def query(self, flt: AuditFilter, limit: int | None = None) -> list[AuditRecord]: ...
    def order_events(self, flt: AuditFilter, limit: int | None = None) -> list[AuditRecord]: ...


class DirectoryRepository(Protocol):
    def shop_ids(self, wanted: Mapping[tuple[Channel, str], str], now: datetime) -> dict[tuple[Channel, str], int]: ...
    def customer_ids(self, wanted: Sequence[NewCustomer], now: datetime) -> dict[str, int]: ...
    def upsert_warehouse(self, code: str, name: str, province: str | None, city: str, address: str) -> int: ...
    def warehouse_codes(self) -> list[tuple[str, str]]: ...
    def all_skus(self) -> list[str]: ...
    def products_by_sku(self, skus: Sequence[str]) -> dict[str, Any]: ...
    def barcode_owners(self, codes: Sequence[str]) -> dict[str, str]: ...
    def upsert_product(self, sku: str, name: str, category: str, unit_price_fen: int, weight_g: int,
                       barcodes: Sequence[tuple[str, str]], low_stock_threshold: int | None = None) -> int: ...  # fmt: skip


class OrderQueries(Protocol):
    def page(self, flt: OrderFilter, limit: int = 200, after: tuple[datetime, int] | None = None) -> list[OrderRow]: ...
    def count(self, flt: OrderFilter) -> int: ...
    def counts_by_status(self) -> dict[str, int]: ...
    def detail(self, order_no: str) -> OrderDetail | None: ...
    def find_id(self, number: str) -> int | None: ...


class StockRepository(Protocol):
    """Stock levels and their ledger (orderdesk.store.stock_repository)."""

    def product_ids(self, skus: Iterable[str]) -> dict[str, int]: ...
    def available(self, skus: Iterable[str], lock: bool = False) -> dict[tuple[str, str], int]: ...
    def move(self, movements: Sequence[Any], user_id: int, now: datetime) -> None: ...
    def set_bin(self, sku: str, warehouse: str, bin_code: str) -> None: ...
    def levels(self, sku: str | None = None, warehouse: str | None = None, low_only: bool = False) -> list[Any]: ...


class RuleRepository(Protocol):
    def current(self) -> list[Any]: ...
    def replace(self, rules: Sequence[dict[str, Any]], user_id: int, note: str, now: datetime) -> int: ...
    def versions(self) -> list[Any]: ...
    def version(self, number: int) -> Any: ...


class AllocationRepository(Protocol):
    def pending_order_nos(self, statuses: Sequence[str], limit: int | None = None) -> list[str]: ...
    def candidates(self, order_nos: Sequence[str]) -> list[Any]: ...
    def latest_order_nos(self, limit: int, since: datetime | None = None,
                         statuses: Sequence[str] | None = None) -> list[str]: ...
    def stock_for_preview(self, skus: Sequence[str]) -> dict[tuple[str, str], int]: ...
    def add_gift_lines(self, gifts: Sequence[tuple[Any, ...]]) -> dict[tuple[int, int], int]: ...
    def line_ids(self, order_ids: set[int]) -> dict[tuple[int, int], int]: ...
    def add_shipments(self, shipments: Sequence[Any], now: datetime) -> None: ...
    def shipments_of(self, order_ids: Sequence[int]) -> list[Any]: ...
    def drop_shipments(self, order_ids: Sequence[int]) -> None: ...
    def set_outcome(self, outcomes: Sequence[dict[str, object]], now: datetime) -> int: ...


class ChannelRepository(Protocol):
    """Channel connections and sync state (orderdesk.store.channel_repository)."""

    def add(self, name: str, platform: str, shop_id: int, app_key: str, base_url: str, sign_method: str,
            since: datetime, now: datetime) -> int: ...  # fmt: skip
    def all(self) -> list[Any]: ...
    def by_name(self, name: str) -> Any: ...
    def acquire_lease(self, channel_id: int, owner: str, now: datetime, ttl: Any) -> bool: ...
    def release_lease(self, channel_id: int, owner: str) -> None: ...
    def advance(self, channel_id: int, cursor: datetime | None, pulled: int) -> None: ...
    def note_problems(self, channel_id: int, problems: Sequence[tuple[str, str]], now: datetime) -> None: ...
    def clear_problems(self, channel_id: int, order_refs: Sequence[str]) -> None: ...
    def problems(self, channel_id: int, limit: int = 200) -> list[Any]: ...
    def record_success(self, channel_id: int, now: datetime) -> None: ...
    def record_error(self, channel_id: int, message: str, now: datetime) -> None: ...
