"""Reading whole export files: find the header, recognise the platform, map the columns, gather
rows into orders. `inspect_file` is the wizard's first step, `parse_files` its last."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...domain.model import Channel
from .assemble import Group, finish
from .fields import FIELD
from .formats import FORMAT, FORMATS, FileFormat, Layout, auto_mapping, detect_format, missing_fields
from .heads import read_head, read_id, read_line, summary_line
from .reading import Table, read_rows
from .results import FileResult, ImportFileError, OrdersFileError, OrdersImport, RowProblem, repeated_row
from .rows import Columns, Row
from .statuses import trade_state

_HEADER_SEARCH_ROWS = 10  # a title line or two above the header is tolerated


@dataclass(frozen=True)
class FileSpec:
    """A file to parse, with the format and column mapping a person chose (None: as detected)."""

    path: str | Path
    format_key: str | None = None
    mapping: Mapping[str, str] | None = None


def inspect_file(path: str | Path, format_key: str | None = None) -> FileResult:
    """The file's format, header and automatic mapping, for a person to check; rows not parsed.

    A file that cannot be used comes back with `error` set rather than raising.
    """
    result, _table = _open(FileSpec(path, format_key))
    return result


def parse_files(files: Sequence[str | Path | FileSpec],
                shop_codes: Mapping[Channel, str] | None = None) -> OrdersImport:  # fmt: skip
    """Orders from one or more export files, Taobao's two reports joined in any order.

    `shop_codes`: the shop each platform's orders belong to ("" when not given). Files that cannot
    be read are listed with their error; the others are still parsed.
    """
    out = OrdersImport(files=[])
    groups: dict[tuple[Channel, str], Group] = {}
    for spec in files:
        result, found = _parse_file(spec if isinstance(spec, FileSpec) else FileSpec(spec), out.problems)
        out.files.append(result)
        for key, group in found.items():
            if key in groups:
                groups[key].absorb(group)
            else:
                groups[key] = group
    for group in groups.values():
        finish(group, (shop_codes or {}).get(group.channel, ""), out)
    out.problems.sort(key=lambda p: (p.file, p.row))
    return out


def _open(spec: FileSpec) -> tuple[FileResult, Table | None]:
    p = Path(spec.path)
    result = FileResult(str(p), p.name)
    try:
        table = read_rows(p)
        result.header_row, result.fmt = _find_header(table.rows, p.name, spec.format_key)
        result.header = [table.clean(c).strip() for c in table.rows[result.header_row - 1]]
        result.mapping = dict(spec.mapping) if spec.mapping is not None else auto_mapping(result.fmt, result.header)
        result.data_rows = sum(1 for r in table.rows[result.header_row :] if any(r))
        _check_mapping(result)
    except ImportFileError as exc:
        result.error = exc
        return result, None
    return result, table


def _find_header(rows: list[list[str]], name: str, format_key: str | None) -> tuple[int, FileFormat]:
    candidates = [i for i, row in enumerate(rows) if any(c.strip() for c in row)][:_HEADER_SEARCH_ROWS]
    if not candidates:
        raise OrdersFileError(f"{name} 是空的，没有表头", f"{name} is empty: no header row", name)
    for i in candidates:
        fmt = detect_format(rows[i])
        if fmt is not None and (format_key is None or fmt.key == format_key):
            return i + 1, fmt
    if format_key in FORMAT:  # a person chose the format: the first non-empty row is the header
        return candidates[0] + 1, FORMAT[format_key]
    first = candidates[0]
    shown = "、".join(c for c in rows[first] if c.strip())[:200]
    known_zh = "、".join(f.zh for f in FORMATS)
    known_en = ", ".join(f.en for f in FORMATS)
    raise OrdersFileError(
        f"{name} 第 {first + 1} 行的表头不是可识别的订单导出格式（支持：{known_zh}）。找到的列：{shown}",
        f"{name} row {first + 1}: the header is not an order export we know (supported: {known_en}). "
        f"Found: {shown}", name)  # fmt: skip


def _check_mapping(result: FileResult) -> None:
    assert result.fmt is not None
    unknown = [h for h in result.mapping.values() if h and h not in result.header]
    missing = missing_fields(result.fmt, result.mapping)
    if unknown or missing:
        zh = "、".join(FIELD[k].zh for k in missing)
        en = ", ".join(FIELD[k].en for k in missing)
        bad = "、".join(unknown)
        raise OrdersFileError(
            f"{result.name} 按「{result.fmt.zh}」读取时缺少必需的列：{zh or '无'}" + (f"；表头中没有：{bad}" if bad else ""),
            f"{result.name} read as {result.fmt.en} lacks required columns: {en or 'none'}"
            + (f"; not in the header: {', '.join(unknown)}" if unknown else ""), result.name)  # fmt: skip


def _parse_file(spec: FileSpec, problems: list[RowProblem]) -> tuple[FileResult, dict]:
    result, table = _open(spec)
    if table is None:
        return result, {}
    assert result.fmt is not None
    columns = Columns(result.header, result.mapping, table.raw)
    groups: dict[tuple[Channel, str], Group] = {}
    seen: dict[int, int] = {}  # hash of a row's cells → index of its first row
    for idx in range(result.header_row, len(table.rows)):
        if not any(table.rows[idx]):
            continue
        if (first := _repeat_of(table.rows, idx, seen)) is not None:
            problems.append(repeated_row(result.name, idx + 1, first + 1))
            continue
        row = Row(result.name, idx + 1, columns.cells(table.rows[idx]), columns)
        oid = read_id(row)
        if oid:
            group = groups.setdefault((result.fmt.channel, oid), Group(result.fmt.channel, oid))
            _READERS[result.fmt.layout](group, row, result.name)
        if idx + 1 == table.truncated_row:  # whatever else is wrong with it follows from the cut
            row.problems.clear()
            row.fail("", "这一行不完整：文件在这里中断（下载或复制不完整），请重新导出",
                     "this row is incomplete: the file ends here (cut short when downloaded or copied); "
                     "export it again")  # fmt: skip
        if not oid:
            problems.extend(row.problems)
    return result, groups


def _repeat_of(rows: list[list[str]], idx: int, seen: dict[int, int]) -> int | None:
    """The index of an earlier row this one repeats cell for cell, or None.

    An export (or a person pasting into it) can repeat a row; counted twice, it would double the
    order's lines and money. Only hashes are kept, so a 50,000-row file costs little memory.
    """
    first = seen.setdefault(hash(tuple(rows[idx])), idx)
    return first if first != idx and rows[first] == rows[idx] else None


def _order_row(group: Group, row: Row, file: str) -> None:
    head = read_head(row, group.order_id)
    if group.head is not None:
        first = group.head_rows[0].row_no
        row.fail("order_id", f"订单 {group.order_id} 在第 {first} 行已出现，本行重复",
                 f"order {group.order_id} is already on row {first}; this row repeats it")  # fmt: skip
        group.head_rows.append(row)
        return
    group.head, group.head_file, group.head_rows = head, file, [row]
    group.summary = summary_line(row, head)
    group.item_count = group.summary.quantity if row.text("item_count") else None


def _item_row(group: Group, row: Row, file: str) -> None:
    group.lines.append(read_line(row))
    group.item_rows.append(row)
    group.item_file = file
    if group.items_trade is None and row.text("status"):
        group.items_trade = row.parsed("status", trade_state, None)


def _order_item_row(group: Group, row: Row, file: str) -> None:
    head = read_head(row, group.order_id)
    group.lines.append(read_line(row, dict(head.money)))
    group.add_row_head(row, head)
    group.head_file = file


_READERS = {Layout.ORDER: _order_row, Layout.ITEM: _item_row, Layout.ORDER_ITEM: _order_item_row}
