"""Report use cases: the KPIs of a period from the event log, and finance's reconciliation workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.kpi import KpiQuery, compute_kpis
from ..domain.model import Channel
from ..domain.reconciliation import Reconciliation, reconcile
from ..exports.workbook import write_workbook
from .actors import audit, require_actor
from .unit_of_work import UowFactory


@dataclass(frozen=True)
class KpiReport:
    query: KpiQuery
    rows: list[dict[str, object]]  # one per bucket (and split), in order; see KpiRow.summary
    keys: list[tuple[str, str, str, str]]  # (bucket, warehouse, channel, packer) of each row


def kpi_report(make_uow: UowFactory, actor: str, q: KpiQuery, warehouse: str | None = None,
               channel: str | None = None) -> KpiReport:  # fmt: skip
    """Every measure of the period, computed from the orders' histories and the stations' scans."""
    channel = _channel(channel)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        histories = uow.reports.histories(q.start, q.end, warehouse, channel)
        names = uow.reports.packer_names()
        scans = uow.reports.station_scans(q.start, q.end, warehouse, channel)
    book = compute_kpis(q, histories, scans, names)
    keys = sorted(book.rows)
    return KpiReport(q, [book.rows[k].summary() | _split(k) for k in keys], keys)


def _split(key: tuple[str, str, str, str]) -> dict[str, object]:
    return {"warehouse": key[1] or None, "channel": key[2] or None, "packer": key[3] or None}


def _channel(channel: str | None) -> str | None:
    if not channel:
        return None
    try:
        return Channel(channel.strip().lower()).value
    except ValueError:
        known = ", ".join(c.value for c in Channel)
        raise DomainError(f"未知的渠道 {channel}，可选：{known}", f"Unknown channel {channel}; one of {known}") from None


def reconciliation(make_uow: UowFactory, actor: str, start: datetime, end: datetime,
                   channel: str | None = None) -> Reconciliation:  # fmt: skip
    channel = _channel(channel)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.EXPORT_FINANCE)
        sales, notes = uow.reports.sales(start, end, channel), uow.reports.notes(start, end, channel)
    return reconcile(start, end, sales, notes, [channel] if channel else [])


def export_reconciliation(make_uow: UowFactory, actor: str, start: datetime, end: datetime, path: Path,
                          channel: str | None = None) -> Reconciliation:  # fmt: skip
    """Finance's workbook: a summary sheet and one sheet per channel; the export is audited."""
    from .reconciliation_export import reconciliation_sheets  # noqa: PLC0415 - openpyxl only when exporting

    rec = reconciliation(make_uow, actor, start, end, channel)
    write_workbook(path, reconciliation_sheets(rec))
    with make_uow(write=True) as uow:
        audit(uow, require_actor(uow, actor, Permission.EXPORT_FINANCE), "export", "reconciliation", str(path)[:80],
              channel=channel, since=start.isoformat(), until=end.isoformat())  # fmt: skip
        uow.commit()
    return rec
