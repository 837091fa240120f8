"""The shared frame of Debrief's form dialogs: a title, labelled rows, an inline error line and
OK/Cancel. Subclasses add rows and implement ``collect`` (raise ValueError to show a message). The frame makes
every form keyboard-first in one place: it opens on its first field, Tab walks the fields in the order they are
shown, Enter submits only a valid form, and a form that asks so does not lose its edits to an Escape. Also the
fields several forms share: colour, logo, dates whose Tab leaves the field, and a retention period."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QImageReader, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.retention import MAX_RETENTION_MONTHS
from consultant_app.ui.widgets import page_header

MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000


class FormDialog(QDialog):
    """A form; set ``ask_before_discarding`` for one whose edits an Escape must not drop without asking."""

    ask_before_discarding = False

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.result_value: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)
        page_header(outer, title, subtitle)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        outer.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setProperty("primary", True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._opened: list | None = None

    def add_row(self, label: str | QWidget, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def collect(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.collect()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            QTimer.singleShot(0, self.adjustSize)  # room for the message, without squeezing the fields
            return
        super().accept()

    def showEvent(self, event: QShowEvent) -> None:
        """On first showing: Tab order follows the layout, and focus is on the first field, never on OK."""
        super().showEvent(event)
        QApplication.sendPostedEvents(self, QEvent.Type.LayoutRequest)  # laid out now: polishing resized wrapped text
        if self._opened is None:
            chain = list(focus_order(self.layout()))
            for before, after in zip(chain, chain[1:]):
                QWidget.setTabOrder(before, after)
            for group in self.findChildren(QButtonGroup):  # Tab enters a choice on its chosen option (as Qt
                for option in group.buttons():  # does once one has had focus); the arrow keys change it
                    if group.exclusive() and group.checkedButton() and option is not group.checkedButton():
                        option.setFocusPolicy(option.focusPolicy() & ~Qt.FocusPolicy.TabFocus)
            first = next((w for w in chain if w.isEnabled() and w.parent() is not self.buttons), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
            self._opened = self._values()

    def _values(self) -> list:
        """What the form's fields hold now, to tell whether anything was edited since it opened."""
        values: list = []
        for widget in focus_order(self.layout()):
            if isinstance(widget, QLineEdit | QAbstractSpinBox):
                values.append(widget.text())
            elif isinstance(widget, QComboBox):
                values.append(widget.currentText())
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                values.append(widget.isChecked())
        values.extend(logo.data for logo in self.findChildren(LogoField))
        return values

    def edited(self) -> bool:
        return self._opened is not None and self._values() != self._opened

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() and not self._may_close():
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()

    def _may_close(self) -> bool:
        """True when leaving loses nothing: no edits, the consultant discards them, or they were saved."""
        if not (self.ask_before_discarding and self.isVisible() and self.edited()):
            return True
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            "Save your changes before closing?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.accept()  # an invalid form stays open with its message
            return False
        return answer == QMessageBox.StandardButton.Discard


def focus_order(layout: QLayout | None) -> Iterator[QWidget]:
    """The widgets that take Tab focus under ``layout``, in the order the layout shows them."""
    if layout is None:
        return
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.layout() is not None:
            yield from focus_order(item.layout())
        widget = item.widget()
        if widget is None or widget.isHidden():
            continue
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            yield from focus_order(widget.widget().layout())
        elif widget.layout() is not None:
            yield from focus_order(widget.layout())
        elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            yield widget


def text_or_none(edit: QLineEdit) -> str | None:
    value = " ".join(edit.text().split())
    return value or None


class ColorField(QWidget):
    """A colour swatch button with its hex value."""

    def __init__(self, value: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.swatch = QPushButton()
        self.swatch.setFixedSize(34, 28)
        self.swatch.clicked.connect(self._choose)
        self.hex = QLineEdit(value or "")
        self.hex.setPlaceholderText("#1F6FB2")
        self.hex.setMaxLength(7)
        self.hex.textChanged.connect(self._paint)
        layout.addWidget(self.swatch)
        layout.addWidget(self.hex, 1)
        self._paint()

    def _paint(self) -> None:
        color = QColor(self.hex.text())
        fill = color.name() if color.isValid() and len(self.hex.text()) == 7 else "transparent"
        self.swatch.setStyleSheet(f"background: {fill}; border: 1px solid #C9CED6; border-radius: 6px;")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.hex.text() or "#2A6FDB"), self, "Choose a colour")
        if chosen.isValid():
            self.hex.setText(chosen.name().upper())

    def value(self) -> str | None:
        text = self.hex.text().strip()
        if not text:
            return None
        if not (len(text) == 7 and text.startswith("#") and QColor(text).isValid()):
            raise ValueError(f"{text!r} is not a colour; use the form #1F6FB2 or pick one.")
        return text.upper()


class LogoField(QWidget):
    """Choose, preview and clear a logo image; a file that is not a readable image is refused."""

    def __init__(self, value: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = value
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setFixedSize(120, 40)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px dashed #C9CED6; border-radius: 6px;")
        choose, clear = QPushButton("Choose…"), QPushButton("Remove")
        choose.clicked.connect(self._choose)
        clear.clicked.connect(lambda: self.set_data(None))
        layout.addWidget(self.preview)
        layout.addWidget(choose)
        layout.addWidget(clear)
        layout.addStretch()
        self.set_data(value)

    def set_data(self, data: bytes | None) -> None:
        from PySide6.QtGui import QPixmap

        self.data = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(116, 36, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No logo")

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "", "Images (*.png *.jpg *.jpeg *.svg)")
        if path:
            try:
                self.set_data(read_logo(path))
                problem = ""
            except ValueError as exc:
                problem = str(exc)
            window = self.window()
            if isinstance(window, FormDialog):  # a good logo clears what was said of a bad one
                window.error.setText(problem)
                window.error.setVisible(bool(problem))


def read_logo(path: str) -> bytes:
    """The bytes of an image file fit to be a logo, or ValueError with a plain reason."""
    from pathlib import Path

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ValueError(f"Could not read {file.name}: {exc.strerror or exc}.") from exc
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"{file.name} is larger than 5 MB; please use a smaller logo.")
    reader = QImageReader(str(file))
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_LOGO_PIXELS:
        raise ValueError(
            f"{file.name} is {size.width()}×{size.height()} pixels; please use a logo under 25 megapixels."
        )
    if not reader.canRead() or reader.read().isNull():
        raise ValueError(f"{file.name} is not an image Debrief can read (PNG, JPEG or SVG).")
    return data


class DateEdit(QDateEdit):
    """A date field with a calendar; Tab and Shift+Tab leave it (its parts change with the arrow keys and by typing)."""

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, calendarPopup=True)
        if value is not None:
            self.setDate(value)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class DateTimeEdit(QDateTimeEdit):
    """A date and time field with a calendar; Tab and Shift+Tab leave it, as in ``DateEdit``."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class OptionalDate(QWidget):
    """A date that may be left empty (a checkbox turns it on)."""

    def __init__(self, value: str | None, caption: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(caption)
        self.edit = DateEdit()
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else QDate.currentDate())
        self.enabled.setChecked(bool(value))
        self.edit.setEnabled(bool(value))
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> str | None:
        return self.edit.date().toString("yyyy-MM-dd") if self.enabled.isChecked() else None


class RetentionField(QSpinBox):
    """How many months after the interview identities are erased; its lowest step, shown as ``unset``, is none."""

    def __init__(self, months: int | None, unset: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, minimum=0, maximum=MAX_RETENTION_MONTHS)
        self.setSpecialValueText(unset)
        self.valueChanged.connect(self._suffix)
        self.setValue(months or 0)
        self._suffix(self.value())

    def _suffix(self, months: int) -> None:
        self.setSuffix(" month after the interview" if months == 1 else " months after the interview")

    def months(self) -> int | None:
        return self.value() or None
