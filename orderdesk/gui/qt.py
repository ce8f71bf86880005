"""The only module that imports PySide6; everything in the GUI imports Qt names from here."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSettings,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QAbstractItemView", "QAbstractTableModel", "QAction", "QApplication", "QBrush", "QColor", "QComboBox",
    "QCoreApplication", "QEvent", "QFont", "QFontDatabase", "QFormLayout", "QFrame", "QGroupBox", "QGuiApplication",
    "QHBoxLayout", "QHeaderView", "QIcon", "QKeySequence", "QLabel", "QLibraryInfo", "QLineEdit",
    "QListWidget", "QListWidgetItem", "QLocale", "QMainWindow", "QMessageBox", "QModelIndex", "QObject",
    "QPersistentModelIndex", "QPushButton", "QRunnable", "QSettings", "QSize", "QSplitter",
    "QStackedWidget", "QStatusBar", "QTableView", "QTableWidget", "QTableWidgetItem", "QThread",
    "QThreadPool", "QTimer", "QTranslator", "QTreeWidget", "QTreeWidgetItem", "QVBoxLayout", "QWidget",
    "Qt", "Signal", "Slot",
]  # fmt: skip
