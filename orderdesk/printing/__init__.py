"""Printing to any printer the OS knows (Qt print support), or raw to a CUPS queue (ZPL/TSPL).

No SQL and no services here: the caller decides what to print and records the audit event after
a PrintResult came back; a PrintError (zh + en) means nothing was printed.
"""

from .errors import (NoPrinterChosen, NoPrinterInstalled, PrinterRejecting, PrinterUnavailable, PrintError,
                     PrintFailed, PrintSystemMissing, UnknownPrinter, UnreadablePdf)  # fmt: skip
from .model import PrinterInfo, PrintMethod, PrintResult
from .qt_printers import default_printer_name, list_printers
from .qt_paint import paint_plans
from .service import (check_printer, print_label_batch, print_pdf, print_raw, print_shipping_labels,
                      print_thermal_labels, resolve_printer, wait_printed)  # fmt: skip
from .station import DEFAULT_PRINTER_KEY, set_station_printer, station_printer

__all__ = [
    "DEFAULT_PRINTER_KEY", "NoPrinterChosen", "NoPrinterInstalled", "PrintError", "PrintFailed",
    "PrintMethod", "PrintResult", "PrintSystemMissing", "PrinterInfo", "PrinterRejecting",
    "PrinterUnavailable", "UnknownPrinter", "UnreadablePdf", "check_printer", "default_printer_name",
    "list_printers", "paint_plans", "print_label_batch", "print_pdf", "print_raw", "print_shipping_labels",
    "print_thermal_labels", "resolve_printer", "set_station_printer", "station_printer", "wait_printed",
]  # fmt: skip
