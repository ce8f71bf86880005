"""Start the desktop app: Qt, language, fonts, the database (off the GUI thread), log-in, the window."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from ..about import about_info
from ..bootstrap import Store, display_url, open_store, schema_state
from ..config import APP_NAME, data_dir
from ..logs import setup_logging
from ..resources import resource_path
from ..services.actors import Actor
from ..services.catalog_queries import warehouse_choices
from ..services.master_data import add_warehouse
from ..services.users import authenticate, needs_first_admin
from .crash_dialog import install_crash_handler
from .i18n import chosen_language, install_translators
from .idle_lock import IdleWatcher, idle_minutes
from .jobs import JobRunner
from .qt import QApplication, QDialog, QFontDatabase, QLabel, QMessageBox, QSettings, Qt
from .errors import error_text

if TYPE_CHECKING:
    from ..demo.channels import DemoChannels

log = logging.getLogger(__name__)


class DesktopApp:
    """Holds what lives as long as the app: the store, the job pool, the session, the demo feeder.

    The session flow: open the database -> (new database: create the admin) -> log in ->
    (this PC's first start, `setup_station`: its warehouse, name and printer) -> main window;
    "switch user" and the idle lock go back to the log-in dialog without restarting.
    """

    def __init__(self, app: QApplication, db_url: str, lang: str, auto_login: tuple[str, str] | None = None,
                 demo_channels: DemoChannels | None = None, setup_station: bool = False,
                 settings: QSettings | None = None) -> None:  # fmt: skip
        self.app, self.db_url, self.lang = app, db_url, lang
        self.setup_station = setup_station
        self.settings = settings if settings is not None else QSettings()
        self.auto_login, self.demo_channels = auto_login, demo_channels
        self.jobs = JobRunner(max_threads=2)
        self.store: Store | None = None
        self.window = None
        self.feeder = None
        self.sync = None
        self.idle = IdleWatcher(idle_minutes())
        self.idle.idle.connect(self.lock)
        app.installEventFilter(self.idle)
        self.splash = QLabel(app.translate("DesktopApp", "Opening the database…"))
        self.splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splash.setMinimumSize(360, 120)
        self.splash.setWindowTitle(APP_NAME)
        app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        self.splash.show()
        url = self.db_url
        self.jobs.submit(lambda: schema_state(url), self._on_schema_state, lambda _exc: self._open_store())

    def _on_schema_state(self, state: str | None) -> None:
        """A database behind this version is copied aside, then migrated: say so while it runs."""
        if state == "BEHIND":
            self.splash.setText(self.app.translate(
                "DesktopApp", "Backing up the database, then upgrading it to this version of OrderDesk…\n"
                "Do not switch this PC off."))  # fmt: skip
        self._open_store()

    def _open_store(self) -> None:
        # The app's first start sets up a new (or empty) database; another program's is refused, and
        # one written by a newer OrderDesk is refused with a message saying to install that version.
        self.jobs.submit(lambda: open_store(self.db_url, create=True), self._on_store, self._fatal)

    def _on_store(self, store: Store) -> None:
        self.store = store
        from .backup_scheduler import BackupScheduler

        self.backups = BackupScheduler(store.engine, self.jobs, parent=self.app)  # off until a folder is chosen
        self.backups.done.connect(lambda path: log.info("daily backup written to %s", path))
        self.backups.failed.connect(lambda why: log.warning("daily backup failed: %s", why))
        self.backups.start()
        if self.auto_login:
            name, password = self.auto_login
            self.jobs.submit(lambda: authenticate(store.make_uow, name, password), self._open_window, self._fatal)
            return
        self.jobs.submit(lambda: needs_first_admin(store.make_uow), self._after_first_check, self._fatal)

    def _after_first_check(self, first_run: bool) -> None:
        from .dialogs.first_admin_dialog import FirstAdminDialog

        self.splash.close()
        if first_run and FirstAdminDialog(self.store.make_uow, self.jobs, self.lang).exec() != QDialog.DialogCode.Accepted:
            self.app.exit(0)
            return
        actor = self._ask_login()
        if actor is None:
            self.app.exit(0)
            return
        if self.setup_station:
            make_uow, name = self.store.make_uow, actor.username
            self.jobs.submit(lambda: warehouse_choices(make_uow, name),
                             lambda found: self._ask_station(actor, found),
                             lambda _exc: self._open_window(actor))  # fmt: skip
            return
        self._open_window(actor)

    def _ask_station(self, actor: Actor, warehouses: list[tuple[str, str]]) -> None:
        """The first start's last step: which warehouse this station packs for (a new database's
        first one is named here), its name and printer. Skipped, it is asked on the station page."""
        from .views.station_setup_dialog import StationSetup, StationSetupDialog

        self.setup_station = False
        dialog = StationSetupDialog(StationSetup.load(self.settings), warehouses, [], name_new=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._open_window(actor)
            return
        chosen, known = dialog.setup(), {code for code, _name in warehouses}
        make_uow = self.store.make_uow

        def save() -> None:
            if chosen.warehouse not in known:
                add_warehouse(make_uow, actor.username, chosen.warehouse)

        def saved(_none: None) -> None:
            chosen.save(self.settings)
            self._open_window(actor)

        self.jobs.submit(save, saved, self._fatal)

    def _ask_login(self, username: str = "", locked_by: str | None = None) -> Actor | None:
        from .dialogs.login_dialog import LoginDialog

        self.idle.pause()
        dialog = LoginDialog(self.store.make_uow, self.jobs, self.lang, username, locked_by)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.idle.restart()
        return dialog.actor if accepted else None

    def _open_window(self, actor: Actor) -> None:
        from .main_window import MainWindow

        self.splash.close()
        old = self.window
        label = self.store.engine.url.render_as_string(hide_password=True)
        engine, lang = self.store.engine, self.lang
        self.window = MainWindow(self.store.make_uow, self.jobs, self.lang, actor, label, self.store.change_feed,
                                 about=lambda: about_info(engine, lang))  # fmt: skip
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.lock_requested.connect(self.lock)
        if self.demo_channels is not None and self.feeder is None:
            from .live_demo import DemoFeederThread

            self.feeder = DemoFeederThread(self.demo_channels)
            self.feeder.start()
        if self.feeder is not None:
            self.feeder.feeder.placed.connect(self.window.on_demo_orders)
        if self.sync is None:
            from ..channels.kdniao import kdniao_client
            from ..channels.registry import adapter_for
            from ..channels.shipping import Shipper
            from .sync_worker import TRACK_EVERY, SyncThread

            demo = getattr(self.demo_channels, "tracking", None)
            self.sync = SyncThread(self.store.make_uow, adapter_for, kdniao_client,
                                   demo.every if demo else TRACK_EVERY, demo.scale if demo else 1.0,
                                   shipper=Shipper(adapter_for))  # fmt: skip
            self.sync.start()
        self.sync.worker.arrived.connect(self.window.orders.on_new_orders)
        self.sync.worker.tracked.connect(self.window.orders.on_tracked)
        self.sync.worker.status.connect(self.window.show_sync_status)
        self.sync.worker.next_run.connect(self.window.channels.set_next_run)
        self.sync.worker.confirmed.connect(self.window.channels.on_confirmed)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.stop_live()
            old.deleteLater()
        self.window.show()
        self.window.start_tour()

    def switch_user(self) -> None:
        actor = self._ask_login()
        if actor is not None:
            if self.window is not None:
                self.window.hide()
            self._open_window(actor)

    def lock(self) -> None:
        """Hide the work and ask for a log-in; the same user resumes, another one gets a fresh window."""
        if self.window is None or not self.window.isVisible():
            return
        current = self.window.actor
        self.window.hide()
        while (actor := self._ask_login(current.username, locked_by=current.display_name)) is None:
            pass  # a locked station stays locked until someone logs in
        if actor.username == current.username:
            self.window.show()
        else:
            self._open_window(actor)

    def _fatal(self, exc: Exception) -> None:
        self.splash.close()
        QMessageBox.critical(None, APP_NAME, error_text(exc, self.lang))
        self.app.exit(1)

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.stop_live()
        if self.feeder is not None:
            self.feeder.stop()
        if self.sync is not None:
            self.sync.stop()
        self.jobs.wait()
        if self.store is not None:
            self.store.close()


def make_qapplication() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):  # Qt would abort the process at the first widget
        raise RuntimeError("a non-widget Qt application already exists in this process; widgets need a QApplication")
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    _load_bundled_font()
    return app  # type: ignore[return-value]


def _load_bundled_font() -> None:
    font = resource_path("fonts", "wqy-microhei.ttc")
    if font.exists() and QFontDatabase.addApplicationFont(str(font)) < 0:
        log.warning("could not load the bundled CJK font %s", font)


def chosen_database(lang: str, settings: QSettings | None = None) -> tuple[str | None, bool]:
    """The database chosen on this PC (None: its first-start dialog was cancelled), and whether it
    was asked just now, when the station's warehouse is asked for too once the database is open."""
    from .dialogs.first_run_dialog import FirstRunDialog, saved_db_url

    saved = saved_db_url(settings)
    if saved is not None:
        return saved, False
    jobs = JobRunner(max_threads=1)
    dialog = FirstRunDialog(jobs, lang, settings)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    jobs.wait()
    return (dialog.chosen_url() if accepted else None), True


def run_app(db_url: str, lang: str | None, auto_login: tuple[str, str] | None = None,
            demo_channels: DemoChannels | None = None, first_run: bool = False) -> int:  # fmt: skip
    """`first_run`: no --db and no $ORDERDESK_DB, so the database is the one chosen on this PC's
    first start (asked for now when it never was)."""
    app = make_qapplication()
    log_path = setup_logging(data_dir() / "logs")
    shown_url = display_url(db_url)
    install_crash_handler(log_path, lambda: f"Database: {shown_url}")
    chosen = chosen_language(lang)
    app._translators = install_translators(app, chosen)  # type: ignore[attr-defined]
    setup_station = False
    if first_run:
        db_url, setup_station = chosen_database(chosen)  # type: ignore[assignment]
        if db_url is None:
            return 0
    desktop = DesktopApp(app, db_url, chosen, auto_login=auto_login, demo_channels=demo_channels,
                         setup_station=setup_station)  # fmt: skip
    desktop.start()
    return app.exec()
