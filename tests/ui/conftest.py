"""Widget-test fixtures: the app's real theme, a real store in a temp folder, throwaway settings."""

from __future__ import annotations

import pytest
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
