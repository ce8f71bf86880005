"""The SQLAlchemy unit of work: a Session per use case, created in the calling thread."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..services.unit_of_work import UnitOfWork
from .allocation_repository import AllocationRepository
from .channel_repository import ChannelRepository
from .directory_repository import DirectoryRepository
from .engine import WRITE_OPTION
from .migrate import connection_error
from .order_queries import OrderQueries
from .order_repository import OrderRepository
from .rule_repository import RuleRepository
from .stock_repository import StockRepository
from .user_repository import AuditRepository, SecretVaultRepository, UserRepository


class SqlAlchemyUnitOfWork(UnitOfWork):
    def __init__(self, sessions: sessionmaker[Session], write: bool = False) -> None:
        self._sessions = sessions
        self._write = write

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.session = self._sessions()
        try:
            self.session.connection(execution_options={WRITE_OPTION: self._write})
        except OperationalError as exc:
            self.session.close()
            bind = self._sessions.kw["bind"]
            raise connection_error(bind, exc) from exc
        self.orders = OrderRepository(self.session)
        self.directory = DirectoryRepository(self.session)
        self.queries = OrderQueries(self.session)
        self.users = UserRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.vault = SecretVaultRepository(self.session)
        self.stock = StockRepository(self.session)
        self.rules = RuleRepository(self.session)
        self.allocation = AllocationRepository(self.session)
        self.channels = ChannelRepository(self.session)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        try:
            self.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def uow_factory(sessions: sessionmaker[Session]):  # noqa: ANN201 - a UowFactory
    def make(write: bool = False) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(sessions, write=write)

    return make
