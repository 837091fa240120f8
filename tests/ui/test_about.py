"""Help → About shows pyproject.toml's version, what Debrief runs on and the workspace open now, and Copy details
puts all of that on the clipboard for support; Close, the default, closes it."""

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_about_shows_the_version_the_runtime_and_the_workspace_and_copies_them(qtbot, store, settings):
    from consultant_app.ui.main_window import MainWindow

    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        seen["title"] = dialog.windowTitle()
        seen["texts"] = [label.text() for label in dialog.findChildren(QLabel)]
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        qtbot.mouseClick(buttons["Copy details"], Qt.MouseButton.LeftButton)
        seen["copied"] = QApplication.clipboard().text()
        qtbot.mouseClick(buttons["Close"], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, inspect)
    window.act_about.trigger()
    assert seen["title"] == "About Debrief" and f"Debrief {version}" in seen["texts"]
    assert str(store.path) in seen["texts"] and "SQLCIPHER" in seen["texts"] and "QT" in seen["texts"]
    copied = seen["copied"].splitlines()
    assert copied[0] == f"Debrief {version}" and f"Workspace: {store.path}" in copied
    for start in ("Qt: 6.", "SQLCipher: 4.", "SQLite: 3.", "Python: 3.", "Platform: "):
        assert any(line.startswith(start) for line in copied), start
    assert QApplication.activeModalWidget() is None
