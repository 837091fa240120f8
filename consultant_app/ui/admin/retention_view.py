"""Admin → Retention…: what the retention policy (the firm's, or a client's override) and withdrawn consent make
due for erasure today, as a table (candidate, client, action, why) under the policy it follows. "Erase N now" is
never the default button and asks once more; the dialog then returns the items confirmed. Close is the default.

``erase_in_background`` is how the window erases them: a run of hundreds takes minutes on a large workspace
(each erasure redacts the person in every note that mentions them, in the workspace and every backup), so it
runs on a worker thread with its own connection behind a progress dialog, and the views reload when it is done.
No call screen may be open meanwhile (its autosave would wait for the run's write)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from consultant_app.domain.retention import EVERYTHING, RetentionItem, say_counts, summary
from consultant_app.domain.wording import agree, plural
from consultant_app.store import Store, WorkspaceError
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import admin_layout, button
from consultant_app.ui.worker import run_in_background

COLUMNS = ("Candidate", "Client", "Action", "Why")


class RetentionView(QDialog):
    def __init__(
        self, items: Sequence[RetentionItem], policy: str, parent: QWidget | None = None, blocked: str = ""
    ) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.result_value: list[RetentionItem] | None = None
        layout = admin_layout(
            self,
            "Retention",
            (1140, 540),
            "Retention",
            "What the retention policy and withdrawn consent make due for erasure today. An identity erased leaves "
            "the candidate's answers under a pseudonym; a candidate who withdrew consent is erased entirely, with "
            "their interviews and notes. Each erasure goes to the audit log.",
        )
        self.policy = QLabel(f"{policy} Set it in Firm profile and branding, and for one client in Edit client.")
        self.policy.setWordWrap(True)
        layout.addSpacing(4)
        layout.addWidget(self.policy)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.empty = QLabel("Nothing is due for erasure today." if not self.items else blocked)
        self.empty.setObjectName("Muted")
        layout.addWidget(self.empty)
        if not self.items:
            layout.addStretch()
        row = QHBoxLayout()
        self.erase_button = button(
            f"Erase {len(self.items)} now", danger=True, icon=icon("trash-2", colors().danger, 16)
        )
        self.erase_button.setAutoDefault(False)
        self.erase_button.setToolTip(f"Erases {summary(self.items)}, after asking once more.")
        self.erase_button.clicked.connect(self.confirm)
        row.addWidget(self.erase_button)
        row.addStretch()
        self.close_button = button("Close", primary=True)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.table.setVisible(bool(self.items))
        self.erase_button.setVisible(bool(self.items))
        self.erase_button.setEnabled(not blocked)
        self.empty.setVisible(not self.items or bool(blocked))
        self.close_button.setFocus()

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.items), len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, item in enumerate(self.items):
            for column, text in enumerate((item.candidate, item.client, item.what.capitalize(), item.why)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 2 and item.action == EVERYTHING:
                    cell.setForeground(QColor(colors().danger))
                table.setItem(row, column, cell)
        return table

    def confirm(self) -> None:
        """Asks once more (Cancel is the default); on Erase, returns the items for the window to erase."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Retention",
            f"Erase {summary(self.items)}?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "Names, e-mails and phone numbers are replaced by pseudonyms, and candidates who withdrew consent are "
            "deleted with their interviews and notes, in the workspace and in its backups. This cannot be undone."
        )
        erase = box.addButton("Erase", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is erase:
            self.result_value = self.items
            self.accept()


def erase_in_background(
    parent: QWidget, store: Store, items: list[RetentionItem], refresh: Callable[[], None], status: Callable
) -> None:
    """Erases ``items`` on a worker thread (its own connection to ``store``'s workspace), then reloads the views
    and says what was erased. The erasures are one write: when it fails, a plain message says nothing was erased.
    Backups that cannot be opened stay noted and are tried again at the next start."""
    sibling = store.sibling

    def work() -> tuple[dict[str, int], list[str]]:
        with sibling() as own:
            done = own.retention.apply(items)
            try:  # a helper connection leaves the backups to its caller
                return done, own.maintenance.erase_from_backups()
            except (WorkspaceError, OSError) as exc:
                return done, [str(exc)]

    def finished(result: tuple[dict[str, int], list[str]]) -> None:
        done, problems = result
        store.identities.forget()  # the people changed through another connection
        refresh()
        message = f"Erased {say_counts(done)}."
        if problems:
            message += (
                f" {plural(len(problems), 'backup')} could not be reached yet; "
                f"{agree(len(problems), 'it is', 'they are')} tried again at the next start."
            )
        status(message, 10000)

    def failed(exc: Exception) -> None:
        QMessageBox.warning(parent, "Retention", f"Nothing was erased: {exc}")

    run_in_background(parent, f"Erasing {summary(items)}…", work, finished, failed)
