"""Preferences of this computer's Debrief (not the workspace's): the appearance, light, dark or the same as the
system. The dialog returns the choice; ``edit_preferences`` saves it in the settings and applies it at once (the
app applies the saved one at start)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.theme import THEME_CHOICES, THEME_KEY, apply_theme, theme_choice


class PreferencesDialog(FormDialog):
    def __init__(self, theme: str, parent: QWidget | None = None) -> None:
        super().__init__("Preferences", "How Debrief looks on this computer.", parent)
        self.theme = QComboBox()
        for code, name in THEME_CHOICES.items():
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.add_row("Appearance", self.theme)

    def collect(self) -> str:
        return self.theme.currentData()


def edit_preferences(parent: QWidget, settings: QSettings) -> None:
    """Asks for the preferences; saves and applies them when the user presses OK."""
    dialog = PreferencesDialog(theme_choice(), parent)
    if dialog.exec():
        settings.setValue(THEME_KEY, dialog.result_value)
        apply_theme(QApplication.instance(), dialog.result_value)
