"""The first-run welcome: set up the firm and the first client, explore a demo workspace, or skip to an
empty workspace (as Escape does). It offers to protect the new workspace with a passphrase (typed twice, at
least ten characters) unless it is encrypted already; when the firm's policy requires one, the protection
cannot be switched off, and closing the welcome quits instead of skipping."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consultant_app.ui.dialogs.unlock_dialog import REMEMBER_TIP
from consultant_app.ui.passphrase import NewPassphrase
from consultant_app.ui.widgets import button


class WelcomeDialog(QDialog):
    """``choice`` is "setup" (with ``firm_name`` and ``client_name``), "demo", or "skip" (also when closed), or
    "quit" when a required passphrase was not given. ``passphrase`` is set when the workspace is to be encrypted,
    with ``remember`` when it is to be kept in this computer's keyring."""

    def __init__(
        self, parent: QWidget | None = None, require_passphrase: bool = False, encrypted: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Debrief")
        self.setMinimumWidth(580)
        self.choice = "skip"
        self.firm_name = self.client_name = ""
        self.passphrase: str | None = None
        self.remember = False
        self.required = require_passphrase and not encrypted
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
        form.setHorizontalSpacing(14)
        self.firm = QLineEdit()
        self.firm.setPlaceholderText("Your research firm")
        self.client = QLineEdit()
        self.client.setPlaceholderText("The first client you work for")
        form.addRow("Firm name", self.firm)
        form.addRow("First client", self.client)
        layout.addLayout(form)
        protection = self._protection()
        protection.setVisible(not encrypted)  # a workspace unlocked with its passphrase is protected already
        layout.addWidget(protection)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(2 * self.error.fontMetrics().lineSpacing())  # room kept for a message, so
        room = self.error.sizePolicy()  # the fields never squash while the window grows for it
        room.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(room)
        self.error.hide()
        layout.addWidget(self.error)
        for edit in (self.new_passphrase.first, self.new_passphrase.second):
            edit.textChanged.connect(self.error.hide)  # the hint under them says how they stand now
        row = QHBoxLayout()
        demo = button("Explore a demo workspace")
        demo.clicked.connect(self._demo)
        skip = button("Skip for now")
        skip.setToolTip("Open an empty workspace; you can name the firm and add clients later")
        skip.clicked.connect(self._skip)
        start = button("Set up my firm", primary=True)
        start.setDefault(True)
        start.clicked.connect(self._setup)
        row.addWidget(demo)
        row.addStretch()
        row.addWidget(skip)
        row.addWidget(start)
        layout.addLayout(row)
        self._fit()

    def _fit(self) -> None:
        """As tall as the content asks: Qt's own guess for wrapped lines in a form is short, which squashed the
        fields (the passphrase hint and the error are two lines at most at this width)."""
        self.resize(self.width() if self.isVisible() else self.minimumWidth(), self.sizeHint().height())

    def _protection(self) -> QWidget:
        box = QWidget()
        box.setObjectName("Card")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        self.protect = QCheckBox("Protect this workspace with a passphrase")
        self.protect.setStyleSheet("font-weight: 600;")
        self.protect.setChecked(self.required)
        self.protect.setEnabled(not self.required)
        layout.addWidget(self.protect)
        why = QLabel(
            "The workspace file and its backups are encrypted: without the passphrase nobody can read them, "
            "and nobody can recover it for you if it is forgotten."
            + (" Your firm's policy requires a passphrase." if self.required else "")
        )
        why.setWordWrap(True)
        why.setObjectName("Muted")
        layout.addWidget(why)
        self.fields = QFormLayout()
        self.fields.setVerticalSpacing(8)
        self.fields.setHorizontalSpacing(14)
        self.new_passphrase = NewPassphrase(box)
        for label, widget in self.new_passphrase.rows():
            self.fields.addRow(label, widget)
        layout.addLayout(self.fields)
        self.remember_box = QCheckBox("Remember on this computer")
        self.remember_box.setToolTip(REMEMBER_TIP)
        layout.addWidget(self.remember_box)
        self.protect.toggled.connect(self._show_protection)
        self._show_protection(self.protect.isChecked())
        return box

    def _show_protection(self, on: bool) -> None:
        for _label, widget in self.new_passphrase.rows():
            self.fields.setRowVisible(widget, on)
        self.remember_box.setVisible(on)
        if self.isVisible():
            QTimer.singleShot(0, self._fit)

    def _take_passphrase(self) -> bool:
        """Reads the passphrase when the workspace is to be protected; False (with the reason shown) if it is not
        acceptable."""
        self.passphrase = None
        if not self.protect.isChecked():
            return True
        try:
            self.passphrase = self.new_passphrase.value()
        except ValueError as exc:
            self._problem(str(exc))
            return False
        self.remember = self.remember_box.isChecked()
        return True

    def _problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        QTimer.singleShot(0, self._fit)

    def _setup(self) -> None:
        self.firm_name = " ".join(self.firm.text().split())
        self.client_name = " ".join(self.client.text().split())
        if not self.firm_name or not self.client_name:
            self._problem("Please name your firm and your first client (you can change both later).")
            return
        if self._take_passphrase():
            self.choice = "setup"
            self.accept()

    def _skip(self) -> None:
        if self._take_passphrase():
            self.choice = "skip"
            self.accept()

    def _demo(self) -> None:
        self.passphrase = None
        self.choice = "demo"
        self.accept()

    def reject(self) -> None:
        self.passphrase = None
        self.choice = "quit" if self.required else "skip"
        super().reject()
