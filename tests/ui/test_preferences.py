"""Preferences, driven by keys: the default consultant typed there fills the consultant of the next interview
scheduled; the firm's minimum group size is shown with who sets it, and cannot be changed there; the idle lock is
the firm profile's, changed there when the firm policy on this computer leaves it to the firm, and shown locked
when the policy sets it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from consultant_app.policy import POLICY_ENV, Policy
from consultant_app.ui.dialogs.preferences_dialog import CONSULTANT_KEY, PreferencesDialog
from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog
from tests.ui.modal import active_window, focused, on_modal, small_workspace

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), k, modifiers)


@pytest.fixture
def window(qtbot, store, settings, tmp_path, monkeypatch):
    monkeypatch.setenv(POLICY_ENV, str(tmp_path / "no-policy.json"))  # no firm policy on this computer
    window = active_window(qtbot, store, settings)
    return window


def test_the_default_consultant_fills_the_next_interview_scheduled(qtbot, store, settings, window):
    bob = small_workspace(store)["bob"]
    window.refresh()

    def choose(dialog: PreferencesDialog) -> None:
        assert focused() is dialog.theme
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.consultant
        qtbot.keyClicks(focused(), "Ingrid Halvorsen")
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, PreferencesDialog, choose)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    assert done.get("ok") and settings.value(CONSULTANT_KEY) == "Ingrid Halvorsen"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.page.select_candidate(bob.id)
    shown = {}

    def schedule(dialog: ScheduleDialog) -> None:
        shown["consultant"] = dialog.consultant.currentText()
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, ScheduleDialog, schedule)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert done.get("ok") and shown["consultant"] == "Ingrid Halvorsen"
    assert [i.consultant for i in store.interviews.for_candidate(bob.id)] == ["Ingrid Halvorsen"]


def test_the_idle_lock_is_changed_in_preferences_when_the_policy_leaves_it_to_the_firm(qtbot, store, window):
    def shorten(dialog: PreferencesDialog) -> None:
        key(qtbot, Qt.Key.Key_Tab)
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.auto_lock and dialog.auto_lock.value() == 10
        key(qtbot, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(focused(), "3")
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, PreferencesDialog, shorten)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    assert done.get("ok") and store.firm.get().auto_lock_minutes == 3
    assert any(e.action == "confidentiality-settings" for e in store.audit.entries())  # on the record


def test_the_minimum_group_size_and_a_policy_lock_are_shown_but_not_changed(qtbot, store):
    store.firm.update(min_group_size=7, auto_lock_minutes=30)
    dialog = PreferencesDialog("system", store=store, policy=Policy(auto_lock_minutes=5))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.min_group.accessibleName() == ("7 respondents. Set by the firm in Admin → Firm profile and branding.")
    assert dialog.lock_after.accessibleName() == "5 minutes idle. Set by the firm policy on this computer."
    assert dialog.auto_lock is None
    for shown in (dialog.min_group, dialog.lock_after):
        assert not any(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in shown.findChildren(QWidget))
    dialog.accept()
    assert dialog.result_value.auto_lock_minutes is None  # nothing for edit_preferences to write
