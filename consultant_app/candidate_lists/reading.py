"""Reading a client's spreadsheet into a header and rows: CSV in whatever encoding (UTF-8 with or without a byte-order
mark, UTF-16, else Windows-1252) and delimiter (``csv.Sniffer`` on a sample, else the most frequent of ; , tab |
on the first line) it came in, or XLSX through openpyxl in read-only mode (the first sheet whose first row looks
like a header, else the first sheet). Rows carry the number the spreadsheet shows them under, so every problem
can name it; blank rows are left out."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE = 64 * 1024
DELIMITERS = ";,\t|"
MAX_ROWS = 200_000


class UnreadableFile(ValueError):
    """A file that is not a candidate list this reader knows: the message says why, plainly."""


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number in the spreadsheet, cells)
    encoding: str | None = None  # a CSV file's
    delimiter: str | None = None
    sheet: str | None = None  # an XLSX file's

    def samples(self, column: int, count: int = 3) -> list[str]:
        """The first few non-empty values of a column, as text."""
        found = []
        for _, cells in self.rows:
            value = cells[column] if column < len(cells) else None
            if value not in (None, ""):
                found.append(str(value))
                if len(found) == count:
                    break
        return found


def read_table(path: Path | str, looks_like_header=None) -> Table:
    """The file's header and rows. ``looks_like_header(cells)`` picks the sheet of a workbook with several."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path} is not a file.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, looks_like_header)
    if path.suffix.lower() == ".xls":
        raise UnreadableFile(f"{path.name} is an old Excel file (.xls); save it as .xlsx or .csv and import that.")
    return _read_csv(path.read_bytes(), path.name)


def is_spreadsheet(path: Path | str) -> bool:
    """Whether the file is one the candidate-list import reads (rather than an interchange file)."""
    return Path(path).suffix.lower() in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if len(data) > 3 and data[1:4:2] == b"\x00\x00" and data[0] != 0:  # UTF-16 without a mark, little-endian
        return data.decode("utf-16-le"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_csv(data: bytes, name: str) -> Table:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[1:2] != b"\x00":
        raise UnreadableFile(f"{name} is not a text file (CSV); export the list as CSV or XLSX.")
    text, encoding = decode(data)
    if text.lstrip().startswith(("{", "[")):
        raise UnreadableFile(f"{name} looks like JSON, not a candidate list; use File → Import… for interchange files.")
    delimiter = _delimiter(text[:SAMPLE])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table([], encoding=encoding, delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            _add(table, number, cells)
    except csv.Error as exc:
        raise UnreadableFile(f"{name} could not be read as CSV near row {reader.line_num}: {exc}.") from exc
    return _finished(table, name)


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample.strip() else ""
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def _read_xlsx(path: Path, looks_like_header) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(f"{path.name} could not be read as an Excel workbook (.xlsx): {exc}.") from exc
    try:
        sheet = book.worksheets[0]
        if looks_like_header and len(book.worksheets) > 1:
            for candidate in book.worksheets:
                first = next(candidate.iter_rows(max_row=1, values_only=True), ())
                if looks_like_header([str(c) for c in first if c is not None]):
                    sheet = candidate
                    break
        table = Table([], sheet=sheet.title)
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            _add(table, number, list(cells))
    finally:
        book.close()
    return _finished(table, path.name)


def _add(table: Table, number: int, cells: list[Any]) -> None:
    cells = [c.strip() if isinstance(c, str) else c for c in cells]
    if all(c in (None, "") for c in cells):
        return
    if not table.columns:
        table.columns = [str(c) if c not in (None, "") else f"Column {i + 1}" for i, c in enumerate(cells)]
        return
    if len(table.rows) >= MAX_ROWS:
        raise UnreadableFile(f"The list has more than {MAX_ROWS:,} rows; split it into smaller files.")
    table.rows.append((number, cells))


def _finished(table: Table, name: str) -> Table:
    if not table.columns:
        raise UnreadableFile(f"{name} is empty: it has no header row.")
    while (
        table.columns
        and table.columns[-1].startswith("Column ")
        and not any(len(c) >= len(table.columns) and c[len(table.columns) - 1] not in (None, "") for _, c in table.rows)
    ):
        table.columns.pop()  # trailing empty header cells with nothing under them (Excel's stray columns)
    return table
