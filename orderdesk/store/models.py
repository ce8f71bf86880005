"""The schema, as typed SQLAlchemy 2 declarative models. Alembic's env.py reads `metadata`.

The domain never sees these classes: repositories turn rows into domain dataclasses and back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    LargeBinary,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    CheckConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


metadata = Base.metadata


class User(Base):
    """A person (or the system itself) who acts; every event names one."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    password_hash: Mapped[str | None] = mapped_column(String(255))
    badge_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]


class Shop(Base):
    """One seller account (店铺) on one channel (渠道)."""

    __tablename__ = "shops"
    __table_args__ = (UniqueConstraint("channel", "code", name="uq_shops_channel_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    province: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    courier_code: Mapped[str] = mapped_column(String(16), default="", server_default="")  # its usual courier
    phone: Mapped[str] = mapped_column(String(32), default="", server_default="")  # the sender phone on labels
    # when its parcels are confirmed to the platforms: "pack" (as packed) or "handover" (at pick-up)
    confirm_at: Mapped[str] = mapped_column(String(12), default="pack", server_default="pack")


class Product(Base):
    """A SKU: what the warehouse stocks and a packer scans."""

    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(64), default="")
    unit_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    low_stock_threshold: Mapped[int | None] = mapped_column(Integer)


class ProductBarcode(Base):
    """One of a SKU's barcodes (EAN-13, Code128, the shop's own code); a code names one SKU."""

    __tablename__ = "product_barcodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="code128")


class Customer(Base):
    """A buyer, keyed by clear phone where the platform gives one, else by platform buyer id."""

    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_buyer_ref", "buyer_ref"),  # the desk finds a buyer by nickname / platform id
        Index("ix_customers_name", "name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    channel: Mapped[str] = mapped_column(String(16))
    buyer_ref: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime]
    # The customer profile this buyer identity belongs to (the id of its head identity); None: its own.
    # Merged by hand across channels where the platforms hide the phone; split back the same way.
    profile_id: Mapped[int | None] = mapped_column(Integer, index=True)


class Order(Base):
    """An order in the hub. (channel, platform_order_id) is the idempotency key of intake."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("platform_order_id", "channel", name="uq_orders_platform_order_id_channel"),
        Index("ix_orders_paid_at_id", "paid_at", "id"),
        Index("ix_orders_status_paid_at", "status", "paid_at"),
        Index("ix_orders_receiver_phone_paid_at", "receiver_phone", "paid_at"),
        Index("ix_orders_customer_id_paid_at", "customer_id", "paid_at"),
        Index("ix_orders_status_ship_by", "status", "ship_by"),  # "due within N hours" and overdue
        Index("ix_orders_phone_tail_paid_at", "phone_tail", "paid_at"),  # the desk: last 4 digits + name
        Index("ix_orders_receiver_name_paid_at", "receiver_name", "paid_at"),  # the desk: a name
        Index("ix_orders_buyer_ref", "buyer_ref"),  # the desk: a nickname / platform buyer id
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(80), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    platform_order_id: Mapped[str] = mapped_column(String(64))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    resume_status: Mapped[str | None] = mapped_column(String(24))
    trade_state: Mapped[str] = mapped_column(String(16))
    refund_state: Mapped[str] = mapped_column(String(16))
    paid_at: Mapped[datetime | None]
    channel_modified_at: Mapped[datetime]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    receiver_name: Mapped[str] = mapped_column(String(64), default="")
    receiver_phone: Mapped[str] = mapped_column(String(32), default="")
    # the phone's last 4 digits, masked phones (138****1234) included: what a buyer reads out
    phone_tail: Mapped[str] = mapped_column(String(4), default="", server_default="")
    # the platform's buyer nickname or id on this order (a customer keyed by phone has several)
    buyer_ref: Mapped[str] = mapped_column(String(128), default="", server_default="")
    province: Mapped[str | None] = mapped_column(String(16), index=True)
    province_raw: Mapped[str] = mapped_column(String(64), default="")
    city: Mapped[str] = mapped_column(String(64), default="")
    district: Mapped[str] = mapped_column(String(64), default="")
    street: Mapped[str] = mapped_column(String(128), default="")
    address_detail: Mapped[str] = mapped_column(String(255), default="")
    buyer_note: Mapped[str] = mapped_column(Text, default="")
    seller_note: Mapped[str] = mapped_column(Text, default="")
    total_fen: Mapped[int] = mapped_column(Integer, default=0)
    freight_fen: Mapped[int] = mapped_column(Integer, default=0)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    extras: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    hold_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    ship_by: Mapped[datetime | None]  # the platform's promised ship-by time, or paid + the default
    ship_by_source: Mapped[str] = mapped_column(String(16), default="", server_default="")


class ShipByDefault(Base):
    """A channel's ship-by default in hours after payment, when its orders carry no deadline."""

    __tablename__ = "ship_by_defaults"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    hours: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class OrderLineRow(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    platform_line_id: Mapped[str] = mapped_column(String(64), default="")
    is_gift: Mapped[bool] = mapped_column(Boolean, default=False)


class OrderEventRow(Base):
    """Append-only: the order's timeline and its audit log. Nothing updates or deletes a row."""

    __tablename__ = "order_events"
    __table_args__ = (Index("ix_order_events_at", "at"),)  # a period of the timeline (the KPIs)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OrderRef(Base):
    """Another number an order is known by (a return's waybill, an after-sale number): the desk
    finds the order by it. Written by the feature that learns the number."""

    __tablename__ = "order_refs"
    __table_args__ = (UniqueConstraint("ref", "kind", "order_id", name="uq_order_refs_ref_kind_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # return_waybill, after_sale, …
    ref: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class AuditRow(Base):
    """Append-only log of actions on anything but orders: users, settings, rules, credentials, prints."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(48))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(80), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SecretBlob(Base):
    """Encrypted secrets (channel app secrets, courier keys); the key never lives in the database."""

    __tablename__ = "secret_blobs"
    ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime]


class StockLevel(Base):
    """Stock of one SKU in one warehouse. Available = on_hand - reserved - frozen, never below zero.
    Quarantined units (damaged, returned broken) are a state of their own, outside on_hand: never
    available, so never allocated or sold; they go back to on_hand or are written off."""

    __tablename__ = "stock_levels"
    __table_args__ = (
        UniqueConstraint("product_id", "warehouse_id", name="uq_stock_levels_product_warehouse"),
        CheckConstraint("on_hand >= 0 AND reserved >= 0 AND frozen >= 0", name="non_negative"),
        CheckConstraint("reserved + frozen <= on_hand", name="covered"),
        CheckConstraint("quarantined >= 0", name="quarantine_non_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    frozen: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    bin: Mapped[str] = mapped_column(String(32), default="")


class StockMovement(Base):
    """The stock ledger: every change of on-hand, reserved or frozen stock, with why and who."""

    __tablename__ = "stock_ledger"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    on_hand_delta: Mapped[int] = mapped_column(Integer, default=0)
    reserved_delta: Mapped[int] = mapped_column(Integer, default=0)
    frozen_delta: Mapped[int] = mapped_column(Integer, default=0)
    quarantined_delta: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reason: Mapped[str] = mapped_column(String(24))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class AllocationRuleRow(Base):
    """The rule set in force, in order. Every save also writes a RuleSetVersion snapshot."""

    __tablename__ = "allocation_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(128))
    condition: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(24))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    keep_together: Mapped[bool] = mapped_column(Boolean, default=False)


class RuleSetVersion(Base):
    __tablename__ = "rule_set_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class Shipment(Base):
    """One parcel of an order from one warehouse; an order split over warehouses has several."""

    __tablename__ = "shipments"
    __table_args__ = (UniqueConstraint("order_id", "seq", name="uq_shipments_order_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime]
    courier_code: Mapped[str] = mapped_column(String(16), default="", server_default="")
    waybill_no: Mapped[str | None] = mapped_column(String(40), unique=True)  # given once, kept for reprints
    label_prints: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    label_printed_at: Mapped[datetime | None]


class ShipmentLine(Base):
    __tablename__ = "shipment_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)


class ChannelAccount(Base):
    """A configured connection to one shop on a platform; secrets live in the secret store, by ref."""

    __tablename__ = "channel_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    app_key: Mapped[str] = mapped_column(String(128))
    base_url: Mapped[str] = mapped_column(String(255), default="")
    sign_method: Mapped[str] = mapped_column(String(16), default="")
    since: Mapped[datetime]
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class SyncState(Base):
    """Where a channel's sync stands. The cursor moves in the same transaction as the orders it covers;
    the lease lets one station at a time sync the channel and another take over if it dies."""

    __tablename__ = "sync_state"
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel_accounts.id"), primary_key=True)
    cursor: Mapped[datetime]
    lease_owner: Mapped[str] = mapped_column(String(128), default="")
    lease_until: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    error_since: Mapped[datetime | None]
    orders_pulled: Mapped[int] = mapped_column(Integer, default=0)
    failed_runs: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # in a row; 0 after a success
    last_run_at: Mapped[datetime | None]


class SyncProblem(Base):
    """A bad order a channel delivered (kept out of the hub): one row per order however often it is
    re-read; removed when a good copy of the order arrives."""

    __tablename__ = "sync_problems"
    __table_args__ = (UniqueConstraint("channel_id", "order_ref", name="uq_sync_problems_channel_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel_accounts.id"))
    order_ref: Mapped[str] = mapped_column(String(128))  # the platform order id, or a digest of the reason
    reason: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    times: Mapped[int] = mapped_column(Integer, default=1)


class WaybillRange(Base):
    """A block of waybill numbers a courier's branch issued to a warehouse (单号段); each label takes
    the next one, atomically, so two stations never print the same number."""

    __tablename__ = "waybill_ranges"
    __table_args__ = (CheckConstraint("next_seq <= last_seq + 1", name="within"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    courier_code: Mapped[str] = mapped_column(String(16))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(8), default="")
    digits: Mapped[int] = mapped_column(Integer)
    next_seq: Mapped[int] = mapped_column(BigInteger)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class LabelTemplateRow(Base):
    """Which label size and optional fields to print, per courier and/or channel ("" = any)."""

    __tablename__ = "label_templates"
    __table_args__ = (UniqueConstraint("courier_code", "channel", name="uq_label_templates_courier_channel"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    courier_code: Mapped[str] = mapped_column(String(16), default="")
    channel: Mapped[str] = mapped_column(String(16), default="")
    size: Mapped[str] = mapped_column(String(8))
    fields: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class PackClaim(Base):
    """Which station is packing an order: one at a time; a claim lapses if its station goes quiet."""

    __tablename__ = "pack_claims"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    station: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"))
    claimed_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    waybill_no: Mapped[str] = mapped_column(String(40), default="")  # a pre-printed waybill scanned


class PackScan(Base):
    """Every scan at a station with its verdict (append-only): the packing progress of a parcel, undo
    included (a negative quantity), and the station's throughput and refusals."""

    __tablename__ = "pack_scans"
    __table_args__ = (Index("ix_pack_scans_station_at", "station", "at"), Index("ix_pack_scans_at", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    station: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(Integer)  # history outlives a re-planned parcel
    code: Mapped[str] = mapped_column(String(128))
    sku: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    verdict: Mapped[str] = mapped_column(String(24))  # opened, item, undo, packed, waybill, refused:<why>…


class Wave(Base):
    """A batch of one warehouse's allocated orders picked together; each order has a slot number."""

    __tablename__ = "waves"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class WaveOrder(Base):
    __tablename__ = "wave_orders"
    __table_args__ = (UniqueConstraint("wave_id", "slot", name="uq_wave_orders_wave_slot"),)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer)


class HandoverManifest(Base):
    """A courier handover sheet (交接单): the parcels one courier took from one warehouse, opened at
    pick-up time, closed (signed off) when the courier leaves, and kept."""

    __tablename__ = "handover_manifests"
    __table_args__ = (Index("ix_handover_manifests_warehouse_status", "warehouse_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    courier_code: Mapped[str] = mapped_column(String(16))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    status: Mapped[str] = mapped_column(String(8))  # OPEN, CLOSED
    opened_at: Mapped[datetime]
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class HandoverParcel(Base):
    """A parcel handed over: one row per shipment ever (the unique shipment is what stops two leads
    handing one parcel over twice, at two docks, at the same moment)."""

    __tablename__ = "handover_parcels"
    id: Mapped[int] = mapped_column(primary_key=True)
    manifest_id: Mapped[int] = mapped_column(ForeignKey("handover_manifests.id"), index=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    waybill_no: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class HandoverScan(Base):
    """Every scan at the dock with its verdict (append-only): accepted, or refused:<why>."""

    __tablename__ = "handover_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    manifest_id: Mapped[int] = mapped_column(ForeignKey("handover_manifests.id"), index=True)
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    code: Mapped[str] = mapped_column(String(128))
    verdict: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    shipment_id: Mapped[int | None] = mapped_column(Integer)  # history outlives a re-planned parcel


from . import tracking_models  # noqa: E402,F401 - registers the tracking tables on this metadata
from . import models_shipping  # noqa: E402,F401 - the shipping tables join `metadata`
from . import models_reports  # noqa: E402,F401 - onboarding tours join the same metadata
from . import models_credit  # noqa: E402, F401 - the credit-note tables join the same metadata
from . import models_refunds  # noqa: E402, F401 - refunds, warehouse tasks and notices join the same metadata
from . import models_returns  # noqa: E402, F401 - the returns tables join the same metadata
from . import models_customers  # noqa: E402, F401 - customer tags join the same metadata
