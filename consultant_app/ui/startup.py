"""Opening the workspace when the desktop app starts, so that every start ends in a window or a plain message.

A workspace in use by another Debrief window or command is explained, and the app quits. A data folder Debrief
cannot write to (read-only, no permission, not a folder) is explained with a choice of another folder, which is
remembered from then on; a workspace named with ``--db`` is only explained, since the user chose it. An empty
workspace opens the welcome (set up the firm, explore the demo, or skip; protected by a passphrase if the user
or the firm's policy wants), or goes straight to the demo with ``--demo-when-empty``; the demo workspace is made
beside the default workspace the first time it is opened. An encrypted workspace is unlocked first
(``unlocking``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from consultant_app.paths import DEMO_NAME, demo_workspace_path, remember_data_folder
from consultant_app.store import FolderNotWritable, Store, WorkspaceError
from consultant_app.store.errors import PassphraseNeeded
from consultant_app.ui.widgets import wait_cursor


def open_at_start(path: Path, *, explicit: bool, demo_when_empty: bool) -> Store | None:
    """The store to show, or None when the app should quit (the user has been told why)."""
    store = open_or_explain(path, explicit)
    if store is None or store.path.name == DEMO_NAME or not store.is_empty():
        return store
    choice, store = ("demo", store) if demo_when_empty else welcome(store)
    if choice != "demo" or store is None:
        return store
    demo = demo_workspace_path() if explicit else store.path.with_name(DEMO_NAME)
    store.close()
    return open_demo(demo)


def open_or_explain(path: Path, explicit: bool) -> Store | None:
    chosen: Path | None = None
    while True:
        try:
            store = Store.open(path)
        except FolderNotWritable as exc:
            if explicit:
                return explain(f"{exc} Start Debrief with a workspace in a folder you can write to.")
            chosen = choose_other_folder(exc)
            if chosen is None:
                return None
            path = chosen / path.name
            continue
        except PassphraseNeeded:
            from consultant_app.ui.unlocking import unlock_at_start

            store = unlock_at_start(path)
        except WorkspaceError as exc:
            return explain(str(exc))
        if chosen is not None:
            _remember(chosen)
        return store


def open_demo(path: Path) -> Store | None:
    from consultant_app.demo import create_demo_workspace

    store = open_or_explain(path, explicit=False)
    if store is not None and store.is_empty():
        with wait_cursor():
            create_demo_workspace(store)
    return store


def welcome(store: Store) -> tuple[str, Store | None]:
    """Shows the welcome; encrypts the workspace and sets up the firm and first client when asked. Returns the
    choice ("setup", "demo", "skip" or "quit") and the store to go on with (None when the app should quit)."""
    from consultant_app.domain.model import Client
    from consultant_app.policy import load_policy, passphrase_required
    from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog
    from consultant_app.ui.unlocking import encrypt_new, remember_here

    required = passphrase_required(load_policy(), store.firm.get().require_passphrase)
    dialog = WelcomeDialog(require_passphrase=required, encrypted=store.encrypted)
    dialog.exec()
    if dialog.choice == "quit":
        store.close()
        return "quit", None
    if dialog.passphrase:
        store = encrypt_new(store, dialog.passphrase)
        if store is None:
            return dialog.choice, None
        if dialog.remember:
            remember_here(store.path, dialog.passphrase)
    if dialog.choice == "setup":
        try:
            with store.write():
                store.firm.update(name=dialog.firm_name)
                store.clients.save(Client(name=dialog.client_name))
        except WorkspaceError as exc:
            explain(f"The firm could not be saved: {exc}")
    return dialog.choice, store


def choose_other_folder(problem: FolderNotWritable) -> Path | None:
    """Asks for a folder Debrief can write to; None when the user would rather quit."""
    while True:
        box = QMessageBox(QMessageBox.Icon.Warning, "Debrief", str(problem))
        box.setInformativeText(
            "Choose a folder you can write to, for example in your Documents. Debrief will keep "
            "its workspace there from now on."
        )
        choose = box.addButton("Choose a folder…", QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choose)
        box.setEscapeButton(quit_button)
        box.exec()
        if box.clickedButton() is not choose:
            return None
        folder = QFileDialog.getExistingDirectory(None, "A folder for the Debrief workspace", str(Path.home()))
        if folder:
            return Path(folder)


def _remember(folder: Path) -> None:
    try:
        remember_data_folder(folder)
    except OSError as exc:
        QMessageBox.information(
            None,
            "Debrief",
            f"Debrief uses {folder} now, but could not remember it for next "
            f"time ({exc.strerror or exc}); it will ask again.",
        )


def explain(message: str) -> None:
    QMessageBox.critical(None, "Debrief", message)
