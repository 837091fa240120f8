"""The firm's sync keys in the desktop app, with real workspaces, real dialogs and the real sync: in Preferences a lead
creates them (the firm key file saved readable by its owner only) and a consultant joins with that file on another
workspace; a bad file or a Cancel changes nothing; on a client's page a lead puts a consultant on the client from
the keyboard, and taking them off asks first (Cancel keeps them on)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton

from consultant_app.domain.model import Client
from consultant_app.store import Store
from consultant_app.sync import keys
from consultant_app.sync.engine import sync
from consultant_app.ui.dialogs.preferences_dialog import PreferencesDialog
from consultant_app.ui.firm_keys import write_key_file
from tests.ui.layout_check import problems
from tests.ui.modal import active_window, on_modal


@pytest.fixture
def ben(tmp_path):
    with Store.open(tmp_path / "ben.db") as opened:
        yield opened


def answering(qtbot, *steps) -> list[dict]:
    """Answers the modal dialogs that open one after another: ``steps`` are (dialog type, what to do with it)."""
    done: list[dict] = []

    def arm(i: int) -> None:
        if i < len(steps):
            kind, act = steps[i]
            done.append(on_modal(qtbot, kind, lambda dialog: (arm(i + 1), act(dialog))))

    arm(0)
    return done


def name(text: str):
    return QInputDialog, lambda dialog: (dialog.setTextValue(text), dialog.accept())


def press(label: str, seen: dict | None = None):
    def act(box: QMessageBox) -> None:
        if seen is not None:
            seen.setdefault("texts", []).append(f"{box.text()} {box.informativeText()}")
        [chosen] = [b for b in box.buttons() if b.text().replace("&", "") == label]
        chosen.click()

    return QMessageBox, act


def pick_file(path, seen: dict | None = None):
    def act(dialog: QFileDialog) -> None:
        if seen is not None:
            seen["offered"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.setText(str(path))
        dialog.accept()

    return QFileDialog, act


def preferences(qtbot, store) -> PreferencesDialog:
    dialog = PreferencesDialog("system", store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def create_through_preferences(qtbot, store, key_file) -> dict:
    dialog = preferences(qtbot, store)
    seen: dict = {}
    done = answering(qtbot, name("Carla Lead"), press("Create keys"), pick_file(key_file, seen), press("OK", seen))
    dialog.firm_keys.create_button.setFocus()
    qtbot.keyClick(dialog.firm_keys.create_button, Qt.Key.Key_Space)  # keyboard reachable
    qtbot.waitUntil(lambda: len(done) == 4 and all(d.get("ok") for d in done), timeout=15000)
    seen["dialog"] = dialog
    return seen


def test_a_lead_creates_the_firm_keys_and_saves_the_key_file(qtbot, store, tmp_path):
    key_file = tmp_path / "Debrief firm key.txt"
    seen = create_through_preferences(qtbot, store, key_file)

    assert keys.joined(store)
    assert key_file.read_text() == keys.firm_key(store) + "\n"
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert seen["offered"] == "Debrief firm key.txt"
    assert "password manager" in seen["texts"][0] and "then delete the file" in seen["texts"][0]
    [lead] = store.sync_keys.members()
    assert lead.name == "Carla Lead" and lead.lead
    section = seen["dialog"].firm_keys
    qtbot.waitUntil(lambda: section.save_again_button.isVisible())
    [choose] = [b for b in seen["dialog"].findChildren(QPushButton) if b.text() == "Choose…"]
    seen["dialog"].activateWindow()  # offscreen Qt leaves no window active once the last message box closes
    qtbot.waitUntil(seen["dialog"].isActiveWindow)
    choose.setFocus()
    qtbot.keyClick(choose, Qt.Key.Key_Tab)
    assert section.save_again_button.hasFocus()  # Tab reaches the new button where it is shown, not after OK
    assert "You are <b>Carla Lead</b>, a lead" in " ".join(label.text() for label in section.findChildren(QLabel))


def test_a_consultant_joins_with_the_firm_key_file_on_another_workspace(qtbot, store, ben, tmp_path):
    key_file = tmp_path / "key.txt"
    write_key_file(key_file, keys.create_firm(store, "Carla Lead"))
    dialog = preferences(qtbot, ben)
    seen: dict = {}
    done = answering(qtbot, pick_file(key_file), name("Dan Ray"), press("Join"), press("OK", seen))
    qtbot.mouseClick(dialog.firm_keys.join_button, Qt.MouseButton.LeftButton)
    assert len(done) == 4 and all(d.get("ok") for d in done), done

    assert keys.joined(ben) and keys.firm_key(ben) == keys.firm_key(store)
    [dan] = ben.sync_keys.members()
    assert dan.name == "Dan Ray" and not dan.lead and dan.id == keys.me(ben)
    assert "lead puts you on your clients" in seen["texts"][0]


@pytest.mark.parametrize("content", [b"my shopping list\n", b"\xff\xfe\x00binary", b"AGE-SECRET-KEY-1" + b"Q" * 5000])
def test_a_bad_key_file_is_a_plain_message_and_changes_nothing(qtbot, ben, tmp_path, content):
    bad = tmp_path / "not a key.txt"
    bad.write_bytes(content)
    dialog = preferences(qtbot, ben)
    seen: dict = {}
    done = answering(qtbot, pick_file(bad), press("OK", seen))  # no name asked: the file is refused first
    qtbot.mouseClick(dialog.firm_keys.join_button, Qt.MouseButton.LeftButton)
    assert len(done) == 2 and all(d.get("ok") for d in done), done

    assert "Nothing was changed" in seen["texts"][0] and "Traceback" not in seen["texts"][0]
    assert not keys.joined(ben) and ben.sync_keys.members() == []
    assert dialog.firm_keys.join_button.isVisible()


def test_a_damaged_firm_key_is_refused_after_the_questions_and_changes_nothing(qtbot, ben, tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("AGE-SECRET-KEY-1NOTREALLYAKEY\n")
    dialog = preferences(qtbot, ben)
    seen: dict = {}
    done = answering(qtbot, pick_file(damaged), name("Dan Ray"), press("Join"), press("OK", seen))
    qtbot.mouseClick(dialog.firm_keys.join_button, Qt.MouseButton.LeftButton)
    assert len(done) == 4 and all(d.get("ok") for d in done), done
    assert "damaged" in seen["texts"][0]
    assert not keys.joined(ben) and ben.sync_keys.members() == []


@pytest.mark.parametrize("where", ["the question", "the save dialog"])
def test_cancel_before_the_keys_are_made_creates_nothing(qtbot, store, tmp_path, where):
    dialog = preferences(qtbot, store)
    steps = [name("Carla Lead"), press("Cancel")]
    if where == "the save dialog":
        steps = [name("Carla Lead"), press("Create keys"), (QFileDialog, lambda file_dialog: file_dialog.reject())]
    done = answering(qtbot, *steps)
    qtbot.mouseClick(dialog.firm_keys.create_button, Qt.MouseButton.LeftButton)
    assert len(done) == len(steps) and all(d.get("ok") for d in done), done
    assert not keys.joined(store) and list(tmp_path.glob("*.txt")) == []


def test_a_lead_saves_the_firm_key_again(qtbot, store, tmp_path):
    keys.create_firm(store, "Carla Lead")
    dialog = preferences(qtbot, store)
    again = tmp_path / "again.txt"
    seen: dict = {}
    done = answering(qtbot, pick_file(again, seen), press("OK", seen))
    qtbot.mouseClick(dialog.firm_keys.save_again_button, Qt.MouseButton.LeftButton)
    assert len(done) == 2 and all(d.get("ok") for d in done), done
    assert again.read_text() == keys.firm_key(store) + "\n" and str(again) in seen["texts"][0]
    if os.name == "posix":
        assert stat.S_IMODE(again.stat().st_mode) == 0o600


def firm_with_consultant(store, ben, folder) -> tuple[Client, str]:
    """A lead workspace with a client and a consultant who joined on their own laptop (known through a sync)."""
    client = store.clients.save(Client(name="Acme Labs"))
    keys.join(ben, keys.create_firm(store, "Carla Lead"), "Dan Ray")
    sync(ben, folder)
    sync(store, folder)
    return client, keys.me(ben)


def test_a_lead_puts_a_consultant_on_a_client_and_is_asked_before_taking_them_off(
    qtbot, store, ben, settings, tmp_path
):
    folder = tmp_path / "Sync"
    folder.mkdir()
    client, dan = firm_with_consultant(store, ben, folder)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(client.id)
    block = window.page.consultants
    assert block.isVisible() and set(block.boxes) == {dan}  # the lead reads every client: no box of theirs
    box = block.boxes[dan]
    assert not box.isChecked() and box.text() == "Dan Ray"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert window.page.status.hasFocus()  # Tab goes on to the filters
    qtbot.keyClick(window.page.status, Qt.Key.Key_Backtab)
    assert box.hasFocus()

    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert store.sync_keys.assignments() == {(client.id, dan)}

    seen: dict = {}
    done = answering(qtbot, press("Cancel", seen))
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert done[0].get("ok")
    assert "Dan Ray will no longer receive new work on Acme Labs" in seen["texts"][0]
    assert store.sync_keys.assignments() == {(client.id, dan)} and box.isChecked()

    done = answering(qtbot, press("Take off"))
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert done[0].get("ok")
    assert store.sync_keys.assignments() == set() and not box.isChecked()
    assert problems(block) == []  # nothing cut, even in a narrow page


def test_the_consultants_are_not_shown_without_sync_keys_and_read_only_for_a_consultant(
    qtbot, store, ben, settings, tmp_path
):
    client = store.clients.save(Client(name="Acme Labs"))
    window = active_window(qtbot, store, settings)
    window.sidebar.select(client.id)
    assert not window.page.consultants.isVisible()

    folder = tmp_path / "Sync"
    folder.mkdir()
    firm_with_consultant(store, ben, folder)
    sync(ben, folder)  # Dan's laptop gets the firm's records, the client not (he is on no client)
    assert not ben.clients.exists(client.id)
    keys.set_assigned(store, client.id, keys.me(ben), True)
    sync(store, folder)
    sync(ben, folder)
    assert ben.clients.exists(client.id)
    own = active_window(qtbot, ben, settings)
    own.sidebar.select(client.id)
    block = own.page.consultants
    assert block.boxes == {}  # read only: a lead puts consultants on a client
    shown = [label.text() for label in block.findChildren(QLabel) if label.isVisible()]
    assert shown == ["Consultants on this client", "Dan Ray (you)", "Carla Lead (lead) reads every client"]


def test_the_preferences_of_a_lead_with_a_team_fit_a_laptop_screen(qtbot, store, tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    clients = [store.clients.save(Client(name=f"Client {n} Holdings International")) for n in range(4)]
    firm_key = keys.create_firm(store, "Carla Mendes-Oyelaran")
    for n, person in enumerate(["Dan Ray", "Priya Natarajan", "Tom O'Neill", "Wei Zhang", "Ana Sousa Ferreira"]):
        with Store.open(tmp_path / f"{n}.db") as laptop:
            keys.join(laptop, firm_key, person)
            sync(laptop, folder)
    sync(store, folder)
    for member in store.sync_keys.members():
        for client in clients[: len(member.name) % 5]:
            keys.set_assigned(store, client.id, member.id, True)
    dialog = preferences(qtbot, store)
    natural = dialog.sizeHint().expandedTo(dialog.minimumSize())
    assert natural.width() <= 1280 * 2 // 3 and natural.height() <= 720 - 40, natural
    dialog.resize(natural)
    qtbot.waitUntil(lambda: dialog.firm_keys.save_again_button.isVisible())
    qtbot.wait(50)  # the new size reaches the layout
    assert problems(dialog) == []
