"""The codebook's theme names that a call's note cards complete from, each with its description as its tooltip in
the completion list, so whoever tags a note sees what a theme covers while choosing it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Qt

from consultant_app.domain.model import Theme


class ThemeNames(QStringListModel):
    def __init__(self, themes: list[Theme], parent: QObject | None = None) -> None:
        super().__init__([t.name for t in themes], parent)
        self.descriptions = {t.name.casefold(): t.description for t in themes if t.description}

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.descriptions.get(self.stringList()[index.row()].casefold())
        return super().data(index, role)
