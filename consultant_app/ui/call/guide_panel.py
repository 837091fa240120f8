"""The client's interview guide beside the notes: the current section's questions up front, the
others below, so the consultant never loses the thread of the call."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from consultant_app.domain.model import Guide
from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.ui.theme import colors


class GuidePanel(QScrollArea):
    def __init__(self, guide: Guide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # to read, not a field: Tab goes from the notes to the answers
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 12, 14)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label)
        layout.addStretch()
        self.setWidget(body)
        self.show_section("right")

    def show_section(self, current: str) -> None:
        c = colors()
        parts = [
            f"<div style='font-size:11px; font-weight:600; color:{c.muted}; letter-spacing:1px'>"
            f"INTERVIEW GUIDE · {html.escape(self.guide.name.upper())}</div>"
        ]
        order = [current] + [s for s in NOTE_SECTIONS if s != current]
        for section in order:
            questions = self.guide.questions.get(section) or []
            if not questions and section != current:
                continue
            active = section == current
            color = c.text if active else c.muted
            parts.append(
                f"<p style='margin-top:14px; font-weight:600; color:{color}; font-size:{14 if active else 12}px'>"
                f"{html.escape(NOTE_SECTIONS[section])}</p>"
            )
            if not questions:
                parts.append(f"<p style='color:{c.muted}'>No questions in the guide for this section.</p>")
            items = "".join(f"<li style='margin-bottom:6px'>{html.escape(q)}</li>" for q in questions)
            parts.append(
                f"<ol style='color:{color}; margin-left:-20px; font-size:{13 if active else 12}px'>{items}</ol>"
            )
        self.label.setText("".join(parts))
