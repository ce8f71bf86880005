"""Reading handover manifests back: the list, one manifest with its parcels and refusals, its A4
sheet (as data and as PDF), and the audit of a printed sheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.access import Permission
from ..domain.couriers import courier
from ..domain.errors import DomainError
from ..labels.handover import HandoverSheetData, render_handover_sheet
from .actors import audit, now_utc, require_actor
from .unit_of_work import UowFactory


@dataclass(frozen=True)
class ManifestDetail:
    manifest: object  # a ManifestRow: id, courier_code, warehouse_code/name, status, opened/closed at/by, parcels
    parcels: list  # HandedParcel: waybill_no, order_no, at, user (scan order)
    refused: list  # ScanRow: at, code, verdict ("refused:<why>"), order_no, user


def list_manifests(make_uow: UowFactory, actor: str, warehouse: str = "", only_open: bool = False,
                   limit: int = 100) -> list:  # fmt: skip
    """Manifests, newest first, with their parcel counts."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.handover.manifests(limit, warehouse, only_open)


def manifest_detail(make_uow: UowFactory, actor: str, manifest_id: int) -> ManifestDetail:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        found = uow.handover.manifests(1, manifest_id=manifest_id)
        if not found:
            raise DomainError(f"没有交接单 {manifest_id}", f"No manifest {manifest_id}")
        return ManifestDetail(found[0], uow.handover.handed(manifest_id), uow.handover.scans(manifest_id, True))


def handover_sheet(make_uow: UowFactory, actor: str, manifest_id: int,
                   now: Callable[[], datetime] = now_utc) -> HandoverSheetData:  # fmt: skip
    """What the A4 sheet shows, times in this PC's local time."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.SHIP_ORDERS)
    d = manifest_detail(make_uow, actor, manifest_id)
    m = d.manifest
    by = m.opened_by if not m.closed_by or m.closed_by == m.opened_by else f"{m.opened_by} / {m.closed_by}"
    return HandoverSheetData(m.id, m.warehouse_name, m.warehouse_code, courier(m.courier_code).zh, m.courier_code,
                             m.opened_at.astimezone(), m.closed_at.astimezone() if m.closed_at else None, by,
                             now().astimezone(), tuple((p.waybill_no, p.order_no) for p in d.parcels))  # fmt: skip


def handover_pdf(make_uow: UowFactory, actor: str, manifest_id: int) -> bytes:
    return render_handover_sheet(handover_sheet(make_uow, actor, manifest_id))


def record_handover_print(make_uow: UowFactory, actor: str, manifest_id: int, printer: str, job: str = "",
                          file: str = "") -> None:  # fmt: skip
    """After the print system finished the job (or the PDF was written): audited, with the count."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.SHIP_ORDERS)
        audit(uow, who, "handover.print", "handover_manifest", str(manifest_id), printer=printer, job=job,
              parcels=uow.handover.count(manifest_id), **({"file": file} if file else {}))  # fmt: skip
        uow.commit()
