"""Exporting: a faithful round trip for the firm's own transfers, and a client-safe export that
obeys the confidentiality rules."""

import json

from consultant_app.demo import build_demo_document
from consultant_app.interchange import export_document, export_file, import_document
from consultant_app.store import Store


def test_export_import_export_gives_the_same_document(store, tmp_path):
    import_document(store, build_demo_document(clients=3, interviews=120, seed=3))
    first = export_document(store)
    with Store.open(tmp_path / "empty.db") as fresh:
        import_document(fresh, first)
        assert export_document(fresh) == first


def test_the_example_round_trips(store, example_doc, tmp_path):
    import_document(store, example_doc)
    exported = export_document(store)
    client = exported["clients"][0]
    assert client["roles"] == example_doc["clients"][0]["roles"]
    original = example_doc["clients"][0]["candidates"][0]
    candidate = client["candidates"][0]
    assert {k: v for k, v in candidate.items() if k != "interviews"} == {
        k: v for k, v in original.items() if k != "interviews"
    }
    notes = candidate["interviews"][0]["notes"]
    assert [n["text"] for n in notes] == [n["text"] for n in original["interviews"][0]["notes"]]


def test_export_file_is_valid_json_and_audited(store, example_doc, tmp_path):
    import_document(store, example_doc)
    counts = export_file(store, tmp_path / "out.json")
    assert counts == {"clients": 1, "candidates": 1, "interviews": 1}
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "debrief-interchange"
    assert [e.action for e in store.audit.entries()][0] == "export-interchange"


def test_client_safe_export_keeps_only_what_the_client_may_see(store, example_doc):
    store.firm.update(review_quotes=False)  # what automatic redaction prints; review: test_quote_review.py
    notes = example_doc["clients"][0]["candidates"][0]["interviews"][0]["notes"]
    notes[0]["text"] = "Alex Moreno thought Dana Whitfield and Sam Lee were well prepared."
    import_document(store, example_doc)
    doc = export_document(store, "c1", scope="client")
    text = json.dumps(doc, ensure_ascii=False)
    for forbidden in (
        "Alex",
        "Moreno",
        "alex@example.org",
        "1234567",
        "Six weeks",
        "relocating",
        "Dana Whitfield",
        "Sam Lee",
        "2026-03-09",
        "p1",
        "i1",
        "n1",
    ):
        assert forbidden not in text, forbidden
    [candidate] = doc["clients"][0]["candidates"]
    [note] = candidate["interviews"][0]["notes"]
    assert note["text"] == "[name] thought [name] and [name] were well prepared."
    assert candidate["full_name"].startswith("Candidate ")
    assert candidate["interviews"][0]["decline_reasons"] == ["compensation", "process_speed"]


def test_client_safe_export_names_named_candidates_and_drops_withdrawn_ones(store, example_doc):
    import_document(store, example_doc)
    candidate = store.candidates.get("p1")
    candidate.disclosure = "named"
    store.candidates.save(candidate)
    doc = export_document(store, "c1", scope="client")
    assert doc["clients"][0]["candidates"][0]["full_name"] == "Alex Moreno"
    assert not {"email", "phone"} & set(doc["clients"][0]["candidates"][0])  # named lifts the name only
    store.candidates.withdraw_consent("p1")
    assert "candidates" not in export_document(store, "c1", scope="client")["clients"][0]


def test_client_safe_exports_cannot_be_joined_by_id(store, example_doc):
    import_document(store, example_doc)
    a = export_document(store, "c1", scope="client")["clients"][0]["candidates"][0]
    b = export_document(store, "c1", scope="client")["clients"][0]["candidates"][0]
    assert a["id"] != b["id"]


def test_client_safe_export_never_carries_consultants_or_summaries(store, example_doc):
    """Regression: the canary test found consultants' names in client exports of named candidates."""
    example_doc["clients"][0]["candidates"][0]["disclosure"] = "named"
    example_doc["clients"][0]["candidates"][0]["interviews"][0]["summary"] = "Internal view of the call"
    import_document(store, example_doc)
    text = json.dumps(export_document(store, "c1", scope="client"))
    assert "Alex Moreno" in text and "Sam Lee" not in text and "Internal view" not in text
