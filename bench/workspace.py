"""Benchmark workspaces built with the demo generator (seeded; about ten notes per interview of
realistic length), or from the small one's interchange export tiled under new ids (the tiled size, and the
one-client workspaces of the scaling table), cached in ``bench/.cache`` between runs."""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from consultant_app.demo import create_demo_workspace
from consultant_app.interchange import export_file, import_document
from consultant_app.store import Store

CACHE = Path(__file__).resolve().parent / ".cache"
SIZES = {
    "smoke": (2, 500),  # CI's run of the suite: every row measured, none of them meaningful
    "small": (5, 5_000),
    "large": (50, 100_000),
    "report-smoke": (1, 300),
    "report-small": (1, 1_400),
    "report-large": (1, 7_000),
    "report-tiled": (1, 7_000),
}  # one client, about 1,000 / 5,000 completed
EXTRA_NOTES = 10
TILES = 20  # the tiled size: the small workspace twenty times over (100 clients, 100,000 interviews)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def cached_workspace(size: str, seed: int = 1) -> Path:
    """The path of the benchmark workspace of this size, built on first use."""
    if size == "tiled":
        return _tiled_workspace(seed)
    clients, interviews = SIZES[size]
    path = CACHE / f"{size}-{clients}c-{interviews}i-n{EXTRA_NOTES}-s{seed}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        _build(path, lambda store: create_demo_workspace(store, clients, interviews, seed, extra_notes=EXTRA_NOTES))
    return path


def _build(path: Path, fill) -> None:
    """Builds a cached workspace under a ``.building`` name with ``fill(store)``, then moves it into place."""
    partial = path.with_suffix(".building")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    start = time.perf_counter()
    with Store.open(partial) as store:
        fill(store)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in CACHE.glob(partial.name + ".lock"):
        leftover.unlink()
    partial.replace(path)
    print(f"built {path.name} in {time.perf_counter() - start:.0f} s")


def _tiled_workspace(seed: int) -> Path:
    """The small workspace's interchange file imported twenty times over, every copy under new ids and client
    names: the large size's 100,000 interviews and million notes in minutes. The generator's workspace takes
    hours at that size (its import erases each anonymous candidate in every note that mentions them); an
    exported file arrives with those identities already erased."""
    path = CACHE / f"tiled-{TILES}x-small-n{EXTRA_NOTES}-s{seed}.db"
    if not path.exists():
        doc, tiles = _tiles(TILES)
        doc["clients"] = [client for copy in tiles for client in copy["clients"]]
        doc["guides"] += [g for copy in tiles for g in copy["guides"] if g.get("client_id")]
        _build(path, lambda store: import_document(store, doc))
    return path


def scaled_workspace(interviews: int) -> Path:
    """One client with ``interviews`` interviews (1,000, 10,000, 100,000 …) for the scaling table: the small
    workspace's candidates, tiled under new ids as often as needed and cut at that count, all under its first
    client, so that one client's report, the dataset, the import and search all grow with the size."""
    path = CACHE / f"scaled-{interviews}i-small-n{EXTRA_NOTES}-s1.db"
    if not path.exists():
        doc, tiles = _tiles(-(-interviews // SIZES["small"][1]))
        client, candidates, count = tiles[0]["clients"][0], [], 0
        for person in (p for copy in tiles for c in copy["clients"] for p in c["candidates"]):
            if count >= interviews:
                break
            candidates.append(person)
            count += len(person.get("interviews", []))
        client["roles"] = [r for copy in tiles for c in copy["clients"] for r in c["roles"]]
        client["candidates"] = candidates
        doc["clients"] = [client]
        doc["guides"] += [g for g in tiles[0]["guides"] if g.get("client_id") == client["id"]]
        _build(path, lambda store: import_document(store, doc))
    return path


def _tiles(count: int) -> tuple[dict, list[dict]]:
    """The small workspace's interchange document (its firm guides only) and ``count`` copies of it, the first
    as it is, the others under new ids (one shared codebook and firm guide) and numbered client names."""
    text = cached_interchange("small").read_text()
    doc = json.loads(text)
    doc["guides"] = [g for g in doc["guides"] if not g.get("client_id")]
    shared = {r["id"] for r in doc["themes"] + doc["guides"]}
    tiles = []
    for n in range(count):
        copy = json.loads(
            UUID.sub(lambda m, n=n: m[0] if m[0] in shared else str(uuid.uuid5(uuid.UUID(m[0]), str(n))), text)
        )
        for client in copy["clients"]:
            client["name"] += f" {n + 1}" if n else ""
        tiles.append(copy)
    return doc, tiles


def cached_interchange(size: str) -> Path:
    """The benchmark workspace exported to an interchange file, made on first use."""
    workspace = cached_workspace(size)
    path = workspace.with_suffix(".json")
    if not path.exists():
        with Store.open(workspace) as store:
            export_file(store, path)
    return path


def scratch_folder() -> Path:
    """A temporary folder for a measurement's output, removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="debrief-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder
