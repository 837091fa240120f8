"""The fair floors the app is measured against: each does the same work as the app with bare building blocks
(raw SQL on the SQLite the app runs on, sqlite-utils, matplotlib, svglib, reportlab) and none of the app's own
logic (confidentiality, anonymisation, validation), and states in one line what it does (its ``*_NAME``)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections import Counter
from pathlib import Path

from consultant_app.domain.taxonomy import NOTE_SECTIONS as SECTIONS
from consultant_app.store import Store
from consultant_app.store.engine import sqlite as sqlite3  # the SQLite the app runs on, for a like-for-like floor
from consultant_app.store.search import literal_query, page_sql

SEARCH_NAME = "raw FTS5, the app's plan"
TABLE_NAME = "raw SQL, the same queries"
PAGING_NAME = "one raw query, all rows"
FILTER_NAME = "raw FTS5, the matching candidates once"
REPORT_NAME = "raw SQL + same charts, pages"
DATASET_NAME = "raw CSV with theme names"
IMPORT_NAME = "sqlite-utils bulk + links, indexes, FTS"

SEARCH_SOURCES = {  # what the app's search triggers index, by kind: body, ref_id, interview, candidate, client
    "note": "n.text, n.id, n.interview_id, i.candidate_id, i.client_id FROM notes n JOIN interviews i ON i.id = "
    "n.interview_id",
    "interview": "coalesce(summary, '') || ' ' || coalesce(competing_company, ''), id, id, candidate_id, client_id "
    "FROM interviews",
    "candidate": "full_name, id, NULL, id, client_id FROM candidates",
    "client": "name, id, NULL, NULL, id FROM clients",
}
LISTING = (
    "SELECT i.id, p.id, p.full_name, r.title, i.status, coalesce(i.conducted_at, i.scheduled_at), "
    "p.decline_date, p.disclosure, i.decline_reasons, i.consultant, p.consent_withdrawn, p.archived = 1 "
    "FROM candidates p LEFT JOIN interviews i ON i.candidate_id = p.id LEFT JOIN roles r ON r.id = p.role_id "
    "WHERE p.client_id = ? AND p.archived = 0"
)
LISTING_ORDER = " ORDER BY coalesce(i.conducted_at, i.scheduled_at, '') DESC, p.rid DESC, i.rid DESC"


def search_floor(db: sqlite3.Connection, text: str, limit: int = 50) -> list[tuple]:
    """Raw FTS5 running the app's plan, the very SQL of ``consultant_app.store.search.page_sql``: every match
    ranked by bm25, the best ``limit`` looked up again for their snippets. What remains of the app is its
    query parsing and the hits it builds."""
    return db.execute(page_sql(), {"query": literal_query(text), "limit": limit, "offset": 0}).fetchall()


def table_floor(db: sqlite3.Connection, client_id: str, page_size: int, to_the_end: bool) -> list[tuple]:
    """The queries of the table's paging, in raw SQL: a row count and the first page sorted by date with the
    same tie-breakers (candidate, then interview); to the end, the rest of the rows in a second sorted query
    (the table's fourfold page growth reaches the end of a few thousand rows in one more page)."""
    db.execute(f"SELECT COUNT(*) FROM ({LISTING})", [client_id]).fetchone()
    rows = db.execute(LISTING + LISTING_ORDER + " LIMIT ?", [client_id, page_size]).fetchall()
    if to_the_end:
        rows += db.execute(LISTING + LISTING_ORDER + " LIMIT -1 OFFSET ?", [client_id, page_size]).fetchall()
    return rows


def filter_floor(db: sqlite3.Connection, client_id: str, word: str) -> list[tuple]:
    """The least the table's text filter must do: find, once, the client's candidates whose indexed text has the
    word (the app then also matches names and roles, counts the rows and sorts out the first page)."""
    sql = "SELECT DISTINCT candidate_id FROM search_index WHERE search_index MATCH ? AND client_id = ?"
    return db.execute(sql, [f'"{word}"*', client_id]).fetchall()


def all_rows_floor(db: sqlite3.Connection, client_id: str) -> list[tuple]:
    """One raw query for every row of the table, sorted: what the paging design costs beyond it."""
    return db.execute(LISTING + LISTING_ORDER, [client_id]).fetchall()


def report_floor(db: sqlite3.Connection, client_id: str, out: Path, charts: int, pages: int) -> int:
    """Reads what the report reads (the client's interviews with candidate and role, the theme names of the
    completed interviews' notes, the text of their highlighted shareable notes) in raw SQL, tallies decline
    reasons and themes, draws ``charts`` bar charts with matplotlib, turned into vector drawings through SVG
    and svglib as the app embeds its charts, and builds a PDF of ``pages`` pages in the Inter typeface with a
    table of contents (two passes, as the app's contents need); returns the pages it made."""
    from matplotlib.figure import Figure
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
    from reportlab.platypus.tableofcontents import TableOfContents
    from svglib.svglib import svg2rlg

    from consultant_app.reports.fonts import register_fonts

    register_fonts()  # the report's typeface, embedded as the app embeds it
    interviews = db.execute(
        "SELECT i.*, p.*, r.* FROM interviews i JOIN candidates p ON p.id = i.candidate_id "
        "LEFT JOIN roles r ON r.id = p.role_id WHERE p.client_id = ? ORDER BY i.rid",
        [client_id],
    ).fetchall()
    themes = Counter(
        db.execute(
            "SELECT n.section, t.name FROM interviews i JOIN notes n ON n.interview_id = i.id "
            "JOIN note_themes nt ON nt.note_id = n.id JOIN themes t ON t.id = nt.theme_id "
            "WHERE i.client_id = ? AND i.status = 'completed'",
            [client_id],
        )
    )
    quotes = [
        text
        for (text,) in db.execute(
            "SELECT n.text FROM interviews i JOIN notes n ON n.interview_id = i.id WHERE i.client_id = ? "
            "AND i.status = 'completed' AND n.highlight = 1 AND n.visibility = 'shareable' "
            "ORDER BY n.interview_id, n.position",
            [client_id],
        )
    ]
    reasons = Counter(
        reason
        for row in db.execute(
            "SELECT decline_reasons FROM interviews WHERE client_id = ? AND status = 'completed'", [client_id]
        )
        for reason in json.loads(row[0])
    )
    tallies = [reasons] + [Counter({t: n for (s, t), n in themes.items() if s == section}) for section in SECTIONS]
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "Inter"

    class Document(SimpleDocTemplate):
        def afterFlowable(self, flowable) -> None:
            if isinstance(flowable, Paragraph) and flowable.style.name == "Heading1":
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))

    story = [Paragraph(f"{len(interviews):,} interviews", styles["Title"]), TableOfContents(), PageBreak()]
    for page in range(1, pages):
        story.append(Paragraph(f"Section {page}", styles["Heading1"]))
        for chart in range(page - 1, charts, pages - 1):
            tally = (tallies[chart % len(tallies)] or Counter({"none": 1})).most_common(10)
            fig = Figure(figsize=(6.5, (26 + 21 * len(tally)) / 72))
            fig.add_subplot().barh([name for name, _ in tally], [n for _, n in tally])
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", transparent=True)
            buffer.seek(0)
            drawing = svg2rlg(buffer)
            scale = 450 / drawing.width
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawing.scale(scale, scale)
            story.append(drawing)
        story += [Paragraph(quote, styles["BodyText"]) for quote in quotes[page * 4 : page * 4 + 4]]
        story.append(PageBreak())
    doc = Document(str(out), pagesize=A4)
    doc.multiBuild(story[:-1])
    return doc.page


def dataset_floor(db: sqlite3.Connection, out: Path) -> None:
    """Writes the completed interviews (with their role) and the shareable answers of every client, each with
    its theme names (through ``note_themes``, ``group_concat``), to two CSV files: no anonymisation."""
    for name, sql in (
        (
            "interviews.csv",
            "SELECT i.id, p.client_id, r.title, r.department, r.level, r.location, r.work_mode, "
            "i.conducted_at, r.salary_offered, i.decline_reasons, i.recommend, i.ratings, "
            "i.competing_company, i.competing_salary FROM interviews i JOIN candidates p ON "
            "p.id = i.candidate_id LEFT JOIN roles r ON r.id = p.role_id WHERE i.status = 'completed'",
        ),
        (
            "answers.csv",
            "SELECT n.interview_id, n.section, n.text, (SELECT group_concat(t.name, '; ') FROM note_themes nt "
            "JOIN themes t ON t.id = nt.theme_id WHERE nt.note_id = n.id) FROM notes n JOIN interviews i ON "
            "i.id = n.interview_id WHERE i.status = 'completed' AND n.visibility = 'shareable'",
        ),
    ):
        with (out / name).open("w", newline="") as fh:
            csv.writer(fh).writerows(db.execute(sql))


def app_schema() -> list[str]:
    """The app's secondary indexes and its full-text index, as an empty workspace of this version has them."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "schema.db") as store:
        return [
            sql
            for (sql,) in store.db.execute(
                "SELECT sql FROM sqlite_master WHERE (type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('roles', 'candidates', 'interviews', 'notes', 'note_themes')) OR name = 'search_index'"
            )
        ]


def import_floor(source: Path, target: Path, schema: list[str]) -> None:
    """Parses the interchange file and bulk-inserts every record with sqlite-utils, with its parent links (role
    and candidate to client, interview to candidate and client, note to interview), the note-theme links,
    then the app's secondary indexes and full-text index (``schema``, from ``app_schema``), the index filled
    with one INSERT … SELECT per kind: the same tables and indexes, none of the app's checks."""
    from sqlite_utils import Database

    doc = json.loads(source.read_text())
    theme_ids = {t["name"].casefold(): t["id"] for t in doc["themes"]}
    tables: dict[str, list] = {k: [] for k in ("clients", "roles", "candidates", "interviews", "notes", "note_themes")}
    for client in doc["clients"]:
        tables["clients"].append({k: v for k, v in client.items() if k not in ("roles", "candidates")})
        tables["roles"] += [dict(r, client_id=client["id"]) for r in client.get("roles", [])]
        for person in client.get("candidates", []):
            tables["candidates"].append(
                dict({k: v for k, v in person.items() if k != "interviews"}, client_id=client["id"])
            )
            for interview in person.get("interviews", []):
                tables["interviews"].append(
                    dict(
                        {k: v for k, v in interview.items() if k != "notes"},
                        candidate_id=person["id"],
                        client_id=client["id"],
                    )
                )
                for position, note in enumerate(interview.get("notes", [])):
                    tables["notes"].append(
                        dict(
                            {k: v for k, v in note.items() if k != "themes"},
                            interview_id=interview["id"],
                            position=position,
                        )
                    )
                    tables["note_themes"] += [
                        {"note_id": note["id"], "theme_id": theme_ids[name.casefold()]}
                        for name in note.get("themes", [])
                    ]
    db = Database(target)
    # as the app writes (write-ahead log, a 256 MB page cache): sqlite-utils commits every batch, where the app's
    # import is one transaction, so the log is synced and written back to the file once, when it closes
    pragmas = ("journal_mode = WAL", "synchronous = NORMAL", "wal_autocheckpoint = 0", f"cache_size = {-256 * 1024}")
    for pragma in pragmas:
        db.execute(f"PRAGMA {pragma}")
    with db.conn:
        db["themes"].insert_all(doc["themes"], pk="id", alter=True)
        for name, rows in tables.items():
            db[name].insert_all(
                rows, pk=("note_id", "theme_id") if name == "note_themes" else "id", alter=True, batch_size=1000
            )
        for sql in schema:
            try:
                db.execute(sql)
            except Exception as exc:  # (sqlite-utils' own sqlite3) a column no record of the file has a value for
                if "no such column" not in str(exc):
                    raise
        for kind, columns in SEARCH_SOURCES.items():
            db.execute(
                f"INSERT INTO search_index (kind, body, ref_id, interview_id, candidate_id, client_id) "
                f"SELECT '{kind}', {columns}"
            )
    db.close()
