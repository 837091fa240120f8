"""Datasets stay byte-identical across changes to how they are built: a seeded demo workspace (fixed ids and
dates) is exported for a few requests and every file's SHA-256 is compared with what the code wrote before the
dataset was streamed (issue 18). Outputs that are random by design (fresh pseudonyms, answers in random order)
are compared in a canonical form: rows sorted, pseudonyms and the checksums of the random files left out."""

import csv
import hashlib
import io
import json
import zipfile
from datetime import date

import pytest

from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.demo.generator import build_demo_document
from consultant_app.domain.requests import DatasetRequest
from consultant_app.interchange import import_document
from consultant_app.store import Store

CREATED = "2026-06-01T00:00:00+00:00"
# SHA-256 of each file (or canonical form), recorded from the code before the dataset was streamed.
GOLDEN: dict[str, dict[str, str]] = {
    "every client, stable key, linked, workbook": {
        "README.md": "79edf519485991bf44fe077c4d34929c3435317118447b32f8ed4b2ec760a459",
        "answers.csv": "ecc69af3c0acef0b8c30a1047dbe403a47f68c08ffb657b7df59cf9b43897f77",
        "datapackage.json": "5887ce935360f3c93b32b132b558a27e641ddff70619e70ebe3b7effe88b5359",
        "dataset.xlsx": "11cedf5d3e466f28fb4ee4af09235cacdb687519210f7dfb29beae090dc6c57a",
        "interviews.csv": "00dc0b2abaf63b9a04bb5a8c4223cad31ab8f9a2476a360537c157bd75b1cca5",
        "manifest.json": "53acf8f64fe2628e95e7f5b70b4fc8c73f6d9e8cabd3d03b1116649e7881320b",
    },
    "every client again, held to the first": {
        "README.md": "9303f482da14e04f55e2fb7f715eb25ce90283c85ce2d0e14d9d35261e9462d6",
        "answers.csv": "ecc69af3c0acef0b8c30a1047dbe403a47f68c08ffb657b7df59cf9b43897f77",
        "datapackage.json": "5887ce935360f3c93b32b132b558a27e641ddff70619e70ebe3b7effe88b5359",
        "interviews.csv": "00dc0b2abaf63b9a04bb5a8c4223cad31ab8f9a2476a360537c157bd75b1cca5",
        "manifest.json": "ec4b50ca248b569cfdc003bbae710f3b8d647e9ea346be50850d17278b76431d",
    },
    "one client, reviewed quotes, unlinked": {
        "README.md": "0da7c9d4f9fd86a7c3e3af928398b30c10d9599ad476880654aa6d3314e4c463",
        "answers.csv": "461877817eddd9cc79b0a8eb2a39d91ca9aeada3242fe5f25ef0d3a717149a55",
        "datapackage.json": "d4e6e6d2618e0db2ae8c7e40b1b8fbe6e13bb18237f6b8cb44f2a1e50c36428a",
        "interviews.csv": "3d945a5379655a0b82a36f0fb3b4767f804273f29462b17ec8466e816e7ec20c",
        "manifest.json": "f8dd3291ee3fd4a6503226e3282b7214beec6b3f01fbf81dd94e42ff0a4460da",
    },
    "one client for a researcher, stable key, linked": {
        "README.md": "7bdd893c4775fc9485a78c33353d6c3b4f719305acd21350dd8b9cd8dbe449d0",
        "answers.csv": "28471de539ecda9fab00a1308b53774d82bd48cf1502c1d55237218542e710b1",
        "datapackage.json": "73be83cd662f8443b67859a422e39e601b7f1267c1806721e5041be9fcedfb66",
        "interviews.csv": "2a541c535a2038bc299d865e21af8236ff7a9e56ec612a129ff4ffa172fdee3a",
        "manifest.json": "09199eb2c5eaf8cd3cd8aad34ef50aefec081d7c065c025ad47785746ed72ee9",
    },
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden")
    store = Store.open(folder / "w.db")
    import_document(store, build_demo_document(clients=3, interviews=900, seed=5, today=date(2026, 6, 1)))
    notes = store.reporting.notes([r.interview.id for r in store.reporting.interviews(None)])
    shareable = [n for found in notes.values() for n in found if n.visibility == "shareable"]
    with store.write():  # a few reviewer decisions and edits, which the written answers follow
        for n, note in enumerate(shareable[:60]):
            words = note.text.split()
            if n % 3 == 0:
                store.quotes.decide(note.id, note.text, "approved", redact=words[:1], reviewer="Golden")
            elif n % 3 == 1:
                store.quotes.decide(note.id, note.text, "dropped", reviewer="Golden")
    yield store
    store.close()


def _digests(folder, canonical: bool) -> dict[str, str]:
    out = {}
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".xlsx":  # the workbook's own metadata holds the time it was written
            with zipfile.ZipFile(path) as book:
                data = b"".join(book.read(n) for n in sorted(book.namelist()) if n.startswith("xl/worksheets/"))
        if canonical and path.suffix == ".csv":
            rows = list(csv.reader(io.StringIO(data.decode())))
            if rows[0][0] == "respondent":
                rows = [row[1:] for row in rows]
            data = json.dumps([rows[0], *sorted(rows[1:])]).encode()
        if canonical and path.suffix == ".xlsx":
            continue
        if path.name in ("manifest.json", "README.md"):  # each file's own bytes are compared on their own
            text = data.decode()
            for name, info in json.loads((folder / "manifest.json").read_text())["files"].items():
                text = text.replace(info["sha256"], name)
                if name.endswith(".xlsx"):
                    text = text.replace(f'"bytes": {info["bytes"]},', '"bytes": "workbook",')
            data = text.encode()
        out[path.name] = hashlib.sha256(data).hexdigest()
    return out


def _export(store, tmp_path, request: DatasetRequest, review: bool, xlsx: bool = False) -> dict[str, str]:
    store.firm.update(review_quotes=review)
    plan = plan_dataset(store, request)
    plan.created = CREATED
    write_dataset(store, plan, tmp_path / "out", xlsx=xlsx)
    return _digests(tmp_path / "out", canonical=not request.stable_key)


CASES = {
    "every client, stable key, linked, workbook": (DatasetRequest(None, k=5, stable_key="golden key 1"), False, True),
    "every client again, held to the first": (DatasetRequest(None, k=5, stable_key="golden key 1"), False, False),
    "one client, reviewed quotes, unlinked": ("client", True, False),
    "one client for a researcher, stable key, linked": ("researcher", False, False),
}


def _request(store, spec) -> DatasetRequest:
    if isinstance(spec, DatasetRequest):
        return spec
    client = sorted(store.clients.list(), key=lambda c: c.name)[0]
    if spec == "client":
        return DatasetRequest(client.id, k=5)
    return DatasetRequest(client.id, k=5, stable_key="golden key 2", profile="researcher", recipient="Lab")


@pytest.mark.parametrize("case", list(CASES))
def test_the_dataset_is_byte_identical_to_before(store, tmp_path, case):
    spec, review, xlsx = CASES[case]
    found = _export(store, tmp_path, _request(store, spec), review, xlsx)
    assert found == GOLDEN[case]


def test_answers_read_back_after_letting_go_of_their_pages_are_the_same_bytes(store, tmp_path, monkeypatch):
    from consultant_app.datasets import answers

    monkeypatch.setattr(answers, "RELEASE_EVERY", 3)  # the mapped file's pages let go of every third answer
    case = "every client again, held to the first"
    spec, review, xlsx = CASES[case]
    assert _export(store, tmp_path, _request(store, spec), review, xlsx) == GOLDEN[case]


def test_answers_redacted_on_a_pool_of_processes_are_the_same_bytes(store, tmp_path, monkeypatch):
    from consultant_app.datasets import answers

    monkeypatch.setattr(answers, "POOL_FROM", 1)  # a pool for any size, and many small batches to put in order
    monkeypatch.setattr(answers, "BATCH", 97)
    case = "every client again, held to the first"
    spec, review, xlsx = CASES[case]
    assert _export(store, tmp_path, _request(store, spec), review, xlsx) == GOLDEN[case]
