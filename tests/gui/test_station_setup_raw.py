"""Station setup: a thermal label printer is set to raw ZPL/TSPL, by queue name or network address,
and the choice comes back when the setup is opened again."""

from __future__ import annotations

import pytest

from orderdesk.gui.qt import QSettings
from orderdesk.gui.views.station_setup_dialog import StationSetup, StationSetupDialog

pytestmark = pytest.mark.gui


def test_a_network_zebra_is_set_up_raw_and_read_back(qtbot, tmp_path) -> None:  # noqa: ANN001
    current = StationSetup("SZ-SUZHOU", "bench-1", "", True)
    dialog = StationSetupDialog(current, [("SZ-SUZHOU", "苏州仓")], ["Office Laser"])
    qtbot.addWidget(dialog)
    dialog.raw.setCurrentIndex(dialog.raw.findData("zpl"))
    qtbot.keyClicks(dialog.address, "tcp://192.168.1.50:9100")
    chosen = dialog.setup()
    assert chosen.printer == "zpl:tcp://192.168.1.50:9100"
    settings = QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)
    chosen.save(settings)
    again = StationSetupDialog(StationSetup.load(settings), [("SZ-SUZHOU", "苏州仓")], ["Office Laser"])
    qtbot.addWidget(again)
    assert again.raw.currentData() == "zpl" and again.address.text() == "tcp://192.168.1.50:9100"
    assert again.setup().printer == "zpl:tcp://192.168.1.50:9100"


def test_a_usb_tsc_printer_by_its_queue_name_and_a_plain_printer_stays_plain(qtbot) -> None:  # noqa: ANN001
    dialog = StationSetupDialog(StationSetup("SZ-SUZHOU", "bench-1", "tspl:TSC TE244", True),
                                [("SZ-SUZHOU", "苏州仓")], ["TSC TE244", "Office Laser"])  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.raw.currentData() == "tspl" and dialog.printer.currentData() == "TSC TE244"
    dialog.raw.setCurrentIndex(dialog.raw.findData(""))
    dialog.printer.setCurrentIndex(dialog.printer.findData("Office Laser"))
    assert dialog.setup().printer == "Office Laser"
