"""Import candidates: a client's list from their applicant-tracking system, in three steps. The file and the client;
the columns, each file column beside the field it becomes (guessed, or the client's remembered mapping, or a preset's
names) with sample values; and the preview — the candidates to add with their roles ("new role" where the job title
is not yet one of the client's) and dates as they will be stored, the duplicates, a warning naming rows the reader
had to guess the encoding of, and every problem by row and column, Import staying disabled while there is one. The
dialog reads and checks (read-only); it returns the plan, which the window writes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.candidate_lists import importing
from consultant_app.candidate_lists.checking import Plan
from consultant_app.candidate_lists.fields import FIELDS, PRESETS, mapping_problems
from consultant_app.candidate_lists.reading import Table, UnreadableFile
from consultant_app.domain.model import Client
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.ui.widgets import button, field_label, page_header, wait_cursor

GUESS = "Guess from the column names"
LEAVE_OUT = "— leave out —"
PREVIEW_ROWS = 500  # rows shown in the preview table; the counts cover them all
PREVIEW_COLUMNS = ["Row", "Name", "E-mail", "Role", "ATS id", "Offered", "Declined"]
PREVIEW_FIELDS = [None, None, "email", "role", "external_id", "offer_date", "decline_date"]  # a column shown if mapped
LIST_LINES = 6  # the problems' and duplicates' lines shown before they scroll, beside candidates to add
STEPS = ("File", "Columns", "Preview")


class ImportCandidatesDialog(QDialog):
    def __init__(
        self,
        store: Store,
        clients: list[Client],
        client_id: str | None = None,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.table: Table | None = None
        self.plan: Plan | None = None
        self.result_value: Plan | None = None
        self.setWindowTitle("Import candidates")
        self.resize(900, 680)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        page_header(
            outer,
            "Import candidates",
            "A client's list of people who declined, as exported from their applicant-tracking system "
            "(Greenhouse, Lever, Workday, SAP SuccessFactors, Teamtailor) or any spreadsheet: .csv or .xlsx.",
        )
        self.step_label = QLabel()
        self.step_label.setObjectName("FieldLabel")
        outer.addWidget(self.step_label)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page(clients, client_id, path))
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        outer.addWidget(self.pages, 1)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        row = QHBoxLayout()
        self.back = button("&Back")
        self.back.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.cancel = button("Cancel")
        self.cancel.clicked.connect(self.reject)
        self.next = button("&Next", primary=True)
        self.next.clicked.connect(self._forward)
        row.addWidget(self.back)
        row.addStretch()
        row.addWidget(self.cancel)
        row.addWidget(self.next)
        outer.addLayout(row)
        self._go(0)

    # -- step 1: the file and the client -----------------------------------------------------------------------

    def _file_page(self, clients: list[Client], client_id: str | None, path: Path | None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 8, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        self.client = QComboBox()
        for client in clients:
            self.client.addItem(client.name, client.id)
        self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        form.addRow("&Client", self.client)
        self.path = QLineEdit(str(path) if path else "")
        self.path.setPlaceholderText("Type or paste the path of a .csv or .xlsx file, or choose it")
        choose = button("C&hoose…")
        choose.clicked.connect(self._choose)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(choose)
        label = QLabel("&File")
        label.setBuddy(self.path)  # Alt+F reaches the path: a layout as the field gives the label no buddy
        form.addRow(label, line)
        hint = QLabel(
            "Any delimiter and encoding (UTF-8, UTF-16, Windows-1252) is recognised; in a workbook, the first sheet "
            "with a header row is read. Nothing is written before the preview's Import."
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        form.addRow("", hint)
        return page

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a candidate list", "", "Candidate lists (*.csv *.xlsx *.xls *.tsv *.txt);;All files (*)"
        )
        if chosen:
            self.path.setText(chosen)

    def _read(self) -> bool:
        text = self.path.text().strip().strip('"')
        if not text:
            return self._fail("Choose the file to import.")
        try:
            with wait_cursor():
                self.table = importing.open_list(Path(text).expanduser())
        except (UnreadableFile, OSError) as exc:
            return self._fail(str(exc))
        if not self.table.rows:
            return self._fail(f"{Path(text).name} has a header but no rows.")
        mapping, preset = importing.offered_mapping(self.store, self.client_id(), self.table)
        self._fill_columns(mapping, preset)
        return True

    def client_id(self) -> str:
        return self.client.currentData()

    # -- step 2: the columns ------------------------------------------------------------------------------------

    def _columns_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QFormLayout()
        self.preset = QComboBox()
        self.preset.addItem(GUESS, None)
        for name in PRESETS:
            self.preset.addItem(f"{name} export", name)
        self.preset.setMaximumWidth(360)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        top.addRow("&Made by", self.preset)
        layout.addLayout(top)
        self.file_line = QLabel()
        self.file_line.setObjectName("Muted")
        layout.addWidget(self.file_line)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.mapping_note = QLabel()
        self.mapping_note.setObjectName("Muted")
        self.mapping_note.setWordWrap(True)
        layout.addWidget(self.mapping_note)
        self.combos: list[QComboBox] = []
        return page

    def _fill_columns(self, mapping: dict[str, str], preset: str | None) -> None:
        table = self.table
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData(preset)))
        self.preset.blockSignals(False)
        where = f"sheet {table.sheet!r}" if table.sheet else f"{table.encoding}, {_delimiter_name(table.delimiter)}"
        if table.header_row and table.header_row > 1:
            where += f"; the header is on row {table.header_row}"
        size = f"{plural(len(table.rows), 'row')} and {plural(len(table.columns), 'column')}"
        self.file_line.setText(f"{size} ({where}).")
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 4, 8, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for col, title in enumerate(("Column in the file", "Becomes", "Sample values")):
            grid.addWidget(field_label(title), 0, col)
        column_field = {c: f for f, c in mapping.items()}
        self.combos = []
        for i, column in enumerate(table.columns):
            name = QLabel(column)
            name.setStyleSheet("font-weight: 600;")
            combo = QComboBox()
            combo.setAccessibleName(f"Field for column {column}")
            combo.addItem(LEAVE_OUT, None)
            for field, label in FIELDS.items():
                combo.addItem(label, field)
            combo.setCurrentIndex(max(0, combo.findData(column_field.get(column))))
            combo.setProperty("column", column)
            combo.currentIndexChanged.connect(self._note_mapping)
            samples = QLabel(" · ".join(s[:40] for s in table.samples(i)) or "(empty)")
            samples.setObjectName("Muted")
            grid.addWidget(name, i + 1, 0)
            grid.addWidget(combo, i + 1, 1)
            grid.addWidget(samples, i + 1, 2)
            self.combos.append(combo)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(table.columns) + 1, 1)
        self.scroll.setWidget(grid_host)
        for before, after in zip([self.preset, *self.combos], self.combos):
            QWidget.setTabOrder(before, after)
        self._note_mapping()

    def _preset_chosen(self) -> None:
        from consultant_app.candidate_lists.fields import guess_mapping

        mapping = guess_mapping(self.table.columns, self.preset.currentData())
        for combo in self.combos:
            field = next((f for f, c in mapping.items() if c == combo.property("column")), None)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.blockSignals(False)
        self._note_mapping()

    def mapping(self) -> dict[str, str]:
        return {c.currentData(): c.property("column") for c in self.combos if c.currentData() is not None}

    def mapping_problems(self) -> list[str]:
        """What keeps the mapping from being used: a field chosen for two columns, or no name."""
        columns_of: dict[str, list[str]] = {}
        for combo in self.combos:
            if combo.currentData() is not None:
                columns_of.setdefault(combo.currentData(), []).append(combo.property("column"))
        twice = [
            f"{FIELDS[field]} is chosen for {' and '.join(repr(c) for c in columns)}: leave all but one out."
            for field, columns in columns_of.items()
            if len(columns) > 1
        ]
        return twice + mapping_problems(self.mapping())

    def _note_mapping(self) -> None:
        problems = self.mapping_problems()
        self.mapping_note.setObjectName("Error" if problems else "Muted")
        self.mapping_note.style().polish(self.mapping_note)  # the new name's colour
        self.mapping_note.setText(
            problems[0] if problems else "The mapping you confirm is remembered for this client's next list."
        )

    # -- step 3: the preview ------------------------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        self.summary = QLabel()
        self.summary.setObjectName("SectionTitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warning = QLabel()
        self.warning.setObjectName("Error")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.dates_read = QLabel()
        self.dates_read.setObjectName("Muted")
        self.dates_read.setWordWrap(True)
        layout.addWidget(self.dates_read)
        self.rows = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.rows.setHorizontalHeaderLabels(PREVIEW_COLUMNS)
        self.rows.verticalHeader().hide()
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.rows.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for narrow in (0, 4, 5, 6):
            header.setSectionResizeMode(narrow, QHeaderView.ResizeMode.ResizeToContents)
        self.rows.setAccessibleName("Candidates to add")
        layout.addWidget(self.rows, 3)
        self.problems_title = field_label("Problems")
        layout.addWidget(self.problems_title)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        layout.addWidget(self.problems)
        self.duplicates_title = field_label("Duplicates")
        layout.addWidget(self.duplicates_title)
        self.duplicates = QListWidget()
        self.duplicates.setAccessibleName("Duplicates")
        layout.addWidget(self.duplicates)
        self.skip = QCheckBox("&Skip the duplicates (otherwise nothing is imported while there are any)")
        self.skip.setChecked(True)
        self.skip.toggled.connect(self._check)
        layout.addWidget(self.skip)
        layout.addStretch()  # takes the room the table leaves when there is no one to add
        return page

    def _check(self) -> None:
        with wait_cursor():
            plan = self.plan = importing.plan(
                self.store, self.client_id(), self.table, self.mapping(), self.skip.isChecked()
            )
        self.summary.setText(_described(plan))
        self.warning.setText(self.table.warning or "")
        self.warning.setVisible(bool(self.table.warning))
        self.dates_read.setText(
            "; ".join(plan.dates_read) + ". The Offered and Declined columns show the dates as they will be stored."
        )
        self.dates_read.setVisible(bool(plan.dates_read))
        shown = plan.to_add[:PREVIEW_ROWS]
        self.rows.setRowCount(len(shown))
        self.rows.setVisible(bool(shown))
        for column, field in enumerate(PREVIEW_FIELDS):
            self.rows.setColumnHidden(column, field is not None and field not in plan.mapping)
        for r, planned in enumerate(shown):
            c = planned.candidate
            role = f"{planned.role_title} · new role" if planned.new_role else (planned.role_title or "")
            values = (str(planned.row), c.full_name, c.email or "", role, c.external_id or "")
            for col, value in enumerate((*values, c.offer_date or "", c.decline_date or "")):
                self.rows.setItem(r, col, QTableWidgetItem(value))
        self.problems.clear()
        self.problems.addItems([str(p) for p in plan.problems])
        self.duplicates.clear()
        self.duplicates.addItems([f"Row {d.row}, {d.name}: {d.reason}" for d in plan.duplicates])
        for title, widget, count in (
            (self.problems_title, self.problems, len(plan.problems)),
            (self.duplicates_title, self.duplicates, len(plan.duplicates)),
        ):
            title.setVisible(bool(count))
            widget.setVisible(bool(count))
            lines = min(count, LIST_LINES if shown else 3 * LIST_LINES)  # as tall as its lines, up to a limit
            widget.setMaximumHeight(lines * max(widget.sizeHintForRow(0), 1) + 2 * widget.frameWidth() + 2)
        self.skip.setVisible(bool(plan.duplicates))
        self.next.setEnabled(not plan.blocked and bool(plan.to_add))

    # -- moving between the steps -------------------------------------------------------------------------------

    def _forward(self) -> None:
        step = self.pages.currentIndex()
        if step == 0 and self._read():
            self._go(1)
        elif step == 1:
            problems = self.mapping_problems()
            if problems:
                self._fail(problems[0])
            else:
                self._check()
                self._go(2)
        elif step == 2 and self.plan is not None and not self.plan.blocked:
            self.result_value = self.plan
            self.accept()

    def _go(self, step: int) -> None:
        self.error.hide()
        self.pages.setCurrentIndex(step)
        self.step_label.setText(f"Step {step + 1} of {len(STEPS)} · {STEPS[step]}")
        self.back.setEnabled(step > 0)
        self.next.setText("&Import" if step == 2 else "&Next")
        self.next.setEnabled(step != 2 or (self.plan is not None and not self.plan.blocked and bool(self.plan.to_add)))
        self.next.setDefault(True)
        first = {0: self.path if self.client.count() < 2 or self.path.text() else self.client, 1: self.preset}
        focus = first.get(step, self.next if self.next.isEnabled() else self.rows)
        focus.setFocus(Qt.FocusReason.TabFocusReason)

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return False


def _described(plan: Plan) -> str:
    counts = plan.summary().replace(f", {plural(len(plan.problems), 'problem')}", "")
    if plan.problems:
        return (
            f"{plural(len(plan.problems), 'problem')} to fix in the file (or in the columns step) before anything "
            f"can be imported. {counts}"
        )
    if not plan.to_add:
        rows = len(plan.duplicates)
        if not rows:
            return "Nothing to import: the list has no candidates."
        return "Nothing to import: " + (
            "the only row is a duplicate, skipped." if rows == 1 else f"all {rows} rows are duplicates, skipped."
        )
    if plan.duplicates and not plan.skip_duplicates:
        return f"Duplicates found: skip them to import the rest. {counts}"
    return f"Ready to import: {counts}"


def _delimiter_name(delimiter: str | None) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(delimiter or ",", repr(delimiter))
