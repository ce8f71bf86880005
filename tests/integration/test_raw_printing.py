"""Raw printing for thermal label printers: ZPL/TSPL bytes reach a network printer's port 9100 (a
local TCP server here) or the Windows spooler (a fake spooler here: win32print exists only on
Windows) exactly as made, and a station whose printer is set to raw prints its labels that way."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from orderdesk.gui.views.station_printing import send_label
from orderdesk.labels import LabelTemplate, to_zpl
from orderdesk.labels.samples import sample_shipping_label
from orderdesk.printing import PrintError, print_raw
from orderdesk.printing.errors import PrinterUnavailable, PrintFailed
from orderdesk.printing.raw import WindowsSpoolerSender, parse_raw_printer, raw_sender_for
from tests.helpers.parcels import packed_orders


class PortPrinter:
    """A network label printer's port 9100: keeps every job's bytes."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.jobs: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while data := conn.recv(65536):
                    chunks.append(data)
                self.jobs.append(b"".join(chunks))

    def wait_jobs(self, n: int, timeout: float = 5.0) -> list[bytes]:
        import time

        end = time.monotonic() + timeout
        while len(self.jobs) < n and time.monotonic() < end:
            time.sleep(0.01)
        return self.jobs

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def port_printer() -> Iterator[PortPrinter]:
    p = PortPrinter()
    yield p
    p.close()


class FakeSpooler:
    """win32print's functions as OrderDesk calls them, recording what a Windows spooler would get."""

    def __init__(self, fail_open: bool = False, fail_write: bool = False) -> None:
        self.calls: list[tuple] = []
        self.fail_open, self.fail_write = fail_open, fail_write
        self.written = b""

    def GetDefaultPrinter(self) -> str:  # noqa: N802 - win32print's names
        return "ZDesigner ZD421"

    def OpenPrinter(self, name: str) -> int:  # noqa: N802
        self.calls.append(("open", name))
        if self.fail_open:
            raise OSError(1801, "OpenPrinter", "The printer name is invalid.")
        return 7

    def StartDocPrinter(self, h: int, level: int, info: tuple) -> int:  # noqa: N802
        self.calls.append(("doc", h, level, info))
        return 42

    def StartPagePrinter(self, h: int) -> None:  # noqa: N802
        self.calls.append(("page", h))

    def WritePrinter(self, h: int, data: bytes) -> int:  # noqa: N802
        if self.fail_write:
            raise OSError(6, "WritePrinter", "The handle is invalid.")
        self.written += data
        return len(data)

    def EndPagePrinter(self, h: int) -> None:  # noqa: N802
        self.calls.append(("endpage", h))

    def EndDocPrinter(self, h: int) -> None:  # noqa: N802
        self.calls.append(("enddoc", h))

    def ClosePrinter(self, h: int) -> None:  # noqa: N802
        self.calls.append(("close", h))


def _zpl() -> bytes:
    return to_zpl(sample_shipping_label(), LabelTemplate()).encode("utf-8")


def test_a_raw_printer_setting_names_its_language() -> None:
    zebra = parse_raw_printer("zpl:ZDesigner ZD421")
    assert zebra is not None and (zebra.language, zebra.printer) == ("zpl", "ZDesigner ZD421")
    assert parse_raw_printer("TSPL:tcp://10.0.0.7:9100").language == "tspl"
    assert parse_raw_printer("Brother QL-800") is None and parse_raw_printer("") is None


def test_zpl_reaches_port_9100_byte_for_byte(port_printer: PortPrinter) -> None:
    data = _zpl()
    result = print_raw(data, port_printer.url, title="OrderDesk TB1")
    assert port_printer.wait_jobs(1) == [data] and result.printer == port_printer.url


def test_a_network_printer_that_is_off_is_said_as_such() -> None:
    free = socket.create_server(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with pytest.raises(PrinterUnavailable) as off:
        print_raw(b"^XA^XZ", f"zpl:tcp://127.0.0.1:{port}")
    assert f"127.0.0.1:{port}" in off.value.en and "Nothing was printed" in off.value.en


def test_the_windows_spooler_gets_one_raw_document_with_every_byte() -> None:
    spooler = FakeSpooler()
    sender = raw_sender_for("ZDesigner ZD421", platform="win32", spooler=spooler)
    assert isinstance(sender, WindowsSpoolerSender)
    data = _zpl()
    result = sender.send("ZDesigner ZD421", data, "OrderDesk TB1")
    assert spooler.written == data and result.job_id == "42"
    assert [c[0] for c in spooler.calls] == ["open", "doc", "page", "endpage", "enddoc", "close"]
    assert spooler.calls[1][3] == ("OrderDesk TB1", None, "RAW")
    assert sender.send("", b"^XA^XZ", "t").printer == "ZDesigner ZD421"  # no name: the Windows default printer


def test_spooler_failures_are_said_and_the_printer_is_always_closed() -> None:
    with pytest.raises(PrintFailed) as unknown:
        WindowsSpoolerSender(FakeSpooler(fail_open=True)).send("Nope", b"^XA^XZ", "t")
    assert "The printer name is invalid." in unknown.value.en and "'Nope'" in unknown.value.en
    broken = FakeSpooler(fail_write=True)
    with pytest.raises(PrintFailed):
        WindowsSpoolerSender(broken).send("ZD421", b"^XA^XZ", "t")
    assert broken.calls[-1] == ("close", 7) and ("enddoc", 7) in broken.calls


def test_other_platforms_use_the_cups_queue() -> None:
    assert raw_sender_for("Zebra", platform="linux") is None
    assert raw_sender_for("tcp://10.0.0.7", platform="linux") is not None


def test_a_station_set_to_raw_zpl_prints_its_parcels_label_on_port_9100(store, port_printer) -> None:  # noqa: ANN001
    packed = packed_orders(store.make_uow, 1)[0]
    results = send_label(store.make_uow, "system", packed.order_no, f"zpl:{port_printer.url}")
    jobs = port_printer.wait_jobs(len(results))
    assert len(jobs) == len(results) >= 1 and results[0].printer == port_printer.url
    program = b"".join(jobs).decode("utf-8")
    assert program.startswith("^XA") and program.rstrip().endswith("^XZ")
    assert all(waybill in program for waybill, _courier in packed.waybills)


def test_a_bad_printer_address_is_refused() -> None:
    with pytest.raises(PrintError):
        print_raw(b"^XA^XZ", "tcp://")
