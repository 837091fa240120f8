"""The schema a new workspace starts from (``migrations.m001_initial_schema`` creates it; later steps change it):
the tables, their indexes, the full-text search index and the triggers that keep it in step with notes,
interviews, candidates and clients, and the splitting of such a script into statements."""

from __future__ import annotations

from consultant_app.store.engine import sqlite

# Search rows are keyed rid * 4 + kind, so each source row maps to exactly one index row.
SEARCH_KINDS = {"note": 0, "interview": 1, "candidate": 2, "client": 3}

INITIAL_SCHEMA = """
CREATE TABLE firm (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    logo BLOB,
    primary_color TEXT NOT NULL,
    accent_color TEXT NOT NULL,
    min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size >= 2),
    phone_region TEXT NOT NULL DEFAULT 'DE'
);
CREATE TABLE clients (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    industry TEXT, region TEXT, brand_color TEXT, logo BLOB,
    contact_name TEXT, contact_email TEXT, contact_phone TEXT,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE roles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    department TEXT, level TEXT, location TEXT, work_mode TEXT,
    salary_offered REAL, currency TEXT, hiring_manager TEXT,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX roles_client ON roles(client_id);
CREATE TABLE candidates (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    role_id TEXT REFERENCES roles(id) ON DELETE SET NULL,
    full_name TEXT NOT NULL,
    email TEXT, phone TEXT,
    disclosure TEXT NOT NULL CHECK (disclosure IN ('named', 'confidential', 'anonymous')),
    consent_date TEXT, source TEXT, offer_date TEXT, decline_date TEXT,
    consent_withdrawn TEXT,
    identity_erased INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX candidates_client ON candidates(client_id);
CREATE INDEX candidates_role ON candidates(role_id);
CREATE TABLE interviews (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'no_answer', 'refused', 'withdrawn')),
    scheduled_at TEXT, conducted_at TEXT, consultant TEXT, channel TEXT,
    duration_minutes INTEGER,
    decline_reasons TEXT NOT NULL DEFAULT '[]',
    competing_company TEXT, competing_salary REAL,
    recommend INTEGER CHECK (recommend BETWEEN 0 AND 10),
    ratings TEXT NOT NULL DEFAULT '{}',
    summary TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX interviews_candidate ON interviews(candidate_id);
CREATE INDEX interviews_status ON interviews(status);
CREATE TABLE notes (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('right', 'wrong', 'competitors', 'extra', 'other')),
    text TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('shareable', 'aggregate', 'internal')),
    highlight INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX notes_interview ON notes(interview_id, position);
CREATE TABLE themes (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    color TEXT, description TEXT
);
CREATE TABLE note_themes (
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX note_themes_theme ON note_themes(theme_id);
CREATE TABLE guides (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    questions TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE audit_log (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE VIRTUAL TABLE search_index USING fts5(
    body, kind UNINDEXED, ref_id UNINDEXED, interview_id UNINDEXED, candidate_id UNINDEXED,
    client_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""


def search_triggers() -> str:
    """Triggers that keep ``search_index`` in step with notes, interviews, candidates, clients."""
    sources = {
        "note": (
            "notes",
            "text, interview_id",
            "new.text",
            "new.interview_id",
            "(SELECT candidate_id FROM interviews WHERE id = new.interview_id)",
            "(SELECT c.client_id FROM interviews i JOIN candidates c ON c.id = i.candidate_id "
            "WHERE i.id = new.interview_id)",
        ),
        "interview": (
            "interviews",
            "summary, competing_company, candidate_id",
            "coalesce(new.summary, '') || ' ' || coalesce(new.competing_company, '')",
            "new.id",
            "new.candidate_id",
            "(SELECT client_id FROM candidates WHERE id = new.candidate_id)",
        ),
        "candidate": ("candidates", "full_name, client_id", "new.full_name", "NULL", "new.id", "new.client_id"),
        "client": ("clients", "name", "new.name", "NULL", "NULL", "new.id"),
    }
    sql = []
    for kind, (table, columns, body, interview, candidate, client) in sources.items():
        code = SEARCH_KINDS[kind]
        insert = (
            f"INSERT INTO search_index(rowid, body, kind, ref_id, interview_id, candidate_id, client_id) "
            f"VALUES (new.rid * 4 + {code}, {body}, '{kind}', new.id, {interview}, {candidate}, {client});"
        )
        delete = f"DELETE FROM search_index WHERE rowid = old.rid * 4 + {code};"
        sql.append(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END;")
        sql.append(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END;")
        sql.append(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} BEGIN {delete} {insert} END;"
        )
    return "\n".join(sql)


def split_statements(script: str) -> list[str]:
    """Splits a script into statements, keeping trigger bodies whole."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]
