"""The frozen app's entry point: the ``consultant-app`` command's ``main`` (no arguments opens the desktop app,
a command runs it from a terminal). ``freeze_support`` lets the dataset's pool of redaction processes start
from the frozen executable, which has no Python to run them with otherwise."""

import sys
from multiprocessing import freeze_support

from consultant_app.cli import main

if __name__ == "__main__":
    freeze_support()
    sys.exit(main())
