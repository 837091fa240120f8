"""Retention in the desktop app: the firm profile sets the policy and the client dialog its override (empty keeps
identities, or follows the firm); Admin → Retention… lists what is due with Close as the default button, and its
"Erase N now" button is never the default and asks once more before the window erases anything."""

from PySide6.QtWidgets import QMessageBox, QPushButton

from consultant_app.domain.model import Client
from consultant_app.ui.admin.retention_view import RetentionView
from consultant_app.ui.dialogs.client_dialog import ClientDialog
from consultant_app.ui.dialogs.firm_dialog import FirmDialog
from consultant_app.ui.main_window import MainWindow
from tests.store.test_retention import TODAY, build_firm
from tests.ui.test_main_window import answer_next_dialog


def test_the_firm_profile_sets_the_retention_policy_and_empty_keeps_identities(qtbot, store):
    dialog = FirmDialog(store.firm.get())
    qtbot.addWidget(dialog)
    assert dialog.retention.text() == "Never: identities are kept"
    dialog.accept()
    assert dialog.result_value["retention_months"] is None
    dialog.retention.setValue(1)
    assert dialog.retention.text() == "1 month after the interview"
    dialog.retention.setValue(18)
    assert dialog.retention.text() == "18 months after the interview"
    dialog.accept()
    assert dialog.result_value["retention_months"] == 18
    store.firm.update(**dialog.result_value)
    assert FirmDialog(store.firm.get()).retention.value() == 18


def test_the_client_dialog_overrides_the_firms_policy_or_follows_it(qtbot):
    dialog = ClientDialog(Client(name="Helios Health"), firm_months=12)
    qtbot.addWidget(dialog)
    assert dialog.retention.text() == "As the firm: 12 months after the interview"
    dialog.accept()
    assert dialog.result_value.retention_months is None
    dialog.retention.setValue(6)
    dialog.accept()
    assert dialog.result_value.retention_months == 6
    kept = ClientDialog(Client(name="Helios Health", retention_months=24))
    qtbot.addWidget(kept)
    assert kept.retention.value() == 24 and kept.retention.specialValueText() == "As the firm: identities are kept"


def buttons(view: RetentionView) -> tuple[QPushButton, QPushButton]:
    return view.erase_button, view.close_button


def test_the_retention_dialog_lists_what_is_due_and_close_is_the_default(qtbot, store):
    build_firm(store)
    items = store.retention.due(TODAY)
    view = RetentionView(items, store.retention.described())
    qtbot.addWidget(view)
    view.show()
    table = view.table
    assert table.rowCount() == 3 and table.columnCount() == 4
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == ["Candidate", "Client", "Action", "Why"]
    assert [table.item(0, c).text() for c in range(4)] == [
        "Quirin Oberhollenzer",
        "Helios Health",
        "Identity erased",
        "completed 2025-08-15, 6 months ago; policy 6 months (client override)",
    ]
    assert table.item(1, 2).text() == "Everything erased (consent withdrawn)"
    erase, close = buttons(view)
    assert erase.text() == "Erase 3 now" and close.text() == "Close"
    assert close.isDefault() and not erase.isDefault() and not erase.autoDefault()
    assert "Helios Health overrides it with 6 months" in view.policy.text()


def test_erasing_from_the_dialog_asks_once_more_and_cancel_erases_nothing(qtbot, store):
    build_firm(store)
    view = RetentionView(store.retention.due(TODAY), store.retention.described())
    qtbot.addWidget(view)
    view.show()
    seen = {}

    def cancel(box: QMessageBox):
        seen["text"] = box.text()
        seen["default"] = box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Cancel).click()

    done = answer_next_dialog(qtbot, QMessageBox, cancel)
    view.erase_button.click()
    assert done.get("ok") and seen["default"]
    assert seen["text"] == "Erase 2 identities and everything of 1 candidate?"
    assert view.result_value is None and view.isVisible()

    def confirm(box: QMessageBox):
        next(b for b in box.buttons() if b.text() == "Erase").click()

    done = answer_next_dialog(qtbot, QMessageBox, confirm)
    view.erase_button.click()
    assert done.get("ok") and view.result_value == store.retention.due(TODAY) and not view.isVisible()


def test_nothing_due_says_so_and_offers_no_erase_button(qtbot, store):
    view = RetentionView([], store.retention.described())
    qtbot.addWidget(view)
    assert view.erase_button.isHidden() and view.table.isHidden()
    assert view.empty.text() == "Nothing is due for erasure today."
    assert view.policy.text().startswith("No retention policy is set: identities are kept.")


def test_the_window_erases_what_the_dialog_confirmed_and_its_views_refresh(qtbot, store, settings):
    build_firm(store)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    north = next(c for c in store.clients.list() if c.name == "Northwind Robotics")
    window.sidebar.select(north.id)
    due = store.retention.due()
    gone = next(i.candidate_id for i in due if i.action == "everything")
    assert any(r.candidate_id == gone for r in window.page.model.rows)

    def erase(view: RetentionView):
        def confirm(box: QMessageBox):
            next(b for b in box.buttons() if b.text() == "Erase").click()

        answer_next_dialog(qtbot, QMessageBox, confirm)
        view.erase_button.click()

    done = answer_next_dialog(qtbot, RetentionView, erase)
    assert window.act_retention in window.menuBar().actions()[4].menu().actions()  # the Admin menu
    window.act_retention.trigger()
    assert done.get("ok")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Erased"), timeout=60000)
    assert store.retention.due() == [] and not store.candidates.exists(gone)
    assert all(store.candidates.get(i.candidate_id).identity_erased for i in due if i.action == "identity")
    assert all(r.candidate_id != gone for r in window.page.model.rows)  # the views reloaded
    assert window.statusBar().currentMessage() == "Erased 3 identities and everything of 1 candidate."


def test_while_a_call_screen_is_open_the_dialog_lists_but_does_not_erase(qtbot, store, settings):
    build_firm(store)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    kept = next(c for c in store.candidates._select() if c.full_name == "Ottilie Brandwein")
    window.open_call(store.interviews.for_candidate(kept.id)[0].id)
    seen = {}

    def look(view: RetentionView):
        seen["enabled"] = view.erase_button.isEnabled()
        seen["why"] = view.empty.text()
        seen["rows"] = view.table.rowCount()

    done = answer_next_dialog(qtbot, RetentionView, look)
    window.act_retention.trigger()
    assert done.get("ok")
    assert seen == {
        "enabled": False,
        "why": "Close the call screens to erase: a call's autosave must not wait for it.",
        "rows": len(store.retention.due()),
    }
    for screen in list(window.call_screens.values()):
        screen.close()
