"""The only place with SQL: opening and migrating a workspace file, and the ``Store`` facade."""

from consultant_app.store.errors import FolderNotWritable, NotFound, WorkspaceError, WorkspaceInUse, WorkspaceLost
from consultant_app.store.store import Store

__all__ = ["FolderNotWritable", "NotFound", "Store", "WorkspaceError", "WorkspaceInUse", "WorkspaceLost"]
