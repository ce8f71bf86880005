"""The SQLAlchemy unit of work: a Session per use case, created in the calling thread."""

from __future__ import annotations

import logging
from types import TracebackType

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..services.unit_of_work import UnitOfWork
from .allocation_repository import AllocationRepository
from .channel_repository import ChannelRepository
from .confirm_repository import ConfirmRepository
from .credit_note_repository import CreditNoteRepository
from .customer_repository import CustomerRepository
from .desk_queries import DeskQueries
from .label_repository import LabelRepository
from .packing_repository import PackingRepository
from .directory_repository import DirectoryRepository
from .handover_repository import HandoverRepository
from .db_errors import refused_write
from .engine import WRITE_OPTION
from .errors import StoreError
from .migrate import connection_error, lost_connection
from .order_queries import OrderQueries
from .order_repository import OrderRepository
from .returns_repository import ReturnsRepository
from .rule_repository import RuleRepository
from .refund_repository import RefundRepository
from .ship_by_repository import ShipByRepository
from .stock_repository import StockRepository
from .user_repository import AuditRepository, SecretVaultRepository, UserRepository
from .tracking_repository import TrackingRepository
from .wave_repository import WaveRepository
from .report_repository import ReportRepository
from .dashboard_queries import DashboardQueries

log = logging.getLogger(__name__)


class SqlAlchemyUnitOfWork(UnitOfWork):
    def __init__(self, sessions: sessionmaker[Session], write: bool = False) -> None:
        self._sessions = sessions
        self._write = write

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.refusals = []
        self.session = self._sessions()
        try:
            self.session.connection(execution_options={WRITE_OPTION: self._write})
        except OperationalError as exc:
            self.session.close()
            err = connection_error(self._sessions.kw["bind"], exc)
            err.connection_lost = True  # type: ignore[attr-defined]
            raise err from exc
        except StoreError:  # the database file is gone or replaced (sqlite_file.FileGuard)
            self.session.close()
            raise
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
        self.labels = LabelRepository(self.session)
        self.packing = PackingRepository(self.session)
        self.waves = WaveRepository(self.session)
        self.ship_by = ShipByRepository(self.session)
        self.tracking = TrackingRepository(self.session)
        self.confirms = ConfirmRepository(self.session)
        self.handover = HandoverRepository(self.session)
        self.credit_notes = CreditNoteRepository(self.session)
        self.reports = ReportRepository(self.session)
        self.dashboard = DashboardQueries(self.session)
        self.refunds = RefundRepository(self.session)
        self.returns = ReturnsRepository(self.session)
        self.desk = DeskQueries(self.session)
        self.customers = CustomerRepository(self.session)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        try:
            self.rollback()
            self._write_refusals()
        except DBAPIError:
            if exc is None:
                raise
            log.warning("could not write the audit of a refused action", exc_info=True)
        finally:
            self.session.close()
        if isinstance(exc, OperationalError) and _sqlstate(exc).startswith("40"):
            raise ConcurrentUpdate() from exc  # deadlock or serialization failure: safe to retry
        if isinstance(exc, (OperationalError, InterfaceError)):
            # Said as what it is (the server went away, the file is locked), never as "not found".
            raise lost_connection(self._sessions.kw["bind"], exc) from exc
        if isinstance(exc, DBAPIError):
            raise refused_write(exc) from None  # the chained error would print the statement's values

    def commit(self) -> None:
        self.session.commit()

    def _write_refusals(self) -> None:
        """The refusals this use case met, in their own transaction after its rollback."""
        if not self.refusals:
            return
        entries, self.refusals = self.refusals, []
        self.session.connection(execution_options={WRITE_OPTION: True})
        self.audit.append(entries)
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", "") or "")


class ConcurrentUpdate(StoreError):
    """Another station changed the same rows at the same moment; the whole use case may run again."""

    retryable = True

    def __init__(self) -> None:
        super().__init__("其他工位正在同时修改相同的数据，请重试", "Another station changed the same data at the same moment; try again")


def uow_factory(sessions: sessionmaker[Session]):  # noqa: ANN201 - a UowFactory
    def make(write: bool = False) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(sessions, write=write)

    return make
