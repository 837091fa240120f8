"""The call screen's header: who is on the call (name, client and role), their disclosure always in view as a
chip, and the call timer with its start and stop button (F9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consultant_app.domain.taxonomy import DISCLOSURES
from consultant_app.session import CallSession
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import DISCLOSURE_COLORS, colors
from consultant_app.ui.widgets import Chip

DISCLOSURE_TIPS = {
    "named": "Named: the client may learn who said what.",
    "confidential": "Confidential: never reveal this person to the client.",
    "anonymous": "Anonymous: the identity is erased when the interview is completed.",
}


class CallHeader(QWidget):
    def __init__(self, resumed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallHeader")
        self.restyle()
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        text = QVBoxLayout()
        self.name_label = QLabel()
        self.name_label.setObjectName("PageTitle")
        self.meta_label = QLabel()
        self.meta_label.setObjectName("Muted")
        text.addWidget(self.name_label)
        text.addWidget(self.meta_label)
        row.addLayout(text)
        self.disclosure_chip = Chip()
        row.addWidget(self.disclosure_chip, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch()
        self.timer_label = QLabel("00:00")
        self.timer_label.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.timer_button = QPushButton("Resume timer" if resumed else "Start call")
        self.timer_button.setProperty("primary", True)
        self.timer_button.setIcon(icon("play", "#FFFFFF", 16))
        self.timer_button.setToolTip("F9")
        self.timer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.timer_label)
        row.addSpacing(10)
        row.addWidget(self.timer_button)

    def restyle(self) -> None:
        """Colours of the theme in use (again after the theme changes)."""
        c = colors()
        self.setStyleSheet(f"#CallHeader {{ background: {c.surface}; border-bottom: 1px solid {c.border}; }}")

    def show_candidate(self, s: CallSession) -> None:
        self.name_label.setText(s.candidate.full_name)
        role = f"{s.role.title} · {s.role.location or ''}".rstrip(" ·") if s.role else "No role"
        self.meta_label.setText(f"{s.client.name} · {role}")
        self.disclosure_chip.set(DISCLOSURES[s.candidate.disclosure], DISCLOSURE_COLORS, s.candidate.disclosure)
        self.disclosure_chip.setToolTip(DISCLOSURE_TIPS[s.candidate.disclosure])

    def show_running(self, running: bool) -> None:
        self.timer_button.setText("Stop" if running else "Resume timer")
        self.timer_button.setIcon(icon("square" if running else "play", "#FFFFFF", 16))

    def show_time(self, seconds: int) -> None:
        self.timer_label.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")
