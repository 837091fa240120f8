"""Child process for the app-open benchmark: opens the real main window on a workspace (or, with
--bare, a bare PySide6 window), waits until it is painted and idle, then prints its peak memory (``VmHWM``) as
the JSON of a ``bench.measure.Run``."""

import argparse
import sys

from bench.measure import Run, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--encrypted", action="store_true", help="the passphrase is in $BENCH_PASSPHRASE")
    args = parser.parse_args()
    if args.bare:
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication(sys.argv)
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
    else:
        import os
        import tempfile
        from pathlib import Path

        from consultant_app.store import Store  # before Qt, as the app's own start does (``cli.main``)

        store = Store.open(args.db, passphrase=os.environ["BENCH_PASSPHRASE"] if args.encrypted else None)
        from PySide6.QtCore import QSettings

        from consultant_app.ui.app import make_application
        from consultant_app.ui.main_window import MainWindow

        app = make_application(sys.argv)
        settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
    from PySide6.QtCore import QTimer

    window.resize(1400, 860)
    window.show()
    QTimer.singleShot(0, app.quit)  # runs once the window is shown and the event queue is drained
    app.exec()
    print(Run(peak_mb=peak_mb()).to_json())


if __name__ == "__main__":
    main()
