"""Syncing in the desktop app, with real workspaces, a real sync folder and the real engine: the sync folder is
kept per workspace in Preferences (a file or a missing folder refused plainly); Sync now brings another
workspace's interviews into the window; the status bar says when it last synced, what waits to be sent, or why
it failed in one line; a note typed on two laptops shows in the Conflicts view with both texts, and keeping one
(by mouse or keyboard) resolves it on every laptop at the next sync."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton

from consultant_app.domain.model import Candidate
from consultant_app.store import Store
from consultant_app.sync.engine import conflicts, sync
from consultant_app.ui.admin.conflicts_view import ConflictsView
from consultant_app.ui.dialogs.preferences_dialog import PreferencesDialog
from consultant_app.ui.syncing import set_sync_folder, sync_folder
from tests.store.builders import add_note, client_with_interview
from tests.sync.test_engine import ticking
from tests.ui.modal import active_window, on_modal


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "Sync"
    made.mkdir()
    return made


@pytest.fixture
def ben(tmp_path):
    with Store.open(tmp_path / "ben.db") as opened:
        yield opened


def synced(qtbot, window) -> str:
    """Syncs the window's workspace as File → Sync now does, and waits for it; the status bar's line."""
    before = window.syncing.last_synced
    window.act_sync.trigger()
    qtbot.waitUntil(lambda: not window.syncing.running and window.syncing.last_synced is not before, timeout=20000)
    return window.syncing.line


def test_preferences_keep_a_sync_folder_for_each_workspace(qtbot, store, settings, folder, tmp_path):
    window = active_window(qtbot, store, settings)

    def choose(dialog):
        dialog.folder.setText(str(folder))
        qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.Key.Key_Space)

    done = on_modal(qtbot, PreferencesDialog, choose)
    window.edit_preferences()
    assert done.get("ok")
    assert sync_folder(settings, store.path) == folder
    assert sync_folder(settings, tmp_path / "other.db") is None  # another workspace does not sync through it

    shown = {}
    done = on_modal(qtbot, PreferencesDialog, lambda dialog: shown.update(text=dialog.folder.text()))
    window.edit_preferences()
    assert done.get("ok") and shown["text"] == str(folder)


@pytest.mark.parametrize(
    "where, said",
    [("a-file.txt", "is a file, not a folder."), ("missing/inner", "There is no folder at")],
)
def test_preferences_refuse_a_file_or_a_missing_folder_plainly(qtbot, tmp_path, where, said):
    (tmp_path / "a-file.txt").write_text("not a folder")
    dialog = PreferencesDialog("system")
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / where))
    dialog.accept()
    assert not dialog.error.isHidden() and said in dialog.error.text() and "\n" not in dialog.error.text()
    assert dialog.result() == 0  # still open for another choice


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_preferences_refuse_a_folder_debrief_may_not_write_in(qtbot, folder):
    folder.chmod(0o500)
    try:
        dialog = PreferencesDialog("system")
        qtbot.addWidget(dialog)
        dialog.folder.setText(str(folder))
        dialog.accept()
        assert "may not write" in dialog.error.text()
    finally:
        folder.chmod(0o700)


def test_sync_now_brings_another_workspaces_interviews_into_the_window(qtbot, store, ben, settings, folder):
    client, candidate, interview = client_with_interview(ben, name="Ada Quist")
    sync(ben, folder)
    window = active_window(qtbot, store, settings)
    assert window.syncing.line == "Not syncing"
    set_sync_folder(settings, store.path, folder)
    assert window.act_sync.shortcut().toString() == "F5"

    line = synced(qtbot, window)

    assert line.startswith("Synced ") and line.endswith(" · 0 changes waiting")
    window.sidebar.select(client.id)
    names = [window.table_model.index(r, c).data() for r in range(window.table_model.rowCount()) for c in range(3)]
    assert "Ada Quist" in names
    assert [row.interview_id for row in window.table_model.rows] == [interview.id]


def test_the_status_bar_counts_the_changes_waiting_and_never_runs_two_syncs_at_once(qtbot, store, settings, folder):
    from consultant_app.ui import worker

    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    client, _, _ = client_with_interview(store)
    window.hub.flush()
    assert window.syncing.line == "Not synced yet · 4 changes waiting"  # client, role, candidate, interview
    window.act_sync.trigger()
    window.act_sync.trigger()
    assert window.syncing.line == "Syncing…" and len(worker._running) == 1
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=20000)
    assert window.syncing.line.endswith(" · 0 changes waiting")
    store.candidates.save(Candidate(client_id=client.id, full_name="Ben Ray"))
    window.hub.flush()
    assert window.syncing.line.endswith(" · 1 change waiting")


def test_a_failed_sync_is_one_plain_line(qtbot, store, settings, tmp_path):
    window = active_window(qtbot, store, settings)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file")
    set_sync_folder(settings, store.path, not_a_folder)
    window.act_sync.trigger()
    assert window.syncing.line == f"Sync failed: {not_a_folder} is a file, not a folder."


def test_an_encrypted_workspace_says_its_sync_waits_for_the_firms_keys(qtbot, settings, folder, tmp_path):
    with Store.open(tmp_path / "locked.db", passphrase="correct horse battery") as store:
        window = active_window(qtbot, store, settings)
        set_sync_folder(settings, store.path, folder)
        window.act_sync.trigger()
        qtbot.waitUntil(lambda: not window.syncing.running, timeout=20000)
        assert window.syncing.line == "Sync waits for the firm's sync keys: Edit → Preferences"
        assert window.syncing.label.text() == window.syncing.line  # whole: it points to where the keys are joined
        assert "encrypted" in window.syncing.label.toolTip()
        assert list(folder.iterdir()) == []  # nothing left the laptop
        window.close()


def test_a_workspace_without_keys_waits_for_them_when_the_firm_seals_its_folder(qtbot, store, settings, tmp_path):
    from consultant_app.sync import keys

    folder = tmp_path / "Sealed"
    with Store.open(tmp_path / "lead.db") as lead:
        keys.create_firm(lead, "Lea Lead")
        client_with_interview(lead, name="Lina Sealed")
        sync(lead, folder)
        lead_replica = lead.replica.id
    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    window.act_sync.trigger()
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=20000)
    assert window.syncing.line == "Sync waits for the firm's sync keys: Edit → Preferences"
    assert "seals" in window.syncing.label.toolTip()
    assert [p.name for p in folder.iterdir()] == [lead_replica]  # nothing of this workspace's went there
    window.close()


def conflicting_note(store, ben, folder):
    """A note both workspaces hold, edited on each before they met again: a conflict on both."""
    _, _, interview = client_with_interview(store, name="Ada Quist")
    note = add_note(store, interview, "Salary below market", section="wrong")
    for n, each in enumerate((store, ben, store)):
        sync(each, folder, now=ticking(1_700_000_000_000 + n))
    store.notes.save(replace(store.notes.get(note.id), text="Salary 10% below market"))
    ben.notes.save(replace(ben.notes.get(note.id), text="Recruiter was slow"))
    for n, each in enumerate((store, ben, store)):
        sync(each, folder, now=ticking(1_700_000_100_000 + n))
    assert conflicts(store) == [(f"notes/{note.id}", "text")]
    return note


def keep_in_view(qtbot, window, text: str) -> dict:
    """Opens the Conflicts view from the status bar's link, clicks "Keep this" under ``text``; what it showed."""
    seen: dict = {}

    def keep(view):
        seen["title"] = view.conflicts[0].title
        seen["texts"] = [box.toPlainText() for box in view.findChildren(QPlainTextEdit)]
        qtbot.mouseClick(
            view.findChildren(QPushButton, "KeepThis")[seen["texts"].index(text)], Qt.MouseButton.LeftButton
        )
        seen["after"] = [box.toPlainText() for box in view.findChildren(QPlainTextEdit)]

    done = on_modal(qtbot, ConflictsView, keep)
    window.syncing.conflicts_link.linkActivated.emit("conflicts")
    assert done.get("ok"), done
    return seen


def test_a_conflict_shows_both_texts_and_keeping_one_resolves_it_everywhere(qtbot, store, ben, settings, folder):
    note = conflicting_note(store, ben, folder)
    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    window.syncing.show_status()
    assert window.syncing.conflicts_link.isVisibleTo(window) and "1 conflict" in window.syncing.conflicts_link.text()
    hidden = ({"Recruiter was slow", "Salary 10% below market"} - {store.notes.get(note.id).text}).pop()

    seen = keep_in_view(qtbot, window, hidden)  # the version the note does not show until it is resolved

    assert seen["title"] == "Ada Quist (Northwind Robotics) · What went wrong"
    assert sorted(seen["texts"]) == ["Recruiter was slow", "Salary 10% below market"]
    assert seen["after"] == []  # resolved: the view is empty
    assert store.notes.get(note.id).text == hidden
    assert not window.syncing.conflicts_link.isVisibleTo(window)
    synced(qtbot, window)
    sync(ben, folder)
    assert conflicts(store) == [] and conflicts(ben) == []
    assert ben.notes.get(note.id).text == hidden


def test_keeping_the_version_shown_resolves_the_conflict_too(qtbot, store, ben, settings, folder):
    note = conflicting_note(store, ben, folder)
    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    keep_in_view(qtbot, window, store.notes.get(note.id).text)
    synced(qtbot, window)
    sync(ben, folder)
    assert conflicts(store) == [] and conflicts(ben) == []


def test_the_conflicts_view_works_from_the_keyboard(qtbot, store, ben, settings, folder):
    note = conflicting_note(store, ben, folder)
    view = ConflictsView(store, lambda: None)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert QApplication.focusWidget().objectName() == "KeepThis"  # opens on the first version's button
    shown = [box.toPlainText() for box in view.findChildren(QPlainTextEdit)]
    for _ in range(3):  # the other version's text, its button, then Keep both
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().text() == "Keep both"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert store.notes.get(note.id).text == "\n\n".join(shown)
    assert sorted(shown) == ["Recruiter was slow", "Salary 10% below market"]
    assert view.findChildren(QPlainTextEdit) == [] and "No conflicts" in view.findChildren(QLabel)[-1].text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_the_conflicts_view_has_a_plain_empty_state(qtbot, store):
    view = ConflictsView(store, lambda: None)
    qtbot.addWidget(view)
    assert view.conflicts == []
    assert any("No conflicts" in label.text() for label in view.findChildren(QLabel))


def test_the_app_syncs_shortly_after_opening_and_then_every_few_minutes(qtbot, store, ben, settings, folder):
    client, _, _ = client_with_interview(ben, name="Ada Quist")
    sync(ben, folder)
    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    window.syncing.schedule()
    assert window.syncing.timer.isActive() and window.syncing.timer.interval() == 5 * 60 * 1000
    qtbot.waitUntil(lambda: window.syncing.last_synced is not None, timeout=15000)
    assert store.clients.exists(client.id)


def test_a_sync_waits_while_a_call_screen_is_open_then_runs_when_it_closes(qtbot, store, ben, settings, folder):
    """A note changed by a sync under the consultant's typing would be replaced by the call screen's next autosave,
    which never showed it: the sync waits for the call to end."""
    _, _, interview = client_with_interview(store)
    client, _, _ = client_with_interview(ben, name="Ada Quist")
    sync(ben, folder)
    window = active_window(qtbot, store, settings)
    set_sync_folder(settings, store.path, folder)
    window.open_call(interview.id)
    qtbot.waitUntil(lambda: bool(window.call_screens))
    window.act_sync.trigger()
    assert window.syncing.line == "Sync waits for the call to end" and not window.syncing.running
    assert not store.clients.exists(client.id)
    next(iter(window.call_screens.values())).close()
    qtbot.waitUntil(lambda: window.syncing.last_synced is not None and not window.syncing.running, timeout=20000)
    assert store.clients.exists(client.id) and window.syncing.line.startswith("Synced ")
