"""The look of Debrief: the shipped Inter font, light and dark palettes that follow the system,
one style sheet, and the colours that carry meaning (visibility, status, disclosure)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from consultant_app.paths import resources_dir

FONT_FAMILY = "Inter"


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
)
DARK = Colors(
    "#14171C",
    "#1C2027",
    "#181B21",
    "#2C323C",
    "#E7EAEE",
    "#98A2B3",
    "#4C8DF0",
    "#FFFFFF",
    "#0E1117",
    "#E7EAEE",
    "#7D8899",
    "#1F2A3F",
    "#22375A",
)

# Meaning carried by colour, each with a light tint for backgrounds.
VISIBILITY_COLORS = {
    "shareable": ("#12835A", "#E3F6EC"),
    "aggregate": ("#B54708", "#FEF4E4"),
    "internal": ("#B42318", "#FDECEA"),
}
STATUS_COLORS = {
    "completed": "#12835A",
    "scheduled": "#2A6FDB",
    "no_answer": "#7A8494",
    "refused": "#B42318",
    "withdrawn": "#7A8494",
    None: "#7A8494",
}
REVIEW_COLORS = {  # a quote's state in the quote review
    "awaiting review": "#B54708",
    "changed since reviewed": "#B54708",
    "approved": "#12835A",
    "dropped": "#7A8494",
}
QUOTE_MARKS = {  # (text, background) of what the quote review marks in a quote
    "hidden": ("#1D4ED8", "#DCE8FB"),  # redacted automatically
    "reviewer": ("#6941C6", "#ECE4FD"),  # hidden by the reviewer
    "check": ("#93370D", "#FEF0C7"),  # may still identify someone
}
DISCLOSURE_COLORS = {"named": "#2A6FDB", "confidential": "#6941C6", "anonymous": "#344054"}


def load_fonts() -> None:
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


_system_palette: QPalette | None = None


def is_dark() -> bool:
    """Whether the system asks for dark colours (its colour scheme, else its own palette)."""
    global _system_palette
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    if _system_palette is None:
        _system_palette = QGuiApplication.palette()
    return _system_palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors() -> Colors:
    return DARK if is_dark() else LIGHT


def apply_theme(app: QApplication) -> None:
    """Sets font, palette and style sheet for the current system colour scheme."""
    app.setStyle("Fusion")
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


def _icon_path(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").as_posix()


def style_sheet(c: Colors) -> str:
    return f"""
    QWidget {{ font-family: "{FONT_FAMILY}"; }}
    QMainWindow, QDialog {{ background: {c.window}; }}
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
    QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 8px; }}

    #Sidebar {{ background: {c.sidebar}; }}
    #Sidebar QLabel {{ color: {c.sidebar_muted}; }}
    #SidebarTitle {{ color: {c.sidebar_text}; font-size: 15px; font-weight: 600; }}
    #SidebarCaption {{ color: {c.sidebar_muted}; font-size: 11px; font-weight: 600; letter-spacing: 1px; }}
    #Sidebar QListView {{ background: transparent; border: none; color: {c.sidebar_text}; outline: 0; }}
    #Sidebar QPushButton {{ background: transparent; color: {c.sidebar_text}; border: 1px solid #3A4A6B;
        border-radius: 6px; padding: 7px 10px; text-align: left; }}
    #Sidebar QPushButton:hover {{ background: {c.sidebar_selected}; }}

    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit {{
        background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px; padding: 5px 8px;
        selection-background-color: {c.accent}; color: {c.text}; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
    QDoubleSpinBox:focus, QDateEdit:focus, QDateTimeEdit:focus {{ border: 1px solid {c.accent}; }}
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
    QPushButton[danger="true"] {{ color: #B42318; }}
    QPushButton[danger="true"]:disabled {{ color: {c.muted}; }}
    QCheckBox, QRadioButton {{ spacing: 8px; color: {c.text}; }}
    QCheckBox::indicator, QListView::indicator, QTableView::indicator {{ width: 14px; height: 14px;
        border: 1px solid {c.muted}; border-radius: 3px; background: {c.surface}; }}
    QCheckBox::indicator:checked, QListView::indicator:checked, QTableView::indicator:checked {{
        background: {c.accent}; border: 1px solid {c.accent}; image: url("{_icon_path("check-white")}"); }}

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
    QScrollArea {{ border: none; background: transparent; }}

    #Card {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 10px; }}
    #PageTitle {{ font-size: 20px; font-weight: 600; color: {c.text}; }}
    #SectionTitle {{ font-size: 13px; font-weight: 600; color: {c.text}; }}
    #Muted {{ color: {c.muted}; }}
    #FieldLabel {{ color: {c.muted}; font-size: 11px; font-weight: 600; }}
    #SavedIndicator {{ color: {c.muted}; }}
    """
