"""Interview guides: the firm default and per-client versions, one question per line per section.

Edits are kept until Save guide: a guide is shared by every consultant's call screen, so a half-typed question
must not reach a live call, which autosaving would do. Nothing typed is lost either: closing the dialog (Escape,
Close, the window's close button) or switching to another guide with unsaved edits asks Save / Discard / Cancel,
with Save as the default since it keeps the work."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QTabWidget, QWidget

from consultant_app.domain.model import Guide
from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.store import Store
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.widgets import admin_layout, button


class GuidesView(QDialog):
    def __init__(self, store: Store, client_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._loaded: dict[str, str] = {}
        self._shown = 0  # the index of the guide the editors hold
        layout = admin_layout(
            self,
            "Interview guides",
            (680, 560),
            "Interview guides",
            "Questions shown beside the "
            "notes on the call screen. A client without its own guide uses the firm default. One "
            "question per line.",
        )
        self.which = QComboBox()
        self.which.addItem("Firm default", None)
        for client in store.clients.list():
            self.which.addItem(client.name, client.id)
        self.which.setCurrentIndex(max(0, self.which.findData(client_id)))
        self.which.currentIndexChanged.connect(self._switch)
        layout.addWidget(self.which)
        self.origin = QLabel()
        self.origin.setObjectName("Muted")
        layout.addWidget(self.origin)
        self.tabs = QTabWidget()
        self.editors: dict[str, QPlainTextEdit] = {}
        for code, name in NOTE_SECTIONS.items():
            editor = QPlainTextEdit()
            self.editors[code] = editor
            self.tabs.addTab(editor, name)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.reset = button("Use firm default")
        self.reset.clicked.connect(self.use_default)
        row.addWidget(self.reset)
        row.addStretch()
        save = button("Save guide", primary=True)
        save.clicked.connect(lambda: self.save())
        close = button("Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        row.addWidget(save)
        layout.addLayout(row)
        self.load()

    def edited(self) -> bool:
        return {code: e.toPlainText() for code, e in self.editors.items()} != self._loaded

    def _settled(self) -> bool:
        """True when nothing typed would be lost: no edits, or the consultant saved or discarded them."""
        if not self.edited():
            return True
        answer = QMessageBox.question(
            self,
            "Interview guides",
            f"Save your changes to the guide for {self.which.itemText(self._shown)}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _switch(self, index: int) -> None:
        switched_to = index
        self.which.blockSignals(True)
        self.which.setCurrentIndex(self._shown)  # the edits belong to the guide shown until they are settled
        if self._settled():
            self.which.setCurrentIndex(switched_to)
            self.load()
        self.which.blockSignals(False)

    def accept(self) -> None:
        if self._settled():
            super().accept()

    def reject(self) -> None:
        if self._settled():
            super().reject()

    def load(self) -> None:
        self._shown = self.which.currentIndex()
        client_id = self.which.currentData()
        guide = self.store.guides.for_client(client_id) if client_id else self.store.guides.firm_default()
        own = guide.client_id == client_id
        self.origin.setText(
            ""
            if client_id is None
            else (
                "This client's own guide."
                if own
                else "Uses the firm default; saving creates this client's own version."
            )
        )
        self.reset.setEnabled(client_id is not None and own)
        for code, editor in self.editors.items():
            editor.setPlainText("\n".join(guide.questions.get(code, [])))
        self._loaded = {code: e.toPlainText() for code, e in self.editors.items()}

    def save(self) -> bool:
        """Saves the guide shown; False (with a plain message) when the store refused it."""
        client_id = self.which.currentData()
        current = self.store.guides.for_client(client_id) if client_id else self.store.guides.firm_default()
        questions = {
            code: [q.strip() for q in e.toPlainText().splitlines() if q.strip()] for code, e in self.editors.items()
        }
        if current.client_id == client_id and (client_id or self.store.guides.exists(current.id)):
            guide = Guide(id=current.id, name=current.name, client_id=client_id, questions=questions)
        else:
            name = f"{self.which.currentText()} guide" if client_id else "Standard declined-offer interview"
            guide = Guide(name=name, client_id=client_id, questions=questions)
        try:
            self.store.guides.save(guide)
        except ValueError as exc:
            QMessageBox.warning(self, "Interview guides", str(exc))
            return False
        self.load()
        return True

    def use_default(self) -> None:
        client_id = self.which.currentData()
        guide = self.store.guides.for_client(client_id)
        if guide.client_id == client_id and confirm(
            self,
            "Interview guides",
            f"Use the firm default for {self.which.currentText()}?",
            "Remove this client's guide",
            "This client's own questions are deleted; its calls show the firm default's.",
        ):
            self.store.guides.delete(guide.id)
            self.load()
