"""A theme's parent travels by sync: themes placed under two laptops' themes of one name end under the one theme
on every laptop, and deleting a parent on one laptop leaves the themes under it at the top everywhere."""

from consultant_app.domain.model import Theme
from consultant_app.store import Store
from consultant_app.sync.engine import sync
from tests.store.builders import client_with_interview


def placed(store):
    names = {t.id: t.name for t in store.themes.list()}
    return {t.name: names.get(t.parent_id) for t in store.themes.list()}


def test_parents_travel_and_follow_two_laptops_themes_of_one_name(tmp_path):
    folder = tmp_path / "Sync"
    with Store.open(tmp_path / "ana.db") as ana, Store.open(tmp_path / "ben.db") as ben:
        client_with_interview(ana)

        def sync_both():
            for _ in range(2):
                for n, store in enumerate((ana, ben)):
                    clock = iter(range(1_800_000_000_000 + n * 7, 1_900_000_000_000))
                    assert sync(store, folder, now=lambda c=clock: next(c)).problems == []

        sync_both()
        for store, child in ((ana, "Slow hiring"), (ben, "Ghosting")):
            parent = store.themes.save(Theme(name="Process"))
            store.themes.save(Theme(name=child, parent_id=parent.id))
        sync_both()
        expected = {"Process": None, "Slow hiring": "Process", "Ghosting": "Process"}
        assert placed(ana) == placed(ben) == expected
        ana.themes.delete(ana.themes.by_name("Process").id)
        sync_both()
        assert placed(ana) == placed(ben) == {"Slow hiring": None, "Ghosting": None}
