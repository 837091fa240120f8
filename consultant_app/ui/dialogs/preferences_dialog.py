"""Preferences, in three parts. On this computer: the appearance (light, dark or the same as the system) and the
default consultant, the name filled in when an interview is scheduled. This workspace: the minimum group size,
shown but set by the firm in Admin → Firm profile; the idle minutes before an encrypted workspace locks (the firm
profile's setting, editable here unless the firm policy on this computer sets it); and the sync folder (a folder the
firm's replication engine carries; empty, it does not sync), with how its last sync went. Then the workspace's firm
sync keys (``ui.firm_keys``), across the dialog's width. The dialog returns the choices; ``edit_preferences`` saves
them (the computer's in the settings, the workspace's through the store) and applies the appearance at once (the
app applies the saved one at start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from consultant_app.policy import Policy, auto_lock_minutes
from consultant_app.store import WorkspaceError
from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.firm_keys import FirmKeysSection
from consultant_app.ui.icons import icon
from consultant_app.ui.syncing import folder_problem, set_sync_folder, sync_folder
from consultant_app.ui.theme import THEME_CHOICES, THEME_KEY, apply_theme, colors, theme_choice
from consultant_app.ui.widgets import button

CONSULTANT_KEY = "preferences/consultant"
LONGEST_LOCK = 480  # minutes, as in the firm profile


def default_consultant(settings: QSettings) -> str:
    """The name filled in when an interview is scheduled on this computer ("" when none was chosen)."""
    return str(settings.value(CONSULTANT_KEY) or "")


@dataclass(frozen=True)
class Preferences:
    theme: str
    sync_folder: Path | None
    consultant: str = ""
    auto_lock_minutes: int | None = None  # None: not the dialog's to change (no workspace, or the policy sets it)


class PreferencesDialog(FormDialog):
    def __init__(
        self,
        theme: str,
        folder: Path | None = None,
        sync_status: str = "",
        parent: QWidget | None = None,
        store=None,
        keys_changed: Callable[[], None] = lambda: None,
        consultant: str = "",
        policy: Policy | None = None,
    ) -> None:
        super().__init__("Preferences", "", parent)  # the sections say what each part is for
        self.setMinimumWidth(780)
        self.form.setVerticalSpacing(8)  # a lead's list of the firm's members still fits a 1280×720 screen
        self._section("On this computer", first=True)
        self.theme = QComboBox()
        for code, name in THEME_CHOICES.items():
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.add_row("Appearance", self.theme)
        self.consultant = QLineEdit(consultant)
        self.consultant.setPlaceholderText("Your name, as on the interviews you take")
        self.consultant.setToolTip("Filled in as the consultant when you schedule an interview.")
        self.add_row("Default consultant", self.consultant)
        self.auto_lock: QSpinBox | None = None
        self._section("This workspace" + (f" — {store.path.name}" if store is not None else ""))
        if store is not None:
            self._workspace_rows(store, policy or Policy())
        self._sync_rows(folder, sync_status)
        self.firm_keys = FirmKeysSection(store, keys_changed) if store is not None else None
        if self.firm_keys is not None:
            self._section("Firm sync keys")
            self.form.addRow(self.firm_keys)  # the whole width: its sentences and the list of members are long

    def _section(self, title: str, first: bool = False) -> None:
        heading = QLabel(title)
        heading.setObjectName("SectionTitle")
        heading.setContentsMargins(0, 0 if first else 6, 0, 0)
        self.form.addRow(heading)

    def _workspace_rows(self, store, policy: Policy) -> None:
        firm = store.firm.get()
        self.min_group = _locked(
            f"{firm.min_group_size} respondents", "Set by the firm in Admin → Firm profile and branding."
        )
        self.min_group.setToolTip("No chart or table shows a smaller group; smaller groups fold into “Other”.")
        self.add_row("Minimum group size", self.min_group)
        if policy.auto_lock_minutes is not None:  # the firm policy on this computer decides
            minutes = auto_lock_minutes(firm.auto_lock_minutes, policy)
            self.lock_after = _locked(f"{minutes} minutes idle", "Set by the firm policy on this computer.")
            self.add_row("Lock after", self.lock_after)
            return
        self.auto_lock = QSpinBox(minimum=0, maximum=LONGEST_LOCK, value=min(firm.auto_lock_minutes, LONGEST_LOCK))
        self.auto_lock.setSpecialValueText("Never")
        self.auto_lock.setSuffix(" minutes idle")
        self.auto_lock.setAccessibleName("Lock after")
        self.auto_lock.setFixedWidth(170)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(10)
        line.addWidget(self.auto_lock)
        line.addWidget(
            _muted(
                "For everyone in this workspace (the firm profile)."
                if store.encrypted
                else "Only an encrypted workspace locks."
            ),
            1,
        )
        self.add_row("Lock after", row)

    def _sync_rows(self, folder: Path | None, sync_status: str) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(folder or ""))
        self.folder.setPlaceholderText("Not syncing")
        self.folder.setClearButtonEnabled(True)
        self.folder.setAccessibleName("Sync folder")
        choose = button("Choose…")
        choose.clicked.connect(self._choose)
        line.addWidget(self.folder, 1)
        line.addWidget(choose)
        self.add_row("Sync folder", row)
        self.status = _muted(
            sync_status
            or "A folder your firm's OneDrive, Nextcloud, Dropbox, Syncthing or share copies to the other laptops."
        )
        self.add_row("", self.status)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the sync folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def collect(self) -> Preferences:
        text = self.folder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and (problem := folder_problem(folder)):
            raise ValueError(problem)
        consultant = " ".join(self.consultant.text().split())
        minutes = self.auto_lock.value() if self.auto_lock is not None else None
        return Preferences(self.theme.currentData(), folder, consultant, minutes)


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


def _locked(value: str, why: str) -> QWidget:
    """A setting shown but not changed here: a lock, its value, and who sets it (all in its accessible name)."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(8)
    padlock = QLabel()
    padlock.setPixmap(icon("lock", colors().muted, 14).pixmap(QSize(14, 14)))
    shown = QLabel(f"<b>{value}</b>")
    line.addWidget(padlock)
    line.addWidget(shown)
    line.addWidget(_muted(why), 1)
    row.setAccessibleName(f"{value}. {why}")
    return row


def edit_preferences(
    parent: QWidget,
    settings: QSettings,
    store,
    sync_status: str = "",
    keys_changed: Callable[[], None] = lambda: None,
    policy: Policy | None = None,
) -> bool:
    """Asks for the preferences; saves and applies them when the user presses OK. True when the sync folder
    changed (the caller syncs with the new one). The firm's sync keys change at once, each with its own question."""
    workspace = store.path
    before = sync_folder(settings, workspace)
    dialog = PreferencesDialog(
        theme_choice(), before, sync_status, parent, store, keys_changed, default_consultant(settings), policy
    )
    if not dialog.exec():
        return False
    chosen: Preferences = dialog.result_value
    settings.setValue(THEME_KEY, chosen.theme)
    apply_theme(QApplication.instance(), chosen.theme)
    settings.setValue(CONSULTANT_KEY, chosen.consultant)
    if chosen.auto_lock_minutes is not None and chosen.auto_lock_minutes != store.firm.get().auto_lock_minutes:
        try:
            store.firm.update(auto_lock_minutes=chosen.auto_lock_minutes)
        except WorkspaceError as exc:
            QMessageBox.warning(parent, "Preferences", f"The idle lock could not be saved: {exc}")
    set_sync_folder(settings, workspace, chosen.sync_folder)
    return chosen.sync_folder != before
