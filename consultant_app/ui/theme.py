"""The look of Debrief, and the one home of its colours: the shipped Inter font, a light and a dark palette
(chosen in Preferences: light, dark, or the system's), one style sheet, the colours that carry meaning
(visibility, status, disclosure, a quote's review), each in a light and a dark shade, and the text and
background pairs they make, which the tests hold to WCAG AA contrast."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QProxyStyle, QStyleFactory

from consultant_app.paths import resources_dir

FONT_FAMILY = "Inter"
THEME_KEY = "appearance/theme"
THEME_CHOICES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
CHIP_TINT = 36  # the alpha of a chip's meaning colour over the surface behind it
FIELD_BORDER, FIELD_PADDING_X = 1, 8  # a text field's border and the inset of its text from it


@dataclass(frozen=True)
class Colors:
    window: str
    surface: str
    sunken: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    sidebar: str
    sidebar_text: str
    sidebar_muted: str
    sidebar_selected: str
    selection: str
    danger: str  # error messages and destructive buttons
    focus_ring: str  # the focus outline of a primary button, clear against the accent and the window
    sidebar_hover: str
    sidebar_border: str


LIGHT = Colors(
    "#F5F6F8",
    "#FFFFFF",
    "#F0F2F5",
    "#E2E5EA",
    "#17202E",
    "#5F6B7A",
    "#2A6FDB",
    "#FFFFFF",
    "#14213D",
    "#F3F5F9",
    "#9AA7BD",
    "#25365C",
    "#DCE8FB",
    "#B42318",
    "#0B1B36",
    "#1B2B4B",
    "#3A4A6B",
)
DARK = Colors(
    "#14171C",
    "#1C2027",
    "#181B21",
    "#2C323C",
    "#E7EAEE",
    "#98A2B3",
    "#2F6FDB",
    "#FFFFFF",
    "#0E1117",
    "#E7EAEE",
    "#98A2B3",
    "#1F2A3F",
    "#22375A",
    "#FF8A80",
    "#F3F5F9",
    "#182236",
    "#34405A",
)


class Themed(Mapping):
    """A map of meaning colours whose values follow the theme in use: looked up when drawn, so a widget
    drawn after a switch of theme gets the new shade."""

    def __init__(self, light: dict, dark: dict) -> None:
        assert light.keys() == dark.keys()
        self.light, self.dark = light, dark

    def shades(self, dark: bool) -> dict:
        return self.dark if dark else self.light

    def __getitem__(self, key):
        return self.shades(is_dark())[key]

    def __iter__(self):
        return iter(self.light)

    def __len__(self) -> int:
        return len(self.light)


# Meaning carried by colour. The light shades are dark enough, the dark shades light enough, for text on
# their own tint (a chip) to pass WCAG AA. Visibility also has a soft tint for backgrounds.
_GREEN, _ORANGE, _RED = ("#087443", "#47CD89"), ("#A6410A", "#FDB022"), ("#B42318", "#FF8A80")
_BLUE, _GREY, _PURPLE, _SLATE = (
    ("#1D5BC6", "#84ADFF"),
    ("#5D6675", "#A9B2C1"),
    ("#6941C6", "#B692F6"),
    ("#344054", "#D0D5DD"),
)

VISIBILITY_COLORS = Themed(
    {"shareable": (_GREEN[0], "#E3F6EC"), "aggregate": (_ORANGE[0], "#FEF4E4"), "internal": (_RED[0], "#FDECEA")},
    {"shareable": (_GREEN[1], "#12301F"), "aggregate": (_ORANGE[1], "#33260C"), "internal": (_RED[1], "#3A1D1B")},
)
# The stripe down a note card's side: vivid, so amber and red tell apart at a glance while typing (the chip
# beside it names the visibility in text that passes AA; the stripe only repeats it).
VISIBILITY_STRIPES = Themed(
    {"shareable": "#12B76A", "aggregate": "#F79009", "internal": "#D92D20"},
    {k: v[0] for k, v in VISIBILITY_COLORS.dark.items()},
)
STATUS_COLORS = Themed(
    *(
        {
            "completed": _GREEN[s],
            "scheduled": _BLUE[s],
            "no_answer": _GREY[s],
            "refused": _RED[s],
            "withdrawn": _GREY[s],
            None: _GREY[s],
        }
        for s in (0, 1)
    )
)
REVIEW_COLORS = Themed(  # a quote's state in the quote review
    *(
        {
            "awaiting review": _ORANGE[s],
            "changed since reviewed": _ORANGE[s],
            "approved": _GREEN[s],
            "dropped": _GREY[s],
        }
        for s in (0, 1)
    )
)
QUOTE_MARKS = Themed(  # (text, background) of what the quote review marks in a quote
    {
        "hidden": ("#1D4ED8", "#DCE8FB"),  # redacted automatically
        "reviewer": ("#6941C6", "#ECE4FD"),  # hidden by the reviewer
        "check": ("#93370D", "#FEF0C7"),  # may still identify someone
    },
    {"hidden": ("#A9C5FF", "#1E3050"), "reviewer": ("#CBB8FA", "#2E2347"), "check": ("#FEC84B", "#3A2A0E")},
)
SIGNAL_COLORS = Themed(*({"good": _GREEN[s], "warn": _ORANGE[s]} for s in (0, 1)))  # a hint that is fine, or not
DISCLOSURE_COLORS = Themed(*({"named": _BLUE[s], "confidential": _PURPLE[s], "anonymous": _SLATE[s]} for s in (0, 1)))


def load_fonts() -> None:
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


_system_palette: QPalette | None = None
_choice = "system"


class _ThemeChanges(QObject):
    changed = Signal()


_changes: _ThemeChanges | None = None


def theme_changes() -> _ThemeChanges:
    """What emits ``changed`` once a new theme is in place. Qt tells only top-level windows that the application
    palette changed (an ApplicationPaletteChange event); a widget inside one that draws with theme colours of its
    own (a chip, an icon tinted to the text) listens here."""
    global _changes
    if _changes is None:
        _changes = _ThemeChanges()
    return _changes


def theme_choice() -> str:
    """The theme in use: "system", "light" or "dark"."""
    return _choice


def saved_choice(settings: QSettings) -> str:
    value = settings.value(THEME_KEY, "system")
    return value if value in THEME_CHOICES else "system"


def is_dark() -> bool:
    """Whether the chosen theme is dark; with "system", whether the system asks for dark colours (its colour
    scheme, else its own palette)."""
    global _system_palette
    if _choice != "system":
        return _choice == "dark"
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    if _system_palette is None:
        _system_palette = QGuiApplication.palette()
    return _system_palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors() -> Colors:
    return DARK if is_dark() else LIGHT


def blend(color: str, behind: str, alpha: int) -> str:
    """``color`` at ``alpha`` (0–255) laid over the opaque ``behind``."""
    top, back = QColor(color), QColor(behind)
    mix = [round(a * alpha / 255 + b * (1 - alpha / 255)) for a, b in zip(top.getRgb()[:3], back.getRgb()[:3])]
    return QColor(*mix).name().upper()


def chip_colors(color: str, c: Colors | None = None) -> tuple[str, str]:
    """A chip's (text, background) for a meaning colour: the colour on its own tint over the surface, opaque so
    that a selected table row behind it changes nothing."""
    c = c or colors()
    return color, blend(color, c.surface, CHIP_TINT)


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""

    def luminance(color: str) -> float:
        channels = [v / 255 for v in QColor(color).getRgb()[:3]]
        r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(dark: bool) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) pair the theme draws text with: plain text, muted text, errors,
    primary buttons (the lock screen's Unlock too), the sidebar, and every chip and mark."""
    c = DARK if dark else LIGHT
    pairs = [
        (f"{fg} on {bg}", getattr(c, fg), getattr(c, bg))
        for fg, backgrounds in {
            "text": ("window", "surface", "sunken", "selection"),
            "muted": ("window", "surface", "sunken"),
            "danger": ("window", "surface"),
            "accent_text": ("accent",),
            "sidebar_text": ("sidebar", "sidebar_selected", "sidebar_hover"),
            "sidebar_muted": ("sidebar", "sidebar_selected", "sidebar_hover"),
        }.items()
        for bg in backgrounds
    ]
    for name, meaning in (
        ("status", STATUS_COLORS),
        ("disclosure", DISCLOSURE_COLORS),
        ("review", REVIEW_COLORS),
        ("visibility", {k: v[0] for k, v in VISIBILITY_COLORS.shades(dark).items()}),
    ):
        shades = meaning.shades(dark) if isinstance(meaning, Themed) else meaning
        pairs += [(f"{name} chip {code}", *chip_colors(color, c)) for code, color in shades.items()]
    pairs += [
        (f"{k} hint on {bg}", v, getattr(c, bg))
        for k, v in SIGNAL_COLORS.shades(dark).items()
        for bg in ("window", "surface")
    ]
    pairs += [(f"visibility on its soft tint {k}", *v) for k, v in VISIBILITY_COLORS.shades(dark).items()]
    pairs += [(f"quote mark {k}", *v) for k, v in QUOTE_MARKS.shades(dark).items()]
    return pairs


def focus_pairs(dark: bool) -> list[tuple[str, str, str]]:
    """The marks that are not text and what they must stand out from (WCAG 3:1 for user interface components): a
    primary button's focus outline, the ring of a radio button or check box and the mark it shows when chosen."""
    c = DARK if dark else LIGHT
    pairs = [(f"focus ring on {bg}", c.focus_ring, getattr(c, bg)) for bg in ("accent", "window", "surface")]
    for what, fg in (("radio ring", c.muted), ("radio dot", c.accent), ("check box ring", c.muted)):
        pairs += [(f"{what} on {bg}", fg, getattr(c, bg)) for bg in ("window", "surface")]
    return pairs + [("check box tick on its box", c.accent_text, c.accent)]


def apply_theme(app: QApplication, choice: str | None = None) -> None:
    """Sets font, palette and style sheet for the chosen theme (``choice``, else the one in use)."""
    global _choice
    if choice is not None:
        _choice = choice if choice in THEME_CHOICES else "system"
    app.setStyle(_FieldStyle(QStyleFactory.create("Fusion")))
    font = QFont(FONT_FAMILY, 10)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    c = colors()
    palette = QPalette()
    for role, value in {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.sunken,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.accent_text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
    }.items():
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(c))
    theme_changes().changed.emit()


class _FieldStyle(QProxyStyle):
    """Fusion, with the text of a spin box or date field inset like a line edit's. The style sheet's padding does
    not reach them: Qt's style sheet places a spin box's text field at the box's left edge whatever its border and
    padding, so "80,000 EUR" touched the border."""

    def polish(self, target):
        super().polish(target)
        if isinstance(target, QAbstractSpinBox):
            target.lineEdit().setTextMargins(FIELD_BORDER + FIELD_PADDING_X, 0, 0, 0)


def _icon_path(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").as_posix()


def style_sheet(c: Colors) -> str:
    return f"""
    QWidget {{ font-family: "{FONT_FAMILY}"; }}
    QMainWindow, QDialog {{ background: {c.window}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; padding: 4px 6px; }}
    QToolBar {{ background: {c.surface}; border: none; border-bottom: 1px solid {c.border}; padding: 6px 10px;
        spacing: 6px; }}
    QToolBar QToolButton {{ padding: 6px 10px; border-radius: 6px; color: {c.text}; }}
    QToolBar QToolButton:hover {{ background: {c.sunken}; }}
    QToolBar QToolButton:disabled {{ color: {c.muted}; }}
    QStatusBar {{ background: {c.surface}; border-top: 1px solid {c.border}; color: {c.muted}; }}
    QStatusBar QLabel {{ color: {c.muted}; padding: 0 8px; }}
    QMenuBar {{ background: {c.surface}; border-bottom: 1px solid {c.border}; }}
    QMenuBar::item {{ padding: 5px 10px; background: transparent; }}
    QMenuBar::item:selected {{ background: {c.sunken}; border-radius: 4px; }}
    QMenu {{ background: {c.surface}; border: 1px solid {c.border}; padding: 4px; }}
    QMenu::item {{ padding: 6px 24px 6px 12px; border-radius: 4px; }}
    QMenu::item:selected {{ background: {c.selection}; color: {c.text}; }}
    QMenu::item:disabled {{ color: {c.muted}; }}
    QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 8px; }}

    #Sidebar {{ background: {c.sidebar}; }}
    #Sidebar QLabel {{ color: {c.sidebar_muted}; }}
    #SidebarTitle {{ color: {c.sidebar_text}; font-size: 15px; font-weight: 600; }}
    #SidebarCaption {{ color: {c.sidebar_muted}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
    #Sidebar QListView {{ background: transparent; border: none; color: {c.sidebar_text}; outline: 0; }}
    #Sidebar QPushButton {{ background: transparent; color: {c.sidebar_text}; border: 1px solid {c.sidebar_border};
        border-radius: 6px; padding: 7px 10px; text-align: left; }}
    #Sidebar QPushButton:hover {{ background: {c.sidebar_selected}; }}

    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit {{
        background: {c.surface}; border: {FIELD_BORDER}px solid {c.border}; border-radius: 6px;
        padding: 5px {FIELD_PADDING_X}px; selection-background-color: {c.accent}; color: {c.text}; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
    QDoubleSpinBox:focus, QDateEdit:focus, QDateTimeEdit:focus {{ border: 1px solid {c.accent}; }}
    QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled, QComboBox:disabled, QSpinBox:disabled,
    QDoubleSpinBox:disabled, QDateEdit:disabled, QDateTimeEdit:disabled {{ background: {c.sunken}; color: {c.muted}; }}
    QComboBox::drop-down {{ border: none; width: 22px; }}
    QComboBox::down-arrow {{ image: url("{_icon_path("chevron-down")}"); width: 14px; height: 14px; }}
    QAbstractSpinBox::up-button, QAbstractSpinBox::down-button, QDateTimeEdit::drop-down {{ border: none;
        width: 18px; }}
    QAbstractSpinBox::up-arrow {{ image: url("{_icon_path("chevron-up")}"); width: 12px; height: 12px; }}
    QAbstractSpinBox::down-arrow, QDateEdit::down-arrow, QDateTimeEdit::down-arrow {{
        image: url("{_icon_path("chevron-down")}"); width: 12px; height: 12px; }}
    QComboBox QAbstractItemView {{ background: {c.surface}; border: 1px solid {c.border};
        selection-background-color: {c.selection}; selection-color: {c.text}; }}
    QPushButton {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px;
        padding: 6px 14px; color: {c.text}; }}
    QPushButton:hover {{ background: {c.sunken}; }}
    QPushButton:focus {{ border: 1px solid {c.accent}; }}
    QPushButton:disabled {{ color: {c.muted}; }}
    QPushButton[primary="true"] {{ background: {c.accent}; color: {c.accent_text};
        border: 1px solid {c.accent}; font-weight: 600; }}
    QPushButton[primary="true"]:hover {{ background: {QColor(c.accent).darker(112).name()}; }}
    QPushButton[primary="true"]:focus {{ border: 2px solid {c.focus_ring}; padding: 5px 13px; }}
    QPushButton[primary="true"]:disabled {{ background: {c.sunken}; color: {c.muted}; border: 1px solid {c.border}; }}
    QPushButton[danger="true"] {{ color: {c.danger}; }}
    QPushButton[danger="true"]:disabled {{ color: {c.muted}; }}
    QCheckBox, QRadioButton {{ spacing: 8px; color: {c.text}; }}
    QCheckBox::indicator, QListView::indicator, QTableView::indicator {{ width: 14px; height: 14px;
        border: 1px solid {c.muted}; border-radius: 3px; background: {c.surface}; }}
    QCheckBox::indicator:checked, QListView::indicator:checked, QTableView::indicator:checked {{
        background: {c.accent}; border: 1px solid {c.accent}; image: url("{_icon_path("check-white")}"); }}
    QRadioButton::indicator {{ width: 14px; height: 14px; border: 1px solid {c.muted}; border-radius: 8px;
        background: {c.surface}; }}
    QRadioButton::indicator:checked {{ border: 1px solid {c.accent}; background: qradialgradient(cx: 0.5, cy: 0.5,
        radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {c.accent}, stop: 0.55 {c.accent}, stop: 0.65 {c.surface},
        stop: 1 {c.surface}); }}
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {c.border}; }}

    QTableView {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
        gridline-color: transparent;
        selection-background-color: {c.selection}; selection-color: {c.text};
            alternate-background-color: {c.surface}; }}
    QTableView::item {{ padding: 0 8px; border-bottom: 1px solid {c.sunken}; }}
    QHeaderView::section {{ background: {c.surface}; color: {c.muted}; border: none;
        border-bottom: 1px solid {c.border};
        padding: 8px; font-size: 11px; font-weight: 600; text-transform: uppercase; }}
    QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
    QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 4px; min-height: 30px; }}
    QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
    QScrollBar::handle:horizontal {{ background: {c.border}; border-radius: 4px; min-width: 30px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
    QSplitter::handle {{ background: {c.border}; }}
    QTabWidget::pane {{ border: 1px solid {c.border}; border-radius: 8px; background: {c.surface}; top: -1px; }}
    QTabBar::tab {{ padding: 8px 14px; color: {c.muted}; border: none; }}
    QTabBar::tab:selected {{ color: {c.text}; border-bottom: 2px solid {c.accent}; }}
    QListWidget {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px; outline: 0; }}
    QListWidget::item {{ padding: 4px 6px; }}
    QListWidget::item:selected {{ background: {c.selection}; color: {c.text}; }}
    #ThemeTree {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px; outline: 0;
        selection-background-color: {c.selection}; selection-color: {c.text}; }}
    #ThemeTree::item {{ padding: 5px 4px; border-bottom: 1px solid {c.sunken}; }}
    #ThemeTree::item:selected, #ThemeTree::branch:selected {{ background: {c.selection}; color: {c.text}; }}
    QScrollArea {{ border: none; background: transparent; }}

    #Card {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 10px; }}
    #PageTitle {{ font-size: 20px; font-weight: 600; color: {c.text}; }}
    #SectionTitle {{ font-size: 13px; font-weight: 600; color: {c.text}; }}
    #Muted {{ color: {c.muted}; }}
    #Error {{ color: {c.danger}; }}
    #FieldLabel {{ color: {c.muted}; font-size: 11px; font-weight: 600; }}
    #SavedIndicator {{ color: {c.muted}; }}
    #KpiValue {{ font-size: 24px; font-weight: 600; color: {c.text}; }}
    #Segmented {{ background: {c.sunken}; border: 1px solid {c.border}; border-radius: 8px; }}
    #Segmented QPushButton {{ background: transparent; border: 1px solid transparent; border-radius: 6px;
        padding: 4px 14px; color: {c.muted}; font-weight: 600; }}
    #Segmented QPushButton:checked {{ background: {c.surface}; border: 1px solid {c.border}; color: {c.text}; }}
    #Segmented QPushButton:focus {{ border: 1px solid {c.accent}; }}
    """
