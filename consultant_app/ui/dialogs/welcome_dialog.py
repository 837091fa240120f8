"""The first-run welcome: set up the firm and the first client, explore a demo workspace, or skip to an
empty workspace (as Escape does)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from consultant_app.ui.widgets import button


class WelcomeDialog(QDialog):
    """``choice`` is "setup" (with ``firm_name`` and ``client_name``), "demo", or "skip" (also when closed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Debrief")
        self.setMinimumWidth(560)
        self.choice = "skip"
        self.firm_name = self.client_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        title = QLabel("Welcome to Debrief")
        title.setObjectName("PageTitle")
        title.setStyleSheet("font-size: 24px;")
        layout.addWidget(title)
        intro = QLabel(
            "Run declined-offer interviews, keep every word safe on this computer, and turn them into "
            "branded reports and anonymised datasets for your clients."
        )
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        layout.addWidget(intro)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.firm = QLineEdit()
        self.firm.setPlaceholderText("Your research firm")
        self.client = QLineEdit()
        self.client.setPlaceholderText("The first client you work for")
        form.addRow("Firm name", self.firm)
        form.addRow("First client", self.client)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B42318;")
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        demo = button("Explore a demo workspace")
        demo.clicked.connect(self._demo)
        skip = button("Skip for now")
        skip.setToolTip("Open an empty workspace; you can name the firm and add clients later")
        skip.clicked.connect(self.reject)
        start = button("Set up my firm", primary=True)
        start.setDefault(True)
        start.clicked.connect(self._setup)
        row.addWidget(demo)
        row.addStretch()
        row.addWidget(skip)
        row.addWidget(start)
        layout.addLayout(row)

    def _setup(self) -> None:
        self.firm_name = " ".join(self.firm.text().split())
        self.client_name = " ".join(self.client.text().split())
        if not self.firm_name or not self.client_name:
            self.error.setText("Please name your firm and your first client (you can change both later).")
            self.error.show()
            return
        self.choice = "setup"
        self.accept()

    def _demo(self) -> None:
        self.choice = "demo"
        self.accept()
