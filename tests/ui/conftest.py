"""Widget-test fixtures: the app's real theme, a real store in a temp folder, throwaway settings, and a real
``keyring`` backend that keeps passwords in a dict (no test touches the keyring of the computer it runs on)."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from consultant_app.demo import create_demo_workspace
from consultant_app.ui.app import make_application


@pytest.fixture(scope="session")
def qapp():
    return make_application(["pytest"])


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_store(store):
    create_demo_workspace(store, clients=2, interviews=700, seed=9)
    return store


@pytest.fixture
def main_window(qtbot, demo_store, settings):
    from consultant_app.ui.main_window import MainWindow

    window = MainWindow(demo_store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


class DictKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def ring():
    """An empty keyring for the test, in a dict."""
    before = keyring.get_keyring()
    installed = DictKeyring()
    keyring.set_keyring(installed)
    yield installed
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    """A computer whose keyring cannot store anything."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)
