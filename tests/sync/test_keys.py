"""Who may read what in the sync folder: once a firm has sync keys, every bundle is sealed; a consultant's laptop
receives only the clients they are assigned to (earlier bundles included when assigned later), the lead receives
every client, someone with the folder but not the keys reads nothing, and an erasure's rewriting of a laptop's own
bundles keeps them sealed for the same readers."""

import base64

import pyrage
import pytest

from consultant_app.store import Store
from consultant_app.store.errors import WorkspaceError
from consultant_app.sync import keys
from consultant_app.sync.engine import sync
from tests.store.builders import add_note, client_with_interview
from tests.sync.test_engine import sync_all


@pytest.fixture
def firm(tmp_path):
    """The sync folder and three workspaces that joined the firm's sync: the lead's and two consultants'."""
    stores = [Store.open(tmp_path / f"{name}.db") for name in ("lead", "ana", "ben")]
    lead, ana, ben = stores
    firm_key = keys.create_firm(lead, "Lea Lead")
    keys.join(ana, firm_key, "Ana Ruiz")
    keys.join(ben, firm_key, "Ben Okafor")
    yield (tmp_path / "Sync", *stores)
    for store in stores:
        store.close()


def member(store, name) -> str:
    return next(m.id for m in store.sync_keys.members() if m.name == name)


def folder_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*.bundle"))


def two_clients(lead):
    northwind = client_with_interview(lead, name="Ada Quist")
    contoso = client_with_interview(lead, name="Bruno Bexley", client_name="Contoso Freight")
    add_note(lead, northwind[2], "Ada found the panel unprepared")
    add_note(lead, contoso[2], "Bruno took the rival's offer for the salary")
    return northwind, contoso


def test_a_consultant_receives_only_the_clients_they_are_assigned(firm):
    folder, lead, ana, ben = firm
    northwind, contoso = two_clients(lead)
    sync_all(folder, ana, ben, lead)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), True)
    keys.set_assigned(lead, contoso[0].id, member(lead, "Ben Okafor"), True)
    sync_all(folder, lead, ana, ben, rounds=3)
    assert ana.candidates.exists(northwind[1].id) and not ana.candidates.exists(contoso[1].id)
    assert contoso[0].id not in {c.id for c in ana.clients.list()}
    assert ben.candidates.exists(contoso[1].id) and not ben.candidates.exists(northwind[1].id)
    assert [n.text for n in ben.notes.for_interview(contoso[2].id)] == ["Bruno took the rival's offer for the salary"]
    everything = folder_bytes(folder)
    for secret in (b"Ada", b"Bruno", b"Quist", b"Contoso", b"Northwind", b"salary"):
        assert secret not in everything  # sealed: the folder's bytes say nothing


def test_a_consultant_assigned_later_reads_the_clients_earlier_bundles(firm):
    folder, lead, ana, ben = firm
    northwind, _ = two_clients(lead)
    sync_all(folder, lead, ana, ben, rounds=3)
    assert not ben.candidates.exists(northwind[1].id)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ben Okafor"), True)
    sync_all(folder, lead, ben, rounds=2)
    assert ben.candidates.get(northwind[1].id).full_name == "Ada Quist"
    assert [n.text for n in ben.notes.for_interview(northwind[2].id)] == ["Ada found the panel unprepared"]


def test_the_lead_receives_a_client_a_consultant_made(firm):
    folder, lead, ana, ben = firm
    _, candidate, interview = client_with_interview(ana, name="Cyril Dunmore")
    add_note(ana, interview, "Cyril wanted remote work")
    sync_all(folder, ana, ben, lead, rounds=3)
    assert lead.candidates.get(candidate.id).full_name == "Cyril Dunmore"
    assert not ben.candidates.exists(candidate.id)


def test_someone_with_the_folder_but_not_the_keys_neither_reads_nor_writes(firm, tmp_path):
    folder, lead, ana, ben = firm
    northwind, _ = two_clients(lead)
    lead.themes.ensure(["Salary"])
    sync_all(folder, lead, ana, rounds=2)
    with Store.open(tmp_path / "outsider.db") as outsider:
        client_with_interview(outsider, name="Olga Outsider")
        with pytest.raises(WorkspaceError, match="join the firm's sync keys"):
            sync(outsider, folder)  # what it sent would be plain among sealed bundles
        assert b"Olga" not in folder_bytes(folder)
        assert [c.name for c in outsider.clients.list()] == ["Northwind Robotics"]  # its own, nothing taken in
        assert outsider.sync_state.read_up_to() == {}


def test_an_erasure_keeps_a_laptops_rewritten_bundles_sealed_for_the_same_readers(firm, tmp_path):
    folder, lead, ana, ben = firm
    northwind, contoso = two_clients(lead)
    lead.themes.ensure(["Salary"])
    sync_all(folder, lead, ana, ben)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), True)
    sync_all(folder, lead, ana, ben, rounds=3)
    lead.candidates.erase(contoso[1].id)  # the lead's bundles are rewritten without Bruno
    sync_all(folder, lead, ana, ben, rounds=2)
    assert b"Ada" not in folder_bytes(folder) and b"Bruno" not in folder_bytes(folder)
    assert ana.candidates.get(northwind[1].id).full_name == "Ada Quist"
    assert not lead.candidates.exists(contoso[1].id)
    with Store.open(tmp_path / "cai.db") as cai:  # joins after: reads the rewritten bundles from the start
        keys.join(cai, keys.firm_key(lead), "Cai Newman")
        sync_all(folder, cai, lead, cai)
        assert [t.name for t in cai.themes.list()] == ["Salary"]  # the firm's bundles open
        assert cai.clients.list() == []  # assigned to no client: none of their rewritten bundles opens


def test_the_firm_key_is_checked_and_an_encrypted_workspace_syncs_once_joined(tmp_path):
    folder = tmp_path / "Sync"
    with Store.open(tmp_path / "lead.db") as lead, Store.open(tmp_path / "enc.db", passphrase="correct horse") as enc:
        firm_key = keys.create_firm(lead, "Lea Lead")
        client_with_interview(enc, name="Dora Ekwueme")
        with pytest.raises(WorkspaceError, match="join the firm's sync keys"):
            sync(enc, folder)
        for bad in ("not a key", "AGE-SECRET-KEY-1QQQ"):
            with pytest.raises(WorkspaceError):
                keys.join(enc, bad, "Eve")
            assert not keys.joined(enc)
        keys.join(enc, firm_key, "Eve Encrypted")
        sync_all(folder, enc, lead, rounds=2)
        assert [c.name for c in lead.clients.list()] == ["Northwind Robotics"]
        assert b"Dora" not in folder_bytes(folder)


def test_a_consultant_taken_off_a_client_loses_it_and_cannot_read_its_new_work(firm):
    folder, lead, ana, ben = firm
    northwind, contoso = two_clients(lead)
    sync_all(folder, lead, ana, ben)
    for store in (ana, ben):
        keys.set_assigned(lead, northwind[0].id, member(lead, store is ana and "Ana Ruiz" or "Ben Okafor"), True)
    sync_all(folder, lead, ana, ben, rounds=3)
    assert ana.candidates.exists(northwind[1].id)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), False)
    sync_all(folder, lead, ana, ben, rounds=2)
    assert northwind[0].id not in {c.id for c in ana.clients.list()}  # gone from her laptop …
    assert not ana.candidates.exists(northwind[1].id)
    kept = str(list(ana.db.execute("SELECT * FROM sync_heads"))) + str(list(ana.db.execute("SELECT * FROM notes")))
    assert "Ada" not in kept and "panel unprepared" not in kept  # … merge state included
    assert ana.audit.entries()[0].action == "sync-taken-off-client"
    assert ben.candidates.exists(northwind[1].id) and lead.candidates.exists(northwind[1].id)  # no one else's
    add_note(lead, northwind[2], "Ada called back about the equity")
    sync_all(folder, lead, ana, ben, rounds=2)
    assert "Ada called back about the equity" in [n.text for n in ben.notes.for_interview(northwind[2].id)]
    assert not ana.candidates.exists(northwind[1].id)
    newest = max((folder / lead.replica.id).glob("*.bundle"))
    with pytest.raises(pyrage.DecryptError, match="No matching keys"):  # no key she ever held opens its new work
        pyrage.decrypt(newest.read_bytes().split(b"\n", 2)[2], every_key_ever_sealed_to(ana))


def every_key_ever_sealed_to(store) -> list:
    """What a curious consultant could open: the firm key, their own, and every client key ever sealed to them."""
    own = pyrage.x25519.Identity.from_str(store.sync_keys.secret("own"))
    found = [own, pyrage.x25519.Identity.from_str(store.sync_keys.secret("firm"))]
    for sealed in store.sync_keys.client_keys():
        if sealed.member_id == keys.me(store):
            secret = pyrage.decrypt(base64.b64decode(sealed.sealed_secret), [own]).decode()
            found.append(pyrage.x25519.Identity.from_str(secret))
    return found


def test_a_consultant_put_back_on_a_client_reads_all_of_it_again(firm):
    folder, lead, ana, ben = firm
    northwind, _ = two_clients(lead)
    sync_all(folder, lead, ana)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), True)
    sync_all(folder, lead, ana, rounds=3)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), False)
    sync_all(folder, lead, ana, rounds=2)
    add_note(lead, northwind[2], "Ada called back about the equity")
    sync_all(folder, lead, ana)
    assert not ana.candidates.exists(northwind[1].id)
    keys.set_assigned(lead, northwind[0].id, member(lead, "Ana Ruiz"), True)
    sync_all(folder, lead, ana, rounds=3)
    assert sorted(n.text for n in ana.notes.for_interview(northwind[2].id)) == [
        "Ada called back about the equity",
        "Ada found the panel unprepared",
    ]


def test_only_a_lead_puts_consultants_on_a_client(firm):
    folder, lead, ana, ben = firm
    northwind, _ = two_clients(lead)
    sync_all(folder, lead, ana, ben, rounds=2)
    client_on_ana = client_with_interview(ana, name="Cyril Dunmore")[0]
    with pytest.raises(WorkspaceError, match="Only a lead"):
        keys.set_assigned(ana, client_on_ana.id, member(ana, "Ben Okafor"), True)
    assert ana.sync_keys.assignments() == set()
