"""Driving modal dialogs from a test: a callback runs once the expected dialog is the active modal widget, and the
dialog is always closed afterwards, so a failing assert inside it cannot hang ``exec()``. Also a small workspace
with ASCII names (``keyClicks`` cannot type others) and a shown, active main window over it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from consultant_app.domain.model import Candidate, Client, Interview, Role
from consultant_app.ui.main_window import MainWindow


def on_modal(qtbot, expected_type, act, wait_ms=10000) -> dict:
    """Calls ``act(dialog)`` once a modal ``expected_type`` is open; ``done["ok"]`` says it ran to its end."""
    done: dict = {}

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, expected_type):
            if left > 0:
                QTimer.singleShot(50, lambda: poll(left - 50))
            elif dialog is not None:  # some other dialog: closed so the test fails rather than hangs
                done["instead"] = dialog
                dialog.reject()
            return
        try:
            act(dialog)
            done["ok"] = True
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, lambda: poll(wait_ms))
    return done


def small_workspace(store) -> dict:
    """A client with a role and two candidates (one with a scheduled interview)."""
    client = store.clients.save(Client(name="Acme Labs"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer"))
    ann = store.candidates.save(Candidate(client_id=client.id, role_id=role.id, full_name="Ann Lee"))
    bob = store.candidates.save(Candidate(client_id=client.id, role_id=role.id, full_name="Bob Stone"))
    interview = store.interviews.save(Interview(candidate_id=ann.id, status="scheduled"))
    return {"client": client, "role": role, "ann": ann, "bob": bob, "interview": interview}


def active_window(qtbot, store, settings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def focused():
    """The widget keys go to: the open dialog's focus widget (offscreen Qt may leave no window active when a
    dialog closes, and then the next dialog is not active either), else the active window's."""
    modal = QApplication.activeModalWidget()
    return modal.focusWidget() if modal is not None else QApplication.focusWidget()
