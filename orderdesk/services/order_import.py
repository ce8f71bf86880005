"""Importing platform export files: a preview that writes nothing, and the import itself.

Orders go in through intake, so an order imported twice is merged, never doubled: re-importing
the same file changes nothing, a newer export updates. Every value is checked against its column
before anything is written, so the preview tells the truth: a bad row is rejected and reported,
with the rest of its order, and every good order of the file is imported. The writing itself is
one transaction for all the files with their audit row: a failure on the way (a full disk, a
lost server) leaves nothing behind. Paid orders that need a person are held; new ones are then
allocated by the rules, as after a channel sync.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.model import Channel
from ..imports.orders_file import FileResult, FileSpec, OrdersImport, ParsedOrder, RowProblem, parse_files
from .actors import audit, now_utc, require_actor
from .allocation import allocate_orders, has_rules
from .intake import intake_batch
from .order_import_plan import NEW, UNCHANGED, UPDATED, BatchPlan, plan_batch
from .order_import_checks import screen
from .order_import_writes import complete_orders, hold_orders
from .unit_of_work import UnitOfWork, UowFactory

BATCH = 1000


@dataclass
class ImportReport:
    """What an import did (or, for a preview, would do), per order and in total."""

    files: list[FileResult]
    shop_codes: dict[str, str] = field(default_factory=dict)  # platform → shop code
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    held: int = 0
    skipped_unpaid: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    actions: dict[str, str] = field(default_factory=dict)  # order_no → new | updated | unchanged
    hold_reasons: dict[str, str] = field(default_factory=dict)  # order_no → why it is (would be) held
    written: bool = False
    allocation: object | None = None  # the AllocationReport, when rules allocated the new orders
    allocation_error: DomainError | None = None

    @property
    def platforms(self) -> list[str]:
        return list(dict.fromkeys(f.fmt.channel.value for f in self.files if f.fmt and not f.error))

    @property
    def file_errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    def add(self, plan: BatchPlan, held: Sequence[str]) -> None:
        for no, action in plan.actions.items():
            self.actions[no] = action
            self.new += action == NEW
            self.updated += action == UPDATED
            self.unchanged += action == UNCHANGED
        self.hold_reasons.update({no: plan.holds[no] for no in held})
        self.held += len(held)
        self.rejected += plan.rejected

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        platforms = self.platforms
        return {
            "files": [f.to_json(lang) for f in self.files], "platform": ",".join(platforms) or None,
            "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": [p.to_json(lang) for p in sorted(self.rejected, key=lambda p: (p.file, p.row))],
            "skipped_unpaid": self.skipped_unpaid, "held": self.held, "written": self.written,
            "file_errors": [{"file": f.name, "reason": f.error.reason(lang)} for f in self.file_errors if f.error],
            "allocation_error": self.allocation_error.reason(lang) if self.allocation_error else None,
        }  # fmt: skip


def default_shop(channel: Channel) -> tuple[str, str]:
    """(code, name) of the shop a platform's imported orders belong to when no channel is named."""
    return f"{channel.value}-import", f"{channel.zh}（文件导入）"


def shop_codes(make_uow: UowFactory, channel_name: str | None) -> dict[Channel, str]:
    """The shop per platform: the named channel's (its platform only), else the default shops."""
    if not channel_name:
        return {c: default_shop(c)[0] for c in Channel}
    with make_uow() as uow:
        record = uow.channels.by_name(channel_name)
    if record is None:
        raise DomainError(f"没有名为 {channel_name} 的渠道", f"No channel called {channel_name}")
    return {Channel(record.platform): record.shop_code}


def import_files(make_uow: UowFactory, actor: str, files: Sequence[str | Path | FileSpec],
                 channel_name: str | None = None, dry_run: bool = False) -> ImportReport:  # fmt: skip
    """Parse the files and preview (`dry_run`) or import them: the CLI's one call."""
    parsed = parse_files(files, shop_codes(make_uow, channel_name))
    run = preview_import if dry_run else import_orders
    return run(make_uow, actor, parsed, channel_name)


def preview_import(make_uow: UowFactory, actor: str, parsed: OrdersImport,
                   channel_name: str | None = None) -> ImportReport:  # fmt: skip
    """What importing would do, per order, without writing anything."""
    report, orders = _prepare(make_uow, parsed, channel_name)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.INTAKE_ORDERS)
        for batch in _batches(orders, BATCH):
            plan = plan_batch(uow, batch)
            report.add(plan, list(plan.holds))
    return report


def import_orders(make_uow: UowFactory, actor: str, parsed: OrdersImport, channel_name: str | None = None,
                  batch_size: int = BATCH) -> ImportReport:  # fmt: skip
    """Write the parsed orders through intake in one transaction (batches only bound each query),
    audit it in the same transaction, then allocate what is ready."""
    report, orders = _prepare(make_uow, parsed, channel_name)
    if not any(f.error is None for f in parsed.files):
        return report
    ready: list[str] = []
    with make_uow(write=True) as uow:
        for i, batch in enumerate(_batches(orders, batch_size)):
            plan, held, released = _write_batch(uow, actor, batch, parsed if i == 0 else None, report)
            report.add(plan, held)
            ready += [no for no, a in plan.actions.items() if a == NEW and no not in plan.holds] + released
        _audit(uow, actor, report, channel_name)
        uow.commit()
    report.written = True
    _allocate(make_uow, actor, ready, report)
    return report


def _write_batch(uow: UnitOfWork, actor: str, batch: list[ParsedOrder], first: OrdersImport | None,
                 report: ImportReport) -> tuple[BatchPlan, list[str], list[str]]:  # fmt: skip
    who = require_actor(uow, actor, Permission.INTAKE_ORDERS)
    now = now_utc()
    if first is not None:  # name the default shops before intake creates them under their codes
        wanted = {(c, code): default_shop(c)[1] for c, code in _codes(report).items()
                  if code == default_shop(c)[0] and c in first.channels}  # fmt: skip
        uow.directory.shop_ids(wanted, now)
    plan = plan_batch(uow, batch)
    intake_batch(uow, plan.intake, actor)
    held = hold_orders(uow, who, plan.holds, now)
    released = complete_orders(uow, who, plan.completions, now)
    return plan, held, released


def _prepare(make_uow: UowFactory, parsed: OrdersImport,
             channel_name: str | None) -> tuple[ImportReport, list[ParsedOrder]]:  # fmt: skip
    """The report to fill, and the orders with their shop; refuses files of another platform than
    the named channel's."""
    codes = shop_codes(make_uow, channel_name)
    for f in parsed.files:
        if f.fmt is not None and f.error is None and f.fmt.channel not in codes:
            platform = next(iter(codes))
            raise DomainError(
                f"渠道 {channel_name} 属于{platform.zh}，而 {f.name} 是{f.fmt.zh}：请选择{f.fmt.channel.zh}的渠道",
                f"Channel {channel_name} is a {platform.en} shop but {f.name} is a {f.fmt.en}: "
                f"choose a {f.fmt.channel.en} channel")  # fmt: skip
    orders = [p if p.order.shop_code == codes[p.order.channel] else  # parsed for another shop: move it
              replace(p, order=replace(p.order, shop_code=codes[p.order.channel]))
              for p in parsed.orders]  # fmt: skip
    with make_uow() as uow:
        orders, too_big = screen(orders, parsed.files, uow.orders.value_limits())
    report = ImportReport(parsed.files, {c.value: code for c, code in codes.items() if c in parsed.channels},
                          skipped_unpaid=parsed.skipped_unpaid, rejected=list(parsed.problems) + too_big)  # fmt: skip
    return report, orders


def _codes(report: ImportReport) -> dict[Channel, str]:
    return {Channel(k): v for k, v in report.shop_codes.items()}


def _audit(uow: UnitOfWork, actor: str, report: ImportReport, channel_name: str | None) -> None:
    who = require_actor(uow, actor, Permission.INTAKE_ORDERS)
    names = ", ".join(f.name for f in report.files)[: uow.orders.value_limits().lengths["audit_log.object_id"]]
    audit(uow, who, "orders.import", "orders", names,
          files=[f.name for f in report.files], platforms=report.platforms, channel=channel_name or "",
          new=report.new, updated=report.updated, unchanged=report.unchanged, held=report.held,
          skipped_unpaid=report.skipped_unpaid, rejected_rows=len(report.rejected),
          unreadable=[f.name for f in report.file_errors])  # fmt: skip


def _allocate(make_uow: UowFactory, actor: str, order_nos: list[str], report: ImportReport) -> None:
    """New orders go to warehouses by the rules, as after a channel sync; a failure leaves them PAID."""
    if not order_nos or not has_rules(make_uow):
        return
    try:
        report.allocation = allocate_orders(make_uow, actor, order_nos)
    except DomainError as exc:
        report.allocation_error = exc


def _batches(items: list[ParsedOrder], size: int) -> Iterator[list[ParsedOrder]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
