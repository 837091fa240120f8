"""Irreversible actions are never one keystroke away: erasing a candidate asks for their name typed out and its
button says whom it erases; every other destructive question opens on Cancel; the candidate commands are
disabled when no candidate is selected; and the codebook's merge names its target, says how many notes move,
can be undone, and every control of the codebook is reachable with Tab."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from consultant_app.domain.model import Candidate, Interview
from consultant_app.ui.admin.codebook_view import CodebookView
from consultant_app.ui.admin.theme_chooser import ThemeChooser
from consultant_app.ui.dialogs.erase_dialog import EraseDialog
from tests.store.builders import add_note
from tests.ui.modal import active_window, focused, on_modal, small_workspace


def select(window, candidate_id):
    window.page.select_candidate(candidate_id)
    assert window.page.current_row().candidate_id == candidate_id


def test_enter_on_a_fresh_erase_question_erases_nothing(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    select(window, w["ann"].id)

    def press_enter(dialog: EraseDialog):
        assert focused() is dialog.typed
        assert dialog.cancel.isDefault() and not dialog.erase.isDefault() and not dialog.erase.isEnabled()
        qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    done = on_modal(qtbot, EraseDialog, press_enter)
    window.act_erase.trigger()
    assert done.get("ok"), done
    assert store.candidates.exists(w["ann"].id)


def test_erasing_asks_for_the_name_and_the_button_says_whom_it_erases(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    select(window, w["ann"].id)

    def type_name(dialog: EraseDialog):
        assert dialog.erase.text() == "Erase Ann Lee"
        qtbot.keyClicks(dialog.typed, "ann le")
        assert not dialog.erase.isEnabled()
        qtbot.keyClicks(dialog.typed, "e")
        assert dialog.erase.isEnabled() and not dialog.erase.isDefault()
        qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)  # the typed name is the confirmation

    done = on_modal(qtbot, EraseDialog, type_name)
    window.act_erase.trigger()
    assert done.get("ok"), done
    assert not store.candidates.exists(w["ann"].id)
    assert store.candidates.exists(w["bob"].id)


def test_a_pseudonymous_candidate_is_erased_by_the_label_shown_for_them(qtbot, store, settings):
    w = small_workspace(store)
    anon = store.candidates.save(Candidate(client_id=w["client"].id, full_name="Cy Dee", disclosure="anonymous"))
    store.interviews.save(Interview(candidate_id=anon.id, status="completed"))
    label = store.candidates.get(anon.id).full_name
    assert label.startswith("Candidate ")
    window = active_window(qtbot, store, settings)
    select(window, anon.id)

    def type_label(dialog: EraseDialog):
        assert dialog.erase.text() == f"Erase {label}"
        qtbot.keyClicks(dialog.typed, "Cy Dee")
        assert not dialog.erase.isEnabled()
        dialog.typed.clear()
        qtbot.keyClicks(dialog.typed, label)
        qtbot.mouseClick(dialog.erase, Qt.MouseButton.LeftButton)

    done = on_modal(qtbot, EraseDialog, type_label)
    window.act_erase.trigger()
    assert done.get("ok"), done
    assert not store.candidates.exists(anon.id)


def answer_with_enter(qtbot, expect_text):
    def act(box: QMessageBox):
        assert expect_text in box.text()
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        assert not box.isVisible()

    return on_modal(qtbot, QMessageBox, act)


def test_withdraw_consent_and_archive_client_open_on_cancel(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    select(window, w["ann"].id)
    done = answer_with_enter(qtbot, "Ann Lee")
    window.act_withdraw.trigger()
    assert done.get("ok"), done
    assert not store.candidates.get(w["ann"].id).consent_withdrawn
    done = answer_with_enter(qtbot, "Acme Labs")
    window.act_archive_client.trigger()
    assert done.get("ok"), done
    assert not store.clients.get(w["client"].id).archived

    def withdraw(box: QMessageBox):
        next(b for b in box.buttons() if b.text() == "Withdraw consent").click()

    done = on_modal(qtbot, QMessageBox, withdraw)
    window.act_withdraw.trigger()
    assert done.get("ok") and store.candidates.get(w["ann"].id).consent_withdrawn


CANDIDATE_ACTIONS = ("act_edit_candidate", "act_schedule", "act_withdraw", "act_erase", "act_archive_candidate")


def test_candidate_commands_are_disabled_without_a_candidate(qtbot, store, settings):
    window = active_window(qtbot, store, settings)  # an empty workspace
    assert not any(getattr(window, a).isEnabled() for a in CANDIDATE_ACTIONS + ("act_call",))
    window.act_erase.trigger()  # a disabled action does nothing, and opens nothing
    w = small_workspace(store)
    window.hub.flush()
    window.sidebar.select(w["client"].id)
    select(window, w["bob"].id)
    assert all(getattr(window, a).isEnabled() for a in CANDIDATE_ACTIONS) and not window.act_call.isEnabled()
    window.page.status.setCurrentIndex(window.page.status.findData("completed"))  # a filter that leaves no rows
    assert window.page.model.rowCount() == 0 and window.page.current_row() is None
    assert not any(getattr(window, a).isEnabled() for a in CANDIDATE_ACTIONS + ("act_call",))


def codebook_workspace(store):
    w = small_workspace(store)
    for text, themes in (("a", ["Slow process"]), ("b", ["Slow hiring"]), ("c", ["Slow hiring", "Slow process"])):
        add_note(store, w["interview"], text, themes=themes)
    add_note(store, w["interview"], "d", themes=["Slow hiring", "Pay"])
    return w


def usage(store):
    return {u.theme.name: u.notes for u in store.themes.usage()}


def select_theme(view: CodebookView, name: str) -> None:
    view.tree.setCurrentItem(next(item for item in view.items() if item.text(0) == name))
    view.tree.setFocus()


def button(view, text) -> QPushButton:
    return next(b for b in view.findChildren(QPushButton) if b.text() == text)


def test_a_merge_starts_with_no_target_confirms_on_cancel_and_can_be_undone(qtbot, store, settings):
    codebook_workspace(store)
    window = active_window(qtbot, store, settings)
    before = usage(store)
    hiring_notes = set(store.themes.notes_tagged(store.themes.by_name("Slow hiring").id))
    seen = {}

    def choose(chooser: ThemeChooser):
        assert chooser.chosen_id() is None and not chooser.next.isEnabled()
        assert focused() is chooser.filter
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)  # nothing chosen: Enter merges into nothing
        assert chooser.isVisible()
        qtbot.keyClicks(chooser.filter, "proc")
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
        assert chooser.chosen_name() == "Slow process"
        seen["confirm"] = on_modal(qtbot, QMessageBox, seen.pop("answer"))
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)

    def refuse(box: QMessageBox):
        seen["text"] = box.text() + " " + box.informativeText()
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    def agree(box: QMessageBox):
        next(b for b in box.buttons() if b.text() == "Merge into “Slow process”").click()

    def in_codebook(view: CodebookView):
        select_theme(view, "Slow hiring")
        for answer in (refuse, agree):
            seen["answer"] = answer
            done = on_modal(qtbot, ThemeChooser, choose)
            button(view, "Merge into…").click()
            assert done.get("ok") and seen["confirm"].get("ok"), (done, seen)
            if answer is refuse:
                assert usage(store) == before
                assert "Merge “Slow hiring” into “Slow process”?" in seen["text"]
                assert "3 notes move to “Slow process”; “Slow hiring” is removed." in seen["text"]
        assert usage(store) == {"Pay": 1, "Slow process": 4}
        assert view.undo_button.isEnabled()
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert usage(store) == before
        assert set(store.themes.notes_tagged(store.themes.by_name("Slow hiring").id)) == hiring_notes
        assert not view.undo_button.isEnabled()

    done = on_modal(qtbot, CodebookView, in_codebook)
    window.act_codebook.trigger()
    assert done.get("ok"), done
    actions = [e.action for e in store.audit.entries()]
    assert actions[:2] == ["restore-theme", "merge-themes"]


def test_deleting_a_theme_opens_on_cancel_and_can_be_undone(qtbot, store):
    codebook_workspace(store)
    view = CodebookView(store)
    qtbot.addWidget(view)
    view.show()
    select_theme(view, "Pay")
    done = on_modal(qtbot, QMessageBox, lambda box: qtbot.keyClick(focused(), Qt.Key.Key_Return))
    button(view, "Delete…").click()
    assert done.get("ok") and "Pay" in usage(store)
    done = on_modal(qtbot, QMessageBox, lambda box: next(b for b in box.buttons() if "Delete" in b.text()).click())
    button(view, "Delete…").click()
    assert done.get("ok") and "Pay" not in usage(store)
    button(view, "Undo").click()
    assert usage(store)["Pay"] == 1


def test_every_codebook_control_is_reachable_with_tab(qtbot, store):
    codebook_workspace(store)
    view = CodebookView(store)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    select_theme(view, "Pay")
    qtbot.waitUntil(lambda: focused() is view.tree)
    reached = []
    for _ in range(8):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        reached.append(focused().text() if isinstance(focused(), QPushButton) else type(focused()).__name__)
    assert reached[:7] == ["Add", "Edit…", "Colour", "Merge into…", "Delete…", "Show notes", "Close"]


def test_enter_with_a_mistyped_name_keeps_the_question_open_and_says_so(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    select(window, w["ann"].id)
    window.page.table.setFocus()

    def mistype(dialog: EraseDialog):
        qtbot.keyClicks(dialog.typed, "Ann Le")
        qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)
        assert dialog.isVisible() and focused() is dialog.typed
        assert dialog.problem.isVisible()
        assert dialog.problem.text() == "“Ann Le” does not match “Ann Lee”: nothing was erased."
        qtbot.keyClicks(dialog.typed, "e")  # typing on: the message goes
        assert not dialog.problem.isVisible()
        qtbot.keyClick(dialog.typed, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    done = on_modal(qtbot, EraseDialog, mistype)
    window.act_erase.trigger()
    assert done.get("ok"), done
    assert store.candidates.exists(w["ann"].id)
    assert window.focusWidget() is window.page.table


def test_focus_is_on_the_candidate_table_after_the_erase_question_from_the_pane(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    select(window, w["bob"].id)
    qtbot.waitUntil(
        lambda: any(b.text() == "Erase…" and b.isVisible() for b in window.detail.findChildren(QPushButton))
    )
    erase = next(b for b in window.detail.findChildren(QPushButton) if b.text() == "Erase…")
    erase.setFocus()
    for answer in ("cancel", "erase"):
        if answer == "cancel":
            done = on_modal(qtbot, EraseDialog, lambda d: qtbot.keyClick(d.typed, Qt.Key.Key_Escape))
        else:
            done = on_modal(qtbot, EraseDialog, lambda d: (qtbot.keyClicks(d.typed, "Bob Stone"), d.erase.click()))
        qtbot.keyClick(erase, Qt.Key.Key_Space)
        assert done.get("ok"), done
        assert window.focusWidget() is window.page.table, (answer, window.focusWidget())
    assert not store.candidates.exists(w["bob"].id)


def test_after_undoing_a_merge_only_the_restored_theme_is_selected(qtbot, store):
    codebook_workspace(store)
    view = CodebookView(store)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    select_theme(view, "Slow hiring")

    agreed: list[dict] = []  # the merge's confirmation, asked once the chooser has closed

    def choose(chooser: ThemeChooser):
        qtbot.keyClicks(chooser.filter, "proc")
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
        agreed.append(
            on_modal(qtbot, QMessageBox, lambda box: next(b for b in box.buttons() if "Merge" in b.text()).click())
        )
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)

    done = on_modal(qtbot, ThemeChooser, choose)
    button(view, "Merge into…").click()
    assert done.get("ok") and agreed[0].get("ok"), (done, agreed)
    assert "Slow hiring" not in usage(store)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.tree.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [item.text(0) for item in view.tree.selectedItems()] == ["Slow hiring"]
    assert view.tree.currentItem().text(0) == "Slow hiring"
