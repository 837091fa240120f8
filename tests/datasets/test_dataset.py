"""Anonymised datasets: no identifier or forbidden text in any file's bytes, every group of
quasi-identifiers at least k rows (counted from the CSV itself), a valid Frictionless package, a manifest
that matches the files, fresh pseudonyms, and refusal instead of a leak."""

import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from collections import Counter

import pytest
from frictionless import validate

from consultant_app.datasets.anonymise import TooFewToAnonymise
from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.demo import create_demo_workspace
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.domain.requests import DatasetRequest

MARKERS = ("Qzxaggregatemark", "Qzxinternalmark", "Qzxwithdrawnmark")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A demo workspace with planted markers, exported once with every option."""
    from consultant_app.store import Store

    folder = tmp_path_factory.mktemp("ds")
    store = Store.open(folder / "w.db")
    store.firm.update(review_quotes=False)  # what automatic redaction prints; review: test_quote_review.py
    create_demo_workspace(store, clients=3, interviews=900, seed=5)
    records = [r for r in store.reporting.interviews(None) if r.interview.status == "completed"]
    for r, marker, visibility in ((records[0], MARKERS[0], "aggregate"), (records[1], MARKERS[1], "internal")):
        store.notes.save(
            Note(interview_id=r.interview.id, section="wrong", text=f"{marker} detail", visibility=visibility)
        )
    store.notes.save(
        Note(
            interview_id=records[2].interview.id, section="right", text=f"{MARKERS[2]} said yes", visibility="shareable"
        )
    )
    store.candidates.withdraw_consent(records[2].candidate.id)
    target = records[3]
    store.notes.save(
        Note(
            interview_id=target.interview.id,
            section="extra",
            visibility="shareable",
            text=f"I am {target.candidate.full_name}, mail {target.candidate.email}, see https://x.io/me",
        )
    )
    plan = plan_dataset(store, DatasetRequest(None, k=5))
    manifest = write_dataset(store, plan, folder / "out", xlsx=True)
    return store, plan, manifest, folder / "out"


def all_bytes(folder) -> bytes:
    data = b""
    for path in folder.iterdir():
        data += path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                data += b"".join(book.read(name) for name in book.namelist())
    return data


def test_no_direct_identifier_or_forbidden_text_in_any_file(exported):
    store, plan, manifest, folder = exported
    data = all_bytes(folder).lower()
    for marker in MARKERS:
        assert marker.lower().encode() not in data
    identifiers = set()
    for r in store.reporting.interviews(None):
        identifiers |= {
            r.candidate.email,
            r.candidate.phone,
            r.interview.consultant,
            r.interview.id,
            r.candidate.id,
            r.role.hiring_manager if r.role else None,
        }
        if not r.candidate.identity_erased:
            identifiers.add(r.candidate.full_name)
        if r.interview.conducted_at:
            identifiers.add(r.interview.conducted_at[:10])
    for value in identifiers - {None}:
        assert value.lower().encode() not in data, value
    assert b"i am [name], mail [email], see [url]" in data


def test_every_group_of_quasi_identifiers_has_at_least_k_rows(exported):
    _, plan, manifest, folder = exported
    quasi = list(manifest["quasi_identifiers"])
    with (folder / "interviews.csv").open(newline="", encoding="utf-8") as fh:
        groups = Counter(tuple(row[q] for q in quasi) for row in csv.DictReader(fh))
    assert len(groups) > 1
    assert min(groups.values()) >= manifest["k_requested"] == 5
    assert manifest["k_reached"] == min(groups.values())


def test_the_data_package_validates(exported):
    *_, folder = exported
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_manifest_counts_match_the_files(exported):
    store, plan, manifest, folder = exported
    on_disk = json.loads((folder / "manifest.json").read_text())
    assert on_disk == manifest
    for name in ("interviews.csv", "answers.csv", "dataset.xlsx"):
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == manifest["files"][name]["sha256"]
    with (folder / "interviews.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == manifest["rows"]["exported"] == manifest["files"]["interviews.csv"]["rows"]
    assert manifest["rows"]["exported"] + manifest["rows"]["suppressed"] == manifest["rows"]["eligible"]
    completed = [
        r
        for r in store.reporting.interviews(None)
        if r.interview.status == "completed" and not r.candidate.consent_withdrawn
    ]
    assert manifest["rows"]["eligible"] == len(completed)
    with (folder / "answers.csv").open() as fh:
        answers = list(csv.DictReader(fh))
    assert len(answers) == manifest["answers"] and "respondent" in answers[0]  # every client's: a researcher's
    assert manifest["answers_linked"] and manifest["recipient"]["profile"] == "researcher"
    assert manifest["redactions"]["name"] >= 1 and manifest["redactions"]["email"] >= 1
    readme = (folder / "README.md").read_text()
    for column in rows[0]:
        assert f"`{column}`" in readme
    assert store.audit.entries()[0].action == "export-dataset"


def test_values_stay_useful(exported):
    _, plan, _, folder = exported
    with (folder / "interviews.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["competing_company"] for r in rows) and any(r["themes"] for r in rows)
    assert all(r["decline_reasons"] for r in rows)
    assert sum(int(r["reason_compensation"]) for r in rows) == sum(
        "compensation" in r["decline_reasons"].split(";") for r in rows
    )


def test_pseudonyms_are_fresh_unless_a_stable_key_is_asked_for(exported):
    store, plan, *_ = exported
    again = plan_dataset(store, DatasetRequest(None, k=5))
    assert not {r["respondent"] for r in plan.interviews} & {r["respondent"] for r in again.interviews}
    one = plan_dataset(store, DatasetRequest(None, k=5, stable_key="shared secret 1"))
    two = plan_dataset(store, DatasetRequest(None, k=5, stable_key="shared secret 1"))
    assert [r["respondent"] for r in one.interviews] == [r["respondent"] for r in two.interviews]


def test_an_all_rare_workspace_is_refused_and_nothing_is_written(store, tmp_path):
    client = store.clients.save(Client(name="Rare Co"))
    for i in range(6):
        role = store.roles.save(
            Role(client_id=client.id, title=f"Role {i}", department=f"Dept {i}", location=f"City {i}")
        )
        person = store.candidates.save(Candidate(client_id=client.id, full_name=f"P {i}", role_id=role.id))
        store.interviews.save(
            Interview(candidate_id=person.id, status="completed", conducted_at=f"2026-0{i + 1}-01T10:00:00")
        )
    with pytest.raises(TooFewToAnonymise, match="cannot be made 10-anonymous"):
        plan_dataset(store, DatasetRequest(client.id, k=10))
    copy = store.maintenance.backup(tmp_path / "copy.db")  # the open store holds the workspace lock
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "consultant_app",
            "--db",
            str(copy),
            "dataset",
            "--client",
            "Rare Co",
            "--k",
            "10",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "cannot be made 10-anonymous" in result.stderr
    assert not (tmp_path / "out").exists()


def test_dataset_command_line(exported, tmp_path):
    store, *_ = exported
    copy = store.maintenance.backup(tmp_path / "copy.db")  # the open store holds the workspace lock
    result = subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(copy), "dataset", "--all", "--out", str(tmp_path / "cli")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "k = " in result.stdout and (tmp_path / "cli" / "manifest.json").exists()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "consultant_app", "--db", str(copy), "dataset", "--all"),
            *("--for", "researcher", "--recipient", "Uni Lab", "--drop", "period", "salary_band"),
            *("--out", str(tmp_path / "lab")),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "lab" / "manifest.json").read_text())
    assert manifest["recipient"]["profile"] == "researcher" and manifest["recipient"]["name"] == "Uni Lab"
    assert manifest["answers_linked"] and manifest["dropped_columns"] == ["period", "salary_band"]
    assert "competing_company" not in manifest["quasi_identifiers"] and "linked to rows" in result.stdout
    with (tmp_path / "lab" / "answers.csv").open() as fh:
        assert next(csv.reader(fh))[0] == "respondent"


def test_a_second_export_into_the_same_folder_leaves_nothing_of_the_first(tmp_path):
    """An export of every client with a workbook, then one client's export into the same folder: the folder
    holds that client's files only, each listed in its manifest (a stale workbook leaked 20 clients)."""
    from consultant_app.store import Store

    with Store.open(tmp_path / "w.db") as store:
        create_demo_workspace(store, clients=3, interviews=600, seed=4)
        out = tmp_path / "out"
        write_dataset(store, plan_dataset(store, DatasetRequest(None, k=5)), out, xlsx=True)
        client = store.clients.list()[0]
        manifest = write_dataset(store, plan_dataset(store, DatasetRequest(client.id, k=5)), out)
    names = {p.name for p in out.iterdir()}
    assert names == {"manifest.json", *manifest["files"]} and "dataset.xlsx" not in names
    for name, listed in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == listed["sha256"]
    assert manifest["scope"] == client.name and not list(tmp_path.glob(".out*"))


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path):
    from consultant_app.store import Store, WorkspaceError

    out = tmp_path / "out"
    out.mkdir()
    (out / "budget.xlsx").write_bytes(b"the firm's own file")
    with Store.open(tmp_path / "w.db") as store:
        create_demo_workspace(store, clients=1, interviews=200, seed=4)
        with pytest.raises(WorkspaceError, match="already holds other files"):
            write_dataset(store, plan_dataset(store, DatasetRequest(None, k=5)), out)
    assert [p.name for p in out.iterdir()] == ["budget.xlsx"]


def test_an_export_killed_midway_is_cleaned_up_by_the_next(tmp_path):
    import os

    from consultant_app.store import Store

    leftover = tmp_path / ".out.debrief-partial-x1y2z3w4"
    leftover.mkdir()
    (leftover / "interviews.csv").write_text("half written")
    running = tmp_path / ".out.debrief-partial-a9b8c7d6"  # another export, still writing
    running.mkdir()
    os.utime(leftover, (0, 0))  # left by an export killed long ago
    with Store.open(tmp_path / "w.db") as store:
        create_demo_workspace(store, clients=1, interviews=200, seed=4)
        write_dataset(store, plan_dataset(store, DatasetRequest(None, k=5)), tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == [running.name]
