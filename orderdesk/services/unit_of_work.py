"""The unit of work: one transaction per use case, rolled back unless the use case commits."""

from __future__ import annotations

import abc
from collections.abc import Callable
from types import TracebackType
from typing import Self

from ..secrets import SecretVault
from .ports import (
    AllocationRepository,
    AuditRepository,
    ChannelRepository,
    LabelRepository,
    PackingRepository,
    DirectoryRepository,
    HandoverRepository,
    OrderQueries,
    OrderRepository,
    RuleRepository,
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
    handover: HandoverRepository

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


# A factory makes a fresh unit of work; `write=True` asks for a write transaction up front.
UowFactory = Callable[..., UnitOfWork]
