"""The named, ordered schema migrations of a Debrief workspace, applied by sqlite-utils ``Migrations``
through its public API (``applied``, ``pending``, ``apply``).

Each migration runs in its own transaction at open, after a backup copy has been taken. Names are
never reused or reordered; a new schema change is a new function at the end of ``STEPS``. The
search index (FTS5) is kept in step by triggers, so every write path indexes alike; rows carry an
explicit integer ``rid`` that keys the index and survives VACUUM.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from consultant_app.store.engine import sqlite
from consultant_app.store.initial_schema import INITIAL_SCHEMA, search_triggers, split_statements

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

APPLICATION_ID = 0x44425246  # "DBRF": marks the file as a Debrief workspace
MIGRATION_SET = "debrief"


def m001_initial_schema(db: Database) -> None:
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in split_statements(INITIAL_SCHEMA + search_triggers()):
        db.execute(statement)
    db.execute(
        "INSERT INTO firm (id, name, primary_color, accent_color, min_group_size) VALUES (1, ?, ?, ?, 5)",
        ["Your research firm", "#1B2A41", "#2A7DE1"],
    )


def m002_interview_client(db: Database) -> None:
    """Each interview carries its client, kept by triggers, so per-client counts need no join."""
    for statement in split_statements("""
        ALTER TABLE interviews ADD COLUMN client_id TEXT REFERENCES clients(id) ON DELETE CASCADE;
        UPDATE interviews SET client_id = (SELECT client_id FROM candidates WHERE candidates.id =
            interviews.candidate_id);
        CREATE INDEX interviews_client_status ON interviews(client_id, status);
        CREATE TRIGGER interviews_client_insert AFTER INSERT ON interviews BEGIN UPDATE interviews SET
            client_id = (SELECT client_id FROM candidates WHERE id = new.candidate_id) WHERE rid = new.rid; END;
        CREATE TRIGGER interviews_client_move AFTER UPDATE OF candidate_id ON interviews BEGIN UPDATE
            interviews SET client_id = (SELECT client_id FROM candidates WHERE id = new.candidate_id) WHERE rid
            = new.rid; END;
        CREATE TRIGGER candidates_client_move AFTER UPDATE OF client_id ON candidates BEGIN UPDATE interviews
            SET client_id = new.client_id WHERE candidate_id = new.id; END;
    """):
        db.execute(statement)


def m003_maintenance_state(db: Database) -> None:
    """Small persistent flags for housekeeping, such as a search-index purge left for later."""
    db.execute("CREATE TABLE maintenance_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def m004_finite_salaries(db: Database) -> None:
    """Salaries that earlier versions let in as Infinity or absurdly large (they broke every statistic)
    are forgotten: the rules now refuse them at every boundary."""
    from consultant_app.domain.validation import MAX_SALARY

    for table, column in (("roles", "salary_offered"), ("interviews", "competing_salary")):
        db.execute(
            f"UPDATE {table} SET {column} = NULL WHERE {column} IS NOT NULL AND "
            f"({column} != {column} OR abs({column}) > ? OR {column} < 0)",
            [MAX_SALARY],
        )


def m005_one_home_for_k(db: Database) -> None:
    """The minimum group size is checked by the confidentiality rules (``confidentiality.check_k``) wherever
    it enters; the firm table stops repeating that rule in a CHECK of its own."""
    for statement in split_statements("""
        CREATE TABLE firm_new (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            logo BLOB,
            primary_color TEXT NOT NULL,
            accent_color TEXT NOT NULL,
            min_group_size INTEGER NOT NULL DEFAULT 5,
            phone_region TEXT NOT NULL DEFAULT 'DE'
        );
        INSERT INTO firm_new (id, name, logo, primary_color, accent_color, min_group_size, phone_region)
            SELECT id, name, logo, primary_color, accent_color, min_group_size, phone_region FROM firm;
        DROP TABLE firm;
        ALTER TABLE firm_new RENAME TO firm;
    """):
        db.execute(statement)


def m006_erased_identities(db: Database) -> None:
    """Keyed hashes that recognise erased people in text without keeping their names, and the workspace's
    own secret key for them (``domain.redaction.erased``)."""
    import secrets

    db.execute("CREATE TABLE erased_identities (digest TEXT PRIMARY KEY, kind TEXT NOT NULL)")
    db.execute("CREATE TABLE workspace_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
    db.execute("INSERT INTO workspace_keys (name, value) VALUES ('redaction', ?)", [secrets.token_bytes(32)])


def m007_quote_review(db: Database) -> None:
    """A person approves every quote before it leaves the firm: a decision per note, kept with a hash of the
    note's text (an edit needs a new decision) and the reviewer's own redactions and restorations; and the
    firm's setting that outputs require it."""
    db.execute("ALTER TABLE firm ADD COLUMN review_quotes INTEGER NOT NULL DEFAULT 1")
    db.execute("""
        CREATE TABLE quote_reviews (
            note_id TEXT PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
            source_hash TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'dropped')),
            redact TEXT NOT NULL DEFAULT '[]',
            restore TEXT NOT NULL DEFAULT '[]',
            reviewer TEXT,
            reviewed_at TEXT NOT NULL
        )""")


def m008_release_ledger(db: Database) -> None:
    """The release ledger: every report and dataset that left the firm, with its recipient, period, the keyed
    hashes of the interviews it covered and of those it suppressed, and the generalisation it used, so that a
    later release cannot be subtracted from it; and the key of those hashes."""
    import secrets

    db.execute("""
        CREATE TABLE releases (
            id TEXT PRIMARY KEY,
            created TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('report', 'dataset')),
            client_id TEXT,
            recipient_key TEXT NOT NULL,
            recipient TEXT NOT NULL,
            date_from TEXT,
            date_to TEXT,
            k INTEGER NOT NULL,
            population_size INTEGER NOT NULL,
            population TEXT NOT NULL DEFAULT '[]',
            suppressed TEXT NOT NULL DEFAULT '[]',
            levels TEXT NOT NULL DEFAULT '{}',
            file TEXT
        )""")
    db.execute("CREATE INDEX releases_by_recipient ON releases (recipient_key, created)")
    db.execute("INSERT INTO workspace_keys (name, value) VALUES ('releases', ?)", [secrets.token_bytes(32)])


def m009_release_figures(db: Database) -> None:
    """Each release also keeps the groups it printed figures about (a report's breakdown rows, a dataset's rows
    by each quasi-identifier's value), as keyed hashes, so a later release's rows are not subtracted from them."""
    db.execute("ALTER TABLE releases ADD COLUMN figures TEXT NOT NULL DEFAULT '[]'")


def m010_erasure_ledger_and_retention(db: Database) -> None:
    """Erasure that sticks: the erasure ledger (the candidates erased, or whose identity was erased, with the
    keyed hashes that recognise them and the pseudonym given; no plain identity), which backups, restores and
    imports are held to; the firm's retention policy and auto-lock, with a per-client retention override; and
    the search index deleting erased words in place (FTS5 ``secure-delete``) instead of leaving them until its
    segments merge, after one merge that drops what earlier deletions left."""
    db.execute("""
        CREATE TABLE erasure_ledger (
            candidate_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('erased', 'identity')),
            erased_on TEXT NOT NULL,
            reason TEXT NOT NULL,
            pseudonym TEXT,
            digests TEXT NOT NULL DEFAULT '[]'
        )""")
    db.execute(
        "INSERT INTO erasure_ledger (candidate_id, kind, erased_on, reason, pseudonym) "
        "SELECT id, 'identity', date('now'), 'anonymous interview completed', full_name FROM candidates "
        "WHERE identity_erased = 1"
    )
    db.execute(
        "INSERT OR REPLACE INTO erasure_ledger (candidate_id, kind, erased_on, reason) "
        "SELECT json_extract(detail, '$.candidate_id'), 'erased', substr(at, 1, 10), 'erased on request' "
        "FROM audit_log WHERE action = 'erase-candidate' AND json_extract(detail, '$.candidate_id') IS NOT NULL"
    )
    db.execute("ALTER TABLE firm ADD COLUMN retention_months INTEGER CHECK (retention_months >= 1)")
    db.execute(
        "ALTER TABLE firm ADD COLUMN auto_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (auto_lock_minutes >= 0)"
    )
    db.execute("ALTER TABLE firm ADD COLUMN require_passphrase INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE clients ADD COLUMN retention_months INTEGER CHECK (retention_months >= 1)")
    db.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


def m011_client_counts(db: Database) -> None:
    """Each client's counts of candidates and of completed and scheduled interviews, kept by triggers on every
    write (a new client, a candidate added, erased or moved to another client, an interview added, deleted or
    changing status or client), so the client list reads one small table instead of counting every row."""
    for statement in split_statements("""
        CREATE TABLE client_counts (
            client_id TEXT PRIMARY KEY,
            candidates INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0,
            scheduled INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        INSERT INTO client_counts (client_id, candidates, completed, scheduled)
            SELECT c.id,
                (SELECT COUNT(*) FROM candidates WHERE client_id = c.id),
                (SELECT COUNT(*) FROM interviews WHERE client_id = c.id AND status = 'completed'),
                (SELECT COUNT(*) FROM interviews WHERE client_id = c.id AND status = 'scheduled')
            FROM clients c;
        CREATE TRIGGER client_counts_client_insert AFTER INSERT ON clients BEGIN
            INSERT OR IGNORE INTO client_counts (client_id) VALUES (new.id); END;
        CREATE TRIGGER client_counts_client_id AFTER UPDATE OF id ON clients WHEN old.id IS NOT new.id BEGIN
            UPDATE client_counts SET client_id = new.id WHERE client_id = old.id; END;
        CREATE TRIGGER client_counts_client_delete AFTER DELETE ON clients BEGIN
            DELETE FROM client_counts WHERE client_id = old.id; END;
        CREATE TRIGGER client_counts_candidate_insert AFTER INSERT ON candidates BEGIN
            UPDATE client_counts SET candidates = candidates + 1 WHERE client_id = new.client_id; END;
        CREATE TRIGGER client_counts_candidate_delete AFTER DELETE ON candidates BEGIN
            UPDATE client_counts SET candidates = candidates - 1 WHERE client_id = old.client_id; END;
        CREATE TRIGGER client_counts_candidate_move AFTER UPDATE OF client_id ON candidates
            WHEN old.client_id IS NOT new.client_id BEGIN
            UPDATE client_counts SET candidates = candidates - 1 WHERE client_id = old.client_id;
            UPDATE client_counts SET candidates = candidates + 1 WHERE client_id = new.client_id; END;
        CREATE TRIGGER client_counts_interview_insert AFTER INSERT ON interviews
            WHEN new.status IN ('completed', 'scheduled') BEGIN
            UPDATE client_counts SET completed = completed + (new.status = 'completed'),
                scheduled = scheduled + (new.status = 'scheduled') WHERE client_id = new.client_id; END;
        CREATE TRIGGER client_counts_interview_delete AFTER DELETE ON interviews
            WHEN old.status IN ('completed', 'scheduled') BEGIN
            UPDATE client_counts SET completed = completed - (old.status = 'completed'),
                scheduled = scheduled - (old.status = 'scheduled') WHERE client_id = old.client_id; END;
        CREATE TRIGGER client_counts_interview_update AFTER UPDATE OF status, client_id ON interviews
            WHEN (old.status IN ('completed', 'scheduled') OR new.status IN ('completed', 'scheduled'))
            AND (old.status IS NOT new.status OR old.client_id IS NOT new.client_id) BEGIN
            UPDATE client_counts SET completed = completed - (old.status = 'completed'),
                scheduled = scheduled - (old.status = 'scheduled') WHERE client_id = old.client_id;
            UPDATE client_counts SET completed = completed + (new.status = 'completed'),
                scheduled = scheduled + (new.status = 'scheduled') WHERE client_id = new.client_id; END;
    """):
        db.execute(statement)


# What a sync carries, row by row: each table's rows by the entity name "table/id" (a note's themes go with the
# note; the firm profile is "firm/1"); the tables the triggers of m012 watch.
DATA_TABLES = ("firm", "clients", "roles", "candidates", "interviews", "notes", "themes", "guides")


# not INSERT OR IGNORE: an upsert that fires the trigger would impose its own conflict handling on it
NOTING = (
    "INSERT INTO sync_pending (entity) SELECT {entity} WHERE (SELECT applying FROM replica) = 0 "
    "AND NOT EXISTS (SELECT 1 FROM sync_pending WHERE entity = {entity});"
)


def _noting_triggers(table: str) -> list[str]:
    """The triggers that note a synced table's rows as changed (``sync_pending``) on insert, update and delete."""
    triggers = []
    for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
        entity = f"'{table}/' || {row}.id"
        triggers.append(
            f"CREATE TRIGGER sync_{table}_{event.lower()} AFTER {event} ON {table} BEGIN "
            f"{NOTING.format(entity=entity)} END"
        )
    return triggers


def m012_sync_capture(db: Database) -> None:
    """Every workspace becomes a replica: its own id and the last reading of its hybrid logical clock, and a
    list of the records changed since its last sync (``sync_pending``), kept by triggers so every write path
    (the app, imports, merges of themes, erasures) is seen alike. While a sync applies other replicas' changes
    (``replica.applying``), nothing is noted. An older workspace's data is noted whole (the first sync stamps and sends
    it); a new workspace's defaults are not."""
    statements = [
        """CREATE TABLE replica (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            replica_id TEXT NOT NULL,
            clock_wall INTEGER NOT NULL DEFAULT 0,
            clock_counter INTEGER NOT NULL DEFAULT 0,
            applying INTEGER NOT NULL DEFAULT 0
        )""",
        "INSERT INTO replica (id, replica_id) VALUES (1, lower(hex(randomblob(16))))",
        "CREATE TABLE sync_pending (entity TEXT PRIMARY KEY) WITHOUT ROWID",
    ]
    for table in DATA_TABLES:
        statements += _noting_triggers(table)
        # an older workspace's data; a new one's default firm profile is no one's change, so nothing is noted
        statements.append(
            f"INSERT OR IGNORE INTO sync_pending (entity) SELECT '{table}/' || id FROM {table} "
            "WHERE EXISTS (SELECT 1 FROM clients)"
        )
    for event, row in (("INSERT", "new"), ("DELETE", "old")):
        entity = f"'notes/' || {row}.note_id"
        statements.append(
            f"CREATE TRIGGER sync_note_themes_{event.lower()} AFTER {event} ON note_themes BEGIN "
            f"{NOTING.format(entity=entity)} END"
        )
    for statement in statements:
        db.execute(statement)


def m013_sync_state(db: Database) -> None:
    """What this replica knows of the merge (``domain.merge``): each register's heads (the writes no later one
    replaced, whole, as JSON), the ids of writes replaced, the candidates erased or who withdrew consent by any
    replica, how far each other replica's bundles have been read, and the bundles made but not yet written to
    the sync folder (the outbox), the themes made on two laptops under one name that are one theme here, and the
    conflicts a person resolved here since the last sync."""
    for statement in split_statements("""
        CREATE TABLE sync_heads (
            op_id TEXT PRIMARY KEY,
            entity TEXT NOT NULL,
            field TEXT NOT NULL,
            owner TEXT,
            op TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sync_heads_register ON sync_heads(entity, field);
        CREATE INDEX sync_heads_owner ON sync_heads(owner) WHERE owner IS NOT NULL;
        CREATE TABLE sync_superseded (op_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE sync_ledger (op_id TEXT PRIMARY KEY, candidate_id TEXT NOT NULL, kind TEXT NOT NULL,
            op TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE sync_read (replica_id TEXT PRIMARY KEY, up_to INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE sync_outbox (number INTEGER PRIMARY KEY, changes TEXT NOT NULL);
        CREATE TABLE sync_aliases (alias TEXT PRIMARY KEY, canonical TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE sync_resolved (entity TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (entity, field))
            WITHOUT ROWID;
    """):
        db.execute(statement)


def m014_sync_waiting(db: Database) -> None:
    """Records a sync took in before what they refer to (a note before its interview, when another replica's
    bundles are read first): kept whole, with the candidate they belong to, until the parent arrives."""
    db.execute("CREATE TABLE sync_waiting (entity TEXT PRIMARY KEY, owner TEXT, record TEXT NOT NULL) WITHOUT ROWID")


# The firm's sync keys, which travel like the data (the firm's bundles): who syncs (each member's public key, and
# whether they lead and so read every client), who works on which client, and each client's key sealed to each
# member who may read that client's bundles.
KEY_TABLES = ("sync_members", "sync_assignments", "sync_client_keys")


def m015_sync_keys(db: Database) -> None:
    """The firm's sync keys (``sync.keys``): the members of the firm's sync with their public keys, the clients
    assigned to each, and each client's key sealed to each member who may read the client's bundles — synced tables
    noted like the others — and, kept here only, the bundles passed over because they were sealed for keys this
    workspace did not hold (read again when it gains one), what each of its own bundles was sealed for, and the
    clients removed from this laptop when its member was taken off them (read again if put back on)."""
    statements = split_statements("""
        CREATE TABLE sync_members (id TEXT PRIMARY KEY, name TEXT NOT NULL, public_key TEXT NOT NULL,
            lead INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE sync_assignments (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, member_id TEXT NOT NULL);
        CREATE TABLE sync_client_keys (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, public_key TEXT NOT NULL,
            member_id TEXT NOT NULL, sealed_secret TEXT NOT NULL);
        CREATE INDEX sync_client_keys_client ON sync_client_keys(client_id);
        CREATE TABLE sync_passed_over (replica_id TEXT NOT NULL, number INTEGER NOT NULL,
            keys_held INTEGER NOT NULL, PRIMARY KEY (replica_id, number)) WITHOUT ROWID;
        CREATE TABLE sync_own_scopes (number INTEGER PRIMARY KEY, scope TEXT NOT NULL);
        CREATE TABLE sync_dropped (client_id TEXT PRIMARY KEY) WITHOUT ROWID;
        ALTER TABLE sync_outbox ADD COLUMN scope TEXT NOT NULL DEFAULT 'firm';
    """)
    for table in KEY_TABLES:
        statements += _noting_triggers(table)
    for statement in statements:
        db.execute(statement)


def m016_candidate_lists(db: Database) -> None:
    """Candidate lists imported from clients' applicant-tracking systems: each candidate's id in the client's system
    (``external_id``, identifying like an e-mail: cleared by an identity erasure, never in an output; synced with the
    rest of the candidate), and, kept here only, the column mapping last confirmed for each client's files."""
    for statement in split_statements("""
        ALTER TABLE candidates ADD COLUMN external_id TEXT;
        CREATE INDEX candidates_external_id ON candidates(client_id, external_id) WHERE external_id IS NOT NULL;
        CREATE TABLE import_mappings (
            client_id TEXT PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
            mapping TEXT NOT NULL
        ) WITHOUT ROWID;
    """):
        db.execute(statement)


def m017_theme_parents(db: Database) -> None:
    """A theme may sit under a broader one, one level deep (``store.themes`` keeps it so); the column travels with
    the theme's other fields in sync records, and interchange files carry it as the parent's name."""
    db.execute("ALTER TABLE themes ADD COLUMN parent_id TEXT")
    db.execute("CREATE INDEX themes_parent ON themes(parent_id) WHERE parent_id IS NOT NULL")


def m018_interviews_by_schedule(db: Database) -> None:
    """The calls of a day (``Interviews.scheduled_between``) found by their time, not by reading every interview:
    115 ms a day on 100,000 interviews without it, 2 ms with it."""
    db.execute("CREATE INDEX interviews_scheduled ON interviews(scheduled_at)")


def m019_erased_calls(db: Database) -> None:
    """The calls an erasure deleted (``Erasures.calls_between``), kept for a few weeks so that a calendar file of
    their period cancels their events: only the event's id (the interview's random id), the client's id, the time
    and the length, nothing naming the person. A table of this workspace alone; no sync carries it."""
    db.execute("""
        CREATE TABLE erased_calls (
            interview_id TEXT PRIMARY KEY,
            client_id TEXT NOT NULL,
            scheduled_at TEXT NOT NULL,
            duration_minutes INTEGER
        )""")


STEPS = [
    m001_initial_schema,
    m002_interview_client,
    m003_maintenance_state,
    m004_finite_salaries,
    m005_one_home_for_k,
    m006_erased_identities,
    m007_quote_review,
    m008_release_ledger,
    m009_release_figures,
    m010_erasure_ledger_and_retention,
    m011_client_counts,
    m012_sync_capture,
    m013_sync_state,
    m014_sync_waiting,
    m015_sync_keys,
    m016_candidate_lists,
    m017_theme_parents,
    m018_interviews_by_schedule,
    m019_erased_calls,
]
SYNCED_TABLES = DATA_TABLES + KEY_TABLES  # every table whose rows a sync carries
KNOWN_MIGRATIONS = [step.__name__ for step in STEPS]  # every step this version knows


@cache
def migration_set() -> Migrations:
    """The steps as a sqlite-utils migration set (sqlite-utils loads only when a step is due)."""
    from consultant_app.store.sqlite_utils_lite import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in STEPS:
        steps()(step)
    return steps


def applied_names(conn: sqlite.Connection) -> list[str]:
    """The names of the steps already applied to this file, in the order they were applied: read from
    sqlite-utils' own record of them (``Migrations.applied`` reads the same rows)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone():
        return []
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])
    return [name for (name,) in rows]


def pending_names(conn: sqlite.Connection) -> list[str]:
    """The steps of this version that the file has not had yet, in order."""
    applied = set(applied_names(conn))
    return [step.__name__ for step in STEPS if step.__name__ not in applied]
