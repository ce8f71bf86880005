"""This station's own printer, remembered in QSettings (per PC and user, not in the shared database).

Two benches share one database but each has its own label printer, so the choice lives with the
station. Outside the app (the CLI) QSettings falls back to the app's organisation/name explicitly.
"""

from __future__ import annotations

from ..config import APP_NAME
from ..gui.qt import QCoreApplication, QSettings

DEFAULT_PRINTER_KEY = "printing/default_printer"


def _settings(settings: QSettings | None) -> QSettings:
    if settings is not None:
        return settings
    if QCoreApplication.organizationName():  # the app set its names: follow them
        return QSettings()
    return QSettings(APP_NAME, APP_NAME)


def station_printer(settings: QSettings | None = None) -> str | None:
    value = _settings(settings).value(DEFAULT_PRINTER_KEY, "")
    return str(value) if value else None


def set_station_printer(name: str | None, settings: QSettings | None = None) -> None:
    """Remember `name` for this station; None forgets it (the OS default is used then)."""
    s = _settings(settings)
    if name:
        s.setValue(DEFAULT_PRINTER_KEY, name)
    else:
        s.remove(DEFAULT_PRINTER_KEY)
    s.sync()
