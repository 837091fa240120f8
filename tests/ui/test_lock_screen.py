"""An encrypted workspace locks after the idle time (a short one here) or at "Lock now": every window, the call
screen too, is covered by a lock screen that shows nothing of the workspace and lets nothing through; a wrong
passphrase keeps it locked, the right one uncovers everything as it was (text, caret, undo). Input keeps it
awake. A plain workspace never locks. The File menu encrypts a plain workspace in place (the window goes on
with the reopened store) and changes an encrypted one's passphrase (and the keyring's copy)."""

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from consultant_app import keychain
from consultant_app.demo import create_demo_workspace
from consultant_app.store import Store
from consultant_app.store.engine import SQLITE_HEADER
from consultant_app.store.errors import WrongPassphrase
from consultant_app.ui.dialogs.firm_dialog import FirmDialog
from consultant_app.ui.dialogs.passphrase_dialog import PassphraseDialog
from consultant_app.ui.lock_screen import LOCKED_TITLE, MINUTE_MS, LockOverlay
from consultant_app.ui.main_window import MainWindow
from tests.store.builders import client_with_interview
from tests.ui.test_call_screen import type_text
from tests.ui.test_main_window import answer_next_dialog

PASS = "correct horse battery"
NEW = "purple elephant umbrella"
C = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def encrypted_store(tmp_path):
    with Store.open(tmp_path / "debrief.db", passphrase=PASS) as store:
        yield store


@pytest.fixture
def interview(encrypted_store):
    return client_with_interview(encrypted_store, disclosure="named")[2]


@pytest.fixture
def window(qtbot, encrypted_store, interview, settings):
    shown = MainWindow(encrypted_store, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def overlay_of(widget) -> LockOverlay | None:
    found = [c for c in widget.children() if isinstance(c, LockOverlay) and c.isVisible()]
    return found[0] if found else None


def different_pixels(a: QImage, b: QImage) -> int:
    a, b = a.convertToFormat(QImage.Format.Format_RGB32), b.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height(), 2) for x in range(0, a.width(), 2))


def test_idle_locks_every_window_and_the_right_passphrase_gives_back_the_call_as_it_was(qtbot, window, interview):
    screen = window.open_call(interview.id)
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    QTest.keyClick(screen.focusWidget() or screen, Qt.Key.Key_1, C)  # the first section's first note
    editor = screen.focusWidget()
    type_text(editor, "Zebulon said the salary was low")
    editor.moveCursor(editor.textCursor().MoveOperation.Left)  # the caret somewhere inside the text
    caret, title, notes = editor.textCursor().position(), screen.windowTitle(), len(screen.session.notes)
    lock = window.security.autolock
    assert window.security.act_lock.isVisible() and lock.interval_ms == 10 * MINUTE_MS  # the firm's default

    lock.arm(300)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    for shown in (window, screen):
        overlay = overlay_of(shown)
        assert overlay is not None and overlay.geometry() == shown.rect() and shown.windowTitle() == LOCKED_TITLE
        # what the window shows is the lock screen alone (a caret may blink in its field)
        assert different_pixels(shown.grab().toImage(), overlay.grab().toImage()) < 40
    type_text(editor, "LEAK")  # keys meant for the note go nowhere
    QTest.keyClick(screen, Qt.Key.Key_Return, C)  # nor do shortcuts (a new note)
    QTest.keyClick(window, Qt.Key.Key_N, C)  # (a new candidate dialog)
    assert "LEAK" not in editor.toPlainText() and len(screen.session.notes) == notes
    assert lock.locked

    overlay = overlay_of(screen)
    overlay.field.setFocus()
    qtbot.keyClicks(overlay.field, "not it")
    QTest.keyClick(overlay.field, Qt.Key.Key_Return)
    assert lock.locked and "Not the passphrase" in overlay.error.text() and overlay_of(window) is not None
    overlay.field.clear()
    qtbot.keyClicks(overlay.field, PASS)
    QTest.keyClick(overlay.field, Qt.Key.Key_Return)
    assert not lock.locked
    qtbot.waitUntil(lambda: overlay_of(screen) is None and overlay_of(window) is None)
    assert screen.windowTitle() == title and window.windowTitle() == f"Debrief — {window.store.path.name}"
    assert screen.focusWidget() is editor and editor.textCursor().position() == caret
    assert editor.toPlainText() == "Zebulon said the salary was low" and screen.undo.canUndo()
    type_text(editor, "!")
    assert editor.toPlainText() == "Zebulon said the salary was lo!w"
    lock.arm(0)


def test_input_keeps_the_window_awake(qtbot, window):
    lock = window.security.autolock
    lock.arm(600)
    for _ in range(8):  # 1.6 s of someone using the keyboard
        qtbot.wait(200)
        QTest.keyClick(window.page.table, Qt.Key.Key_Shift)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    lock.try_unlock(PASS)
    lock.arm(0)


def test_lock_now_from_the_menu_and_a_message_opened_while_locked_is_covered(qtbot, window):
    lock = window.security.autolock
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_L, C | Qt.KeyboardModifier.ShiftModifier)
    assert lock.locked and overlay_of(window) is not None
    box = QMessageBox(QMessageBox.Icon.Information, "Import", "Imported 3 new candidates: Zebulon…", parent=window)
    box.show()
    assert overlay_of(box) is not None and box.windowTitle() == LOCKED_TITLE
    assert not lock.try_unlock("wrong") and lock.locked
    assert lock.try_unlock(PASS) and box.windowTitle() == "Import"
    box.close()


def test_a_plain_workspace_never_locks(qtbot, main_window):
    security = main_window.security
    assert not security.act_lock.isVisible() and not security.act_passphrase.isVisible()
    assert security.act_encrypt.isVisible() and security.autolock.interval_ms == 0
    security.autolock.lock()
    assert not security.autolock.locked and overlay_of(main_window) is None


def test_the_firm_sets_the_idle_minutes_within_the_policy(qtbot, window, tmp_path, monkeypatch):
    window.store.firm.update(auto_lock_minutes=3)
    window.security.apply_settings()
    assert window.security.autolock.interval_ms == 3 * MINUTE_MS
    window.store.firm.update(auto_lock_minutes=0)
    window.security.apply_settings()
    assert window.security.autolock.interval_ms == 0  # never
    policy = tmp_path / "policy.json"
    policy.write_text('{"auto_lock_minutes": 5, "require_passphrase": true}')
    monkeypatch.setenv("CONSULTANT_APP_POLICY", str(policy))
    from consultant_app.policy import load_policy

    window.security.policy = load_policy()
    window.security.apply_settings()
    assert window.security.autolock.interval_ms == 5 * MINUTE_MS  # "never" is not allowed by the policy
    dialog = FirmDialog(window.store.firm.get(), policy=window.security.policy)
    qtbot.addWidget(dialog)
    assert dialog.auto_lock.maximum() == 5 and dialog.auto_lock.value() == 5
    assert dialog.require_passphrase.isChecked() and not dialog.require_passphrase.isEnabled()
    dialog.accept()
    assert dialog.result_value["auto_lock_minutes"] == 5 and dialog.result_value["require_passphrase"] is False


def test_encrypt_workspace_from_the_menu_goes_on_with_the_encrypted_store(qtbot, store, settings, ring):
    create_demo_workspace(store, clients=2, interviews=40, seed=4)
    store.maintenance.backup()  # a plain backup, to be encrypted too
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    clients = window.clients_model.rowCount()
    row = window.page.current_row()
    name = store.candidates.get(row.candidate_id).full_name
    screen = window.open_call(row.interview_id)
    path = store.path

    def fill(dialog: PassphraseDialog):
        assert "verified backup" in " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
        dialog.new_passphrase.first.setText(PASS)
        dialog.new_passphrase.second.setText(PASS[:-1])
        dialog.accept()
        assert "differ" in dialog.error.text() and dialog.isVisible()
        dialog.new_passphrase.second.setText(PASS)
        dialog.remember.setChecked(True)
        dialog.accept()

    done = answer_next_dialog(qtbot, PassphraseDialog, fill)
    window.security.act_encrypt.trigger()
    assert done.get("ok")
    qtbot.waitUntil(lambda: window.store.encrypted, timeout=60000)
    try:
        assert window.isEnabled() and window.store is not store and store.db is None and not window.call_screens
        assert not shiboken6.isValid(screen)  # closed (saving) and gone before the store was closed
        assert window.clients_model.rowCount() == clients and window.page.model.rowCount() > 0
        assert window.security.act_passphrase.isVisible() and not window.security.act_encrypt.isVisible()
        assert window.security.autolock.interval_ms == 10 * MINUTE_MS
        assert keychain.recall(path) == PASS
        window.detail.show_row(window.page.current_row())  # the views read the new store
    finally:
        window.close()
        window.store.close()
    files = [p for p in path.parent.rglob("*.db") if p.is_file()]
    assert len(files) >= 3  # the workspace, the earlier backup and the safety backup
    for file in files:
        data = file.read_bytes()
        assert not data.startswith(SQLITE_HEADER) and name.encode() not in data, file


def test_change_passphrase_checks_the_current_one_and_updates_the_keyring(qtbot, window, ring):
    path = window.store.path
    keychain.remember(path, PASS)
    assert not window.security.act_encrypt.isVisible()

    def fill(dialog: PassphraseDialog):
        dialog.current.setText("not it at all")
        dialog.new_passphrase.first.setText(NEW)
        dialog.new_passphrase.second.setText(NEW)
        dialog.accept()
        assert "current passphrase is not right" in dialog.error.text() and dialog.isVisible()
        dialog.current.setText(PASS)
        dialog.accept()

    done = answer_next_dialog(qtbot, PassphraseDialog, fill)
    window.security.act_passphrase.trigger()
    assert done.get("ok") and window.store.passphrase == NEW and keychain.recall(path) == NEW
    lock = window.security.autolock
    lock.lock()
    assert not lock.try_unlock(PASS) and lock.try_unlock(NEW)
    lock.arm(0)
    window.store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(path, passphrase=PASS)
    Store.open(path, passphrase=NEW).close()


def test_at_start_a_policy_that_requires_encryption_offers_it_and_an_unreadable_one_is_explained(
    qtbot, main_window, tmp_path, monkeypatch
):
    from consultant_app.policy import load_policy

    policy = tmp_path / "policy.json"
    policy.write_text("{broken")
    monkeypatch.setenv("CONSULTANT_APP_POLICY", str(policy))
    main_window.security.policy = load_policy()
    said, offered = {}, {}
    answer_next_dialog(qtbot, QMessageBox, lambda box: said.update(text=box.text()))

    def decline(dialog: PassphraseDialog):
        offered["text"] = " ".join(label.text() for label in dialog.findChildren(type(dialog.error)))
        dialog.reject()

    answer_next_dialog(qtbot, PassphraseDialog, decline, wait_ms=20000)
    main_window.security.enforce_policy()
    assert "is not used because it cannot be read" in said["text"] and "a passphrase is required" in said["text"]
    assert "Your firm requires every workspace to be encrypted" in offered["text"]
    assert not main_window.store.encrypted  # declined: it goes on as it was
    policy.write_text('{"require_passphrase": false}')
    main_window.security.policy = load_policy()
    main_window.store.firm.update(require_passphrase=True)  # the firm profile asks for it too
    again = answer_next_dialog(qtbot, PassphraseDialog, lambda dialog: dialog.reject())
    main_window.security.enforce_policy()
    assert again.get("ok")
