"""Choose where a firm-internal interchange file goes and whether it is encrypted (age format): with a passphrase
typed twice, or to the public keys in a recipients file. Returns (path, ``Seal`` or None); the window exports.
Names end in ``.debrief`` (plain) or ``.debrief.age`` (encrypted), the file types the installed app opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from consultant_app.interchange.sealing import MIN_PASSPHRASE, Seal, read_recipients
from consultant_app.ui.dialogs.form import FormDialog

PLAIN_SUFFIX, SEALED_SUFFIX = ".debrief", ".age"
SUBTITLE = (
    "A firm-internal file with everything, identities included, for another of the firm's workspaces. Never for a "
    "client: for a client, make a report or a dataset."
)


class ExportDialog(FormDialog):
    def __init__(self, title: str, path: Path, encrypt: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(title, SUBTITLE, parent)
        self.setMinimumWidth(600)
        self.path = QLineEdit(str(path))
        self.add_row("Save as", _with_button(self.path, "Browse…", self._browse))
        self.encrypt = QCheckBox("Encrypt the file (age format)")
        self.encrypt.setToolTip(
            "For a file that leaves this computer: only its passphrase or its recipients' keys open it"
        )
        self.add_row("Encryption", self.encrypt)
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.with_passphrase = QRadioButton("With a passphrase")
        self.to_keys = QRadioButton("For recipients' public keys")
        self.with_passphrase.setChecked(True)
        group = QButtonGroup(self)
        for choice in (self.with_passphrase, self.to_keys):
            group.addButton(choice)
            row.addWidget(choice)
            choice.toggled.connect(self._show_rows)
        row.addStretch()
        self.add_row("", kinds)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(f"At least {MIN_PASSPHRASE} characters; a few words are best")
        self.add_row("Passphrase", self.passphrase)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText("The same passphrase again")
        self.add_row("Confirm", self.confirm)
        self.recipients = QLineEdit()
        self.recipients.setPlaceholderText("A file of public keys: age1… or ssh-ed25519 …, one a line")
        self.recipients_row = self.add_row("Recipients", _with_button(self.recipients, "Browse…", self._browse_keys))
        self.hint = QLabel()
        self.hint.setObjectName("Muted")
        self.hint.setWordWrap(True)
        self.add_row("", self.hint)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Export")
        self.encrypt.toggled.connect(self._encrypt_toggled)
        self.encrypt.setChecked(encrypt)
        self._encrypt_toggled(encrypt)

    def _encrypt_toggled(self, on: bool) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(interchange_name(text, on))
        self._show_rows()

    def _show_rows(self) -> None:
        on, keys = self.encrypt.isChecked(), self.to_keys.isChecked()
        for widget, visible in (
            (self.with_passphrase.parentWidget(), on),
            (self.passphrase, on and not keys),
            (self.confirm, on and not keys),
            (self.recipients_row, on and keys),
            (self.hint, on),
        ):
            self.form.setRowVisible(widget, visible)
        self.hint.setText(
            "Only the holders of the matching secret keys can open the file; no passphrase has to travel with it."
            if keys
            else "Send the passphrase another way than the file (a call, not the same e-mail)."
        )
        self.adjustSize()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export — firm-internal, never for a client (for a client: a report or a dataset)",
            self.path.text(),
            "Encrypted Debrief interchange (*.debrief.age)"
            if self.encrypt.isChecked()
            else "Debrief interchange (*.debrief)",
        )
        if chosen:
            self.path.setText(chosen)
            self._encrypt_toggled(self.encrypt.isChecked())

    def _browse_keys(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Recipients' public keys", self.recipients.text(), "All (*)")
        if chosen:
            self.recipients.setText(chosen)

    def collect(self) -> tuple[Path, Seal | None]:
        text = self.path.text().strip()
        if not text:
            raise ValueError("Choose where to save the file.")
        path = Path(text).expanduser()
        if not self.encrypt.isChecked():
            return path, None
        if self.to_keys.isChecked():
            if not self.recipients.text().strip():
                raise ValueError("Choose the file of the recipients' public keys.")
            return path, Seal.to_recipients(read_recipients(Path(self.recipients.text().strip()).expanduser()))
        if self.passphrase.text() != self.confirm.text():
            raise ValueError("The two passphrases differ; type the same one twice.")
        return path, Seal.with_passphrase(self.passphrase.text())


def interchange_name(text: str, encrypted: bool) -> str:
    """``text`` named as an interchange file: a name without a type gets ``.debrief``; an encrypted file ends in
    ``.age`` (``x.debrief.age``), a plain one does not."""
    plain = text.removesuffix(SEALED_SUFFIX)
    if not Path(plain).suffix:
        plain += PLAIN_SUFFIX
    return plain + SEALED_SUFFIX if encrypted else plain


def _with_button(edit: QLineEdit, label: str, slot) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    choose = QPushButton(label)
    choose.clicked.connect(slot)
    row.addWidget(edit, 1)
    row.addWidget(choose)
    return box
