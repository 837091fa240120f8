"""Light, dark or the system's theme, chosen in Preferences, applied at once and at the next start; every text
the palettes draw passes WCAG AA (4.5:1) in both themes, chips drawn on screen included; a primary button's focus
ring stands out (3:1); OK and Cancel carry no stock icons."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from consultant_app.ui.dialogs.preferences_dialog import PreferencesDialog
from consultant_app.ui.theme import (
    DARK,
    DISCLOSURE_COLORS,
    LIGHT,
    STATUS_COLORS,
    THEME_KEY,
    VISIBILITY_COLORS,
    Themed,
    apply_theme,
    colors,
    contrast,
    focus_pairs,
    text_pairs,
    theme_choice,
)
from consultant_app.ui.widgets import Chip, button

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TEXT = Themed(*({k: v[0] for k, v in VISIBILITY_COLORS.shades(dark).items()} for dark in (False, True)))


@pytest.fixture
def restore_theme(qapp):
    before = theme_choice()
    yield
    apply_theme(qapp, before)


def test_contrast_is_the_wcag_ratio():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_pair_of_the_palette_passes_wcag_aa(dark):
    pairs = text_pairs(dark)
    assert any(what == "visibility chip internal" for what, _fg, _bg in pairs)
    failing = [f"{what}: {contrast(fg, bg):.2f}" for what, fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert failing == []
    assert [what for what, fg, bg in focus_pairs(dark) if contrast(fg, bg) < 3] == []


def drawn_contrast(widget) -> float:
    """The contrast between a chip's background and the strongest pixel of its text, as drawn."""
    image = widget.grab().toImage()
    middle = image.height() // 2
    background = image.pixelColor(4, middle)
    text = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return max(contrast(background.name(), c.name()) for c in text if c.alpha() == 255)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_chips_drawn_on_screen_are_legible(qtbot, qapp, restore_theme, theme):
    apply_theme(qapp, theme)
    for text, meaning, key in (
        ("Internal", VISIBILITY_TEXT, "internal"),
        ("Anonymous", DISCLOSURE_COLORS, "anonymous"),
        ("No answer", STATUS_COLORS, "no_answer"),
        ("Completed", STATUS_COLORS, "completed"),
    ):
        chip = Chip(text, meaning, key)
        qtbot.addWidget(chip)
        chip.show()
        assert drawn_contrast(chip) >= 4.5, text


def test_a_chip_takes_the_new_themes_shades_when_the_theme_changes(qtbot, qapp, restore_theme):
    """Also a chip inside a window (Qt tells only windows that the palette changed)."""
    apply_theme(qapp, "light")
    window = QWidget()
    chip = Chip("Internal", VISIBILITY_TEXT, "internal", window)
    qtbot.addWidget(window)
    window.show()
    apply_theme(qapp, "dark")
    assert f"color: {VISIBILITY_TEXT.dark['internal']};" in chip.styleSheet()
    assert drawn_contrast(chip) >= 4.5


def ink(icon) -> int:
    """How light the opaque pixels of an icon are (0–255)."""
    image = icon.pixmap(18, 18).toImage()
    return min(
        image.pixelColor(x, y).lightness()
        for x in range(18)
        for y in range(18)
        if image.pixelColor(x, y).alpha() == 255
    )


def choose_in_preferences(qtbot, window, choice: str) -> None:
    def answer():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, PreferencesDialog)
            dialog.theme.setCurrentIndex(dialog.theme.findData(choice))
            qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.Key.Key_Space)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, answer)
    window.act_preferences.trigger()


def test_preferences_switch_the_theme_at_once_and_remember_it(qtbot, main_window, settings, restore_theme, qapp):
    apply_theme(qapp, "light")
    assert main_window.act_preferences.shortcut().toString() == "Ctrl+,"
    title = main_window.page.title
    choose_in_preferences(qtbot, main_window, "dark")
    assert theme_choice() == "dark" and settings.value(THEME_KEY) == "dark"
    assert title.palette().color(title.foregroundRole()) == QColor(DARK.text)
    background = main_window.grab().toImage().pixelColor(main_window.page.mapTo(main_window, title.pos()))
    assert background == QColor(DARK.window)
    qtbot.waitUntil(lambda: ink(main_window.act_new_candidate.icon()) > 200)  # the toolbar's icons in light ink
    choose_in_preferences(qtbot, main_window, "light")
    assert settings.value(THEME_KEY) == "light" and colors() is LIGHT
    assert title.palette().color(title.foregroundRole()) == QColor(LIGHT.text)


def test_the_chosen_theme_applies_at_start(tmp_path):
    """In a fresh process, with a settings file that says dark, on a system that asks for nothing."""
    config = tmp_path / "config"
    (config / "Debrief").mkdir(parents=True)
    (config / "Debrief" / "Debrief.conf").write_text("[appearance]\ntheme=dark\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    code = "from consultant_app.ui.app import make_application\nfrom consultant_app.ui.theme import is_dark\n"
    code += "app = make_application(['x'])\nprint(is_dark(), app.palette().window().color().name())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["True", DARK.window.lower()], out.stderr


def test_a_focused_primary_button_shows_a_clear_ring(qtbot, qapp, restore_theme):
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        dialog = QDialog()
        qtbot.addWidget(dialog)
        ok = button("Save", primary=True)
        ok.setParent(dialog)
        ok.resize(120, 34)
        dialog.show()
        ok.setFocus()
        qtbot.waitUntil(ok.hasFocus)
        image = ok.grab().toImage()
        edge = image.pixelColor(1, image.height() // 2).name()
        c = colors()
        assert contrast(edge, c.accent) >= 3 and contrast(edge, c.window) >= 3, (theme, edge)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb, whose platform theme asks for icons")
def test_dialog_buttons_carry_no_stock_icons(tmp_path):
    """Under X11 the platform asks for icons on OK and Cancel (offscreen never does): the app's style says no."""
    code = (
        "from PySide6.QtWidgets import QDialogButtonBox, QMessageBox\n"
        "from consultant_app.ui.app import make_application\n"
        "app = make_application(['x'])\n"
        "box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)\n"
        "message = QMessageBox(QMessageBox.Icon.Question, 't', 'x', QMessageBox.StandardButton.Yes | "
        "QMessageBox.StandardButton.No)\n"
        "print(sum(not b.icon().isNull() for b in box.buttons() + message.buttons()), len(box.buttons()))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.split() == ["0", "2"], out.stderr


def test_an_open_call_screen_takes_a_new_theme_at_once(qtbot, main_window, qapp):
    """Switching to dark with a call open redraws its notes, guide and header in dark colours (they stayed white
    with light-grey text, unreadable, until the screen was reopened)."""
    interview_id = main_window.store.db.execute(
        "SELECT interview_id FROM notes GROUP BY interview_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    before = theme_choice()
    screen = main_window.open_call(interview_id)
    try:
        apply_theme(qapp, "light")
        light = colors()
        apply_theme(qapp, "dark")
        dark = colors()
        card = next(iter(screen.cards.values()))
        qtbot.waitUntil(lambda: f"background: {dark.surface}" in card.styleSheet(), timeout=2000)
        assert light.surface != dark.surface
        assert f"background: {dark.surface}" in screen.header.styleSheet()
        assert dark.text in screen.guide.label.text()
    finally:
        apply_theme(qapp, before)
        screen.close()
