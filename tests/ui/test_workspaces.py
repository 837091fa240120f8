"""Workspaces from the File menu, driven by keys: Ctrl+Shift+O opens another workspace and the window shows its
clients (the call screens closed and saved first), the next start opens it, and Recent workspaces goes back (one
no longer there is shown but cannot be chosen; Clear recent empties the list); a workspace another app holds, a
file that is not a workspace, an empty file or one from a newer Debrief is a plain message and nothing changes; an
encrypted one asks its passphrase; New workspace runs the welcome for the new firm, and never replaces a file. The
title bar names the firm (the file, until the firm is set up) and marks a workspace holding demo data, and only
that one."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton

from consultant_app.demo import create_demo_workspace
from consultant_app.domain.model import Client
from consultant_app.store import Store
from consultant_app.ui.dialogs.unlock_dialog import UnlockDialog
from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog
from consultant_app.ui.workspaces import LAST_KEY, add_recent, recent_workspaces, start_path
from tests.ui.modal import active_window, focused, on_modal, small_workspace

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
PASS = "correct horse battery"


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier, target=None):
    if target is None:
        qtbot.waitUntil(lambda: focused() is not None)  # a dialog just shown gives its first field focus soon
    qtbot.keyClick(target or focused(), k, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.waitUntil(lambda: focused() is not None)
    qtbot.keyClicks(focused(), text)


def workspace_with(path: Path, client: str, passphrase: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path, passphrase=passphrase) as store, store.write():
        store.firm.update(name=f"{client} Research")
        store.clients.save(Client(name=client))
    return path


def clients(window) -> list[str]:
    return [row.client.name for row in window.clients_model.rows]


def choose_file(path: Path):
    """Answers Qt's file dialog with ``path``, as typing it and pressing Open or Save does."""

    def act(dialog: QFileDialog) -> None:
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))  # not selectFile: the folder loads later
        dialog.accept()

    return act


def from_file_menu(qtbot, window, *letters: Qt.Key) -> None:
    """Alt+F, then the underlined letter of each item in turn (a submenu opens on its own letter)."""
    key(qtbot, Qt.Key.Key_F, ALT, target=window)
    for letter in letters:
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        key(qtbot, letter, target=QApplication.activePopupWidget())


@pytest.fixture
def acme(store) -> dict:
    return small_workspace(store)


@pytest.fixture
def window(qtbot, store, acme, settings):
    """The window over "Acme Labs"; whatever workspace it ends on is closed after the test."""
    shown = active_window(qtbot, store, settings)
    yield shown
    shown.store.close()


@pytest.fixture
def other(tmp_path) -> Path:
    return workspace_with(tmp_path / "elsewhere" / "borealis.db", "Borealis")


def test_ctrl_shift_o_opens_another_workspace_and_the_next_start_opens_it(qtbot, window, store, acme, other, settings):
    interview_id = acme["interview"].id
    today = window.scheduling.open_today()  # the day's calls of this workspace: closed when it is left
    call = window.open_call(interview_id)
    qtbot.waitUntil(call.isActiveWindow)
    key(qtbot, Qt.Key.Key_1, CTRL, target=call)  # a note in the first section, saved as the call screen closes
    qtbot.keyClicks(call.focusWidget(), "said at the last second")
    window.activateWindow()  # back to the main window, the call still open
    qtbot.waitUntil(window.isActiveWindow)
    done = on_modal(qtbot, QFileDialog, choose_file(other))
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT, target=window)
    assert done.get("ok"), done
    assert window.store.path == other and clients(window) == ["Borealis"]
    assert window.windowTitle() == "Debrief — Borealis Research"
    assert window.workspaces.label.text() == f"Workspace: {other}"
    assert not window.call_screens and store.db is None  # the call screen closed, then the first workspace
    assert not today.isVisible() and window.scheduling.open_today().store is window.store
    with Store.open(store.path) as first:
        assert [n.text for n in first.notes.for_interview(interview_id)] == ["said at the last second"]
    assert start_path(Path("default.db"), False, settings) == (other, True)
    assert start_path(Path("named.db"), True, settings) == (Path("named.db"), True)
    other.unlink()
    assert start_path(Path("default.db"), False, settings) == (Path("default.db"), False)


def test_recent_workspaces_go_back_show_a_missing_one_disabled_and_clear(qtbot, window, store, other, settings):
    first = store.path
    add_recent(settings, first.with_name("gone.db"))
    assert window.workspaces.open(other)
    from_file_menu(qtbot, window, Qt.Key.Key_R)
    recent = window.workspaces.recent_menu
    listed = [(a.text(), a.isEnabled()) for a in recent.actions() if a.text()]
    assert listed == [
        (f"&1  gone.db   {first.parent}   (not found)", False),
        (f"&2  {first.name}   {first.parent}", True),
        ("&Clear recent", True),
    ]
    key(qtbot, Qt.Key.Key_2, target=recent)
    qtbot.waitUntil(lambda: window.store.path == first)
    assert clients(window) == ["Acme Labs"] and settings.value(LAST_KEY) == str(first)
    from_file_menu(qtbot, window, Qt.Key.Key_R, Qt.Key.Key_C)
    assert recent_workspaces(settings) == [first]


def test_a_workspace_another_app_holds_is_explained_and_nothing_changes(qtbot, window, store, other, settings):
    with Store.open(other):  # held, as another Debrief window would hold it
        seen = {}
        message = on_modal(qtbot, QMessageBox, lambda box: seen.update(text=box.text()))
        done = on_modal(qtbot, QFileDialog, choose_file(other))
        key(qtbot, Qt.Key.Key_O, CTRL | SHIFT, target=window)
        assert done.get("ok") and message.get("ok"), (done, message)
    assert "is open in another Debrief window" in seen["text"]
    assert window.store is store and store.db is not None and clients(window) == ["Acme Labs"]
    assert settings.value(LAST_KEY) is None


def text_file(folder: Path) -> Path:
    (folder / "chosen.db").write_text("a shopping list, not a workspace")
    return folder / "chosen.db"


def empty_file(folder: Path) -> Path:
    (folder / "chosen.db").touch()
    return folder / "chosen.db"


def newer(folder: Path) -> Path:
    path = workspace_with(folder / "chosen.db", "Future")
    with Store.open(path) as store:
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('debrief', 'm999', 'x')"
        )
    return path


def backup(folder: Path) -> Path:
    """One of the backups the app keeps, in the ``chosen-backups`` folder beside the workspace."""
    with Store.open(workspace_with(folder / "chosen.db", "Past")) as store:
        return store.maintenance.backup()


@pytest.mark.parametrize(
    "make, said",
    [
        (text_file, "is not a Debrief workspace"),
        (empty_file, "is an empty file, not a Debrief workspace"),
        (newer, "written by a newer version of Debrief"),
        (backup, "is a backup of chosen, not a workspace to open"),
    ],
    ids=["text", "empty", "newer", "backup"],
)
def test_a_file_that_cannot_be_opened_is_explained_and_left_as_it_was(qtbot, window, store, tmp_path, make, said):
    (tmp_path / "chosen").mkdir()
    path = make(tmp_path / "chosen")
    before, beside = path.read_bytes(), sorted(path.parent.iterdir())
    seen = {}
    message = on_modal(qtbot, QMessageBox, lambda box: seen.update(text=box.text()))
    assert not window.workspaces.open(path)
    assert message.get("ok") and said in seen["text"] and "\n" not in seen["text"], seen
    assert path.read_bytes() == before and sorted(path.parent.iterdir()) == beside
    assert window.store is store and clients(window) == ["Acme Labs"]


def test_an_encrypted_workspace_asks_its_passphrase(qtbot, window, tmp_path, ring):
    locked = workspace_with(tmp_path / "locked.db", "Contoso", passphrase=PASS)

    def unlock(dialog: UnlockDialog) -> None:
        assert "Cancel" in [b.text() for b in dialog.findChildren(QPushButton)]  # it leaves the switch, not the app
        type_text(qtbot, PASS)
        key(qtbot, Qt.Key.Key_Return)

    done = on_modal(qtbot, UnlockDialog, unlock)
    assert window.workspaces.open(locked)
    assert done.get("ok") and window.store.encrypted and clients(window) == ["Contoso"]
    assert window.security.act_lock.isVisible() and not window.security.act_encrypt.isVisible()  # Lock now, for it


def test_new_workspace_runs_the_welcome_for_the_new_firm(qtbot, window, store, tmp_path):
    target = tmp_path / "new firm" / "northwind"  # the .db is added

    def set_up(dialog: WelcomeDialog) -> None:
        qtbot.waitUntil(lambda: focused() is dialog.firm)
        type_text(qtbot, "Northwind Insight")
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "Fabrikam")
        key(qtbot, Qt.Key.Key_Return)

    (tmp_path / "new firm").mkdir()
    chosen = on_modal(qtbot, QFileDialog, choose_file(target))
    welcomed = on_modal(qtbot, WelcomeDialog, set_up)
    from_file_menu(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.store.path.name == "northwind.db")
    assert chosen.get("ok") and welcomed.get("ok"), (chosen, welcomed)
    assert window.windowTitle() == "Debrief — Northwind Insight" and clients(window) == ["Fabrikam"]
    assert store.db is None


def test_new_workspace_left_at_the_welcome_is_titled_by_its_file(qtbot, window, tmp_path):
    def leave(dialog: WelcomeDialog) -> None:
        qtbot.waitUntil(lambda: focused() is dialog.firm)
        key(qtbot, Qt.Key.Key_Escape)

    chosen = on_modal(qtbot, QFileDialog, choose_file(tmp_path / "fresh"))
    welcomed = on_modal(qtbot, WelcomeDialog, leave)
    from_file_menu(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.store.path.name == "fresh.db")
    assert chosen.get("ok") and welcomed.get("ok"), (chosen, welcomed)
    assert window.windowTitle() == "Debrief — fresh.db"  # not the placeholder "Your research firm"


def test_a_new_workspace_never_replaces_a_file(qtbot, window, store, other):
    before = other.read_bytes()
    seen = {}
    message = on_modal(qtbot, QMessageBox, lambda box: seen.update(text=box.text(), title=box.windowTitle()))
    chosen = on_modal(qtbot, QFileDialog, choose_file(other))
    assert not window.workspaces.new_workspace()
    assert chosen.get("ok") and message.get("ok") and "exists already" in seen["text"]
    assert seen["title"] == "New workspace"
    assert other.read_bytes() == before and window.store is store


def test_the_title_marks_demo_data_and_nothing_else(qtbot, window, tmp_path):
    assert window.windowTitle() == f"Debrief — {window.store.path.name}"  # the firm is not set up
    demo = tmp_path / "demo.db"
    with Store.open(demo) as store:
        create_demo_workspace(store, clients=1, interviews=6)
    assert window.workspaces.open(demo)
    assert window.windowTitle() == "Debrief — Meridian Talent Insights (demo data)"
