"""A theme switch reaches every widget that draws with theme colours of its own, not only the windows: the main
window's detail pane (its chips and its buttons' icons) and a call screen's disclosure chip take the new theme at
once, without moving to another row or reopening the call. Radio buttons and check boxes show their ring and their
mark clearly (3:1 against what is behind them) in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QPushButton, QRadioButton, QStyle, QStyleOptionButton

from consultant_app.ui.theme import (
    DARK,
    DISCLOSURE_COLORS,
    LIGHT,
    STATUS_COLORS,
    apply_theme,
    chip_colors,
    contrast,
    focus_pairs,
    theme_choice,
)
from consultant_app.ui.widgets import Chip
from tests.ui.test_small_screens import select_completed
from tests.ui.test_theme_contrast import choose_in_preferences


@pytest.fixture
def restore_theme(qapp):
    before = theme_choice()
    yield
    apply_theme(qapp, before)


def shown_chips(window) -> dict[str, str]:
    return {chip.text(): chip.styleSheet() for chip in window.detail.findChildren(Chip) if chip.isVisible()}


def expected_chips(window, dark: bool) -> dict[str, str]:
    """Each chip of the selected row's pane, with the (text, background) of its meaning in the theme."""
    c = DARK if dark else LIGHT
    row = window.page.current_row()
    candidate = window.store.candidates.get(row.candidate_id)
    interview = window.store.interviews.get(row.interview_id)
    return {
        "disclosure": chip_colors(DISCLOSURE_COLORS.shades(dark)[candidate.disclosure], c),
        "status": chip_colors(STATUS_COLORS.shades(dark)[interview.status], c),
    }


def ink(icon) -> int:
    """How light the opaque pixels of a 16-pixel icon are (0–255)."""
    image = icon.pixmap(16, 16).toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return min(p.lightness() for p in pixels if p.alpha() == 255)


def pane_button(window, text: str) -> QPushButton:
    [b] = [b for b in window.detail.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    return b


def test_the_detail_pane_takes_a_new_theme_at_once(qtbot, main_window, qapp, restore_theme):
    """Its chips stayed in the old theme's shades and its buttons' icons dark on dark until another row was shown."""
    apply_theme(qapp, "light")
    select_completed(main_window)
    qtbot.wait(10)
    for choice, dark in (("dark", True), ("light", False)):
        choose_in_preferences(qtbot, main_window, choice)
        qtbot.wait(10)
        sheets = " ".join(shown_chips(main_window).values())
        for what, (fg, bg) in expected_chips(main_window, dark).items():
            assert f"color: {fg}" in sheets and f"background: {bg}" in sheets, (choice, what, sheets)
        for text in ("Schedule", "Edit", "Withdraw consent"):
            light_ink = ink(pane_button(main_window, text).icon()) > 200
            assert light_ink == dark, (choice, text)


def test_the_call_screens_disclosure_chip_takes_a_new_theme(qtbot, main_window, qapp, restore_theme):
    apply_theme(qapp, "light")
    select_completed(main_window)
    row = main_window.page.current_row()
    disclosure = main_window.store.candidates.get(row.candidate_id).disclosure
    screen = main_window.open_call(row.interview_id)
    try:
        for choice, c in (("dark", DARK), ("light", LIGHT)):
            apply_theme(qapp, choice)
            fg, bg = chip_colors(DISCLOSURE_COLORS.shades(c is DARK)[disclosure], c)
            sheet = screen.header.disclosure_chip.styleSheet()
            assert f"color: {fg}" in sheet and f"background: {bg}" in sheet, (choice, sheet)
    finally:
        screen.close()


def indicator(button) -> tuple[list[QColor], QColor]:
    """The pixels of a radio button's or check box's indicator as drawn, and the one at its centre."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = QStyle.SubElement.SE_RadioButtonIndicator
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxIndicator
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    pixels = [image.pixelColor(QPoint(x, y)) for x in range(rect.left(), rect.right()) for y in range(rect.height())]
    return pixels, image.pixelColor(rect.center())


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox])
def test_radio_buttons_and_check_boxes_show_their_ring_and_their_mark(qtbot, qapp, restore_theme, dark, kind):
    """In dark a radio button's ring and dot were all but invisible (1.3:1)."""
    apply_theme(qapp, "dark" if dark else "light")
    c = DARK if dark else LIGHT
    for checked in (False, True):
        button = kind("Anonymous")
        button.setChecked(checked)
        qtbot.addWidget(button)
        button.show()
        pixels, centre = indicator(button)
        ring = max(contrast(c.window, p.name()) for p in pixels)
        assert ring >= 3, (checked, ring)
        if checked:  # the dot (or the tick's box) fills the centre
            assert contrast(c.window, centre.name()) >= 3, centre.name()
    assert [what for what, fg, bg in focus_pairs(dark) if contrast(fg, bg) < 3] == []
    assert {"radio ring on surface", "radio dot on surface"} <= {what for what, _fg, _bg in focus_pairs(dark)}
