"""What the consultant sees when Debrief hits a bug: a plain message (what happened, that typed work is saved,
where the crash report is), with *Open folder* and *Close*, Close the default, and no traceback. The report
itself is ``crash_reports``'s; an error in another thread reaches the dialog through a queued signal, and a
crash while the message is open only adds its report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app import crash_reports

TITLE = "Debrief hit an unexpected problem"


class _CrashRelay(QObject):
    crashed = Signal(object)  # the report's path, or None


def install_crash_dialog(app: QApplication) -> None:
    """Reports every uncaught error and shows the crash message on the GUI thread."""
    relay = _CrashRelay(app)  # lives in the GUI thread; a signal from another thread is queued to it
    showing: list[bool] = []

    def show(report: Path | None) -> None:
        if not showing:
            showing.append(True)
            try:
                crash_message(report).exec()
            finally:
                showing.clear()

    relay.crashed.connect(show)
    crash_reports.install(relay.crashed.emit)


def crash_message(report: Path | None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "Debrief", f"<b>{TITLE}</b>", parent=QApplication.activeWindow())
    saved = "Debrief could not finish what it was doing. What you typed up to now is saved."
    kept = "It holds no notes or names, and it stays on this computer unless you send it to whoever supports you."
    where = f"A crash report was saved as:\n{report}\n\n{kept}" if report else "No crash report could be written."
    box.setInformativeText(f"{saved}\n\n{where}")
    if report:
        open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.parent))))
    close = box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    close.setProperty("primary", True)
    close.style().polish(close)  # the box styled its new button already; the style sheet reads the property again
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    return box
