"""Which printer a print goes to, and the clear refusals when there is none (no CUPS needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.gui.qt import QSettings
from orderdesk.printing import (DEFAULT_PRINTER_KEY, NoPrinterChosen, NoPrinterInstalled, PrinterInfo,
                                PrinterRejecting, PrintFailed, UnknownPrinter, set_station_printer,
                                station_printer)  # fmt: skip
from orderdesk.printing import cups, service


@pytest.fixture
def station(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)


def _printers(*names: str, default: str = "") -> list[PrinterInfo]:
    return [PrinterInfo(n, n == default, "idle") for n in names]


def test_station_printer_is_remembered_and_forgotten(station: QSettings, tmp_path: Path) -> None:
    assert station_printer(station) is None
    set_station_printer("Zebra-Bench-1", station)
    again = QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)
    assert station_printer(again) == "Zebra-Bench-1" and again.value(DEFAULT_PRINTER_KEY) == "Zebra-Bench-1"
    set_station_printer(None, station)
    assert station_printer(station) is None


def test_choice_order_is_named_then_station_then_os_default(monkeypatch: pytest.MonkeyPatch,
                                                            station: QSettings) -> None:  # fmt: skip
    monkeypatch.setattr(service, "list_printers", lambda: _printers("A", "B", "C", default="C"))
    monkeypatch.setattr(service, "default_printer_name", lambda: "C")
    assert service.resolve_printer(None, station) == "C"
    set_station_printer("B", station)
    assert service.resolve_printer(None, station) == "B"
    assert service.resolve_printer("A", station) == "A"


def test_no_printer_installed_is_said_plainly(monkeypatch: pytest.MonkeyPatch, station: QSettings) -> None:
    monkeypatch.setattr(service, "list_printers", lambda: [])
    with pytest.raises(NoPrinterInstalled) as e:
        service.resolve_printer(None, station)
    assert "没有安装任何打印机" in e.value.zh and "No printer is installed" in e.value.en


def test_printers_but_no_choice_and_no_default(monkeypatch: pytest.MonkeyPatch, station: QSettings) -> None:
    monkeypatch.setattr(service, "list_printers", lambda: _printers("A"))
    monkeypatch.setattr(service, "default_printer_name", lambda: "")
    with pytest.raises(NoPrinterChosen):
        service.resolve_printer(None, station)


@pytest.mark.parametrize(("page", "media"), [
    ((210, 297), "A4"), ((148.2, 209.9), "A5"),
    ((100, 150), "Custom.100x150mm"), ((76, 130), "Custom.76x130mm"),
])  # fmt: skip
def test_cups_media_names(page: tuple[float, float], media: str) -> None:
    assert service.media_option(page) == media


@pytest.mark.parametrize(("stderr", "error"), [
    ('lp: Destination "X" is not accepting jobs.', PrinterRejecting),
    ("lp: Error - The printer or class does not exist.", UnknownPrinter),
    ("lp: Error - scheduler not responding.", PrintFailed),
])  # fmt: skip
def test_lp_errors_become_clear_reasons(monkeypatch: pytest.MonkeyPatch, stderr: str, error: type) -> None:
    monkeypatch.setattr(cups, "queue_names", lambda: ["Y"])
    err = cups._lp_error("X", stderr)
    assert isinstance(err, error) and err.zh and err.en
