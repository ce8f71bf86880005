"""The dashboard's read side: small aggregate queries over indexed columns (never a whole table),
and the onboarding tours a user has seen."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.orm import Session

from ..domain.refunds import TaskKind
from ..domain.ship_by import DUE_SOON_HOURS, awaiting_confirmation_statuses
from .models import ChannelAccount, Order, Product, StockLevel, SyncState, Warehouse
from .models_refunds import WarehouseTask
from .models_reports import UserTour
from .models_returns import ReturnRow
from .models_shipping import ShipConfirmation
from .tracking_models import TrackingAlert

O, W = Order.__table__, Warehouse.__table__
UNSHIPPED = ("PAID", "ON_HOLD", "ALLOCATED", "PACKED")
UNPACKED = ("PAID", "ON_HOLD", "ALLOCATED")
PROBLEM_KINDS = ("problem", "refused", "stalled")
ORDER_ALERTS = ("unpacked", "ship_by_due", "ship_by_overdue", "confirm_refused", "problem_parcels")
LIMIT = 500
_PULL_BACK_OPEN = (WarehouseTask.kind == TaskKind.PULL_BACK.value, WarehouseTask.state == "open")


class DashboardQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def to_ship(self, day_end: datetime) -> list[tuple[str, str, int]]:
        """(warehouse code or "", channel, orders) not yet shipped and due by the end of the day."""
        stmt = (select(W.c.code, O.c.channel, func.count()).select_from(O).outerjoin(W, W.c.id == O.c.warehouse_id)
                .where(O.c.status.in_(UNSHIPPED), (O.c.ship_by < day_end) | O.c.ship_by.is_(None))
                .group_by(W.c.code, O.c.channel))  # fmt: skip
        return [(code or "", channel, int(n)) for code, channel, n in self.session.execute(stmt)]

    def paid_times(self, start: datetime, end: datetime) -> list[datetime]:
        return list(self.session.execute(select(O.c.paid_at).where(O.c.paid_at >= start, O.c.paid_at < end)).scalars())

    def alert_counts(self, now: datetime, unpacked_hours: float) -> dict[str, int]:
        counts = {name: int(self.session.scalar(select(func.count()).select_from(q.subquery())) or 0)
                  for name, q in self._order_alerts(now, unpacked_hours).items()}  # fmt: skip
        counts["sync_failing"] = len(self.failing_channels())
        counts["low_stock"] = len(self.low_stock())
        counts["intercepts_not_pulled_back"] = self.intercepts_not_pulled_back()
        counts["unknown_returns"] = self.unknown_returned_parcels()
        return counts

    def alert_items(self, alert: str, now: datetime, unpacked_hours: float) -> list[str]:
        """What is behind an alert: order numbers, or channel names, or "SKU @ warehouse"."""
        queries = self._order_alerts(now, unpacked_hours)
        if alert in queries:
            ids = queries[alert].limit(LIMIT).subquery()
            stmt = select(O.c.order_no).where(O.c.id.in_(select(ids.c[0]))).order_by(O.c.paid_at)
            return list(self.session.execute(stmt).scalars())
        if alert == "sync_failing":
            return self.failing_channels()
        if alert == "low_stock":
            return self.low_stock()
        if alert == "intercepts_not_pulled_back":
            stmt = (select(O.c.order_no).join(WarehouseTask, WarehouseTask.order_id == O.c.id)
                    .where(*_PULL_BACK_OPEN).order_by(WarehouseTask.created_at, WarehouseTask.id).limit(LIMIT))  # fmt: skip
            return list(dict.fromkeys(self.session.execute(stmt).scalars()))
        if alert == "unknown_returns":
            stmt = (select(ReturnRow.id, ReturnRow.parcel_code, W.c.code).join(W, W.c.id == ReturnRow.warehouse_id)
                    .where(ReturnRow.state == "UNKNOWN").order_by(ReturnRow.at, ReturnRow.id).limit(LIMIT))  # fmt: skip
            return [f"#{i} {code or '-'} @ {wh}" for i, code, wh in self.session.execute(stmt)]
        return []

    def _order_alerts(self, now: datetime, unpacked_hours: float) -> dict[str, object]:
        waiting = O.c.status.in_(awaiting_confirmation_statuses())
        soon = now + timedelta(hours=DUE_SOON_HOURS)
        alerts = select(TrackingAlert.order_id).where(TrackingAlert.resolved_at.is_(None),
                                                      TrackingAlert.kind.in_(PROBLEM_KINDS))  # fmt: skip
        return {
            "unpacked": select(O.c.id).where(O.c.status.in_(UNPACKED), O.c.paid_at < now - timedelta(hours=unpacked_hours)),
            "ship_by_due": select(O.c.id).where(waiting, O.c.ship_by >= now, O.c.ship_by <= soon),
            "ship_by_overdue": select(O.c.id).where(waiting, O.c.ship_by < now),
            "confirm_refused": select(ShipConfirmation.order_id).where(ShipConfirmation.alert_open.is_(True)).distinct(),
            "problem_parcels": select(O.c.id).where(O.c.id.in_(alerts)),
        }  # fmt: skip

    def failing_channels(self) -> list[str]:
        stmt = (select(ChannelAccount.name).join(SyncState, SyncState.channel_id == ChannelAccount.id)
                .where(ChannelAccount.enabled.is_(True), SyncState.failed_runs > 0).order_by(ChannelAccount.name))  # fmt: skip
        return list(self.session.execute(stmt).scalars())

    def low_stock(self) -> list[str]:
        available = StockLevel.on_hand - StockLevel.reserved - StockLevel.frozen
        stmt = (select(Product.sku, Warehouse.code).join(StockLevel, StockLevel.product_id == Product.id)
                .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
                .where(Product.low_stock_threshold.is_not(None), Product.active.is_(True),
                       available < Product.low_stock_threshold).order_by(Product.sku, Warehouse.code).limit(LIMIT))  # fmt: skip
        return [f"{sku} @ {wh}" for sku, wh in self.session.execute(stmt)]

    def intercepts_not_pulled_back(self) -> int:
        """Intercepted parcels still in the outgoing pile: open pull-back tasks (one per order)."""
        stmt = select(func.count(func.distinct(WarehouseTask.order_id))).where(*_PULL_BACK_OPEN)
        return int(self.session.scalar(stmt) or 0)

    def unknown_returned_parcels(self) -> int:
        """Returned parcels nobody has matched to an order yet."""
        stmt = select(func.count()).select_from(ReturnRow).where(ReturnRow.state == "UNKNOWN")
        return int(self.session.scalar(stmt) or 0)

    # -- onboarding tours ------------------------------------------------------------------------

    def tours_seen(self, user_id: int) -> set[str]:
        return set(self.session.execute(select(UserTour.tour).where(UserTour.user_id == user_id)).scalars())

    def mark_tour(self, user_id: int, tour: str, outcome: str, now: datetime) -> None:
        self.session.execute(delete(UserTour).where(and_(UserTour.user_id == user_id, UserTour.tour == tour)))
        self.session.execute(insert(UserTour).values(user_id=user_id, tour=tour, outcome=outcome, at=now))
