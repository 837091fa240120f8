"""sqlite-utils without its optional pandas and numpy support, and ``wrap`` for a connection.

sqlite-utils imports pandas and numpy whenever they are installed (matplotlib brings numpy), only
to convert their values, which Debrief never passes. Hiding them while it loads keeps more than
half a second off the app's start; they import normally afterwards for whoever needs them. It is
first imported when a workspace opens, on the thread that opens it (the GUI thread in the app).
"""

import sys

from consultant_app.store.engine import sqlite

_hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # makes "import pandas" inside sqlite-utils fail fast
try:
    from sqlite_utils import Database, Migrations
finally:
    for _name in _hidden:
        del sys.modules[_name]

__all__ = ["Database", "Migrations", "wrap"]


def wrap(conn: sqlite.Connection) -> Database:
    """The connection as a sqlite-utils ``Database`` (for migrations and transactions)."""
    return Database(conn, execute_plugins=False)
