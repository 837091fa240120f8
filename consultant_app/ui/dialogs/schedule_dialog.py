"""Schedule an interview with a candidate: when, who calls (the default consultant of Preferences filled in), and
how; or interviews for several candidates at once, one after another (every call's usual length apart, unless the
consultant chooses otherwise), saying first whom the scheduling leaves out and warning of calls that would clash."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from consultant_app.domain.model import Interview
from consultant_app.domain.taxonomy import CHANNELS
from consultant_app.domain.wording import plural
from consultant_app.interchange.calendar import DEFAULT_MINUTES
from consultant_app.ui.dialogs.form import DateTimeEdit, FormDialog


class _InterviewForm(FormDialog):
    """When, who calls and how: the fields every scheduling asks."""

    def __init__(self, title: str, subtitle: str, consultants: list[str], parent: QWidget | None, consultant: str):
        super().__init__(title, subtitle, parent)
        start = QDateTime.currentDateTime().addDays(1)
        start.setTime(QTime(10, 0))
        self.when = DateTimeEdit(start, calendarPopup=True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.consultant = QComboBox(editable=True)
        self.consultant.addItems(consultants)
        if consultant:
            self.consultant.setCurrentText(consultant)
        self.channel = QComboBox()
        for code, name in CHANNELS.items():
            self.channel.addItem(name, code)

    def chosen_consultant(self) -> str | None:
        return " ".join(self.consultant.currentText().split()) or None


class ScheduleDialog(_InterviewForm):
    def __init__(
        self,
        candidate_id: str,
        candidate_label: str,
        consultants: list[str],
        parent: QWidget | None = None,
        consultant: str = "",
    ) -> None:
        super().__init__(
            "Schedule interview", f"A declined-offer interview with {candidate_label}.", consultants, parent, consultant
        )
        self.candidate_id = candidate_id
        self.add_row("When", self.when)
        self.add_row("Consultant", self.consultant)
        self.add_row("Channel", self.channel)

    def collect(self) -> Interview:
        return Interview(
            candidate_id=self.candidate_id,
            status="scheduled",
            scheduled_at=self.when.dateTime().toString("yyyy-MM-ddTHH:mm:00"),
            consultant=self.chosen_consultant(),
            channel=self.channel.currentData(),
        )


@dataclass(frozen=True)
class ManyInterviews:
    """What the dialog for several asks: the first call's time, and how many minutes apart the calls start."""

    scheduled_at: str
    consultant: str | None
    channel: str | None
    minutes_apart: int


class ScheduleManyDialog(_InterviewForm):
    """Interviews for ``count`` candidates; ``left_out`` says beforehand whom the scheduling leaves out and why."""

    def __init__(
        self, count: int, left_out: str, consultants: list[str], parent: QWidget | None = None, consultant: str = ""
    ) -> None:
        super().__init__(
            "Schedule interviews",
            f"One declined-offer interview for each of {plural(count, 'candidate')}.",
            consultants,
            parent,
            consultant,
        )
        self.count = count
        if left_out:
            note = QLabel(left_out)
            note.setWordWrap(True)
            note.setObjectName("Muted")
            self.form.addRow(note)
        self.add_row("First call", self.when)
        self.apart = QSpinBox()
        self.apart.setRange(0, 480)
        self.apart.setSingleStep(15)
        self.apart.setValue(DEFAULT_MINUTES)
        self.apart.setSuffix(" minutes")
        self.apart.setSpecialValueText("All at the same time")
        self.apart.setAccessibleName("Next call after")
        self.add_row("Next call after", self.apart)
        self.add_row("Consultant", self.consultant)
        self.add_row("Channel", self.channel)
        self.times = QLabel()
        self.times.setWordWrap(True)
        self.form.addRow(self.times)
        for changed in (self.when.dateTimeChanged, self.apart.valueChanged, self.consultant.currentTextChanged):
            changed.connect(self._show_times)
        self._show_times()

    def _show_times(self) -> None:
        """The calls' times, or the warning that they would all start at once with the same consultant."""
        first = self.when.dateTime()
        last = first.addSecs(60 * self.apart.value() * (self.count - 1))
        start, end = first.toString("HH:mm"), last.toString("HH:mm")
        clash = self.count > 1 and self.apart.value() == 0 and bool(self.chosen_consultant())
        if clash:
            text = f"All {self.count} calls would start at {start} with {self.chosen_consultant()}."
        elif self.count > 1 and self.apart.value():
            day = "" if last.date() == first.date() else f" on {last.toString('d MMMM')}"
            text = f"One after another: the first at {start}, the last at {end}{day}."
        else:
            text = ""
        self.times.setText(text)
        self.times.setObjectName("Error" if clash else "Muted")
        self.times.style().unpolish(self.times)
        self.times.style().polish(self.times)

    def collect(self) -> ManyInterviews:
        return ManyInterviews(
            self.when.dateTime().toString("yyyy-MM-ddTHH:mm:00"),
            self.chosen_consultant(),
            self.channel.currentData(),
            self.apart.value(),
        )
