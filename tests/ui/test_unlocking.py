"""Opening an encrypted workspace at start and making a new one encrypted: a wrong passphrase is said plainly in
the unlock dialog and changes nothing, the right one opens it; "remember on this computer" writes the keyring
(a test keyring in a dict) and the next start needs no dialog; a keyring that cannot store is explained; the
welcome's passphrase leaves an encrypted file with no plain copy and no plain word of what was typed; a firm
policy makes the passphrase required. The real app, started on an encrypted workspace, asks and opens it."""

import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app import keychain
from consultant_app.domain.model import Client
from consultant_app.store import Store
from consultant_app.store.engine import SQLITE_HEADER
from consultant_app.store.errors import PassphraseNeeded
from consultant_app.ui.dialogs.unlock_dialog import UnlockDialog
from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog
from consultant_app.ui.startup import open_or_explain, welcome
from consultant_app.ui.unlocking import remember_here, unlock_at_start
from tests.ui.test_first_start import home, run_app  # noqa: F401 (fixture)
from tests.ui.test_main_window import answer_next_dialog

PASS = "correct horse battery"


@pytest.fixture
def encrypted(tmp_path) -> Path:
    path = tmp_path / "debrief.db"
    with Store.open(path, passphrase=PASS) as store, store.write():
        store.firm.update(name="Meridian Talent")
        store.clients.save(Client(name="Northwind"))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_dialog_appears(qtbot, run):
    """Runs ``run``; any modal dialog that opens meanwhile is noted and closed. Returns (result, dialogs seen)."""
    seen = []

    def close_any():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(type(dialog).__name__)
            dialog.reject()

    QTimer.singleShot(300, close_any)
    result = run()
    qtbot.wait(400)
    return result, seen


def test_a_wrong_passphrase_is_said_plainly_and_the_right_one_opens(qtbot, encrypted, ring):
    before = digest(encrypted)

    def fill(dialog: UnlockDialog):
        assert not dialog.remember_box.isChecked()  # remembering is off unless asked
        dialog.field.setText("not the passphrase")
        dialog.unlock_button.click()
        assert dialog.isVisible() and "does not open debrief.db" in dialog.error.text()
        assert digest(encrypted) == before  # nothing changed
        dialog.field.setText(PASS)
        dialog.unlock_button.click()
        assert not dialog.isVisible()

    done = answer_next_dialog(qtbot, UnlockDialog, fill)
    store = open_or_explain(encrypted, explicit=True)  # the start: Store.open finds it encrypted, and asks
    try:
        assert done.get("ok") and store.encrypted and store.firm.get().name == "Meridian Talent"
    finally:
        store.close()
    assert ring.entries == {}  # not remembered


def test_quitting_the_unlock_dialog_quits(qtbot, encrypted, ring):
    done = answer_next_dialog(qtbot, UnlockDialog, lambda dialog: dialog.reject())
    assert unlock_at_start(encrypted) is None and done.get("ok")


def test_remember_keeps_the_passphrase_in_the_keyring_and_the_next_start_needs_no_dialog(qtbot, encrypted, ring):
    def fill(dialog: UnlockDialog):
        dialog.field.setText(PASS)
        dialog.remember_box.setChecked(True)
        dialog.accept()

    answer_next_dialog(qtbot, UnlockDialog, fill)
    unlock_at_start(encrypted).close()
    assert keychain.recall(encrypted) == PASS and list(ring.entries.values()) == [PASS]
    store, seen = no_dialog_appears(qtbot, lambda: unlock_at_start(encrypted))
    assert seen == [] and store.encrypted
    store.close()


def test_a_remembered_passphrase_that_no_longer_opens_asks_and_is_replaced(qtbot, encrypted, ring):
    keychain.remember(encrypted, "an outdated passphrase")

    def fill(dialog: UnlockDialog):
        assert "no longer opens it" in " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
        assert dialog.remember_box.isChecked()  # the user chose to remember before
        dialog.field.setText(PASS)
        dialog.accept()

    done = answer_next_dialog(qtbot, UnlockDialog, fill)
    unlock_at_start(encrypted).close()
    assert done.get("ok") and keychain.recall(encrypted) == PASS


def test_a_keyring_that_cannot_store_is_explained_not_a_failure(qtbot, tmp_path, no_keyring):
    said = {}
    answer_next_dialog(qtbot, QMessageBox, lambda box: said.update(text=box.text()))
    assert remember_here(tmp_path / "w.db", PASS) is False
    assert "has no keyring Debrief can use, so the passphrase is not remembered" in said["text"]


def workspace_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith((".ini", ".log"))]


def fill_welcome_with_a_passphrase(qtbot, dialog: WelcomeDialog, remember=False):
    qtbot.keyClicks(dialog.firm, "Meridian Talent")
    qtbot.keyClicks(dialog.client, "Northwind Quokka")
    assert not dialog.protect.isChecked() and not dialog.new_passphrase.first.isVisible()
    dialog.protect.click()
    assert dialog.new_passphrase.first.isVisible() and not dialog.remember_box.isChecked()
    qtbot.keyClicks(dialog.new_passphrase.first, "short")
    assert "5 more" in dialog.new_passphrase.hint.text()
    qtbot.keyClicks(dialog.new_passphrase.second, "short")
    dialog._setup()
    assert "at least 10 characters" in dialog.error.text() and dialog.isVisible()
    dialog.new_passphrase.first.setText(PASS)
    dialog.new_passphrase.second.setText(PASS + "!")
    assert "differ" in dialog.new_passphrase.hint.text()
    dialog._setup()
    assert "differ" in dialog.error.text() and dialog.isVisible()
    dialog.new_passphrase.second.setText(PASS)
    dialog.remember_box.setChecked(remember)
    dialog._setup()


def test_the_welcome_makes_the_new_workspace_encrypted_with_no_plain_copy(qtbot, tmp_path, ring):
    path = tmp_path / "debrief.db"
    store = Store.open(path)  # as the start does: the empty workspace is made plain before the welcome shows
    done = answer_next_dialog(qtbot, WelcomeDialog, lambda dialog: fill_welcome_with_a_passphrase(qtbot, dialog))
    choice, store = welcome(store)
    assert done.get("ok") and choice == "setup" and store.encrypted and store.path == path
    store.close()
    for file in workspace_files(tmp_path):
        data = file.read_bytes()
        assert not data.startswith(SQLITE_HEADER), file
        assert b"Meridian Talent" not in data and b"Northwind Quokka" not in data, file
    with pytest.raises(PassphraseNeeded):
        Store.open(path)
    with Store.open(path, passphrase=PASS) as reopened:
        assert reopened.firm.get().name == "Meridian Talent"
        assert [c.name for c in reopened.clients.list()] == ["Northwind Quokka"]
    assert ring.entries == {}


def test_a_new_workspace_that_holds_something_is_encrypted_in_place_and_remembered(qtbot, tmp_path, ring):
    path = tmp_path / "debrief.db"
    store = Store.open(path)
    with store.write():
        store.firm.update(name="Set Up Before Firm")  # written before the welcome (from the command line, say)
    answer_next_dialog(qtbot, WelcomeDialog, lambda dialog: fill_welcome_with_a_passphrase(qtbot, dialog, True))
    choice, store = welcome(store)
    store.close()
    assert keychain.recall(path) == PASS
    for file in workspace_files(tmp_path):  # the workspace and the safety backup taken first
        assert not file.read_bytes().startswith(SQLITE_HEADER), file
        assert b"Set Up Before Firm" not in file.read_bytes(), file
    with Store.open(path, passphrase=PASS) as reopened:
        assert reopened.firm.get().name == "Meridian Talent"


@pytest.fixture
def strict_policy(tmp_path, monkeypatch):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"require_passphrase": True}))
    monkeypatch.setenv("CONSULTANT_APP_POLICY", str(policy))


def test_a_policy_that_requires_a_passphrase_cannot_be_skipped(qtbot, tmp_path, strict_policy, ring):
    path = tmp_path / "debrief.db"
    store = Store.open(path)

    def fill(dialog: WelcomeDialog):
        assert dialog.protect.isChecked() and not dialog.protect.isEnabled()
        dialog._skip()
        assert "Choose a passphrase" in dialog.error.text() and dialog.isVisible()
        dialog.reject()  # Escape: with a passphrase required, this quits rather than opening a plain workspace

    answer_next_dialog(qtbot, WelcomeDialog, fill)
    assert welcome(store) == ("quit", None)
    assert store.db is None


def test_skipping_with_a_required_passphrase_still_encrypts(qtbot, tmp_path, strict_policy, ring):
    store = Store.open(tmp_path / "debrief.db")

    def fill(dialog: WelcomeDialog):
        dialog.new_passphrase.first.setText(PASS)
        dialog.new_passphrase.second.setText(PASS)
        dialog._skip()

    answer_next_dialog(qtbot, WelcomeDialog, fill)
    choice, store = welcome(store)
    assert choice == "skip" and store.encrypted and store.is_empty()
    store.close()


def test_an_encrypted_empty_workspace_is_not_offered_a_passphrase_again(qtbot, tmp_path, ring):
    seen = {}

    def fill(dialog: WelcomeDialog):
        seen["offered"] = dialog.protect.isVisibleTo(dialog)
        dialog._skip()

    answer_next_dialog(qtbot, WelcomeDialog, fill)
    store = Store.open(tmp_path / "empty.db", passphrase=PASS)
    choice, same = welcome(store)
    assert seen == {"offered": False} and choice == "skip" and same is store and store.encrypted
    store.close()


def test_the_real_app_asks_for_the_passphrase_of_an_encrypted_workspace(home, encrypted):  # noqa: F811
    home["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the keyring of the test machine
    home["CONSULTANT_APP_PASSPHRASE"] = PASS  # the command line's; the desktop app does not read it
    events, _ = run_app(home, "--db", str(encrypted), answers=[f"type:Passphrase={PASS}|click:Unlock"])
    unlock, window, end = events
    assert unlock["dialog"] == "UnlockDialog" and "This workspace is encrypted" in unlock["text"]
    assert window["workspace"] == str(encrypted) and window["main_window"] == "Debrief — Meridian Talent"
    assert end == {"exit": 0}
    events, _ = run_app(home, "--db", str(encrypted), answers=["click:Quit"])
    assert [e.get("dialog") for e in events[:-1]] == ["UnlockDialog"] and events[-1] == {"exit": 1}


def test_the_welcome_forgets_a_mismatch_once_the_passphrases_are_typed_again(qtbot):
    from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.protect.setChecked(True)
    dialog.firm.setText("Acme Research")
    dialog.client.setText("Northwind")
    dialog.new_passphrase.first.setText("a long passphrase")
    dialog.new_passphrase.second.setText("a long passphrasX")
    dialog._setup()
    assert dialog.error.isVisible() and "differ" in dialog.error.text()
    dialog.new_passphrase.second.setText("a long passphrase")
    assert not dialog.error.isVisible()
    dialog.reject()
