"""The release ledger: what it keeps (keyed hashes, never an interview id), which earlier releases a new one is
too close to, what later datasets to a recipient must keep, and its export with the audit log."""

import json

from consultant_app.cli import main
from consultant_app.store.releases import Release


def release(store, ids, recipient="client:c1", kind="report", suppressed=(), levels=None, file="r.pdf"):
    digests = store.releases.digests([*ids, *suppressed])
    return store.releases.record(
        Release(
            kind=kind,
            client_id="c1",
            recipient_key=recipient,
            recipient="Northwind",
            date_from=None,
            date_to="2026-10",
            k=5,
            population=frozenset(digests[i] for i in ids),
            suppressed=frozenset(digests[i] for i in suppressed),
            levels=levels or {},
            file=file,
        )
    )


def test_the_ledger_names_interviews_only_by_keyed_hashes(store, workspace_path):
    ids = [f"interview-{n:04d}-secret" for n in range(12)]
    release(store, ids)
    store.close()
    raw = workspace_path.read_bytes()
    assert b"interview-0003-secret" not in raw
    assert b"Northwind" in raw  # the ledger itself is there


def test_a_release_too_close_to_an_earlier_one_is_found(store):
    ids = [f"i{n}" for n in range(20)]
    release(store, ids[:12])
    digests = store.releases.digests(ids)

    def conflicts(population, recipient="client:c1"):
        return [c.difference for c in store.releases.conflicts(recipient, [digests[i] for i in population], 5)]

    assert conflicts(ids[:12]) == []  # the same interviews again tell nothing new
    assert conflicts(ids[:13]) == [1]
    assert conflicts(ids[1:13]) == [1, 1]  # the one who left and the one who joined, each alone
    assert conflicts(ids[:17]) == []  # five more: a group of k
    assert conflicts(ids[1:17]) == [1]  # five joined, but the one who left (consent withdrawn) stands alone
    assert conflicts(ids[:13], recipient="researcher:Uni Bonn") == []  # another recipient's releases


def test_later_datasets_keep_the_coarsest_levels_and_every_suppressed_row(store):
    release(store, ["a", "b"], kind="dataset", suppressed=["x"], levels={"level": 1, "location": 0})
    release(store, ["a", "b", "c"], kind="dataset", suppressed=["y"], levels={"level": 0, "location": 2})
    release(store, ["a", "b", "c", "z"], kind="report")
    levels, suppressed = store.releases.constraints("client:c1")
    assert levels == {"level": 1, "location": 2}
    assert suppressed == frozenset(store.releases.digests(["x", "y"]).values())


def test_figures_are_kept_as_written_and_read_back_only_when_asked(store):
    digests = store.releases.digests(["a", "b", "c"])
    group = frozenset(digests[i] for i in ("a", "b"))
    figures = (("level: Senior", "reasons", group), ("level: Senior", "recommend", group), ("x", "y", frozenset()))
    store.releases.record(
        Release(
            kind="dataset",
            client_id="c1",
            recipient_key="r",
            recipient="R",
            date_from=None,
            date_to=None,
            k=5,
            population=frozenset(digests.values()),
            figures=figures,
            file="d",
        )
    )
    raw = store.db.execute("SELECT figures FROM releases").fetchone()[0]
    assert raw == json.dumps([[label, variable, sorted(ids)] for label, variable, ids in figures])
    assert store.releases.list(recipient_key="r")[0].figures == figures
    (bare,) = store.releases.list(recipient_key="r", figures=False)  # what a dataset reads: no figures
    assert bare.figures == () and bare.population == frozenset(digests.values())


def test_the_audit_export_holds_the_ledger_without_hashes(store, workspace_path, tmp_path, capsys):
    release(store, [f"i{n}" for n in range(7)], suppressed=["s1"], file="northwind.pdf")
    store.audit.record("report", client_id="c1")
    store.close()
    assert main(["--db", str(workspace_path), "audit", "--out", str(tmp_path / "audit.json")]) == 0
    document = json.loads((tmp_path / "audit.json").read_text())
    assert document["releases"][0] | {"id": None, "created": None} == {
        "id": None,
        "created": None,
        "kind": "report",
        "recipient": "Northwind",
        "client_id": "c1",
        "period": {"from": None, "to": "2026-10"},
        "k": 5,
        "interviews": 7,
        "suppressed": 1,
        "generalisation": {},
        "file": "northwind.pdf",
    }
    assert any(entry["action"] == "report" for entry in document["audit_log"])
    assert main(["--db", str(workspace_path), "audit"]) == 0
    assert "report   to Northwind  start – 2026-10  7 interviews, 1 suppressed, k=5  northwind.pdf" in (
        capsys.readouterr().out
    )


def test_four_releases_whose_pairwise_differences_reach_k_still_single_no_one_out(store):
    """Jan–Feb, Jan–Mar, then Feb–Mar after one more call in March, then Feb: A + B − C − D is that call."""
    jan, feb, mar = ([f"{m}{n}" for n in range(6)] for m in ("jan", "feb", "mar"))
    digests = store.releases.digests([*jan, *feb, *mar, "late"])

    def offer(*months):
        population = [digests[i] for month in months for i in month]
        found = store.releases.conflicts("client:c1", population, 5)
        if not found:
            release(store, [i for month in months for i in month])
        return [c.difference for c in found]

    assert offer(jan, feb) == [] and offer(jan, feb, mar) == []
    assert offer(feb, mar, ["late"]) == [1]  # pairwise it differs from each by 7 and 13: allowed before
    assert offer(feb) == []  # without the third, Feb alone singles out no one
