"""Printing through a real CUPS queue: what comes out of the printer holds the waybill, as text
and as a barcode that scans; a printer that cannot print refuses clearly and nothing is queued.

The private cupsd (tests/helpers/cups.py) has a cups-pdf queue (PostScript printer turned PDF)
and a PDF-native queue; see there why Qt's text is checked on the PDF-native one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from orderdesk.gui.qt import QSettings
from orderdesk.labels import (LabelSize, LabelTemplate, render_packing_slips, render_shipping_labels, to_tspl,
                              to_zpl)  # fmt: skip
from orderdesk.labels.samples import sample_packing_slip, sample_shipping_label
from orderdesk.printing import (PrintError, PrinterRejecting, PrinterUnavailable, PrintFailed, PrintMethod,
                                UnknownPrinter, check_printer, list_printers, print_label_batch, print_pdf,
                                print_shipping_labels, print_thermal_labels, set_station_printer,
                                wait_printed)  # fmt: skip
from tests.helpers.cups import TempCups, cups_server  # noqa: F401  (session fixture)
from tests.helpers.pdf_tools import code128, pdf_pages, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture
def cups(cups_server: TempCups, qapp) -> TempCups:  # noqa: ANN001, F811
    """The server, with a QApplication alive (QPrinter needs one)."""
    return cups_server


@pytest.fixture
def station(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def stopped(cups: TempCups) -> Iterator[str]:
    cups.wait_idle(cups.PDF_QUEUE)
    cups.run("cupsdisable", "-r", "paper jam", cups.PDF_QUEUE)
    yield cups.PDF_QUEUE
    cups.run("cupsenable", cups.PDF_QUEUE)


def _label(i: int):  # noqa: ANN202
    return sample_shipping_label(i, receiver_name="王小明")


def test_qt_sees_the_queues(cups: TempCups) -> None:
    printers = {p.name: p for p in list_printers()}
    assert {cups.PDF_QUEUE, cups.DIRECT_QUEUE} <= set(printers)
    assert printers[cups.PDF_QUEUE].is_default
    assert check_printer(cups.PDF_QUEUE).ready


def test_label_through_qt_to_cups_pdf_scans_back(cups: TempCups) -> None:
    d = _label(201)
    result = print_shipping_labels([d], LabelTemplate(), cups.PDF_QUEUE, title="label 201")
    assert result.job_id and result.job_id.startswith(f"{cups.PDF_QUEUE}-") and result.pages == 1
    out = cups.wait_output(result.job_id)
    [(w, h)] = pdf_pages(out)
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (100, 150)
    assert d.waybill_no in code128(out, dpi=300)


def test_label_through_qt_to_pdf_printer_keeps_text_and_barcode(cups: TempCups) -> None:
    d = _label(202)
    result = print_shipping_labels([d], LabelTemplate(LabelSize.S76X130), cups.DIRECT_QUEUE)
    out = cups.wait_output(result.job_id)
    text = pdf_text(out)
    assert d.waybill_no in text and "王小明" in text and d.order_no in text
    assert code128(out, dpi=300) == {d.waybill_no, d.order_no}


def test_batch_of_labels_is_one_job_one_page_each(cups: TempCups) -> None:
    labels = [_label(300 + i) for i in range(5)]
    result = print_shipping_labels(labels, LabelTemplate(), cups.DIRECT_QUEUE)
    out = cups.wait_output(result.job_id)
    assert result.pages == 5 and len(pdf_pages(out)) == 5
    assert labels[4].waybill_no in code128(out, page=5, dpi=300)


def test_jobs_in_a_row_each_come_out_whole(cups: TempCups) -> None:
    """A short job after a long one is not mixed with it (nor hidden by it) at the printer."""
    long, short = [_label(320 + i) for i in range(3)], [_label(323)]
    first = print_shipping_labels(long, LabelTemplate(), cups.DIRECT_QUEUE)
    second = print_shipping_labels(short, LabelTemplate(), cups.DIRECT_QUEUE)
    out_long, out_short = cups.wait_output(first.job_id), cups.wait_output(second.job_id)
    assert len(pdf_pages(out_long)) == 3 and long[2].waybill_no in code128(out_long, page=3, dpi=300)
    assert len(pdf_pages(out_short)) == 1
    assert code128(out_short, dpi=300) == {short[0].waybill_no, short[0].order_no}


def test_templates_of_one_size_print_together_mixed_sizes_do_not(cups: TempCups) -> None:
    no_sender = LabelTemplate(fields=frozenset({"items", "order_barcode"}))
    pairs = [(_label(310), LabelTemplate()), (_label(311), no_sender)]
    result = print_label_batch(pairs, cups.DIRECT_QUEUE)
    assert len(pdf_pages(cups.wait_output(result.job_id))) == 2
    before = cups.job_ids(cups.DIRECT_QUEUE)
    with pytest.raises(PrintError) as e:
        print_label_batch([(_label(312), LabelTemplate()), (_label(313), LabelTemplate(LabelSize.S76X130))],
                          cups.DIRECT_QUEUE)  # fmt: skip
    assert "100×150" in e.value.zh and "76×130" in e.value.zh
    assert cups.job_ids(cups.DIRECT_QUEUE) == before


def test_pdf_file_through_qt_pages_scan_back(cups: TempCups) -> None:
    d = _label(203)
    result = print_pdf(render_shipping_labels([d], LabelTemplate()), cups.PDF_QUEUE)
    assert result.method is PrintMethod.QT
    assert d.waybill_no in code128(cups.wait_output(result.job_id), dpi=300)


def test_pdf_through_cups_keeps_the_waybill_text(cups: TempCups) -> None:
    d = _label(204)
    result = print_pdf(render_shipping_labels([d], LabelTemplate()), cups.PDF_QUEUE, method=PrintMethod.CUPS)
    out = cups.wait_output(result.job_id)
    assert d.waybill_no in pdf_text(out)
    assert d.waybill_no in code128(out, dpi=300)


def test_a5_slip_through_cups_keeps_its_size(cups: TempCups) -> None:
    result = print_pdf(render_packing_slips([sample_packing_slip()]), cups.PDF_QUEUE, method=PrintMethod.CUPS)
    [(w, h)] = pdf_pages(cups.wait_output(result.job_id))
    assert abs(w / 72 * 25.4 - 148) < 1 and abs(h / 72 * 25.4 - 210) < 1


@pytest.mark.parametrize("language", ["zpl", "tspl"])
def test_thermal_program_reaches_the_network_printer_unchanged(cups: TempCups, language: str) -> None:
    labels, template = [_label(205), _label(206)], LabelTemplate(LabelSize.S76X130)
    seen = len(cups.thermal.jobs)
    result = print_thermal_labels(labels, template, cups.THERMAL_QUEUE, language=language)
    assert result.method is PrintMethod.RAW and result.pages == 2 and result.job_id
    make = to_zpl if language == "zpl" else to_tspl
    sent = "".join(make(d, template) for d in labels).encode()
    assert cups.thermal.wait_jobs(seen + 1)[seen] == sent


def test_station_printer_then_os_default(cups: TempCups, station: QSettings) -> None:
    set_station_printer(cups.DIRECT_QUEUE, station)
    first = print_shipping_labels([_label(207)], LabelTemplate(), settings=station)
    set_station_printer(None, station)
    second = print_shipping_labels([_label(208)], LabelTemplate(), settings=station)
    assert (first.printer, second.printer) == (cups.DIRECT_QUEUE, cups.PDF_QUEUE)
    cups.wait_output(first.job_id), cups.wait_output(second.job_id)


def test_unknown_printer_is_a_clear_error(cups: TempCups) -> None:
    with pytest.raises(UnknownPrinter) as e:
        print_shipping_labels([_label(209)], LabelTemplate(), "Zebra-Bench-9")
    assert "Zebra-Bench-9" in e.value.zh and cups.PDF_QUEUE in e.value.zh
    assert "not found" in e.value.en


@pytest.mark.parametrize("how", ["qt-labels", "qt-pdf", "cups", "raw"])
def test_stopped_printer_refuses_and_nothing_is_queued(cups: TempCups, stopped: str, how: str) -> None:
    before, files = cups.job_ids(stopped), set(cups.pdf_out.iterdir())
    d = _label(210)
    with pytest.raises(PrinterUnavailable) as e:
        if how == "qt-labels":
            print_shipping_labels([d], LabelTemplate(), stopped)
        elif how == "raw":
            print_thermal_labels([d], LabelTemplate(), stopped)
        else:
            method = PrintMethod.QT if how == "qt-pdf" else PrintMethod.CUPS
            print_pdf(render_shipping_labels([d], LabelTemplate()), stopped, method=method)
    assert "paper jam" in e.value.zh and "Nothing was printed" in e.value.en
    assert cups.job_ids(stopped) == before and set(cups.pdf_out.iterdir()) == files


def test_printer_rejecting_jobs_refuses(cups: TempCups) -> None:
    cups.run("cupsreject", "-r", "maintenance", cups.DIRECT_QUEUE)
    try:
        before = cups.job_ids(cups.DIRECT_QUEUE)
        with pytest.raises(PrinterRejecting) as e:
            print_shipping_labels([_label(211)], LabelTemplate(), cups.DIRECT_QUEUE)
        assert "不接受" in e.value.zh
        assert cups.job_ids(cups.DIRECT_QUEUE) == before
    finally:
        cups.run("cupsaccept", cups.DIRECT_QUEUE)


def test_wait_printed_returns_once_the_job_is_done(cups: TempCups) -> None:
    result = print_shipping_labels([_label(212)], LabelTemplate(), cups.PDF_QUEUE)
    assert wait_printed(result, timeout_s=60) == result


def test_offline_printer_accepts_but_is_not_reported_printed(cups: TempCups) -> None:
    result = print_shipping_labels([_label(213)], LabelTemplate(), cups.OFFLINE_QUEUE)
    with pytest.raises(PrintFailed) as e:
        wait_printed(result, timeout_s=3)
    assert "printer offline" in e.value.en and "本次未打印" in e.value.zh
    assert result.job_id not in cups.run("lpstat", "-o", cups.OFFLINE_QUEUE, check=False).stdout  # cancelled
