"""The main window: clients in the sidebar, the selected client's table of candidates and
interviews, a detail pane, and the menus, toolbar, shortcuts and status bar around them.

The window turns user intent into core calls; views refresh from the change hub. Call screens
open as separate windows, one per interview. Dialogs and the call screen are imported where they
are first used, to keep the app's start quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from consultant_app.domain.wording import plural
from consultant_app.store import NotFound, Store, WorkspaceError
from consultant_app.store.search import SearchHit
from consultant_app.ui.candidate_import import CandidateImport
from consultant_app.ui.client_page import ClientPage
from consultant_app.ui.consultants_block import ConsultantsBlock
from consultant_app.ui.dashboard import Dashboard
from consultant_app.ui.detail_pane import DetailPane
from consultant_app.ui.hub import ChangeHub
from consultant_app.ui.icons import icon
from consultant_app.ui.models.clients_model import ClientListModel
from consultant_app.ui.models.interviews_model import InterviewTableModel
from consultant_app.ui.outputs import Outputs
from consultant_app.ui.record_commands import RecordCommands, returns_focus
from consultant_app.ui.scheduling import Scheduling
from consultant_app.ui.security import WorkspaceSecurity
from consultant_app.ui.sidebar import Sidebar
from consultant_app.ui.syncing import WorkspaceSync
from consultant_app.ui.table_actions import TableActions
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import open_within
from consultant_app.ui.workspaces import Workspaces

if TYPE_CHECKING:
    from consultant_app.ui.call.call_screen import CallScreen
    from consultant_app.ui.search_dialog import SearchDialog

MIN_HEIGHT = 560  # fits a 1280×720 screen under a panel and a title bar
SMALL_SCREEN = 1440  # on a screen this wide or less the window opens maximized the first time


class MainWindow(RecordCommands, QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings or QSettings()
        self.call_screens: dict[str, CallScreen] = {}
        self._detail_stale = False
        self.syncing = WorkspaceSync(self, self.settings)
        self.workspaces = Workspaces(self, self.settings)
        self.setMinimumHeight(MIN_HEIGHT)  # its minimum width is its panes' (a narrower window would cut them)
        self.table_actions = TableActions(self)
        self._build_views()
        self._actions()
        self.status_counts = QLabel()
        self.statusBar().addWidget(self.workspaces.label)
        self.statusBar().addPermanentWidget(self.syncing.conflicts_link)
        self.statusBar().addPermanentWidget(self.syncing.label)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.syncing.show_status()
        self._restore_layout()

    # construction ------------------------------------------------------------------------
    def _build_views(self) -> None:
        """The parts that show the workspace, over ``self.store`` (built again when the store is reopened)."""
        store = self.store
        self.hub = ChangeHub(store, self)
        self.hub.changed.connect(self.refresh)
        # the changes waiting to be sent (conflicts change only with a sync or a resolution)
        self.hub.changed.connect(lambda _areas: self.syncing.show_status(recount_conflicts=False))
        store.erase_copies_later = True  # the backups are held to an erasure off the GUI thread (erase_from_backups)
        self.clients_model = ClientListModel(store, self)
        self.table_model = InterviewTableModel(store, self)
        self.sidebar = Sidebar(self.clients_model, "")
        self._show_firm_name()
        self.page = ClientPage(
            self.table_model,
            ConsultantsBlock(store, lambda: self.syncing.show_status(False)),
            Dashboard(store, self.hub),
        )
        self.detail = DetailPane(store)
        self.detail.tab_from = self.page.table
        self.splitter = QSplitter()
        self.splitter.setHandleWidth(1)
        for widget in (self.sidebar, self.page, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 860, 320])  # the side panes at their narrowest: the table has the rest
        self.setCentralWidget(self.splitter)
        self.outputs = Outputs(
            self, store, self.settings, self.current_client_id, self.refresh, self.statusBar().showMessage
        )
        self._connect()

    def use_store(self, store: Store) -> None:
        """Goes on with the workspace reopened as ``store`` (encrypted), its old store and call screens closed."""
        client_id, sizes = self.current_client_id(), self.splitter.saveState()
        for stale in (self.hub, self.clients_model, self.table_model):
            stale.deleteLater()
        self.scheduling.close_today()
        self.store = store
        self._build_views()
        self.splitter.restoreState(sizes)
        self.sidebar.select(client_id)
        self._update_counts()

    def _action(self, text: str, slot, shortcut=None, icon_name: str | None = None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:  # drawn with the toolbar, or when its menu first opens (_tint_icons)
            action.setProperty("icon_name", icon_name)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(
            tip or text.replace("…", "") + (f" ({QKeySequence(action.shortcut()).toString()})" if shortcut else "")
        )
        action.triggered.connect(slot)
        return action

    def _actions(self) -> None:
        a = self._action
        self.act_search = a("Search…", self.open_search, ["Ctrl+K", "Ctrl+F"], "search")
        self.act_candidates_view = a("Candidate table", lambda: self.page.views.show_view(0), "Ctrl+1", "users")
        self.act_dashboard_view = a("Client dashboard", lambda: self.page.views.show_view(1), "Ctrl+2", "chart-column")
        self.act_new_client = a("New client…", self.new_client, "Ctrl+Shift+N", "building-2")
        self.act_edit_client = a("Edit client…", self.edit_client, None, "pencil")
        self.act_new_role = a("New role…", self.new_role, None, "briefcase")
        self.act_edit_role = a("Edit role…", self.edit_role)
        self.act_archive_client = a("Archive client", self.archive_client, None, "archive")
        self.act_restore_client = a("Restore archived client…", self.restore_client)
        self.act_archive_role = a("Archive role…", self.archive_role)
        self.act_archive_candidate = self.table_actions.act_archive  # these three act on the selected rows
        self.act_new_candidate = a("New candidate…", self.new_candidate, "Ctrl+N", "user-plus")
        self.act_edit_candidate = a("Edit candidate…", lambda: self._with_candidate(self.edit_candidate))
        self.act_schedule = self.table_actions.act_schedule
        self.act_call = a("Open call screen", self.open_current_call, "Ctrl+O", "phone-call")
        self.act_withdraw = self.table_actions.act_withdraw
        self.act_erase = a("Erase candidate…", lambda: self._with_candidate(self.erase_candidate), None, "trash-2")
        self.act_report = a("Client report…", lambda: self.outputs.make_report(), "Ctrl+P", "file-text")
        self.act_releases = a("Releases…", self.open_releases)
        self.act_dataset = a("Anonymised dataset…", lambda: self.outputs.export_dataset(), None, "database-backup")
        self.act_import = a("Import…", lambda: self.outputs.import_file(), "Ctrl+I", "upload")
        self.act_export_all = a(
            "Export workspace (firm-internal)…", lambda: self.outputs.export_file(None), None, "download"
        )
        self.act_export_client = a(
            "Export client to another workspace (firm-internal)…", lambda: self.outputs.export_file("client-internal")
        )
        self.act_backup = a("Back up now", lambda: self.outputs.backup_now(), None, "database-backup")
        self.act_sync = a("Sync now", lambda: self.syncing.sync_now(), "F5", "refresh-cw")
        self.act_conflicts = a("Conflicts…", self.open_conflicts, None, None, "Texts typed on two laptops")
        self.act_quit = a("Quit", self.close, "Ctrl+Q")
        self.act_firm = a("Firm profile and branding…", self.edit_firm, None, "palette")
        self.act_codebook = a("Codebook of themes…", self.open_codebook, None, "tags")
        self.act_guides = a("Interview guides…", self.open_guides, None, "book-open-text")
        self.act_retention = a(
            "Retention…", self.open_retention, None, "trash-2", "Erasures the retention policy makes due"
        )
        self.act_preferences = a("Preferences…", self.edit_preferences, "Ctrl+,")
        self.act_shortcuts = a("Keyboard shortcuts", self.show_shortcuts, "F1")
        self.act_about = a("About Debrief", self.show_about)
        self.security = WorkspaceSecurity(self)
        self.scheduling = Scheduling(self)
        self.candidate_import = CandidateImport(self)
        menus = {
            "&File": [
                *self.workspaces.actions,
                None,
                self.act_import,
                self.candidate_import.action,
                self.act_export_all,
                self.act_export_client,
                self.act_dataset,
                None,
                self.act_backup,
                self.act_sync,
                None,
                *self.security.actions,
                None,
                self.act_quit,
            ],
            "&Edit": [self.act_search, None, self.act_conflicts, None, self.act_preferences],
            "&Client": [
                self.act_candidates_view,
                self.act_dashboard_view,
                None,
                self.act_new_client,
                self.act_edit_client,
                self.act_new_role,
                self.act_edit_role,
                None,
                self.act_report,
                self.act_releases,
                None,
                self.act_archive_role,
                self.act_archive_client,
                self.act_restore_client,
            ],
            "C&andidate": [
                self.act_new_candidate,
                self.act_edit_candidate,
                self.act_schedule,
                self.table_actions.act_assign,
                self.act_call,
                None,
                *self.scheduling.actions,
                None,
                self.act_archive_candidate,
                self.act_withdraw,
                self.act_erase,
                None,
                *self.table_actions.menu,
            ],
            "A&dmin": [self.act_firm, self.act_codebook, self.act_guides, None, self.act_retention],
            "&Help": [self.act_shortcuts, self.act_about],
        }
        for title, actions in menus.items():
            menu = self.menuBar().addMenu(title)
            menu.aboutToShow.connect(lambda menu=menu: self._tint_icons(menu.actions()))
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        shown = [
            self.act_new_candidate,
            self.act_schedule,
            self.act_call,
            None,
            self.act_search,
            None,
            self.act_report,
            None,
            self.act_codebook,
            self.act_firm,
        ]
        for action in shown:
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self._tint_icons([action for action in shown if action])  # a menu's other icons wait until it opens

    def _connect(self) -> None:
        self.sidebar.client_selected.connect(self.show_client)
        self.sidebar.new_client_requested.connect(self.new_client)
        self.page.row_selected.connect(self._row_selected)
        self.page.row_activated.connect(lambda row: row and row.interview_id and self.open_call(row.interview_id))
        self.detail.open_call.connect(self.open_call)
        self.detail.schedule.connect(self.schedule_interview)
        self.detail.edit_candidate.connect(self.edit_candidate)
        self.detail.withdraw_consent.connect(self.withdraw_consent)
        self.detail.erase_candidate.connect(self.erase_candidate)
        self.table_actions.attach()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            available = self.screen().availableGeometry()
            if available.width() <= SMALL_SCREEN:  # a laptop: all of it
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(min(1480, int(available.width() * 0.92)), min(920, int(available.height() * 0.9)))
                self.move(available.center() - self.rect().center())
        splitter = self.settings.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.sidebar.select(self.settings.value("main/client") or None)
        self._update_counts()

    # refreshing --------------------------------------------------------------------------
    def refresh(self, areas: set[str] | None = None) -> None:
        """Reloads what the changed areas affect, keeping the selection. Notes typed on a call
        screen only touch the detail pane, so autosave never reloads the big table, and while the call
        screen is in front the pane waits until this window is active again."""
        if areas and "erasures" in areas:
            self.outputs.erase_from_backups()
        row = self.page.current_row()
        if areas and areas <= {"notes", "themes", "guides", "audit_log", "releases", "quotes", "erasures"}:
            if self.isActiveWindow() or not self.call_screens:
                self.detail.show_row(row)
            else:  # autosaves from a call screen in front: redrawn when this window is used again, not mid-typing
                self._detail_stale = True
            return
        client_id = self.current_client_id()
        self.clients_model.refresh()
        self._show_firm_name()  # an import may bring the firm profile
        selection = self.sidebar.list.selectionModel()
        selection.blockSignals(True)
        self.sidebar.select(client_id)
        selection.blockSignals(False)
        self.sidebar.list.viewport().update()
        self.show_client(self.current_client_id(), keep_candidate=row.candidate_id if row else None)
        self._update_counts()

    def _call_closed(self, interview_id: str) -> None:
        self.call_screens.pop(interview_id, None)
        if not self.call_screens and self.syncing.deferred:
            self.syncing.sync_now()  # the sync that waited for the call

    def _show_firm_name(self) -> None:
        name = self.store.firm.get().name
        self.setWindowTitle(self.workspaces.title(name))
        self.sidebar.title.setText(name)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self._detail_stale:
            self._detail_stale = False
            self.detail.show_row(self.page.current_row())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # a new theme: the action icons in its text colour
            self._tint_icons([action for action in self.findChildren(QAction) if not action.icon().isNull()])
        return super().event(event)

    def _tint_icons(self, actions: list[QAction]) -> None:
        """Draws the icons of ``actions`` in the theme's text colour (each name and colour is drawn once)."""
        for action in actions:
            if action.property("icon_name"):
                action.setIcon(icon(action.property("icon_name"), colors().text, 18))

    def _update_counts(self) -> None:
        rows = self.clients_model.rows
        self.status_counts.setText(
            f"{plural(len(rows), 'client')} · {plural(sum(r.candidates for r in rows), 'candidate')} · "
            f"{plural(sum(r.completed for r in rows), 'completed interview')}"
        )

    def current_client_id(self) -> str | None:
        return self.sidebar.current_client_id()

    def show_client(self, client_id: str | None, keep_candidate: str | None = None) -> None:
        client = self.store.clients.get(client_id) if client_id and self.store.clients.exists(client_id) else None
        roles = self.store.roles.for_client(client.id) if client else []
        self.page.show_client(client, roles)
        has_client = client is not None
        for action in (
            self.act_edit_client,
            self.act_new_role,
            self.act_edit_role,
            self.act_archive_client,
            self.act_archive_role,
            self.act_new_candidate,
            self.act_export_client,
            self.act_report,
        ):
            action.setEnabled(has_client)
        before = self.page.current_row()
        if keep_candidate:
            self.page.select_candidate(keep_candidate)
        elif self.page.model.rowCount():
            self.page.select_row(0)
        if self.page.current_row() is before:  # selecting did not move, so nothing has shown the row yet
            self._row_selected(before)

    def _row_selected(self, row) -> None:
        self.detail.show_row(row)
        for action in (self.act_edit_candidate, self.act_erase):  # the selection's commands follow it themselves
            action.setEnabled(row is not None)
        self.act_call.setEnabled(bool(row and row.interview_id))

    # helpers -----------------------------------------------------------------------------
    def _guard(self, title: str, fn) -> object:
        """Runs a core call; a refusal or a storage problem becomes a plain message."""
        try:
            return fn()
        except (WorkspaceError, ValueError, NotFound) as exc:
            QMessageBox.warning(self, title, str(exc))
            return None

    def _with_candidate(self, fn) -> None:
        row = self.page.current_row()
        if row:
            fn(row.candidate_id)

    def open_current_call(self) -> None:
        row = self.page.current_row()
        if row and row.interview_id:
            self.open_call(row.interview_id)

    def open_call(self, interview_id: str, note_id: str | None = None) -> CallScreen:
        from consultant_app.ui.call.call_screen import CallScreen

        screen = self.call_screens.get(interview_id)
        if screen is None:
            screen = CallScreen(self.store, interview_id, focus_note_id=note_id, hub=self.hub)
            screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            screen.closed.connect(self._call_closed)
            screen.closed.connect(lambda _iid, s=screen: self.settings.setValue("call/geometry", s.saveGeometry()))
            self.call_screens[interview_id] = screen
            open_within(screen, QSize(1320, 820), self.screen(), self.settings.value("call/geometry"))
        elif note_id:
            screen.focus_note(note_id)
        screen.show()
        screen.raise_()
        screen.activateWindow()
        return screen

    # search ------------------------------------------------------------------------------
    def open_search(self) -> SearchDialog:
        from consultant_app.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.store, self.current_client_id(), self)
        dialog.open_hit.connect(self.open_hit)
        dialog.open()
        return dialog

    def open_hit(self, hit: SearchHit) -> None:
        if hit.client_id:
            self.sidebar.select(hit.client_id)
        if hit.candidate_id:
            self.page.select_candidate(hit.candidate_id)
        if hit.interview_id:
            self.open_call(hit.interview_id, hit.ref_id if hit.kind == "note" else None)

    # administration ----------------------------------------------------------------------
    @returns_focus
    def edit_firm(self) -> None:
        from consultant_app.ui.dialogs.firm_dialog import FirmDialog

        dialog = FirmDialog(self.store.firm.get(), self, policy=self.security.policy)
        if dialog.exec():
            self._guard("Firm profile", lambda: self.store.firm.update(**dialog.result_value))
            self._show_firm_name()
            self.security.apply_settings()
            self.security.require_encryption()

    @returns_focus
    def edit_preferences(self) -> None:
        from consultant_app.ui.dialogs.preferences_dialog import edit_preferences

        if edit_preferences(self, self.settings, self.store, self.syncing.line, self.refresh, self.security.policy):
            self.syncing.sync_now()
        self.syncing.show_status()
        self.security.apply_settings()  # the idle lock, which Preferences may have changed

    @returns_focus
    def open_conflicts(self) -> None:
        from consultant_app.ui.admin.conflicts_view import ConflictsView

        ConflictsView(self.store, self._conflict_resolved, self).exec()

    def _conflict_resolved(self) -> None:
        self.hub.flush()
        self.syncing.show_status()

    @returns_focus
    def open_codebook(self) -> None:
        from consultant_app.ui.admin.codebook_view import CodebookView

        view = CodebookView(self.store, self)
        view.open_hit.connect(self.open_hit)  # a note chosen from "Show notes"
        view.exec()

    @returns_focus
    def open_releases(self) -> None:
        from consultant_app.ui.admin.releases_view import ReleasesView

        client_id = self.current_client_id()
        if client_id is None:
            QMessageBox.information(self, "Releases", "Choose a client first.")
            return
        ReleasesView(self.store, client_id, self).exec()

    @returns_focus
    def open_retention(self) -> None:
        """Shows what the retention policy makes due; erases what the dialog confirmed, off the GUI thread."""
        from consultant_app.ui.admin.retention_view import RetentionView, erase_in_background

        blocked = (
            "Close the call screens to erase: a call's autosave must not wait for it." if self.call_screens else ""
        )
        dialog = RetentionView(self.store.retention.due(), self.store.retention.described(), self, blocked)
        if dialog.exec() and dialog.result_value:
            erase_in_background(self, self.store, dialog.result_value, self.refresh, self.statusBar().showMessage)

    @returns_focus
    def open_guides(self) -> None:
        from consultant_app.ui.admin.guides_view import GuidesView

        GuidesView(self.store, self.current_client_id(), self).exec()

    # help --------------------------------------------------------------------------------
    @returns_focus
    def show_shortcuts(self) -> None:
        from consultant_app.ui.keys_help import show_keys

        show_keys(
            self,
            "Keyboard shortcuts",
            "<p>Enter on the table opens the call screen; Tab leaves the table for the detail pane's buttons. "
            "A call screen lists its own keys: press F1 there.</p>",
        )

    @returns_focus
    def show_about(self) -> None:
        from consultant_app.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.store.path, self).exec()

    def close_call_screens(self) -> bool:
        """Closes every call screen (each saves as it closes); False when one stays open."""
        return all(screen.close() for screen in list(self.call_screens.values()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_call_screens():
            event.ignore()
            return
        self.security.autolock.arm(0)
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        self.settings.setValue("main/client", self.current_client_id() or "")
        super().closeEvent(event)
