"""Small things a new user saw in the dialogs: an error about a logo goes once a good logo is chosen, and the
welcome's fields keep their room when its error appears."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton

from consultant_app.ui.dialogs.firm_dialog import FirmDialog
from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog
from tests.ui.layout_check import problems
from tests.ui.test_main_window import answer_next_dialog


def choose_file(qtbot, field, path: Path) -> None:
    """Clicks the logo's Choose… and picks ``path`` in the file dialog that opens."""

    def pick(dialog: QFileDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "fileNameEdit"), str(path))
        dialog.accept()

    done = answer_next_dialog(qtbot, QFileDialog, pick)
    [choose] = [b for b in field.findChildren(QPushButton) if b.text() == "Choose…"]
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert done.get("ok")


def test_a_logo_error_goes_when_a_good_logo_is_chosen(qtbot, store, tmp_path):
    broken, good = tmp_path / "broken.png", tmp_path / "good.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"truncated")
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1F6FB2"))
    image.save(str(good))
    dialog = FirmDialog(store.firm.get())
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(qtbot, dialog.logo, broken)
    assert dialog.error.isVisible() and "not an image" in dialog.error.text()
    choose_file(qtbot, dialog.logo, good)
    assert dialog.logo.data == good.read_bytes()
    assert not dialog.error.isVisible()


def test_the_welcome_keeps_its_fields_whole_when_its_error_appears(qtbot):
    """The room for the message is kept from the start: nothing moves or squashes while the window manager
    grows the window (offscreen grows it at once, so the size staying put is what shows it)."""
    for required in (False, True):
        dialog = WelcomeDialog(require_passphrase=required, encrypted=False)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        before = dialog.size(), dialog.firm.geometry(), dialog.client.geometry()
        if required:
            dialog.firm.setText("Meridian")
            dialog.client.setText("Northwind")
        dialog._setup()  # no names, or no passphrase: the error shows
        qtbot.wait(20)
        assert dialog.error.isVisible() and dialog.error.text()
        assert (dialog.size(), dialog.firm.geometry(), dialog.client.geometry()) == before
        assert problems(dialog) == []
