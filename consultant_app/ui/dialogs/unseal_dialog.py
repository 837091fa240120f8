"""Ask for what opens an encrypted interchange file before it is imported: its passphrase, or the identity file
(secret key) of one of its recipients. Shows why the last try failed. Returns an ``Unseal``; the window imports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from consultant_app.interchange.sealing import IDENTITY_HINT, SealedInfo, Unseal, read_identities
from consultant_app.ui.dialogs.form import FormDialog


class UnsealDialog(FormDialog):
    def __init__(self, file_name: str, info: SealedInfo, error: str = "", parent: QWidget | None = None) -> None:
        if info.with_passphrase:
            intro = f"{file_name} is encrypted with a passphrase. Enter it to import the file."
        else:
            intro = f"{file_name} is encrypted for {info.whose_keys}. Choose your identity file to import it."
        super().__init__("Encrypted file", intro, parent)
        self.setMinimumWidth(540)
        self.info = info
        self.passphrase = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.identity = QLineEdit(self)
        self.identity.setPlaceholderText("Your age identity file or SSH private key")
        self.identity.setToolTip(f"A file of secret keys ({IDENTITY_HINT})")
        if info.with_passphrase:
            self.add_row("Passphrase", self.passphrase)
            self.identity.hide()
        else:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            choose = QPushButton("Browse…")
            choose.clicked.connect(self._browse)
            row.addWidget(self.identity, 1)
            row.addWidget(choose)
            self.add_row("Identity file", box)
            self.passphrase.hide()
        if error:
            self.error.setText(error)
            self.error.show()
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Import")

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Your identity file", self.identity.text(), "All files (*)")
        if chosen:
            self.identity.setText(chosen)

    def collect(self) -> Unseal:
        if self.info.with_passphrase:
            if not self.passphrase.text():
                raise ValueError("Enter the file's passphrase.")
            return Unseal(passphrase=self.passphrase.text())
        if not self.identity.text().strip():
            raise ValueError("Choose your identity file.")
        return Unseal(identities=read_identities(Path(self.identity.text().strip()).expanduser()))
