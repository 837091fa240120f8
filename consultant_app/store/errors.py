"""Errors the store raises with a message fit to show a user as it is."""


class WorkspaceError(Exception):
    """A workspace file cannot be opened or written; the message says why in plain words."""


class NotFound(WorkspaceError):
    """A record asked for by id or name does not exist."""
