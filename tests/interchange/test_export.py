"""Exporting: a faithful round trip for the firm's own transfers, which are firm-internal: one client's transfer
keeps everything, and no scope makes an interchange file for a client (that is a report or a dataset)."""

import json

import pytest

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
    entry = store.audit.entries()[0]
    assert entry.action == "export-interchange"
    assert (entry.detail["scope"], entry.detail["firm_internal"]) == ("workspace", True)


def test_no_scope_makes_an_interchange_file_for_a_client(store, example_doc, tmp_path):
    import_document(store, example_doc)
    for scope in ("client", "client-safe"):
        with pytest.raises(ValueError, match="firm-internal and never go to a client; for a client, make a report"):
            export_document(store, "c1", scope=scope)
        with pytest.raises(ValueError, match="firm-internal"):
            export_file(store, tmp_path / "out.json", "c1", scope)
    assert not list(tmp_path.glob("*.json")) and not list(tmp_path.glob(".*"))
    assert "export-interchange" not in [e.action for e in store.audit.entries()]


def test_a_clients_transfer_keeps_everything_for_another_of_the_firms_workspaces(store, example_doc, tmp_path):
    example_doc["clients"][0]["candidates"][0]["interviews"][0]["summary"] = "Internal view of the call"
    import_document(store, example_doc)
    store.candidates.withdraw_consent("p1")
    doc = export_document(store, "c1")
    assert doc["scope"] == "client-internal" and "firm" not in doc
    text = json.dumps(doc, ensure_ascii=False)
    for kept in ("Alex Moreno", "alex@example.org", "relocating", "Sam Lee", "Dana Whitfield", "Internal view", "p1"):
        assert kept in text, kept
    with Store.open(tmp_path / "other.db") as other:  # the withdrawal travels: the other workspace keeps them out
        import_document(other, doc)
        assert other.candidates.get("p1").consent_withdrawn
        assert export_document(other, "c1")["clients"] == doc["clients"]
