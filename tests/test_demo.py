"""The demo workspace is deterministic and shows every kind of record a real firm has."""

from datetime import date

from consultant_app.demo import build_demo_document, create_demo_workspace


def test_same_seed_same_document():
    day = date(2026, 6, 1)
    assert build_demo_document(3, 100, 11, day) == build_demo_document(3, 100, 11, day)
    assert build_demo_document(3, 100, 11, day) != build_demo_document(3, 100, 12, day)


def test_demo_covers_every_disclosure_visibility_section_and_status(store):
    create_demo_workspace(store, clients=4, interviews=400, seed=1)
    db = store.db
    values = lambda sql: {r[0] for r in db.execute(sql)}  # noqa: E731
    assert values("SELECT disclosure FROM candidates") == {"named", "confidential", "anonymous"}
    assert values("SELECT visibility FROM notes") == {"shareable", "aggregate", "internal"}
    assert values("SELECT section FROM notes") >= {"right", "wrong", "competitors", "extra"}
    assert values("SELECT status FROM interviews") == {"scheduled", "completed", "no_answer", "refused", "withdrawn"}
    assert len(store.clients.list()) == 4
    assert db.execute("SELECT count(*) FROM interviews").fetchone()[0] == 400
    assert store.maintenance.check().ok
