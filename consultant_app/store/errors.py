"""Errors the store raises with a message fit to show a user as it is."""


class WorkspaceError(Exception):
    """A workspace file cannot be opened or written; the message says why in plain words."""


class NotFound(WorkspaceError):
    """A record asked for by id or name does not exist."""


class WorkspaceInUse(WorkspaceError):
    """Another Debrief window or command holds the workspace's lock."""


class WorkspaceLost(WorkspaceError):
    """The open workspace file or its write-ahead log was removed or replaced by another program."""


class FolderNotWritable(WorkspaceError):
    """The workspace's folder cannot be created or written to (read-only, no permission, not a folder)."""

    def __init__(self, workspace, reason: str) -> None:
        self.folder = workspace.parent
        if workspace.exists():
            message = (
                f"{workspace} is in a place Debrief cannot write to ({reason}). Copy it to a folder you can "
                "write to, or restore it from a backup there."
            )
        else:
            message = f"Debrief cannot create a workspace in {self.folder} ({reason})."
        super().__init__(message)


class PassphraseNeeded(WorkspaceError):
    """The workspace (or backup) is encrypted and no passphrase was given."""


class WrongPassphrase(WorkspaceError):
    """The passphrase given does not open the encrypted workspace (or backup)."""
