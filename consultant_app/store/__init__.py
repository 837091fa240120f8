"""The only place with SQL: opening and migrating a workspace file, and the ``Store`` facade."""

from consultant_app.store.errors import NotFound, WorkspaceError
from consultant_app.store.store import Store

__all__ = ["NotFound", "Store", "WorkspaceError"]
