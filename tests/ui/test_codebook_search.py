"""The codebook and search driven by keys: F2 edits a theme's parent and description (shown as tooltips and in the
details beside the tree with its counts per client), Enter on a theme lists its notes and Enter there opens the call
at the note; the search's filters follow the query in the Tab order and narrow the results as they change."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontMetrics

from consultant_app.domain.model import Interview, Theme
from consultant_app.ui.admin.codebook_view import CodebookView
from consultant_app.ui.admin.theme_dialog import ThemeDialog
from consultant_app.ui.search_dialog import HINT, HIT_ROLE, PAGE, SearchDialog, elide_parent
from consultant_app.ui.theme import apply_theme, colors, theme_choice
from tests.store.builders import add_note
from tests.ui.modal import active_window, focused, on_modal, small_workspace


@pytest.fixture
def tagged(store):
    w = small_workspace(store)
    other = store.interviews.save(Interview(candidate_id=w["bob"].id, status="completed"))
    w["notes"] = [
        add_note(store, w["interview"], "Recruiter took weeks", themes=["Slow hiring"]),
        add_note(store, other, "Recruiter never called back", "internal", "wrong", themes=["Slow hiring", "Pay"]),
        add_note(store, other, "Pay was below market", section="competitors", themes=["Pay"]),
    ]
    store.themes.save(Theme(name="Process"))
    return w


def pick(qtbot, view: CodebookView, name: str) -> None:
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Home)
    while view.tree.currentItem().text(0) != name:
        qtbot.keyClick(view.tree, Qt.Key.Key_Down)


def test_f2_places_a_theme_under_another_with_a_description(qtbot, store, tagged):
    view = CodebookView(store)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    pick(qtbot, view, "Slow hiring")
    qtbot.waitUntil(lambda: view.detail_name.text() == "Slow hiring")
    assert view.detail_clients.text().count("<tr>") == 1 and "Acme Labs</td><td align='right'><b>2</b>" in (
        view.detail_clients.text()
    )

    def edit(dialog: ThemeDialog):
        assert [dialog.parent_theme.itemText(i) for i in range(dialog.parent_theme.count())] == [
            "— (a top theme)",
            "Pay",
            "Process",
        ]
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is dialog.parent_theme
        qtbot.keyClicks(dialog.parent_theme, "Pro")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.description, "Weeks between steps")
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    done = on_modal(qtbot, ThemeDialog, edit)
    qtbot.keyClick(view.tree, Qt.Key.Key_F2)
    assert done.get("ok"), done
    slow = store.themes.by_name("Slow hiring")
    assert (slow.parent_id, slow.description) == (store.themes.by_name("Process").id, "Weeks between steps")
    [process] = [item for item in view.items() if item.text(0) == "Process"]
    assert process.child(0).text(0) == "Slow hiring" and process.child(0).toolTip(0) == "Weeks between steps"
    assert view.detail_place.text() == "Under “Process”" and view.detail_description.text() == "Weeks between steps"

    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    pick(qtbot, view, "Process")  # a theme with themes under it is offered no parent
    done = on_modal(qtbot, ThemeDialog, lambda dialog: assert_disabled(dialog))
    qtbot.keyClick(view.tree, Qt.Key.Key_F2)
    assert done.get("ok"), done


def assert_disabled(dialog: ThemeDialog) -> None:
    assert not dialog.parent_theme.isEnabled()


def test_enter_on_a_theme_lists_its_notes_and_enter_opens_the_call_at_the_note(qtbot, store, settings, tagged):
    window = active_window(qtbot, store, settings)
    target = tagged["notes"][1]

    def in_search(dialog: SearchDialog):
        assert dialog.theme.currentText() == "Pay" and focused() is dialog.query
        assert dialog.results.count() == 2 and dialog.status.text() == "2 notes"
        while dialog.results.currentItem().data(Qt.ItemDataRole.UserRole + 1).ref_id != target.id:
            qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)

    def in_codebook(view: CodebookView):
        pick(qtbot, view, "Pay")
        seen["search"] = on_modal(qtbot, SearchDialog, in_search)
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)

    seen: dict = {}
    done = on_modal(qtbot, CodebookView, in_codebook)
    window.act_codebook.trigger()
    assert done.get("ok") and seen["search"].get("ok"), (done, seen)
    screen = window.call_screens[target.interview_id]
    qtbot.waitUntil(lambda: screen.current_note == target.id, timeout=3000)
    screen.close()


def test_filters_follow_the_query_in_tab_order_and_narrow_as_they_change(qtbot, store, tagged):
    dialog = SearchDialog(store, tagged["client"].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.query, "recruiter")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    order = []
    for _ in range(5):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused().accessibleName())
    assert order == ["Client", "Section", "Visibility", "Theme", "Period"]
    qtbot.keyClick(dialog.section, Qt.Key.Key_Down)  # What went right
    assert dialog.results.count() == 1 and "weeks" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.section, Qt.Key.Key_Home)
    qtbot.keyClicks(dialog.visibility, "Int")
    assert dialog.results.count() == 1 and "never called" in dialog.results.item(0).text()
    dialog.query.clear()  # no words: the filter alone lists the notes
    qtbot.waitUntil(lambda: dialog.status.text() == "1 note")
    qtbot.keyClick(dialog.period, Qt.Key.Key_Down)  # last 30 days: these interviews have no date
    assert dialog.results.count() == 0
    assert dialog.status.text() == "No notes match with these filters." and dialog.clear_filters.isVisible()
    dialog.activateWindow()  # a shortcut works in the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.period, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Clear filters
    assert [c.currentIndex() for c in (dialog.section, dialog.visibility, dialog.period)] == [0, 0, 0]
    assert dialog.status.text() == HINT and not dialog.clear_filters.isVisible() and dialog.query.hasFocus()


def test_the_list_says_the_total_and_moving_to_its_end_brings_the_rest(qtbot, store):
    w = small_workspace(store)
    for i in range(PAGE + 5):
        add_note(store, w["interview"], f"Recruiter called back on day {i}", themes=["Slow hiring"])
    dialog = SearchDialog(store, None, theme_id=store.themes.by_name("Slow hiring").id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.results.count() == PAGE
    assert dialog.status.text() == f"{PAGE + 5} notes, {PAGE} listed: more come as you scroll to the end."
    dialog.results.setFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_End)
    assert dialog.results.count() == PAGE + 5 and dialog.status.text() == f"{PAGE + 5} notes"
    days = {dialog.results.item(i).data(HIT_ROLE).ref_id for i in range(dialog.results.count())}
    assert len(days) == PAGE + 5  # no note twice


def test_a_long_sub_theme_shortens_its_parent_first(qtbot):
    metrics = QFontMetrics(QFont())
    label = "advice on the hiring process › clear role"
    width = metrics.horizontalAdvance(label) - 30
    shown = elide_parent(label, metrics, width)
    assert shown.endswith("… › clear role") and metrics.horizontalAdvance(shown) <= width
    assert elide_parent(label, metrics, 2 * width) == label


def test_a_theme_description_is_its_tooltip_where_notes_are_tagged(qtbot, store, tagged):
    from consultant_app.ui.call.call_screen import CallScreen

    pay = store.themes.by_name("Pay")
    pay.description = "Salary, bonus and benefits"
    store.themes.save(pay)
    screen = CallScreen(store, tagged["interview"].id)
    qtbot.addWidget(screen)
    card = next(iter(screen.cards.values()))
    completer = card.theme_entry.completer()
    completer.setCompletionPrefix("pa")
    shown = completer.completionModel()
    assert shown.data(shown.index(0, 0)) == "Pay"
    assert shown.data(shown.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "Salary, bonus and benefits"
    screen.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_theme_with_themes_under_it_shows_why_it_stays_a_top_theme(qtbot, qapp, theme):
    before = theme_choice()
    apply_theme(qapp, theme)
    try:
        dialog = ThemeDialog(Theme(name="Process"), [Theme(name="Pay")], has_children=True)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not dialog.parent_theme.isEnabled() and dialog.why_top.isVisible()
        assert dialog.why_top.text() == "Themes are under it, so it stays a top theme."
        shot = dialog.grab().toImage()

        def inside(field):  # a pixel of the field's background, left of its text
            return shot.pixelColor(field.mapTo(dialog, field.rect().topLeft()) + QPoint(4, 4)).name()

        c = colors()
        assert inside(dialog.parent_theme) == c.sunken.lower() != inside(dialog.name) == c.surface.lower()
    finally:
        apply_theme(qapp, before)
