"""The one change-signal hub: views refresh from it, never by calling each other.

The store reports, after each committed write, the areas it touched; the hub gathers them for a moment
and emits ``changed`` once with their union, so a burst of autosaves costs one refresh (none once the
workspace is closed).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from consultant_app.store import Store


class ChangeHub(QObject):
    changed = Signal(set)

    def __init__(self, store: Store, parent: QObject | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self._pending: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._emit)
        self._store = store
        store.subscribe(self._collect)

    def _collect(self, areas: frozenset[str]) -> None:
        self._pending |= areas
        if not self._timer.isActive():
            self._timer.start()

    def _emit(self) -> None:
        areas, self._pending = self._pending, set()
        if self._store.db is not None:  # a workspace closed meanwhile has nothing left to show
            self.changed.emit(areas)

    def flush(self) -> None:
        """Emits what is pending now (tests, and before a window closes)."""
        if self._pending:
            self._timer.stop()
            self._emit()
