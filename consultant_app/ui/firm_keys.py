"""The firm's sync keys in Preferences (``sync.keys`` does the work): without them, a sentence of what they do and
two ways in — the engagement lead creates them (their name, a question first, then where to save the firm key file,
written readable by its owner only) and a consultant joins with that file; once joined, who this workspace is and
the members with the clients they are on, and for a lead the firm key saved again. Each action asks before it does
something that cannot be undone, and a bad file or name is one plain message that changes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from consultant_app.store.errors import WorkspaceError
from consultant_app.sync import keys
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.widgets import button

KEY_FILE_NAME = "Debrief firm key.txt"
LARGEST_KEY_FILE = 4096  # a firm key is one line of about 75 characters
WHAT_THEY_DO = (
    "Firm sync keys seal what this workspace sends to the sync folder: the firm's members read the firm's records, "
    "and each client's interviews only the leads and the consultants put on it. The engagement lead creates them "
    "once; each consultant joins with the firm key file the lead hands them."
)
HAND_IT_OVER = (
    "Hand it to each consultant in person or through the firm's password manager, then delete the file: whoever "
    "holds it can join the firm's sync."
)


def write_key_file(target: Path, firm_key: str) -> None:
    """Writes the firm key readable by its owner only (a file the save dialog let them replace is replaced)."""
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as fh:
        fh.write(firm_key + "\n")


def read_key_file(path: Path) -> str:
    """The text of a firm key file, or WorkspaceError with a plain sentence."""
    try:
        if path.stat().st_size > LARGEST_KEY_FILE:
            raise WorkspaceError(f"{path.name} is not a firm key file (it is far too large). Nothing was changed.")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"Debrief cannot read a firm key from {path.name}. Nothing was changed.") from exc


class FirmKeysSection(QWidget):
    """What Preferences shows of the firm's sync keys for the workspace ``store``; ``changed`` runs after any change."""

    def __init__(self, store, changed: Callable[[], None] = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.changed = store, changed
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(8)
        self.show_state()

    def show_state(self) -> None:
        _clear(self.rows)
        if keys.joined(self.store):
            self._show_members()
        else:
            self._show_invitation()

    def _show_invitation(self) -> None:
        self.rows.addWidget(_text(WHAT_THEY_DO, muted=True))
        self.create_button = button("Create firm keys…")
        self.create_button.setToolTip("For the engagement lead, once for the whole firm")
        self.create_button.clicked.connect(self.create)
        self.join_button = button("Join with a firm key…")
        self.join_button.setToolTip("For a consultant, with the file the lead handed you")
        self.join_button.clicked.connect(self.join)
        self.rows.addLayout(_button_row(self.create_button, self.join_button))

    def _show_members(self) -> None:
        mine = keys.me(self.store)
        members = self.store.sync_keys.members()
        me = next((m for m in members if m.id == mine), None)
        if me is not None:
            role = (
                "a lead: you read every client" if me.lead else "a consultant: you read the clients a lead puts you on"
            )
            self.rows.addWidget(_text(f"You are <b>{escape(me.name)}</b>, {role}."))
        clients = {c.id: c.name for c in self.store.clients.list(include_archived=True)}
        assigned = self.store.sync_keys.assignments()
        lines = []
        for member in sorted(members, key=lambda m: (not m.lead, m.name.casefold())):
            on = sorted(clients.get(c, "a client not on this laptop") for c, m in assigned if m == member.id)
            what = "lead, reads every client" if member.lead else (", ".join(on) or "on no client yet")
            you = " (you)" if member.id == mine else ""
            lines.append(f"<b>{escape(member.name)}</b>{you} — {escape(what)}")
        members_label = _text("Members of the firm's sync:<br>" + "<br>".join(lines))
        members_label.setAccessibleName("Members of the firm's sync")
        self.rows.addWidget(members_label)
        if me is not None and me.lead:
            self.rows.addWidget(_text("Put consultants on a client from the client's page.", muted=True))
            self.save_again_button = button("Save the firm key again…")
            self.save_again_button.clicked.connect(self.save_again)
            self.rows.addLayout(_button_row(self.save_again_button))

    # the actions -------------------------------------------------------------------------------------------------
    def create(self) -> None:
        name = self._ask_name("Create firm sync keys")
        if name is None:
            return
        if not confirm(
            self,
            "Create firm sync keys",
            f"Create the firm's sync keys, with {name} as engagement lead?",
            "Create keys",
            "From then on what this workspace sends to the sync folder is sealed, and a laptop that has not joined "
            "cannot read it. You save the firm key file next. This cannot be undone.",
        ):
            return
        target = self._ask_target()
        if target is None:
            return
        try:
            firm_key = keys.create_firm(self.store, name)
        except WorkspaceError as exc:
            self._say("Create firm sync keys", str(exc))
            return
        self._after_change()
        self._write(target, firm_key, "The firm's sync keys were created, with you as lead.")

    def join(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Open the firm key file", str(Path.home()), "Firm key files (*.txt);;All files (*)"
        )
        if not chosen:
            return
        try:
            firm_key = read_key_file(Path(chosen))
            if not firm_key.strip().startswith(keys.SECRET_PREFIX):
                raise WorkspaceError(f"{Path(chosen).name} does not hold a firm key. Nothing was changed.")
        except WorkspaceError as exc:
            self._say("Join the firm's sync", str(exc))
            return
        name = self._ask_name("Join the firm's sync")
        if name is None:
            return
        if not confirm(
            self,
            "Join the firm's sync",
            f"Join the firm's sync keys as {name}?",
            "Join",
            "From then on what this workspace sends to the sync folder is sealed for the firm, and you read the "
            "clients a lead puts you on. This cannot be undone.",
        ):
            return
        try:
            keys.join(self.store, firm_key, name)
        except WorkspaceError as exc:
            self._say("Join the firm's sync", str(exc))
            return
        self._after_change()
        QMessageBox.information(
            self, "Joined the firm's sync", "You have joined the firm's sync. The lead puts you on your clients."
        )

    def save_again(self) -> None:
        target = self._ask_target()
        if target is not None:
            self._write(target, keys.firm_key(self.store), "")

    # helpers -----------------------------------------------------------------------------------------------------
    def _ask_name(self, title: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, "Your name, as colleagues know you:")
        if ok and not name.strip():
            self._say(title, "A member of the firm's sync needs a name. Nothing was changed.")
        return " ".join(name.split()) if ok and name.strip() else None

    def _ask_target(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the firm key", str(Path.home() / KEY_FILE_NAME), "Firm key files (*.txt)"
        )
        return Path(chosen) if chosen else None

    def _write(self, target: Path, firm_key: str, before: str) -> None:
        try:
            write_key_file(target, firm_key)
        except OSError as exc:
            failed = f"The firm key could not be saved to {target} ({exc.strerror or exc}); save it again from here."
            self._say("Save the firm key", f"{before} {failed}".strip())
            return
        QMessageBox.information(self, "Firm key saved", f"{before} The firm key is in {target}. {HAND_IT_OVER}".strip())

    def _after_change(self) -> None:
        self.show_state()
        self.changed()

    def _say(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)


def _text(html: str, muted: bool = False) -> QLabel:
    label = QLabel(html)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if muted:
        label.setObjectName("Muted")
    return label


def _button_row(*buttons) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for each in buttons:
        row.addWidget(each)
    row.addStretch()
    return row


def _clear(layout) -> None:
    """Empties ``layout``, its widgets out of the Tab chain at once."""
    while layout.count():
        item = layout.takeAt(0)
        if item.layout() is not None:
            _clear(item.layout())
        elif (shown := item.widget()) is not None:
            shown.setParent(None)
            shown.deleteLater()
