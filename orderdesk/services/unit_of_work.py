"""The unit of work: one transaction per use case, rolled back unless the use case commits."""

from __future__ import annotations

import abc
from collections.abc import Callable
from types import TracebackType
from typing import Self

from ..secrets import SecretVault
from .tracking_ports import TrackingRepository
from .confirm_ports import ConfirmRepository
from .report_ports import DashboardQueries, ReportRepository
from .refund_ports import RefundRepository
from .returns_ports import ReturnsRepository
from .ports import (
    AllocationRepository,
    AuditEntry,
    AuditRepository,
    ChannelRepository,
    CreditNoteRepository,
    CustomerRepository,
    DeskQueries,
    LabelRepository,
    PackingRepository,
    DirectoryRepository,
    HandoverRepository,
    OrderQueries,
    OrderRepository,
    RuleRepository,
    ShipByRepository,
    StockRepository,
    UserRepository,
    WaveRepository,
)


class UnitOfWork(abc.ABC):
    """What a use case may touch. Opened in the thread that uses it, never shared."""

    orders: OrderRepository
    directory: DirectoryRepository
    queries: OrderQueries
    users: UserRepository
    audit: AuditRepository
    vault: SecretVault  # ciphertext of secrets; see orderdesk.secrets
    stock: StockRepository
    rules: RuleRepository
    allocation: AllocationRepository
    channels: ChannelRepository
    labels: LabelRepository
    packing: PackingRepository
    waves: WaveRepository
    refusals: list[AuditEntry]  # refused permission checks, written after this use case ends (see keep_refusal)
    ship_by: ShipByRepository  # the channels' ship-by defaults
    tracking: TrackingRepository
    confirms: ConfirmRepository  # the ship-confirm outbox and courier codes
    handover: HandoverRepository
    credit_notes: CreditNoteRepository  # red credit notes (红字凭证)
    reports: ReportRepository  # KPIs and reconciliation (the read side of a period)
    dashboard: DashboardQueries  # the dashboard's counts and the onboarding tours
    refunds: RefundRepository  # refunds, warehouse tasks, task notices (orderdesk.store.refund_repository)
    returns: ReturnsRepository  # returned parcels checked in, unknown parcels, returns-desk scans
    desk: DeskQueries  # the customer service desk's search and story reads
    customers: CustomerRepository  # customer profiles and tags

    def __enter__(self) -> Self:
        self.refusals = []
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.rollback()

    def keep_refusal(self, entry: AuditEntry) -> None:
        """A refusal must outlive the use case it refused: on exit, after the rollback, the unit of work
        writes it in a transaction of its own."""
        self.refusals.append(entry)

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


# A factory makes a fresh unit of work; `write=True` asks for a write transaction up front.
UowFactory = Callable[..., UnitOfWork]
