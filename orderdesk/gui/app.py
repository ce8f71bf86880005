"""Start the desktop app: Qt, language, fonts, then the database (off the GUI thread), then the window."""

from __future__ import annotations

import logging
import sys

from ..bootstrap import Store, open_store
from ..config import APP_NAME
from ..resources import resource_path
from .i18n import chosen_language, install_translators
from .jobs import JobRunner
from .qt import QApplication, QFontDatabase, QLabel, QMessageBox, Qt

log = logging.getLogger(__name__)


class DesktopApp:
    """Holds what lives as long as the window: the store, the job pool, the demo feeder."""

    def __init__(self, app: QApplication, db_url: str, lang: str, actor: str, live_demo: bool) -> None:
        self.app, self.db_url, self.lang, self.actor, self.live_demo = app, db_url, lang, actor, live_demo
        self.jobs = JobRunner(max_threads=2)
        self.store: Store | None = None
        self.window = None
        self.feeder = None
        self.splash = QLabel(app.translate("DesktopApp", "Opening the database…"))
        self.splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splash.setMinimumSize(360, 120)
        self.splash.setWindowTitle(APP_NAME)
        app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        self.splash.show()
        self.jobs.submit(lambda: open_store(self.db_url), self._on_store, self._on_store_failed)

    def _on_store(self, store: Store) -> None:
        from .main_window import MainWindow

        self.store = store
        label = store.engine.url.render_as_string(hide_password=True)
        self.window = MainWindow(store.make_uow, self.jobs, self.lang, self.actor, label)
        if self.live_demo:
            from .live_demo import DemoFeederThread

            self.feeder = DemoFeederThread(store.make_uow)
            self.feeder.feeder.arrived.connect(self.window.on_demo_orders)
            self.feeder.start()
        self.splash.close()
        self.window.show()

    def _on_store_failed(self, exc: Exception) -> None:
        self.splash.close()
        reason = getattr(exc, "reason", None)
        text = reason(self.lang) if callable(reason) else str(exc)
        QMessageBox.critical(None, APP_NAME, text)
        self.app.exit(1)

    def shutdown(self) -> None:
        if self.feeder is not None:
            self.feeder.stop()
        self.jobs.wait()
        if self.store is not None:
            self.store.close()


def make_qapplication() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    _load_bundled_font()
    return app  # type: ignore[return-value]


def _load_bundled_font() -> None:
    font = resource_path("fonts", "wqy-microhei.ttc")
    if font.exists() and QFontDatabase.addApplicationFont(str(font)) < 0:
        log.warning("could not load the bundled CJK font %s", font)


def run_app(db_url: str, lang: str | None, actor: str, live_demo: bool) -> int:
    app = make_qapplication()
    chosen = chosen_language(lang)
    app._translators = install_translators(app, chosen)  # type: ignore[attr-defined]
    desktop = DesktopApp(app, db_url, chosen, actor, live_demo)
    desktop.start()
    return app.exec()
