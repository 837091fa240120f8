"""Encrypted interchange files in the window: the export dialog offers to encrypt the file with a passphrase typed
twice or to a recipients file, and the import of an encrypted file asks for its passphrase, says so when it is
wrong and changes nothing until the right one is given."""

from pathlib import Path

import pyrage
from PySide6.QtWidgets import QLabel

from consultant_app.interchange import Seal, export_file, import_document
from consultant_app.store import Store
from consultant_app.ui import outputs
from consultant_app.ui.dialogs.export_dialog import ExportDialog
from consultant_app.ui.dialogs.unseal_dialog import UnsealDialog
from tests.ui.test_main_window import answer_next_dialog

PASSPHRASE = "northwind harbour lights"


def test_importing_an_encrypted_file_asks_for_its_passphrase(qtbot, main_window, tmp_path, example_doc, monkeypatch):
    sealed = tmp_path / "northwind.debrief.age"
    with Store.open(tmp_path / "laptop.db") as laptop:
        import_document(laptop, example_doc)
        export_file(laptop, sealed, seal=Seal.with_passphrase(PASSPHRASE))
    store = main_window.store
    clients = [c.name for c in store.clients.list()]
    shown, filters = [], []
    monkeypatch.setattr(
        outputs.QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *args: (filters.append(args[3]), (str(sealed), "Debrief interchange"))[1]),
    )
    monkeypatch.setattr(
        outputs.QMessageBox, "information", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    monkeypatch.setattr(outputs.QMessageBox, "exec", lambda box: shown.append(box.text()))  # a failure, shown

    def wrong(dialog: UnsealDialog):
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "northwind.debrief.age is encrypted with a passphrase. Enter it to import the file." in texts
        assert dialog.error.isHidden()
        qtbot.keyClicks(dialog.passphrase, "northwind harbour light")
        dialog.accept()

    def right(dialog: UnsealDialog):
        assert dialog.error.text() == "Wrong passphrase (it does not open this encrypted file). Nothing was imported."
        assert not dialog.error.isHidden()
        assert [c.name for c in store.clients.list()] == clients  # the wrong passphrase changed nothing
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog.accept()

    first = answer_next_dialog(qtbot, UnsealDialog, wrong)
    main_window.act_import.trigger()
    assert first.get("ok")
    second = answer_next_dialog(qtbot, UnsealDialog, right, wait_ms=30000)
    qtbot.waitUntil(lambda: "ok" in second, timeout=30000)  # a None would pass at once
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert len(shown) == 1 and shown[0].startswith("Imported ") and "1 candidate (1 new)" in shown[0]
    assert "Northwind Robotics" in [c.name for c in store.clients.list()]
    assert filters == [  # older .json files too, and clients' candidate lists (the import candidates dialog)
        "Debrief interchange (*.debrief *.age *.json);;Candidate lists (*.csv *.xlsx);;All files (*)"
    ]


def test_an_export_from_the_window_can_be_encrypted(qtbot, main_window, tmp_path):
    """The window suggests a .debrief file, and .debrief.age once encrypted: the file types the installed app
    opens with a double click."""
    target = tmp_path / "debrief-export.debrief"

    def fill(dialog: ExportDialog):
        assert Path(dialog.path.text()).name == target.name
        dialog.path.setText(str(target))
        assert not dialog.encrypt.isChecked()  # a plain workspace exports plain unless asked
        dialog.encrypt.setChecked(True)
        assert dialog.path.text() == str(target) + ".age"
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClicks(dialog.confirm, PASSPHRASE)
        dialog.accept()

    done = answer_next_dialog(qtbot, ExportDialog, fill)
    main_window.act_export_all.trigger()
    assert done.get("ok")
    qtbot.waitUntil(lambda: "encrypted with a passphrase" in main_window.statusBar().currentMessage(), timeout=30000)
    raw = (tmp_path / "debrief-export.debrief.age").read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n") and not target.exists()
    names = [c.full_name for c in main_window.store.candidates.for_client(main_window.current_client_id())]
    assert names and not [n for n in names if n.encode() in raw]


def test_the_export_dialog_checks_the_passphrase_and_the_recipients_file(qtbot, tmp_path):
    dialog = ExportDialog("Export workspace", tmp_path / "debrief-export.debrief", encrypt=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path.text().endswith("debrief-export.debrief.age")
    assert dialog.passphrase.isVisible() and not dialog.recipients.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.confirm, PASSPHRASE + "s")
    dialog.grab().save(str(tmp_path / "export-dialog.png"))
    dialog.accept()
    assert dialog.error.text() == "The two passphrases differ; type the same one twice."
    assert dialog.isVisible()
    dialog.confirm.setText(PASSPHRASE)
    dialog.accept()
    path, seal = dialog.result_value
    assert (path.name, seal.describe()) == ("debrief-export.debrief.age", "encrypted with a passphrase")

    again = ExportDialog("Export workspace", tmp_path / "debrief-export.debrief", encrypt=True)
    qtbot.addWidget(again)
    again.show()
    again.to_keys.setChecked(True)
    assert again.recipients.isVisible() and not again.passphrase.isVisible()
    keys = tmp_path / "keys.txt"
    keys.write_text(f"{pyrage.x25519.Identity.generate().to_public()}\nnot a key\n", encoding="utf-8")
    again.recipients.setText(str(keys))
    again.grab().save(str(tmp_path / "export-dialog-keys.png"))
    again.accept()
    assert again.error.text().startswith("keys.txt, line 2: not a public key")
    keys.write_text("\n".join(str(pyrage.x25519.Identity.generate().to_public()) for _ in range(3)), encoding="utf-8")
    again.accept()
    assert again.result_value[1].describe() == "encrypted for 3 recipients"

    plain = ExportDialog("Export workspace", tmp_path / "debrief-export.debrief", encrypt=False)
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.passphrase.isVisible() and not plain.to_keys.isVisible()
    plain.accept()
    assert plain.result_value == (tmp_path / "debrief-export.debrief", None)
    plain.path.setText(str(tmp_path / "transfer"))  # a name without a type gets the interchange file's
    plain.encrypt.setChecked(True)
    assert plain.path.text() == str(tmp_path / "transfer.debrief.age")
    plain.encrypt.setChecked(False)
    assert plain.path.text() == str(tmp_path / "transfer.debrief")


def test_the_passphrase_dialog_for_a_file_sealed_to_keys_asks_for_an_identity_file(qtbot, tmp_path):
    from consultant_app.interchange.sealing import inspect

    identity = pyrage.x25519.Identity.generate()
    info = inspect(pyrage.encrypt(b"{}", [identity.to_public()]))
    dialog = UnsealDialog("northwind.json.age", info)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.passphrase.isVisible() and dialog.identity.isVisible()
    dialog.accept()
    assert dialog.error.text() == "Choose your identity file."
    key = tmp_path / "me.key"
    key.write_text(f"# mine\n{identity}\n", encoding="utf-8")
    dialog.identity.setText(str(key))
    dialog.accept()
    assert len(dialog.result_value.identities) == 1


def test_an_encrypted_workspace_offers_an_encrypted_export_first(qtbot, tmp_path, settings, example_doc):
    from PySide6.QtWidgets import QWidget

    from consultant_app.ui.outputs import Outputs

    window = QWidget()
    qtbot.addWidget(window)
    messages = []
    with Store.open(tmp_path / "locked.db", passphrase="workspace passphrase") as store:
        import_document(store, example_doc)
        out = Outputs(window, store, settings, lambda: None, lambda: None, lambda text, ms: messages.append(text))
        settings.setValue("exports/folder", str(tmp_path))

        def fill(dialog: ExportDialog):
            assert dialog.encrypt.isChecked() and dialog.path.text() == str(tmp_path / "debrief-export.debrief.age")
            qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
            qtbot.keyClicks(dialog.confirm, PASSPHRASE)
            dialog.accept()

        done = answer_next_dialog(qtbot, ExportDialog, fill)
        out.export_file(None)
        assert done.get("ok")
        qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert "encrypted with a passphrase" in messages[0]
    assert (tmp_path / "debrief-export.debrief.age").read_bytes().startswith(b"age-encryption.org/v1\n")
