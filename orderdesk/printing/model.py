"""What the printing adapter reports: the printers it sees and what happened to a print."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PrintMethod(Enum):
    QT = "qt"  # Qt print support: any printer the OS knows (Windows, macOS, Linux)
    CUPS = "cups"  # the PDF file handed to CUPS `lp` (Linux/macOS), filtered for the printer
    RAW = "raw"  # bytes sent unfiltered with `lp -o raw`: ZPL/TSPL, or PDF to a PDF-native printer


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    is_default: bool
    state: str  # idle | printing | error | unknown
    description: str = ""
    location: str = ""
    accepting: bool | None = None  # known only where CUPS tells us
    reason: str = ""  # why it is stopped or rejecting, when known

    @property
    def ready(self) -> bool:
        return self.state in ("idle", "printing") and self.accepting is not False


@dataclass(frozen=True)
class PrintResult:
    """A job the print system accepted (queued); not a promise the paper came out."""

    printer: str
    method: PrintMethod
    pages: int
    copies: int
    title: str
    job_id: str | None = None  # e.g. "LabelPrinter-42" when CUPS gave one
