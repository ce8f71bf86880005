"""The only module that imports PySide6; everything in the GUI imports Qt names from here."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QIODevice,
    QLibraryInfo,
    QLocale,
    QLoggingCategory,
    QMarginsF,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    QSizeF,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

__all__ = [
    "QAbstractItemView", "QAbstractTableModel", "QAction", "QApplication", "QBrush", "QCheckBox", "QColor",
    "QComboBox", "QDate", "QDateEdit", "QDateTimeEdit", "QDateTime", "QDialog", "QDialogButtonBox", "QFileDialog",
    "QCoreApplication", "QEvent", "QFont", "QFontDatabase", "QFormLayout", "QFrame", "QGroupBox",
    "QGuiApplication", "QHBoxLayout", "QHeaderView", "QInputDialog", "QIcon", "QInputMethodEvent", "QKeyEvent",
    "QKeySequence", "QLabel", "QLibraryInfo", "QLineEdit", "QListWidget", "QListWidgetItem", "QLocale",
    "QMainWindow", "QMessageBox", "QModelIndex", "QObject", "QPersistentModelIndex", "QPlainTextEdit",
    "QPushButton", "QRadioButton", "QRunnable", "QSettings", "QSize", "QSpinBox", "QSplitter", "QStackedWidget", "QStatusBar",
    "QSyntaxHighlighter", "QTabWidget", "QTableView", "QTableWidget", "QTableWidgetItem", "QTextCharFormat",
    "QTextCursor", "QThread", "QThreadPool", "QTimer", "QTranslator", "QTreeWidget", "QTreeWidgetItem",
    "QVBoxLayout", "QWidget", "Qt", "Signal", "Slot",
    "QBuffer", "QByteArray", "QIODevice", "QImage", "QMarginsF", "QPageLayout", "QPageSize", "QPainter",
    "QPdfDocument", "QPdfView", "QPrinter", "QPrinterInfo", "QRectF", "QSizeF", "QFontMetricsF", "QPointF",
    "QDragEnterEvent", "QDropEvent", "QImageReader", "QMimeData", "QUrl", "QWizard", "QWizardPage",
    "QPixmap", "QShortcut", "sound_effect_class", "QPen", "QGridLayout",
]  # fmt: skip


def sound_effect_class() -> type | None:
    """QSoundEffect (PySide6.QtMultimedia), loaded on first use, not with every CLI command; None where
    the system's audio libraries are missing (libpulse on Linux): the app is silent then."""
    try:
        QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false")  # no PipeWire: not our news
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:  # pragma: no cover - depends on the machine
        return None
    return QSoundEffect


def qt_versions() -> tuple[str, str]:
    """(Qt run-time version, PySide6 version) for About and `--version --verbose`."""
    import PySide6
    from PySide6.QtCore import qVersion

    return qVersion(), PySide6.__version__
