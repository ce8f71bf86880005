"""What the use cases need from storage: the records they exchange and the repository interfaces.

The store implements these; services and tests depend only on this module, never on SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

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


class DirectoryRepository(Protocol):
    def user(self, username: str) -> UserRef | None: ...
    def add_user(self, username: str, display_name: str, role: str | None, now: datetime) -> int: ...
    def shop_ids(self, wanted: Mapping[tuple[Channel, str], str], now: datetime) -> dict[tuple[Channel, str], int]: ...
    def customer_ids(self, wanted: Sequence[NewCustomer], now: datetime) -> dict[str, int]: ...
    def upsert_warehouse(self, code: str, name: str, province: str | None, city: str, address: str) -> int: ...
    def warehouse_codes(self) -> list[tuple[str, str]]: ...
    def upsert_product(self, sku: str, name: str, category: str, unit_price_fen: int, weight_g: int,
                       barcodes: Sequence[tuple[str, str]]) -> int: ...  # fmt: skip


class OrderQueries(Protocol):
    def page(self, flt: OrderFilter, limit: int = 200, after: tuple[datetime, int] | None = None) -> list[OrderRow]: ...
    def count(self, flt: OrderFilter) -> int: ...
    def counts_by_status(self) -> dict[str, int]: ...
    def detail(self, order_no: str) -> OrderDetail | None: ...
    def find_id(self, number: str) -> int | None: ...
