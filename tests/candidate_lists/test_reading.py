"""A client's list is read as it comes: CSV in UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252,
with whatever delimiter, and XLSX (the sheet with the header, date cells as dates); the header is guessed into our
fields, by a preset's names where the header is an ATS export; dates in the common forms, read day or month first
as the file itself shows, else as the firm's region writes them. A report title and blank rows above the header are
passed over (rows keep the spreadsheet's numbers); lines of a UTF-8 file that are not UTF-8 are read as Windows-1252
and named in a warning, other bytes pasted in refuse the file; an .xlsx renamed .xls is read; date cells show as
dates."""

from datetime import datetime

import pytest
from openpyxl import Workbook

from consultant_app.candidate_lists.dates import day_first_for, parse_date
from consultant_app.candidate_lists.fields import best_preset, guess_mapping
from consultant_app.candidate_lists.importing import open_list
from consultant_app.candidate_lists.reading import UnreadableFile, shown

ROWS = [
    ["Candidate ID", "Name", "Email"],
    ["17", "Jürgen Müller", "j@example.com"],
    ["18", "Zoë Çelik", "z@example.org"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1252", ";"), ("cp1252", "|")]
)
def test_csv_in_any_encoding_and_delimiter_reads_the_same(tmp_path, encoding, delimiter):
    path = tmp_path / "list.csv"
    path.write_bytes("\r\n".join(delimiter.join(r) for r in ROWS).encode(encoding))
    table = open_list(path)
    assert table.columns == ROWS[0]
    assert [cells for _, cells in table.rows] == ROWS[1:]
    assert table.delimiter == delimiter
    assert table.encoding.replace("-le", "") == encoding


def test_rows_keep_the_numbers_the_spreadsheet_shows_blank_rows_left_out(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Email\nAnn,a@x.org\n,\nBob,b@x.org\n", encoding="utf-8")
    assert [n for n, _ in open_list(path).rows] == [2, 4]


def test_xlsx_reads_the_sheet_with_the_header_and_keeps_date_cells(tmp_path):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Exported 2026-03-31 by HR"])
    sheet = book.create_sheet("Candidates")
    sheet.append(["Candidate ID", "Legal Name", "Email Address", "Offer Date"])
    sheet.append(["C-1", "Ann Lee", "ann@example.com", datetime(2026, 3, 12)])
    book.save(tmp_path / "list.xlsx")
    table = open_list(tmp_path / "list.xlsx")
    assert (table.sheet, table.columns[1]) == ("Candidates", "Legal Name")
    assert parse_date(table.rows[0][1][3], day_first=True) == ("2026-03-12", None)


def test_files_that_are_not_lists_say_so_plainly(tmp_path):
    (tmp_path / "doc.json").write_text('{"format": "debrief"}', encoding="utf-8")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    (tmp_path / "empty.csv").write_bytes(b"")
    for name, words in (("doc.json", "looks like JSON"), ("bad.xlsx", "Excel workbook"), ("empty.csv", "empty")):
        with pytest.raises(UnreadableFile, match=words):
            open_list(tmp_path / name)


def test_ats_headers_are_guessed_into_our_fields():
    greenhouse = ["Candidate ID", "First Name", "Last Name", "Email", "Job", "Application ID", "Offer Created Date"]
    assert best_preset(greenhouse) == "Greenhouse"
    assert guess_mapping(greenhouse, "Greenhouse") == {
        "external_id": "Candidate ID",
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "Email",
        "role": "Job",
        "offer_date": "Offer Created Date",
    }
    workday = ["Candidate ID", "Legal Name", "Email Address", "Phone Number", "Job Requisition", "Source"]
    assert best_preset(workday) == "Workday"
    mapping = guess_mapping(workday, "Workday")
    assert (mapping["full_name"], mapping["role"], mapping["phone"]) == (
        "Legal Name",
        "Job Requisition",
        "Phone Number",
    )
    assert guess_mapping(["E-Mail-Adresse", "Vorname", "Nachname"]) == {
        "first_name": "Vorname",
        "last_name": "Nachname",
        "email": "E-Mail-Adresse",
    }


def test_a_remembered_mapping_wins_where_the_file_still_has_its_columns():
    columns = ["Name", "Req", "Email"]
    assert guess_mapping(columns, None, {"role": "Req", "phone": "Gone"}) == {
        "role": "Req",
        "full_name": "Name",
        "email": "Email",
    }


def test_dates_in_the_common_forms():
    for text in ("2026-03-12", "2026-03-12 09:30", "12.03.2026", "12 Mar 2026", "March 12, 2026", "12/03/26"):
        assert parse_date(text, day_first=True) == ("2026-03-12", None)
    assert parse_date("03/12/2026", day_first=False) == ("2026-03-12", None)
    assert parse_date("31/02/2026", day_first=True)[1] == "'31/02/2026' is not a date that exists"
    assert "not a date" in parse_date("soon", day_first=True)[1]


def test_day_or_month_first_is_read_from_the_file_else_the_region():
    assert day_first_for(["03/04/2026", "04/25/2026"], "DE") is False  # 25 can only be a day
    assert day_first_for(["03/04/2026", "25/04/2026"], "US") is True
    assert day_first_for(["03/04/2026"], "US") is False
    assert day_first_for(["03/04/2026"], "GB") is True


def test_a_report_title_above_a_csv_header_is_passed_over(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Declined offers Q3;;\n;;\nRef;Nom complet;Courriel\n17;Ann Lee;a@x.org\n", encoding="utf-8")
    table = open_list(path)  # no column name we know: the title is one cell above three
    assert (table.header_row, table.columns, [n for n, _ in table.rows]) == (3, ["Ref", "Nom complet", "Courriel"], [4])


def test_lines_of_another_encoding_are_read_and_named_bytes_of_another_file_refused(tmp_path):
    path = tmp_path / "mixed.csv"
    lines = [b"Name,Email", "Zoë Çelik,z@x.org".encode(), "Jürgen Müller,j@x.org".encode("cp1252")]
    path.write_bytes(b"\r".join(lines))  # old Mac line ends: the rows are still told apart
    table = open_list(path)
    assert [cells[0] for _, cells in table.rows] == ["Zoë Çelik", "Jürgen Müller"]
    assert table.warning.startswith("Row 3 is not in UTF-8 like the rest of the file")
    path.write_bytes(b"\n".join(lines[:2]) + b"\n" + "Bo Li,b@x.org".encode("utf-16"))  # a UTF-16 file pasted in
    with pytest.raises(UnreadableFile, match="not a text file \\(CSV\\) from line 3 on"):
        open_list(path)


def test_an_xlsx_renamed_xls_is_read_and_date_cells_show_as_dates(tmp_path):
    book = Workbook()
    book.active.append(["Name", "Offer date"])
    book.active.append(["Ann Lee", datetime(2026, 9, 1)])
    book.save(tmp_path / "list.xls")
    table = open_list(tmp_path / "list.xls")
    assert table.samples(1) == ["2026-09-01"]
    assert (shown(datetime(2026, 9, 1, 14, 30)), shown(17.0)) == ("2026-09-01 14:30", "17")
