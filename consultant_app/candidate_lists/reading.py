"""Reading a client's spreadsheet into a header and rows: CSV in whatever encoding (UTF-8 with or without a byte-order
mark, UTF-16, else Windows-1252; lines of a UTF-8 file that are not UTF-8 are read as Windows-1252 and named in a
warning) and delimiter (``csv.Sniffer`` on a sample, else the most frequent of ; , tab | on the first line) it came
in, or XLSX through openpyxl in read-only mode (the first sheet with a header row near its top, else the first
sheet; an .xlsx renamed .xls too). The header is found under a report title or blank rows; rows carry the number
the spreadsheet shows them under, so every problem can name it; blank rows are left out."""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain, islice
from pathlib import Path
from typing import Any

SAMPLE = 64 * 1024
DELIMITERS = ";,\t|"
MAX_ROWS = 200_000
HEADER_SEARCH = 10  # the header is looked for among the first rows that are not blank
_DATA = re.compile(r"^[\d\s.,:/+\-()%]+$")  # a number, date or phone, not a column name


class UnreadableFile(ValueError):
    """A file that is not a candidate list this reader knows: the message says why, plainly."""


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number in the spreadsheet, cells)
    encoding: str | None = None  # a CSV file's
    delimiter: str | None = None
    sheet: str | None = None  # an XLSX file's
    header_row: int | None = None  # the row the header is on (a report title may sit above it)
    warning: str | None = None  # what the reader could only guess at, for the person to check

    def samples(self, column: int, count: int = 3) -> list[str]:
        """The first few non-empty values of a column, as text."""
        found = []
        for _, cells in self.rows:
            value = cells[column] if column < len(cells) else None
            if value not in (None, ""):
                found.append(shown(value))
                if len(found) == count:
                    break
        return found


def read_table(path: Path | str, looks_like_header=None) -> Table:
    """The file's header and rows. ``looks_like_header(cells)`` picks the sheet of a workbook with several and, in
    any file, prefers the row naming fields we know as the header under a report title."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path} is not a file.")
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    if path.suffix.lower() in (".xlsx", ".xlsm") or (is_zip and path.suffix.lower() == ".xls"):
        return _read_xlsx(path, looks_like_header)  # an .xlsx renamed .xls is still one
    if path.suffix.lower() == ".xls":
        raise UnreadableFile(f"{path.name} is an old Excel file (.xls); save it as .xlsx or .csv and import that.")
    return _read_csv(path.read_bytes(), path.name, looks_like_header)


def is_spreadsheet(path: Path | str) -> bool:
    """Whether the file is one the candidate-list import reads (rather than an interchange file)."""
    return Path(path).suffix.lower() in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls")


def shown(value: Any) -> str:
    """A cell as the mapping step shows it: a date cell as a date (``2026-09-01``), an id Excel stored as a number
    without ``.0``."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode(data: bytes) -> tuple[str, str, list[int]]:
    """The text of a CSV file, the encoding it was in, and the lines (numbered from 1) of a UTF-8 file that are not
    UTF-8 and were read as Windows-1252 (two files pasted together): the reader names their rows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16", []
    if len(data) > 3 and data[1:4:2] == b"\x00\x00" and data[0] != 0:  # UTF-16 without a mark, little-endian
        return _strict(data, "utf-16-le"), "utf-16-le", []
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding, []
    except UnicodeDecodeError:
        pass
    parts = re.split(rb"(\r\n|\r|\n)", data)  # lines as the CSV reader counts them, and their endings
    lines, endings = parts[0::2], [e.decode() for e in parts[1::2]] + [""]
    readable = [_utf8(line) for line in lines]
    if not any(text is not None and not text.isascii() for text in readable):
        return data.decode("cp1252", errors="replace"), "cp1252", []  # a Windows-1252 file throughout
    mixed = [n for n, text in enumerate(readable, start=1) if text is None]
    text = "".join(
        (t if t is not None else line.decode("cp1252", errors="replace")) + end
        for t, line, end in zip(readable, lines, endings)
    )
    return text.removeprefix("\ufeff"), encoding, mixed


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"The file is not valid {encoding.upper()} text near byte {exc.start:,}.") from exc


def _read_csv(data: bytes, name: str, looks_like_header=None) -> Table:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[1:2] != b"\x00":
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        where = "" if line == 1 else f" from line {line} on (another file's text pasted in?)"
        raise UnreadableFile(f"{name} is not a text file (CSV){where}; export the list again as CSV or XLSX.")
    text, encoding, other_lines = decode(data)
    if text.lstrip().startswith(("{", "[")):
        raise UnreadableFile(f"{name} looks like JSON, not a candidate list; use File → Import… for interchange files.")
    delimiter = _delimiter(text[:SAMPLE])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table([], encoding=encoding, delimiter=delimiter)
    last_lines: list[int] = []  # the last line of each row: a quoted cell may span lines

    def numbered():
        for number, cells in enumerate(reader, start=1):
            last_lines.append(reader.line_num)
            yield number, cells

    try:
        _fill(table, numbered(), looks_like_header)
    except csv.Error as exc:
        raise UnreadableFile(f"{name} could not be read as CSV near row {reader.line_num}: {exc}.") from exc
    rows = sorted({bisect_left(last_lines, line) + 1 for line in other_lines if last_lines and line <= last_lines[-1]})
    if rows:
        one = len(rows) == 1
        table.warning = (
            f"{_listed(rows)} {'is' if one else 'are'} not in UTF-8 like the rest of the file (two exports pasted "
            f"together?) and {'was' if one else 'were'} read as Windows-1252: check {'its' if one else 'their'} "
            "names."
        )
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

    with path.open("rb") as handle:  # a file, not a name: openpyxl refuses an .xlsx renamed .xls by its extension
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise UnreadableFile(f"{path.name} could not be read as an Excel workbook (.xlsx): {exc}.") from exc
        try:
            sheet = book.worksheets[0]
            if looks_like_header and len(book.worksheets) > 1:
                sheet = next((s for s in book.worksheets if _names_fields(s, looks_like_header)), sheet)
            table = Table([], sheet=sheet.title)
            _fill(table, enumerate(sheet.iter_rows(values_only=True), start=1), looks_like_header)
        finally:
            book.close()
    return _finished(table, path.name)


def _names_fields(sheet, looks_like_header) -> bool:
    top = sheet.iter_rows(max_row=HEADER_SEARCH, values_only=True)
    return any(looks_like_header([str(c) for c in cells if c is not None]) for cells in top)


def _fill(table: Table, numbered_rows: Iterable[tuple[int, Any]], looks_like_header) -> None:
    """The header and the rows under it: blank rows left out, and any report title above the header."""
    rows = (
        (n, [c.replace("\ufeff", "").strip() if isinstance(c, str) else c for c in cells]) for n, cells in numbered_rows
    )
    rows = ((n, cells) for n, cells in rows if any(c not in (None, "") for c in cells))
    top = list(islice(rows, HEADER_SEARCH))
    if not top:
        return
    at = header_at([cells for _, cells in top], looks_like_header)
    table.header_row, header = top[at]
    table.columns = [str(c) if c not in (None, "") else f"Column {i + 1}" for i, c in enumerate(header)]
    for number, cells in chain(top[at + 1 :], rows):
        if len(table.rows) >= MAX_ROWS:
            raise UnreadableFile(f"The list has more than {MAX_ROWS:,} rows; split it into smaller files.")
        table.rows.append((number, cells))


def header_at(top: list[list[Any]], looks_like_header=None) -> int:
    """Which of the first rows is the header: the first naming two fields we know, else the first whose cells are
    mostly text and about as many as the data's under it (a report title is one cell), else the first."""
    if looks_like_header:
        named = [i for i, cells in enumerate(top) if looks_like_header([str(c) for c in cells if c not in (None, "")])]
        if named:
            return named[0]
    for i, cells in enumerate(top[:-1]):
        filled = [c for c in cells if c not in (None, "")]
        wordy = [c for c in filled if isinstance(c, str) and not _DATA.match(c)]
        widest = max(sum(c not in (None, "") for c in below) for below in top[i + 1 :])
        if len(wordy) * 2 > len(filled) and len(filled) * 2 >= widest:
            return i
    return 0


def _listed(rows: list[int]) -> str:
    shown_rows = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10:,} more" if len(rows) > 10 else "")
    return f"Row {shown_rows}" if len(rows) == 1 else f"Rows {shown_rows}"


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
