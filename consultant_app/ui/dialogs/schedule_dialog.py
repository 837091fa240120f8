"""Schedule an interview with a candidate: when, who calls (the default consultant of Preferences filled in), and
how."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QWidget

from consultant_app.domain.model import Interview
from consultant_app.domain.taxonomy import CHANNELS
from consultant_app.ui.dialogs.form import DateTimeEdit, FormDialog


class ScheduleDialog(FormDialog):
    def __init__(
        self,
        candidate_id: str,
        candidate_label: str,
        consultants: list[str],
        parent: QWidget | None = None,
        consultant: str = "",
    ) -> None:
        super().__init__("Schedule interview", f"A declined-offer interview with {candidate_label}.", parent)
        self.candidate_id = candidate_id
        start = QDateTime.currentDateTime().addDays(1)
        start.setTime(QTime(10, 0))
        self.when = DateTimeEdit(start, calendarPopup=True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.add_row("When", self.when)
        self.consultant = QComboBox(editable=True)
        self.consultant.addItems(consultants)
        if consultant:
            self.consultant.setCurrentText(consultant)
        self.add_row("Consultant", self.consultant)
        self.channel = QComboBox()
        for code, name in CHANNELS.items():
            self.channel.addItem(name, code)
        self.add_row("Channel", self.channel)

    def collect(self) -> Interview:
        consultant = " ".join(self.consultant.currentText().split()) or None
        return Interview(
            candidate_id=self.candidate_id,
            status="scheduled",
            scheduled_at=self.when.dateTime().toString("yyyy-MM-ddTHH:mm:00"),
            consultant=consultant,
            channel=self.channel.currentData(),
        )
