"""A child process for the small-screen tests: on the screen Qt gives it (offscreen, sized by a config file), it
opens the main window as at a first start and a call screen over a demo workspace, and prints one JSON line: where
each sits, the screen's free area, and what of each is cut. The call screen is then moved, closed and opened again,
to show where it reopens.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.ui.screen_child FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from consultant_app.demo import create_demo_workspace
from consultant_app.store import Store
from consultant_app.ui.app import make_application
from consultant_app.ui.main_window import MainWindow
from tests.ui.layout_check import problems


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(folder: Path) -> None:
    app = make_application(["debrief"])
    store = Store.open(folder / "w.db")
    create_demo_workspace(store, clients=2, interviews=300, seed=9)
    window = MainWindow(store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    settle(app)
    rows = window.page.model.rows
    window.page.table.selectRow(next(i for i, r in enumerate(rows) if r.status == "completed"))
    settle(app)
    header = window.page.table.horizontalHeader()
    report = {
        "available": rect(window.screen().availableGeometry()),
        "main": rect(window.frameGeometry()),
        "main_cut": problems(window),
        "top_reasons_in_view": header.sectionViewportPosition(4) + header.sectionSize(4) <= header.viewport().width(),
    }
    interview_id = window.page.current_row().interview_id
    screen = window.open_call(interview_id)
    settle(app)
    report |= {"call": rect(screen.frameGeometry()), "call_cut": problems(screen)}
    screen.showNormal()
    screen.setGeometry(60, 40, 1050, 620)
    settle(app)
    report["moved"] = rect(screen.geometry())
    screen.close()
    settle(app)
    again = window.open_call(interview_id)
    settle(app)
    report["reopened"] = rect(again.geometry())
    again.close()
    window.close()
    store.close()
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
