"""The main window and its dialogs work from the keyboard as the README says: every form opens on its first
field (typing goes there, Space does not press OK), Tab walks the fields in the order they are shown and leaves
date fields, Enter submits only a valid form, Tab leaves the candidate table, focus comes back where it was when
a dialog closes, Ctrl+O opens the call screen, and Escape never drops typed edits in the firm profile or the
interview guides without asking."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from consultant_app.ui.admin.guides_view import GuidesView
from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog
from consultant_app.ui.dialogs.client_dialog import ClientDialog
from consultant_app.ui.dialogs.firm_dialog import FirmDialog
from consultant_app.ui.dialogs.role_dialog import RoleDialog
from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog
from tests.ui.modal import active_window, focused, on_modal, small_workspace

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier):
    target = focused()
    assert target is not None, "no widget has focus"
    qtbot.keyClick(target, k, modifiers)


def back_in(qtbot, window):
    """The window is active again once a dialog closes (the window manager's part, which offscreen Qt skips)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def pane_shown(qtbot, window):
    """The detail pane's rebuilt buttons are shown (Qt shows new children of a visible widget from the event loop)."""
    qtbot.waitUntil(lambda: all(b.isVisible() for b in window.detail.findChildren(QPushButton)))


def test_new_client_opens_on_its_name_and_space_does_not_press_ok(qtbot, store, settings):
    active_window(qtbot, store, settings)

    def type_name(dialog: ClientDialog):
        assert focused() is dialog.name
        qtbot.keyClicks(focused(), "Zed")
        key(qtbot, Qt.Key.Key_Space)
        assert dialog.isVisible() and dialog.name.text() == "Zed "
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, ClientDialog, type_name)
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    assert done.get("ok"), done
    assert [c.name for c in store.clients.list()] == ["Zed"]


def test_enter_submits_only_a_valid_form(qtbot, store, settings):
    window = active_window(qtbot, store, settings)

    def submit_empty(dialog: ClientDialog):
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.error.text() == "A client needs a name."
        assert store.clients.list() == []
        qtbot.keyClicks(focused(), "Zed")
        key(qtbot, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    done = on_modal(qtbot, ClientDialog, submit_empty)
    window.act_new_client.trigger()
    assert done.get("ok"), done
    assert [c.name for c in store.clients.list()] == ["Zed"]


def test_tab_walks_the_candidate_form_in_order_and_leaves_its_date_fields(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.table.setFocus()
    walked = []

    def fill(dialog: CandidateDialog):
        assert focused() is dialog.full_name
        for text in ("Eve Park", "eve@example.org", "+44 20 7946 0000"):
            qtbot.keyClicks(focused(), text)
            walked.append(focused())
            key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())  # the role
        key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())  # the disclosure
        key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())
        key(qtbot, Qt.Key.Key_Space)  # consent recorded on…
        key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())  # …the date, whose Tab leaves it
        key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())
        qtbot.keyClicks(focused(), "Referral")
        key(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())
        key(qtbot, Qt.Key.Key_Return)
        assert not dialog.isVisible(), dialog.error.text()
        radio = next(b for b in dialog.disclosure.buttons() if b.isChecked())
        expected = [dialog.full_name, dialog.email, dialog.phone, dialog.role, radio]
        expected += [dialog.consent.enabled, dialog.consent.edit, dialog.source, dialog.offer.enabled]
        assert walked == expected

    done = on_modal(qtbot, CandidateDialog, fill)
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert done.get("ok"), done
    eve = next(c for c in store.candidates.for_client(w["client"].id) if c.full_name == "Eve Park")
    assert (eve.email, eve.phone, eve.source) == ("eve@example.org", "+44 20 7946 0000", "Referral")
    assert eve.consent_date is not None
    qtbot.waitUntil(lambda: window.focusWidget() is window.page.table)  # back on the table, on the new candidate
    assert window.page.current_row().candidate_id == eve.id


def test_schedule_opens_on_the_date_and_tab_leaves_it(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.select_candidate(w["bob"].id)
    window.page.table.setFocus()

    def fill(dialog: ScheduleDialog):
        assert focused() is dialog.when
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() in (dialog.consultant, dialog.consultant.lineEdit())
        qtbot.keyClicks(focused(), "Sam Lee")
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, ScheduleDialog, fill)
    key(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    assert done.get("ok"), done
    [interview] = store.interviews.for_candidate(w["bob"].id)
    assert interview.consultant == "Sam Lee"


def test_edit_role_and_firm_forms_open_on_their_first_field(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.select_candidate(w["bob"].id)
    opened = []
    for action, kind, first in (
        (window.act_edit_candidate, CandidateDialog, "full_name"),
        (window.act_new_role, RoleDialog, "title"),
        (window.act_edit_client, ClientDialog, "name"),
        (window.act_firm, FirmDialog, "name"),
    ):

        def check(dialog, first=first):
            assert focused() is getattr(dialog, first)
            opened.append(type(dialog))

        done = on_modal(qtbot, kind, check)
        action.trigger()
        assert done.get("ok"), (kind, done)
    assert opened == [CandidateDialog, RoleDialog, ClientDialog, FirmDialog]


def test_tab_leaves_the_candidate_table_and_shift_tab_comes_back(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.select_candidate(w["ann"].id)
    window.page.table.setFocus()
    qtbot.waitUntil(lambda: focused() is window.page.table)
    pane_shown(qtbot, window)
    key(qtbot, Qt.Key.Key_Tab)
    assert isinstance(focused(), QPushButton) and focused().text() == "Open call screen"
    assert window.detail.isAncestorOf(focused())
    key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is window.page.table
    row = window.page.table.currentIndex().row()
    key(qtbot, Qt.Key.Key_Up if row else Qt.Key.Key_Down)  # the arrows still move between rows
    assert window.page.table.currentIndex().row() == (row - 1 if row else 1)


def test_focus_comes_back_where_it_was_after_a_dialog(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.select_candidate(w["bob"].id)
    window.page.table.setFocus()
    done = on_modal(qtbot, ScheduleDialog, lambda d: key(qtbot, Qt.Key.Key_Escape))
    key(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    assert done.get("ok"), done
    qtbot.waitUntil(lambda: window.focusWidget() is window.page.table)  # focus once the window is active again
    back_in(qtbot, window)
    pane_shown(qtbot, window)
    edit = next(b for b in window.detail.findChildren(QPushButton) if b.text() == "Edit")
    edit.setFocus()
    qtbot.waitUntil(lambda: focused() is edit)

    def rename(dialog: CandidateDialog):
        dialog.full_name.selectAll()
        qtbot.keyClicks(dialog.full_name, "Bob Stoner")
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, CandidateDialog, rename)
    key(qtbot, Qt.Key.Key_Space)  # the pane's Edit button
    assert done.get("ok"), done
    window.hub.flush()  # the pane is rebuilt around the edited candidate
    assert store.candidates.get(w["bob"].id).full_name == "Bob Stoner"
    qtbot.waitUntil(lambda: isinstance(window.focusWidget(), QPushButton) and window.focusWidget().text() == "Edit")
    assert window.detail.isAncestorOf(window.focusWidget()) and window.page.current_row().candidate_id == w["bob"].id


def test_ctrl_o_opens_the_call_screen_and_no_two_commands_share_a_key(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.page.select_candidate(w["ann"].id)
    window.page.table.setFocus()
    key(qtbot, Qt.Key.Key_O, CTRL)
    assert list(window.call_screens) == [w["interview"].id]
    window.close_call_screens()
    keys = [s.toString() for a in window.findChildren(type(window.act_call)) for s in a.shortcuts()]
    assert "Ctrl+O" in keys and len(keys) == len(set(keys))


def test_escape_in_the_firm_profile_asks_before_dropping_edits(qtbot, store, settings):
    window = active_window(qtbot, store, settings)
    name = store.firm.get().name

    def edit_then_escape(dialog: FirmDialog):
        key(qtbot, Qt.Key.Key_End)
        qtbot.keyClicks(focused(), " Partners")
        for answer in (QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard):
            asked = on_modal(qtbot, QMessageBox, lambda box, a=answer: box.button(a).click())
            key(qtbot, Qt.Key.Key_Escape)
            assert asked.get("ok"), asked
            if answer == QMessageBox.StandardButton.Cancel:
                assert dialog.isVisible() and dialog.name.text() == f"{name} Partners"
        assert not dialog.isVisible()

    done = on_modal(qtbot, FirmDialog, edit_then_escape)
    window.act_firm.trigger()
    assert done.get("ok"), done
    assert store.firm.get().name == name

    def save_on_escape(dialog: FirmDialog):
        key(qtbot, Qt.Key.Key_End)
        qtbot.keyClicks(focused(), " Partners")
        asked = on_modal(qtbot, QMessageBox, lambda box: key(qtbot, Qt.Key.Key_Return))  # Save is the default
        key(qtbot, Qt.Key.Key_Escape)
        assert asked.get("ok") and not dialog.isVisible()

    done = on_modal(qtbot, FirmDialog, save_on_escape)
    window.act_firm.trigger()
    assert done.get("ok"), done
    assert store.firm.get().name == f"{name} Partners"


def test_escape_in_the_interview_guides_asks_before_dropping_edits(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)

    def type_then_leave(view: GuidesView):
        editor = view.editors["right"]
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, "What surprised you?")
        asked = on_modal(qtbot, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
        view.which.setCurrentIndex(0)  # another guide: asks, and Cancel stays on this one with the edit
        assert asked.get("ok") and view.which.currentData() == w["client"].id
        assert editor.toPlainText().endswith("What surprised you?")
        asked = on_modal(qtbot, QMessageBox, lambda box: key(qtbot, Qt.Key.Key_Return))  # Save is the default
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        assert asked.get("ok") and not view.isVisible()

    done = on_modal(qtbot, GuidesView, type_then_leave)
    window.act_guides.trigger()
    assert done.get("ok"), done
    assert store.guides.for_client(w["client"].id).questions["right"][-1] == "What surprised you?"
