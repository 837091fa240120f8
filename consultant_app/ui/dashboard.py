"""The client dashboard beside the candidate table on the client page (Ctrl+1 the table, Ctrl+2 the dashboard): the
report's headline figures and decline-reasons chart for the selected client and a report period, from the report's
own steps (``build_headline``), so they are suppressed where the report suppresses them and the bars are its chart's
bars, and cleared against the release ledger as a report to the client for that period now would be (``cleared_report``,
holding back what a report would hold back, and saying so; a dashboard is not a release, so nothing is recorded);
worked out off the GUI thread (~150 ms for a client of 5,000 interviews), only while shown, and again when
interviews, candidates, the client, the firm profile or the ledger change, never for typed notes, which it does not
count."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.requests import REPORT_PERIODS, report_months
from consultant_app.domain.taxonomy import HEADLINE, REPORT_SECTIONS
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.ui.dashboard_charts import ReasonBars, SplitBar
from consultant_app.ui.hub import ChangeHub
from consultant_app.ui.widgets import card, field_label

if TYPE_CHECKING:
    from consultant_app.analysis.releases import Clearance
    from consultant_app.analysis.report_data import ReportData
from consultant_app.ui.worker import run_quietly

HEADLINE_AREAS = {"interviews", "candidates", "clients", "firm", "releases"}  # what the headline's figures rest on
# When a report would single someone out against an earlier release, the report dialog asks: hold back, widen, or
# write nothing. Holding back keeps the period asked for and shows figures the client may see: the dashboard's choice.
AS_A_REPORT = "hold back"


class Figure(QFrame):
    """One headline figure on a card: the value as the report prints it, what it is, and a muted detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # four share a narrow page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(2)
        self.value, self.caption, self.detail = QLabel("—"), field_label(caption), QLabel()
        self.value.setObjectName("KpiValue")
        self.detail.setObjectName("Muted")
        self.split = SplitBar()
        self.split.setVisible(False)
        for label in (self.value, self.caption, self.detail):
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch()
        layout.addWidget(self.split)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.caption.text().capitalize()}: {value}")


class Dashboard(QWidget):
    updated = Signal()  # new figures are shown

    def __init__(self, store: Store, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.client_id, self.data = store, None, None
        self._running = self._again = False
        self._stale = True
        hub.changed.connect(self._changed)
        self.period = QComboBox()
        self.period.setAccessibleName("Dashboard period")
        for code, name in REPORT_PERIODS.items():
            self.period.addItem(name, code)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.month_from, self.month_to = QDateEdit(QDate.currentDate().addMonths(-11)), QDateEdit(QDate.currentDate())
        for edit, name in ((self.month_from, "First month"), (self.month_to, "Last month")):
            edit.setDisplayFormat("MMMM yyyy")  # a report's period is whole months
            edit.setAccessibleName(name)
            edit.setVisible(False)
            edit.dateChanged.connect(self.recompute)
        self.scope = QLabel()
        self.scope.setObjectName("Muted")
        self.scope.setWordWrap(True)
        self.held = QLabel()  # what a report now would hold back, and why
        self.held.setWordWrap(True)
        self.held.setVisible(False)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        for widget in (field_label("Period"), self.period, self.month_from, self.month_to):
            controls.addWidget(widget)
        controls.addStretch()

        self.figures = [Figure(caption) for caption in HEADLINE]
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for figure in self.figures:
            cards.addWidget(figure, 1)

        chart = card()
        box = QVBoxLayout(chart)
        box.setContentsMargins(16, 14, 16, 14)
        box.setSpacing(6)
        title = QLabel(REPORT_SECTIONS["reasons"])
        title.setObjectName("SectionTitle")
        self.lead, self.notes = QLabel(), QLabel()
        self.lead.setObjectName("Muted")
        self.notes.setObjectName("Muted")
        self.bars = ReasonBars()
        self.bars.setAccessibleName("Decline reasons")
        for label in (self.lead, self.notes):
            label.setWordWrap(True)
        box.addWidget(title)
        box.addWidget(self.lead)
        box.addSpacing(4)
        box.addWidget(self.bars)
        box.addWidget(self.notes)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(12)
        column.addLayout(controls)
        column.addWidget(self.scope)
        column.addWidget(self.held)
        column.addLayout(cards)
        column.addWidget(chart)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the switch straight to the period
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # what to show ------------------------------------------------------------------------
    def months(self) -> tuple[str | None, str | None]:
        custom = (self.month_from.date().toString("yyyy-MM"), self.month_to.date().toString("yyyy-MM"))
        return report_months(self.period.currentData(), date.today(), custom)

    def show_client(self, client_id: str | None) -> None:
        if client_id != self.client_id:
            self.client_id = client_id
            self.recompute()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.month_from.setVisible(custom)
        self.month_to.setVisible(custom)
        self.recompute()

    def _changed(self, areas: set[str]) -> None:
        if areas & HEADLINE_AREAS:
            self.recompute()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.recompute()

    # working it out ----------------------------------------------------------------------
    def recompute(self) -> None:
        """Works the figures out again off the GUI thread, at once if shown (else when next shown); one at a time,
        the last request running after the one under way."""
        if self.client_id is None:
            self._blank("Choose a client to see its figures.")
            return
        if not self.isVisible():
            self._stale = True
            return
        if self._running:
            self._again = True
            return
        self._running, self._stale = True, False
        scope = (self.client_id, *self.months())
        sibling = self.store.sibling

        def work() -> tuple[tuple, Clearance[ReportData]]:
            from consultant_app.analysis.report_clearance import cleared_report  # here: the window opens on the table

            with sibling() as store:
                return scope, cleared_report(store, *scope, AS_A_REPORT, headline_only=True)

        run_quietly(work, self._done, self._failed)

    def _finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.recompute()

    def _done(self, result: tuple[tuple, Clearance[ReportData]]) -> None:
        if not shiboken6.isValid(self):  # the workspace was reopened (encrypted) meanwhile: a new page shows it
            return
        scope, cleared = result
        if scope != (self.client_id, *self.months()):
            self._again = True
        elif not self._again:  # else already out of date: the next figures follow
            self._show(cleared)
        self._finished()

    def _failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        from consultant_app.store.releases import ReleaseTooClose

        if isinstance(exc, ReleaseTooClose):  # even held back, a report of this period would single someone out
            conflict = exc.conflict
            self._blank(
                f"As a report now would, no figures are shown: set against {conflict.earlier.describe()} and the "
                f"rest of what {conflict.earlier.recipient} holds, any report of this period would single out "
                f"{plural(conflict.difference, 'interview')}."
            )
            self.updated.emit()
        else:
            self._blank(f"The figures could not be worked out: {exc}")
        self._finished()

    def _blank(self, message: str) -> None:
        self.data = None
        for figure in self.figures:
            figure.show_figure("—", "")
            figure.split.setVisible(False)
        self.scope.setText("")
        self.held.setVisible(False)
        self.lead.setText(message)
        self.bars.set_rows([])
        self.notes.setVisible(False)

    def _show(self, cleared: Clearance[ReportData]) -> None:
        self.data = data = cleared.result
        details = {
            "Offers declined": "in the period",
            "Interviews completed": f"of {data.contacted:,} contacted",
            "Response rate": "completed ÷ contacted",
            "Recommendation score": plural(data.recommend.n, "answer") if data.recommend else "not enough answers",
        }
        score, split = data.recommend, data.recommend is not None and data.recommend_split
        if split:  # the report's bar of detractors, passives and promoters, where it draws one
            self.figures[3].split.set_shares(score.detractors, score.passives, score.promoters)
        self.figures[3].split.setVisible(split)
        self.figures[3].setToolTip(self.figures[3].split.toolTip() if split else "")
        for figure, (value, caption) in zip(self.figures, data.headline()):
            figure.show_figure(value, details[caption])
        self.scope.setText(
            f"Interviews dated {data.period_label()}, counted as in the client report: no group under {data.k} shown."
        )
        if cleared.against:
            self.held.setText(
                f"As a report now would: {plural(cleared.held_back, 'interview')} held back — too close to "
                f"{cleared.against.describe()}, which {cleared.against.recipient} already holds."
            )
        self.held.setVisible(cleared.against is not None)
        if not data.enough_data:
            self.lead.setText(
                f"There is not enough data to show results for {data.client.name} in {data.period_label()} "
                f"without identifying people."
            )
        elif data.reasons and data.reasons.rows:
            self.lead.setText(
                f"Share of the {data.completed:,} completed interviews in which the candidate named each reason "
                f"(several reasons per candidate are possible)."
            )
        else:
            self.lead.setText("No decline reasons were recorded.")
        self.bars.set_rows(data.reasons.share_bars() if data.reasons else [])
        self.notes.setText("\n".join(data.suppressed))
        self.notes.setVisible(bool(data.suppressed))
        self.updated.emit()


class ViewSwitch(QStackedWidget):
    """The client page's views — the candidate table, and the dashboard when there is one — with a segmented
    switch between them (``switch``, for the page's header); ``show_view`` is what Ctrl+1 and Ctrl+2 call."""

    def __init__(self, pages: dict[str, tuple[QWidget, QWidget]], parent: QWidget | None = None) -> None:
        """``pages``: each view's name, and the view with the widget that takes the keyboard when it is shown."""
        super().__init__(parent)
        self.switch = QFrame()
        self.switch.setObjectName("Segmented")
        row = QHBoxLayout(self.switch)
        row.setContentsMargins(3, 3, 3, 3)
        row.setSpacing(2)
        self.buttons = QButtonGroup(self)
        self.focus_of: list[QWidget] = []
        for i, (name, (page, focus)) in enumerate(pages.items()):
            self.addWidget(page)
            self.focus_of.append(focus)
            segment = QPushButton(name)
            segment.setCheckable(True)
            segment.setChecked(i == 0)
            segment.setToolTip(f"{name} (Ctrl+{i + 1})")
            self.buttons.addButton(segment, i)
            row.addWidget(segment)
        self.buttons.idClicked.connect(self.setCurrentIndex)
        self.currentChanged.connect(lambda i: self.buttons.button(i).setChecked(True))
        self.switch.setVisible(len(pages) > 1)

    def show_view(self, index: int) -> None:
        """Shows the ``index``-th view and puts the keyboard in it."""
        if index < self.count():
            self.setCurrentIndex(index)
            self.focus_of[index].setFocus(Qt.FocusReason.ShortcutFocusReason)
