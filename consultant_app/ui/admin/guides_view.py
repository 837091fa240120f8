"""Interview guides: the firm default and per-client versions, one question per line per section."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QTabWidget, QWidget

from consultant_app.domain.model import Guide
from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.store import Store
from consultant_app.ui.widgets import admin_layout, button


class GuidesView(QDialog):
    def __init__(self, store: Store, client_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
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
        self.which.currentIndexChanged.connect(self.load)
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
        save.clicked.connect(self.save)
        close = button("Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        row.addWidget(save)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
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

    def save(self) -> None:
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
        self.load()

    def use_default(self) -> None:
        client_id = self.which.currentData()
        guide = self.store.guides.for_client(client_id)
        if guide.client_id == client_id:
            self.store.guides.delete(guide.id)
        self.load()
