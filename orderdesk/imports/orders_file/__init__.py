"""Platform order export files (.xlsx, .csv) read into channel orders: `orderdesk import FILE...`.

Pure: no database, no Qt. The import wizard's steps:

1. `inspect_file(path)` → FileResult: the recognised format (Taobao order report, Taobao item
   report, Pinduoduo, Douyin), the header, and the automatic mapping field key → header text.
   `fields_of(format)` lists the fields it can fill, each with its Chinese and English label;
   `format.required` the ones it cannot do without.
2. A person corrects the mapping; `parse_files([FileSpec(path, format_key, mapping), ...])` then
   gives an OrdersImport: orders for intake (`ParsedOrder`, with the rows each came from), row
   problems (1-based spreadsheet rows, header = row 1, reasons in Chinese and English), unpaid
   orders skipped, and whole-file errors per file.

The database side (new, updated, unchanged, held) is orderdesk.services.order_import's.
"""

from __future__ import annotations

from .fields import FIELD, FIELDS, Field, Kind
from .formats import FORMAT, FORMATS, FileFormat, Layout, auto_mapping, detect_format, fields_of, missing_fields
from .parse import FileSpec, inspect_file, parse_files
from .results import FileResult, ImportFileError, OrdersFileError, OrdersImport, ParsedOrder, Part, RowProblem

__all__ = [
    "FIELD", "FIELDS", "FORMAT", "FORMATS", "Field", "FileFormat", "FileResult", "FileSpec", "ImportFileError",
    "Kind", "Layout", "OrdersFileError", "OrdersImport", "ParsedOrder", "Part", "RowProblem", "auto_mapping",
    "detect_format", "fields_of", "inspect_file", "missing_fields", "parse_files",
]  # fmt: skip
