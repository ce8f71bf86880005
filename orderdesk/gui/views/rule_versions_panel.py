"""The rules editor's save box and version list: saving the draft as a new version, restoring an old one."""

from __future__ import annotations

from typing import Any

from ...services.rule_sets import RuleVersionInfo, roll_back, save_rule_set
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .rules_shared import ERROR_STYLE, OK_STYLE, confirm, reason_text


class RuleVersionsPanel(QGroupBox):
    """Save (with a note) and the saved versions, newest first; each service call runs in a job.

    Signals:
        saved(int, list): the draft was saved as this version; the rules as saved.
        save_failed(Exception): the save was refused (a RuleSetError says which rule).
        restored(int): an old version was put back in force as this new version.
        restore_failed(Exception): restoring was refused.
    """

    saved = Signal(int, object)
    save_failed = Signal(object)
    restored = Signal(int)
    restore_failed = Signal(object)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.setObjectName("versionsBox")
        self.setTitle(self.tr("Save and versions"))
        self.note = QLineEdit(objectName="saveNote",
                              placeholderText=self.tr("What changed (optional), e.g. 618 大促"))  # fmt: skip
        self.save_button = QPushButton(self.tr("Save"), objectName="saveButton")
        self.save_button.setToolTip(
            self.tr("Check every rule and make this set the one in force, as a new version."))
        self.save_status = QLabel(objectName="saveStatus")
        self.save_status.setWordWrap(True)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)
        self.versions_list = QListWidget(objectName="versionsList")
        self.restore_button = QPushButton(self.tr("Restore this version"), objectName="restoreButton")
        save_row = QHBoxLayout()
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(save_row)
        layout.addWidget(self.save_status)
        layout.addWidget(QLabel(self.tr("Versions")))
        layout.addWidget(self.versions_list, 1)
        layout.addWidget(self.restore_button)

    def show_versions(self, versions: list[RuleVersionInfo]) -> None:
        self.versions_list.clear()
        for n, v in enumerate(versions):
            at = v.at.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(v.at, "astimezone") else str(v.at)
            text = self.tr("Version %1 · %2 · %3").replace("%1", str(v.version)).replace("%2", at)
            text = text.replace("%3", v.username or "")
            if n == 0:
                text += " " + self.tr("(in force)")
            text += "\n    " + self.tr("%n rule(s)", "", v.rule_count) + (f" · {v.note}" if v.note else "")
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, v.version)
            self.versions_list.addItem(item)

    def save(self, draft: list[dict[str, Any]]) -> None:
        """Check `draft` (the caller's copy) and save it as the new version, with the note."""
        note = self.note.text().strip()
        self.save_button.setEnabled(False)
        self.save_status.setStyleSheet("")
        self.save_status.setText(self.tr("Checking and saving…"))
        make_uow, actor = self.make_uow, self.actor

        def done(version: int) -> None:
            self.note.clear()
            self.save_status.setStyleSheet(OK_STYLE)
            self.save_status.setText(self.tr("Saved as version %1.").replace("%1", str(version)))
            self.saved.emit(version, draft)

        def failed(exc: Exception) -> None:
            self.save_status.setStyleSheet(ERROR_STYLE)
            self.save_status.setText(self.tr("Not saved: %1").replace("%1", reason_text(exc, self.lang)))
            self.save_failed.emit(exc)

        self.jobs.submit(lambda: save_rule_set(make_uow, actor, draft, note), done, failed)

    def restore(self, dirty: bool) -> None:
        """Put the selected version back in force once the user confirms; `dirty`: there are unsaved edits."""
        item = self.versions_list.currentItem()
        if item is None:
            return
        version = int(item.data(Qt.ItemDataRole.UserRole))
        text = self.tr("Put the rules of version %1 back in force? They are saved as a new version.")
        text = text.replace("%1", str(version))
        if dirty:
            text += "\n" + self.tr("Your unsaved changes are dropped.")
        if not confirm(self, self.tr("Restore this version"), text):
            return
        self.restore_button.setEnabled(False)
        make_uow, actor = self.make_uow, self.actor

        def done(new_version: int) -> None:
            self.save_status.setStyleSheet(OK_STYLE)
            self.save_status.setText(self.tr("Version %1 restored as version %2.").replace("%1", str(version))
                                     .replace("%2", str(new_version)))  # fmt: skip
            self.restored.emit(new_version)

        def failed(exc: Exception) -> None:
            self.save_status.setStyleSheet(ERROR_STYLE)
            self.save_status.setText(reason_text(exc, self.lang))
            self.restore_failed.emit(exc)

        self.jobs.submit(lambda: roll_back(make_uow, actor, version), done, failed)
