"""The candidate table works from the keyboard: Ctrl+L filters it by name, role or notes ("N of M rows"), Escape
clears the filter and Down goes into the table; Shift+arrows and Ctrl+A select several rows, the detail pane then
says how many and offers the bulk actions, and rebuilding it keeps the keyboard on the table; the Menu key,
Shift+F10 and a right click open the selection's menu; the Candidate menu has one entry per command, named after
the selection; the bulk actions schedule (leaving out who was interviewed or has a call open, one call after
another), assign (a form with the default consultant), archive and withdraw in one go (withdrawal only once
confirmed) and leave the rows selected; Tab goes round the whole window without getting stuck; every column sorts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QMenu, QMessageBox, QPushButton

from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.ui.dialogs.assign_dialog import AssignDialog
from consultant_app.ui.dialogs.preferences_dialog import CONSULTANT_KEY
from consultant_app.ui.dialogs.schedule_dialog import ScheduleManyDialog
from consultant_app.ui.models.interviews_model import COLUMNS
from tests.ui.modal import active_window, focused, on_modal

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NAMES = ["Ann Lee", "Bob Stone", "Cy Ward", "Dee Fox", "Eve Park"]


@pytest.fixture
def window(qtbot, store, settings):
    """Acme with five candidates (Ann's completed interview mentions relocation, Bob's is scheduled), and another
    client whose note says relocation too; the window is on Acme, its table sorted by name."""
    acme = store.clients.save(Client(name="Acme Labs"))
    engineer = store.roles.save(Role(client_id=acme.id, title="Engineer"))
    designer = store.roles.save(Role(client_id=acme.id, title="Product Designer"))
    people = {}
    for name in NAMES:
        role = designer if name in ("Cy Ward", "Dee Fox") else engineer
        people[name] = store.candidates.save(Candidate(client_id=acme.id, role_id=role.id, full_name=name))
    done = store.interviews.save(Interview(candidate_id=people["Ann Lee"].id, status="completed", consultant="Kim"))
    store.notes.save(Note(interview_id=done.id, section="wrong", text="Nobody answered about relocation"))
    store.interviews.save(Interview(candidate_id=people["Bob Stone"].id, scheduled_at="2026-09-01T10:00:00"))
    other = store.clients.save(Client(name="Other Co"))
    stranger = store.candidates.save(Candidate(client_id=other.id, full_name="Zed Roe"))
    far = store.interviews.save(Interview(candidate_id=stranger.id))
    store.notes.save(Note(interview_id=far.id, section="wrong", text="relocation again"))
    w = active_window(qtbot, store, settings)
    w.sidebar.select(acme.id)
    w.page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    w.people = people
    return w


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier):
    target = focused()
    assert target is not None, "no widget has focus"
    qtbot.keyClick(target, k, modifiers)


def on_table(qtbot, window, row: int = 0):
    """The window active (a dialog may just have closed) with the keyboard on ``row``."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.page.table.selectRow(row)
    window.page.table.setFocus()
    qtbot.waitUntil(lambda: focused() is window.page.table)


def shown_names(window) -> list[str]:
    return [r.candidate for r in window.page.model.rows]


def open_menu(qtbot, window, k=Qt.Key.Key_Menu, modifiers=Qt.KeyboardModifier.NoModifier) -> QMenu:
    key(qtbot, k, modifiers)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    return QApplication.activePopupWidget()


def choose(qtbot, menu: QMenu, text: str) -> None:
    """Walks the menu with Down to the entry ``text`` and presses Enter."""
    for _ in range(len(menu.actions())):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        if menu.activeAction() is not None and menu.activeAction().text() == text:
            qtbot.keyClick(menu, Qt.Key.Key_Return)
            return
    menu.close()
    raise AssertionError(f"{text!r} not in {[a.text() for a in menu.actions()]}")


def test_ctrl_l_filters_by_name_role_and_notes_and_escape_clears_it(qtbot, window):
    page = window.page
    on_table(qtbot, window)
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert focused() is page.text_filter
    for typed, expected in (("relocation", ["Ann Lee"]), ("design", ["Cy Ward", "Dee Fox"]), ("bob", ["Bob Stone"])):
        page.text_filter.selectAll()
        qtbot.keyClicks(page.text_filter, typed)
        qtbot.waitUntil(lambda e=expected: shown_names(window) == e)  # after the typing pause
        assert page.count.text() == f"{len(expected)} of 5 rows"
    key(qtbot, Qt.Key.Key_Down)  # into the table, on the row found
    assert focused() is page.table and page.current_row().candidate == "Bob Stone"
    assert window.detail.row.candidate == "Bob Stone"
    key(qtbot, Qt.Key.Key_L, CTRL)
    key(qtbot, Qt.Key.Key_Escape)
    assert page.text_filter.text() == "" and shown_names(window) == NAMES and page.count.text() == "5 rows"
    qtbot.keyClicks(page.text_filter, "zzz")
    key(qtbot, Qt.Key.Key_Return)  # Enter applies at once and goes into the (empty) table
    assert focused() is page.table and shown_names(window) == [] and page.count.text() == "0 of 5 rows"


def test_shift_arrows_select_several_the_pane_counts_them_and_the_menu_archives_them(qtbot, window, store):
    on_table(qtbot, window, 1)
    key(qtbot, Qt.Key.Key_Down, SHIFT)
    key(qtbot, Qt.Key.Key_Down, SHIFT)
    assert [r.candidate for r in window.page.selected_rows()] == ["Bob Stone", "Cy Ward", "Dee Fox"]
    labels = [label.text() for label in window.detail.findChildren(type(window.page.count))]
    assert "3 candidates selected" in labels
    buttons = [b.text() for b in window.detail.findChildren(QPushButton)]
    assert buttons == [
        "Schedule interviews for 3 candidates…",
        "Assign consultant…",
        "Archive 3 candidates",
        "Withdraw consent of 3 candidates…",
    ]
    qtbot.wait(50)  # the pane, rebuilt twice a key (selection, then current row), shows no stray window…
    assert window.isActiveWindow() and focused() is window.page.table  # …so the keyboard stays on the table
    menu = open_menu(qtbot, window, Qt.Key.Key_F10, SHIFT)
    assert [a.text() for a in menu.actions() if a.text()] == buttons  # erasing and editing stay single-row
    choose(qtbot, menu, "Archive 3 candidates")
    assert window.statusBar().currentMessage() == "Archived 3 candidates."
    assert [c.full_name for c in store.candidates.for_client(window.current_client_id())] == ["Ann Lee", "Eve Park"]
    qtbot.waitUntil(lambda: shown_names(window) == ["Ann Lee", "Eve Park"])  # the table follows the change hub


def test_ctrl_a_and_the_menu_key_schedule_one_after_another_whoever_has_no_interview_yet(qtbot, window, store):
    on_table(qtbot, window)
    key(qtbot, Qt.Key.Key_A, CTRL)
    assert len(window.page.selected_rows()) == 5
    seen = {}

    def schedule(dialog: ScheduleManyDialog):
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        seen["note"] = next(t for t in texts if "left out" in t)
        assert "One declined-offer interview for each of 3 candidates." in texts  # not one group call
        dialog.when.setDateTime(QDateTime(QDate(2026, 10, 5), QTime(10, 0)))
        key(qtbot, Qt.Key.Key_Tab)  # to "Next call after": the call's usual length
        assert focused() is dialog.apart and dialog.apart.text() == "45 minutes"
        for _ in range(3):
            key(qtbot, Qt.Key.Key_Down)
        assert dialog.apart.text() == "All at the same time"
        key(qtbot, Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "Lou")
        seen["clash"] = dialog.times.text()
        dialog.apart.setFocus()
        for _ in range(3):
            key(qtbot, Qt.Key.Key_Up)
        seen["times"] = dialog.times.text()
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, ScheduleManyDialog, schedule)
    choose(qtbot, open_menu(qtbot, window), "Schedule interviews for 5 candidates…")
    assert done.get("ok"), done
    assert seen == {
        "note": "1 of 5 already completed their interview and 1 of 5 already has one scheduled: they are left out.",
        "clash": "All 3 calls would start at 10:00 with Lou.",
        "times": "One after another: the first at 10:00, the last at 11:30.",
    }
    assert window.statusBar().currentMessage() == "Scheduled 3 interviews; left out 2 candidates."
    made = {
        store.candidates.get(i.candidate_id).full_name: i.scheduled_at
        for i in store.interviews.for_client(window.current_client_id())
        if i.consultant == "Lou"
    }
    assert made == {
        "Cy Ward": "2026-10-05T10:00:00",
        "Dee Fox": "2026-10-05T10:45:00",
        "Eve Park": "2026-10-05T11:30:00",
    }
    assert len(window.page.selected_rows()) == 5  # the selection stays for the next bulk action
    on_table(qtbot, window)
    key(qtbot, Qt.Key.Key_A, CTRL)  # everyone has an interview now: nothing to schedule, and it says so
    told = on_modal(qtbot, QMessageBox, lambda box: seen.update(told=box.text()))
    window.table_actions.act_schedule.trigger()
    assert told.get("ok") and seen["told"] == "All 5 candidates were interviewed already or have a call open."


def test_assign_consultant_to_the_selection_s_open_interviews(qtbot, window, store, settings):
    settings.setValue(CONSULTANT_KEY, "Lou")  # Preferences' default consultant
    on_table(qtbot, window)
    key(qtbot, Qt.Key.Key_Down, SHIFT)  # Ann (completed) and Bob (scheduled)

    def name(dialog: AssignDialog):
        assert "Who calls the 1 open interview selected." in [label.text() for label in dialog.findChildren(QLabel)]
        names = focused()  # the workspace's consultants, editable, the default one filled in
        assert names is dialog.consultant and names.currentText() == "Lou"
        assert [names.itemText(i) for i in range(names.count())] == ["Kim"]
        names.lineEdit().selectAll()
        key(qtbot, Qt.Key.Key_Delete)
        key(qtbot, Qt.Key.Key_Return)  # no name: a plain message, and the form stays open
        assert dialog.isVisible() and dialog.error.text() == "Type the consultant's name, or choose one."
        qtbot.keyClicks(names, "Max Roe")
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, AssignDialog, name)
    choose(qtbot, open_menu(qtbot, window), "Assign consultant…")
    assert done.get("ok"), done
    assert window.statusBar().currentMessage() == "Assigned 1 interview to Max Roe."
    consultants = {
        store.candidates.get(i.candidate_id).full_name: i.consultant
        for i in store.interviews.for_client(window.current_client_id())
    }
    assert consultants == {"Ann Lee": "Kim", "Bob Stone": "Max Roe"}
    assert [r.candidate for r in window.page.selected_rows()] == ["Ann Lee", "Bob Stone"]  # still both selected


def test_the_candidate_menu_has_one_entry_per_command_named_after_the_selection_which_stays(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "C&andidate")
    on_table(qtbot, window, 1)
    for extend, expected in (
        (0, ["Schedule interview…", "Archive candidate", "Withdraw consent…"]),
        (2, ["Schedule interviews for 3 candidates…", "Archive 3 candidates", "Withdraw consent of 3 candidates…"]),
    ):
        for _ in range(extend):
            key(qtbot, Qt.Key.Key_Down, SHIFT)
        entries = [a.text() for a in menu.actions() if a.text()]
        assert [t for t in entries if t.startswith(("Schedule", "Archive", "Withdraw"))] == expected
        assert [a.text() for a in menu.actions() if a.text() in expected and not a.isEnabled()] == []
    window.page.archived.setChecked(True)  # archived rows stay in view: the selection stays on them
    on_table(qtbot, window, 1)
    for _ in range(2):
        key(qtbot, Qt.Key.Key_Down, SHIFT)
    choose(qtbot, open_menu(qtbot, window), "Archive 3 candidates")
    assert [(r.candidate, bool(r.archived)) for r in window.page.selected_rows()] == [
        ("Bob Stone", True),
        ("Cy Ward", True),
        ("Dee Fox", True),
    ]
    assert window.act_archive_candidate.text() == "Restore 3 candidates"


def test_withdrawing_several_asks_naming_how_many_and_cancel_changes_nothing(qtbot, window, store):
    on_table(qtbot, window, 3)
    key(qtbot, Qt.Key.Key_Down, SHIFT)  # Dee and Eve
    for answer in ("Cancel", "Withdraw consent for 2 candidates"):
        asked: dict = {}

        def reply(box: QMessageBox, answer=answer, asked=asked):
            asked["text"] = box.text()
            chosen = next(b for b in box.buttons() if b.text() == answer)
            assert box.defaultButton().text() == "Cancel"
            chosen.setFocus()
            qtbot.keyClick(chosen, Qt.Key.Key_Space)

        done = on_modal(qtbot, QMessageBox, reply)
        on_table(qtbot, window, 3)
        key(qtbot, Qt.Key.Key_Down, SHIFT)
        choose(qtbot, open_menu(qtbot, window), "Withdraw consent of 2 candidates…")
        assert done.get("ok"), done
        assert asked["text"] == "Record that 2 candidates withdrew consent?"
        withdrawn = sorted(
            c.full_name for c in store.candidates.for_client(window.current_client_id()) if c.consent_withdrawn
        )
        assert withdrawn == ([] if answer == "Cancel" else ["Dee Fox", "Eve Park"])
    assert window.statusBar().currentMessage() == "Recorded the withdrawal of 2 candidates."


def test_one_row_s_menu_by_right_click_offers_its_single_commands(qtbot, window):
    on_table(qtbot, window)
    viewport = window.page.table.viewport()
    at = window.page.table.visualRect(window.page.model.index(0, 0)).center()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at)))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    entries = [a.text() for a in menu.actions() if a.text()]
    menu.close()
    assert entries == [
        "Open call screen",
        "Edit candidate…",
        "Schedule interview…",
        "Assign consultant…",
        "Archive candidate",
        "Withdraw consent…",
        "Erase candidate…",
    ]


def test_tab_goes_round_the_whole_window_and_back_without_getting_stuck(qtbot, window):
    page, detail = window.page, window.detail
    on_table(qtbot, window)
    qtbot.waitUntil(lambda: all(b.isVisible() for b in detail.findChildren(QPushButton)))
    page.text_filter.setFocus()
    qtbot.waitUntil(lambda: focused() is page.text_filter)
    forward = [page.text_filter]
    for _ in range(40):
        key(qtbot, Qt.Key.Key_Tab)
        if focused() is page.text_filter:
            break
        forward.append(focused())
    else:
        raise AssertionError(f"Tab never came back to the filter: {[type(w).__name__ for w in forward[-5:]]}")
    wanted = [page.text_filter, page.status, page.reason, page.role, page.period, page.archived, page.table]
    assert [w for w in forward if w in wanted] == wanted  # in the order they are shown
    assert window.sidebar.list in forward
    assert [w.text() for w in forward if isinstance(w, QPushButton) and detail.isAncestorOf(w)] == [
        b.text() for b in detail.findChildren(QPushButton)
    ]
    assert all(isinstance(w, (QComboBox, QCheckBox)) for w in forward[1:6])
    backward = [page.text_filter]
    for _ in range(len(forward) - 1):
        key(qtbot, Qt.Key.Key_Backtab, SHIFT)
        backward.append(focused())
    assert backward[1:] == forward[:0:-1]  # Shift+Tab walks the same ring the other way


def test_every_column_sorts_both_ways(qtbot, window):
    table = window.page.table
    for column, (sort_key, _title) in enumerate(COLUMNS):
        orders = []
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            assert window.page.model.sort_key == sort_key
            orders.append([window.page.model.data(window.page.model.index(r, column)) for r in range(5)])
        assert orders[0] == orders[1][::-1], sort_key
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown_names(window) == NAMES[::-1]
