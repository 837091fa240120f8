"""Merging or deleting a theme returns what it removed, and ``restore`` undoes it exactly: the theme under its
id, name and colour, the notes it tagged, and a merge's target without the tags the merge added; each step is in
the audit log, and a restore that would clash is refused plainly."""

import pytest

from consultant_app.domain.model import Theme
from tests.store.builders import add_note, client_with_interview


def tags(store, name):
    return set(store.themes.notes_tagged(store.themes.by_name(name).id))


def test_a_merge_is_undone_exactly(store):
    _, _, interview = client_with_interview(store)
    a = add_note(store, interview, "a", themes=["Slow hiring"])
    b = add_note(store, interview, "b", themes=["Slow hiring", "Slow process"])
    c = add_note(store, interview, "c", themes=["Slow process"])
    hiring = store.themes.by_name("Slow hiring")
    removed = store.themes.merge(hiring.id, store.themes.by_name("Slow process").id)
    assert (set(removed.note_ids), set(removed.added)) == ({a.id, b.id}, {a.id})
    assert tags(store, "Slow process") == {a.id, b.id, c.id}
    store.themes.restore(removed)
    assert store.themes.by_name("Slow hiring") == hiring
    assert tags(store, "Slow hiring") == {a.id, b.id} and tags(store, "Slow process") == {b.id, c.id}
    assert [e.action for e in store.audit.entries()][:2] == ["restore-theme", "merge-themes"]


def test_a_deletion_is_undone_for_the_notes_that_still_exist(store):
    _, _, interview = client_with_interview(store)
    a = add_note(store, interview, "a", themes=["Pay"])
    b = add_note(store, interview, "b", themes=["Pay"])
    removed = store.themes.delete(store.themes.by_name("Pay").id)
    store.notes.delete(b.id)
    store.themes.restore(removed)
    assert tags(store, "Pay") == {a.id}


def test_a_restore_that_would_clash_is_refused(store):
    _, _, interview = client_with_interview(store)
    add_note(store, interview, "a", themes=["Pay"])
    removed = store.themes.delete(store.themes.by_name("Pay").id)
    store.themes.save(Theme(name="pay"))
    with pytest.raises(ValueError, match="another theme called 'pay'"):
        store.themes.restore(removed)
