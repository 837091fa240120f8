"""Preferences of this computer's Debrief (not the workspace's): the appearance, light, dark or the same as the system,
and the sync folder of the open workspace (a folder the firm's replication engine carries; empty, it does not sync),
with how its last sync went, and the workspace's firm sync keys (``ui.firm_keys``). The dialog returns the choices;
``edit_preferences`` saves them in the settings and applies the appearance at once (the app applies the saved one at
start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QWidget

from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.firm_keys import FirmKeysSection
from consultant_app.ui.syncing import folder_problem, set_sync_folder, sync_folder
from consultant_app.ui.theme import THEME_CHOICES, THEME_KEY, apply_theme, theme_choice
from consultant_app.ui.widgets import button


@dataclass(frozen=True)
class Preferences:
    theme: str
    sync_folder: Path | None


class PreferencesDialog(FormDialog):
    def __init__(
        self,
        theme: str,
        folder: Path | None = None,
        sync_status: str = "",
        parent: QWidget | None = None,
        store=None,
        keys_changed: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__("Preferences", "How Debrief looks on this computer, and where this workspace syncs.", parent)
        self.setMinimumWidth(560)
        self.theme = QComboBox()
        for code, name in THEME_CHOICES.items():
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.add_row("Appearance", self.theme)
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
        self.status = QLabel(
            sync_status
            or "A folder your firm's OneDrive, Nextcloud, Dropbox, Syncthing or share copies to the other laptops."
        )
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.add_row("", self.status)
        self.firm_keys = FirmKeysSection(store, keys_changed) if store is not None else None
        if self.firm_keys is not None:
            self.add_row("Firm sync keys", self.firm_keys)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the sync folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def collect(self) -> Preferences:
        text = self.folder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and (problem := folder_problem(folder)):
            raise ValueError(problem)
        return Preferences(self.theme.currentData(), folder)


def edit_preferences(
    parent: QWidget, settings: QSettings, store, sync_status: str = "", keys_changed: Callable[[], None] = lambda: None
) -> bool:
    """Asks for the preferences; saves and applies them when the user presses OK. True when the sync folder
    changed (the caller syncs with the new one). The firm's sync keys change at once, each with its own question."""
    workspace = store.path
    before = sync_folder(settings, workspace)
    dialog = PreferencesDialog(theme_choice(), before, sync_status, parent, store, keys_changed)
    if not dialog.exec():
        return False
    chosen: Preferences = dialog.result_value
    settings.setValue(THEME_KEY, chosen.theme)
    apply_theme(QApplication.instance(), chosen.theme)
    set_sync_folder(settings, workspace, chosen.sync_folder)
    return chosen.sync_folder != before
