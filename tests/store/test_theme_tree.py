"""The codebook's one level of hierarchy: a theme goes under a top theme and the store refuses anything deeper
(or a cycle) with a plain message; a merge or deletion re-parents the themes under it and an undo takes them back;
the parent travels in sync records, through two laptops' themes of one name, and in interchange files; and the
counts per client and the search filters narrow exactly as they say."""

import pytest

from consultant_app.domain.model import Client, Theme
from consultant_app.interchange import InterchangeError, export_document, import_document
from consultant_app.store import Store
from consultant_app.store.search import SearchFilter
from tests.store.builders import add_note, client_with_interview


def theme(store, name, parent=None):
    return store.themes.save(Theme(name=name, parent_id=store.themes.by_name(parent).id if parent else None))


def parents(store):
    names = {t.id: t.name for t in store.themes.list()}
    return {t.name: names.get(t.parent_id) for t in store.themes.list()}


@pytest.fixture
def codebook(store):
    for name, parent in (("Process", None), ("Slow hiring", "Process"), ("Ghosting", "Process"), ("Pay", None)):
        theme(store, name, parent)
    return store


def test_a_theme_goes_one_level_under_a_top_theme_and_no_deeper(codebook):
    store = codebook
    assert [(top.name, [c.name for c in under]) for top, under in store.themes.tree()] == [
        ("Pay", []),
        ("Process", ["Ghosting", "Slow hiring"]),
    ]
    refusals = {
        "Bonus": ("Slow hiring", "“Slow hiring” is itself under “Process”: themes go one level deep."),
        "Process": ("Pay", "“Process” has themes under it (Ghosting, Slow hiring): themes go one level deep."),
        "Pay": ("Pay", "“Pay” cannot be under itself."),
    }
    theme(store, "Bonus")
    before = parents(store)
    for name, (parent, message) in refusals.items():
        moved = store.themes.by_name(name)
        moved.parent_id = store.themes.by_name(parent).id
        with pytest.raises(ValueError) as refused:
            store.themes.save(moved)
        assert str(refused.value) == message
    assert parents(store) == before


def test_merging_or_deleting_a_parent_re_parents_its_themes_and_undo_takes_them_back(codebook):
    store = codebook
    process, pay = store.themes.by_name("Process"), store.themes.by_name("Pay")
    merged = store.themes.merge(process.id, pay.id)
    assert parents(store) == {"Pay": None, "Slow hiring": "Pay", "Ghosting": "Pay"}
    store.themes.restore(merged)
    assert parents(store)["Slow hiring"] == "Process" and parents(store)["Ghosting"] == "Process"
    store.themes.merge(process.id, store.themes.by_name("Ghosting").id)  # into a theme that was under it
    assert parents(store) == {"Pay": None, "Ghosting": None, "Slow hiring": "Ghosting"}
    theme(store, "Bonus", "Pay")
    store.themes.merge(store.themes.by_name("Ghosting").id, store.themes.by_name("Bonus").id)  # target is under Pay
    assert parents(store) == {"Pay": None, "Bonus": "Pay", "Slow hiring": "Pay"}
    deleted = store.themes.delete(pay.id)
    assert parents(store) == {"Bonus": None, "Slow hiring": None}
    store.themes.restore(deleted)
    assert parents(store) == {"Pay": None, "Bonus": "Pay", "Slow hiring": "Pay"}


def test_the_parent_travels_in_sync_records_and_through_two_laptops_themes_of_one_name(codebook):
    store = codebook
    slow = store.themes.by_name("Slow hiring")
    assert store.sync_state.record("themes", slow.id)["parent_id"] == store.themes.by_name("Process").id
    twin = Theme(name="Hiring process")
    store.themes.save(twin)
    with store.write("themes"):
        store.db.execute("UPDATE themes SET parent_id = ? WHERE id = ?", [twin.id, slow.id])
        store.sync_state.merge_themes(twin.id, store.themes.by_name("Process").id)
    assert parents(store)["Slow hiring"] == "Process"


def test_the_parent_travels_by_name_in_interchange_files_and_a_deeper_one_is_refused(codebook, tmp_path):
    store = codebook
    doc = export_document(store)
    assert {t["name"]: t.get("parent") for t in doc["themes"]}["Slow hiring"] == "Process"
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_document(fresh, doc)
        assert parents(fresh) == parents(store)
        deeper = {**doc, "themes": doc["themes"] + [{"id": "t-new", "name": "Recruiter", "parent": "Ghosting"}]}
        with pytest.raises(InterchangeError, match="parent: “Ghosting” is itself under “Process”"):
            import_document(fresh, deeper)
        assert "Recruiter" not in parents(fresh)


@pytest.fixture
def two_clients(store):
    a, _, first = client_with_interview(store, client_name="Northwind")
    b, _, second = client_with_interview(store, name="Ola Brandt", client_name="Contoso")
    first.conducted_at, second.conducted_at = "2026-01-10T10:00:00", "2026-06-02T10:00:00"
    store.interviews.save(first)
    store.interviews.save(second)
    notes = {
        "recruiter slow": add_note(store, first, "The recruiter was slow", themes=["Slow hiring"]),
        "pay low": add_note(store, first, "Pay was low", "aggregate", "wrong", themes=["Pay"]),
        "recruiter kind": add_note(store, second, "The recruiter was kind", "internal", themes=["Slow hiring"]),
        "pay fair": add_note(store, second, "Pay was fair", section="competitors", themes=["Pay", "Slow hiring"]),
    }
    return store, a, b, {n.id: text for text, n in notes.items()}


def test_counts_per_client(two_clients):
    store, a, b, texts = two_clients
    ids = {t.name: t.id for t in store.themes.list()}
    store.clients.save(Client(name="Empty"))
    assert store.themes.usage_by_client(ids["Slow hiring"]) == {a.id: 1, b.id: 2}
    assert store.themes.usage_by_client(ids["Pay"]) == {a.id: 1, b.id: 1}
    store.notes.delete(next(n for n, text in texts.items() if text == "pay fair"))
    assert store.themes.usage_by_client(ids["Pay"]) == {a.id: 1}
    assert store.themes.usage_by_client(store.themes.save(Theme(name="Unused")).id) == {}


def test_each_search_filter_narrows_with_words_and_without(two_clients):
    store, a, b, texts = two_clients
    slow = store.themes.by_name("Slow hiring").id

    def found(words, **where):
        return sorted(texts.get(h.ref_id, h.kind) for h in store.search.query(words, where=SearchFilter(**where)))

    assert found("recruiter") == ["recruiter kind", "recruiter slow"]
    assert found("recruiter", client_id=a.id) == ["recruiter slow"]
    assert found("recruiter", visibility="internal") == ["recruiter kind"]
    assert found("pay", section="wrong") == ["pay low"]
    assert found("pay", theme_id=slow) == ["pay fair"]
    assert found("was", date_from="2026-03-01") == ["pay fair", "recruiter kind"]
    assert found("was", date_to="2026-03-01") == ["pay low", "recruiter slow"]
    assert found("", theme_id=slow) == ["pay fair", "recruiter kind", "recruiter slow"]
    assert found("", theme_id=slow, client_id=b.id, section="competitors") == ["pay fair"]
    assert found("") == [] and found("", client_id=a.id) == []  # no words and no note filter: nothing listed
    assert found("northwind") == ["client"] and found("northwind", section="right") == []  # note filters: notes only
