"""The core imports and works without Qt, reportlab or matplotlib (they stay in ui/ and reports/)."""

import subprocess
import sys

CODE = """
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('blocked ' + name)

sys.meta_path.insert(0, Block())
import consultant_app.cli, consultant_app.cli_commands, consultant_app.demo, consultant_app.interchange
import consultant_app.store, consultant_app.domain.confidentiality
from consultant_app.cli import main
assert main(['--db', sys.argv[1], 'demo', '--interviews', '20']) == 0
loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab', 'matplotlib')]
assert not loaded, loaded
print('ok')
"""


def test_core_runs_without_pyside6(tmp_path):
    result = subprocess.run([sys.executable, "-c", CODE, str(tmp_path / "w.db")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


WINDOW = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from consultant_app.ui.app import make_application
from consultant_app.store import Store
from consultant_app.ui.main_window import MainWindow
app = make_application(['t'])
folder = Path(tempfile.mkdtemp())
window = MainWindow(Store.open(folder / 'w.db'), QSettings(str(folder / 's.ini'), QSettings.Format.IniFormat))
window.show()
app.processEvents()
loaded = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'matplotlib', 'svglib')]
assert not loaded, loaded
print('ok')
"""


def test_the_window_opens_without_loading_the_report_libraries():
    import os

    result = subprocess.run(
        [sys.executable, "-c", WINDOW],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
