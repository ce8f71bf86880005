"""UI language: our translations plus Qt's own (dialog buttons), chosen once at start-up."""

from __future__ import annotations

from ..resources import resource_path
from .qt import QApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANG_KEY = "ui/lang"


def chosen_language(explicit: str | None) -> str:
    """--lang or $ORDERDESK_LANG first, then the language saved in settings, else Chinese."""
    raw = explicit or str(QSettings().value(LANG_KEY, "zh_CN") or "zh_CN")
    return "en" if raw.lower().startswith("en") else "zh_CN"


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Load orderdesk_<lang>.qm and Qt's base translation; returns them so they stay alive."""
    loaded = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"orderdesk_{lang}.qm"))):
        app.installTranslator(ours)
        loaded.append(ours)
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_base = QTranslator(app)
        if qt_base.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            loaded.append(qt_base)
    return loaded
