"""The sync group (issue 20): twenty replicas, each holding its share of a benchmark workspace's interviews (smoke and
small: that workspace's 500 or 5,000 dealt out 25 or 250 each; large and tiled: a tile of 5,000 each, the tiled
workspace's 100,000 in all), have each synced their bundle into one folder, cached in ``bench/.cache``. A new lead
workspace taking them all in with ``engine.sync`` is measured against the app's bulk import of an interchange file
holding the same records, each run in a process of its own (``bench.run_one``); a note typed in a synced workspace is
sent, its bundle's bytes counted; and the sync a consultant's app runs after opening, with nothing new in the folder, is
timed in a fresh process on the lead's workspace, against the same process opening the workspace without syncing."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.measure import Run, interleaved, median
from bench.operations import Measurement
from bench.run_one import child
from bench.workspace import CACHE, SIZES, _tiles, cached_interchange, scratch_folder
from consultant_app.interchange import import_document
from consultant_app.store import Store
from consultant_app.sync import engine

REPLICAS = 20
PER_REPLICA = {
    "smoke": SIZES["smoke"][1] // REPLICAS,
    "small": SIZES["small"][1] // REPLICAS,
    "large": SIZES["small"][1],
    "tiled": SIZES["small"][1],
}
NOTE = (
    "She turned the offer down because the recruiter never said the role was hybrid; the competing firm put "
    "its remote days in writing and answered her within a day."
)  # 160 characters, a typical typed note


def replica_documents(size: str) -> list[dict]:
    """Each replica's interchange document: the small workspace's candidates dealt out in turn (small), or a
    tile of the small workspace under new ids each (large and tiled); the smoke size's are dealt out likewise."""
    if size in ("smoke", "small"):
        doc = json.loads(cached_interchange(size).read_text())
        docs = []
        for n in range(REPLICAS):
            clients = [dict(c, candidates=c["candidates"][n::REPLICAS]) for c in doc["clients"]]
            docs.append(dict(doc, clients=[c for c in clients if c["candidates"]]))
        return docs
    return _tiles(REPLICAS)[1]


def _combined(docs: list[dict]) -> dict:
    """One interchange document holding every replica's records: clients by id, their candidates together."""
    clients: dict[str, dict] = {}
    for doc in docs:
        for client in doc["clients"]:
            held = clients.setdefault(client["id"], dict(client, candidates=[], roles=[]))
            held["candidates"] += client["candidates"]
            held["roles"] += [r for r in client["roles"] if r not in held["roles"]]
    guides = {g["id"]: g for doc in docs for g in doc["guides"]}
    themes = {t["id"]: t for doc in docs for t in doc["themes"]}
    return dict(docs[0], clients=list(clients.values()), guides=list(guides.values()), themes=list(themes.values()))


def cached_sync_folder(size: str) -> tuple[Path, Path]:
    """The folder the twenty replicas synced into and the interchange file of the same records, made on first
    use: each replica a new workspace that imported its document (its clients, roles, guides and themes under
    the ids the others have too, as when each consultant starts from the client's file) and synced once into a
    folder of its own, so it took in no one else's bundles."""
    name = f"sync-{REPLICAS}x{PER_REPLICA[size]}-{size}"
    folder, combined = CACHE / name, CACHE / f"{name}.json"
    if not folder.exists():
        start = time.perf_counter()
        partial = CACHE / f"{name}.building"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        docs = replica_documents(size)
        with tempfile.TemporaryDirectory(dir=CACHE) as workspaces:
            for n, doc in enumerate(docs):
                alone = Path(workspaces) / f"folder-{n}"
                with Store.open(Path(workspaces) / f"replica-{n}.db") as store:
                    import_document(store, doc)
                    engine.sync(store, alone)
                    (alone / store.replica.id).rename(partial / store.replica.id)
        combined.write_text(json.dumps(_combined(docs)))
        partial.replace(folder)
        print(f"built {name} in {time.perf_counter() - start:.0f} s")
    return folder, combined


def lead_folder(replicas: Path) -> Path:
    """A scratch sync folder holding the replicas' subfolders (linked, not copied): what a lead writes of its own
    goes there, never into the cache."""
    folder = Path(tempfile.mkdtemp(dir=scratch_folder()))
    for sub in replicas.iterdir():
        (folder / sub.name).symlink_to(sub.resolve(), target_is_directory=True)
    return folder


def cached_lead(size: str) -> tuple[Path, Path]:
    """A lead workspace that has taken in every replica's bundle, and the (scratch) folder it synced with."""
    replicas, _ = cached_sync_folder(size)
    path = CACHE / f"{replicas.name}-lead.db"
    folder = lead_folder(replicas)
    if not path.exists():
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        with Store.open(partial) as store:
            engine.sync(store, folder)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for leftover in CACHE.glob(partial.name + ".lock"):
            leftover.unlink()
        partial.replace(path)
    else:
        with Store.open(path) as store:  # its own bundles, if it sent any, were in an earlier scratch folder
            engine.sync(store, folder)
    return path, folder


def taking_in(size: str, repeat: int) -> list[Measurement]:
    replicas, combined = cached_sync_folder(size)

    def side(name: str):
        def run() -> Run:
            with tempfile.TemporaryDirectory(dir=scratch_folder()) as out:
                source = lead_folder(replicas) if name == "app" else combined
                return child("sync", name, source, Path(out))[0]

        return run

    runs = interleaved(side("app"), side("floor"), repeat if size in ("smoke", "small") else min(repeat, 3))
    label = f"sync: a new lead takes in {REPLICAS} replicas × {PER_REPLICA[size]:,} interviews"
    return [Measurement(label, *runs, "import of the same records", "≤ 2×")]


def typed_note(size: str, repeat: int) -> list[Measurement]:
    """A note typed in a synced workspace (a copy of the lead), then synced: the sync's time against writing and
    syncing to disk the same bytes, and the bundle's size."""
    from consultant_app.session import CallSession

    lead, _ = cached_lead(size)
    with tempfile.TemporaryDirectory(dir=scratch_folder()) as scratch:
        db, folder, raw = Path(scratch) / "copy.db", Path(scratch) / "folder", Path(scratch) / "raw"
        with Store.open(lead) as original:
            original.maintenance.backup(db)
        sizes: list[int] = []
        with Store.open(db) as store:
            engine.sync(store, folder)  # its first bundle, if any: not what a typed note costs
            interview = store.db.execute("SELECT id FROM interviews WHERE status = 'scheduled' LIMIT 1").fetchone()[0]
            session = CallSession(store, interview)

            def send() -> None:
                session.add_note("right", NOTE)
                session.flush()
                before = set(folder.rglob("*.bundle"))
                engine.sync(store, folder)
                sizes.extend(p.stat().st_size for p in set(folder.rglob("*.bundle")) - before)

            def floor() -> None:
                with raw.open("wb") as fh:
                    fh.write(os.urandom(sizes[-1] if sizes else 1000))
                    fh.flush()
                    os.fsync(fh.fileno())

            runs = interleaved(send, floor, repeat, warm_up=True)
    note = f"a bundle of {median([Run(s) for s in sizes]):,.0f} bytes for a {len(NOTE)}-character note"
    return [Measurement("sync: send one typed note", *runs, "write + fsync of as many bytes", "", note)]


def opening(size: str, repeat: int) -> list[Measurement]:
    """In a fresh process, the lead's workspace opened and synced with the folder, nothing being new, against the
    same process opening it only: what syncing adds to opening the app (the window's sync runs on a worker
    thread 2.5 s after it shows; its setting up at open is a timer)."""
    lead, folder = cached_lead(size)
    out = scratch_folder()
    child("open-sync", "app", lead, out, "--folder", str(folder))  # warm-up: the file in the OS cache
    runs = interleaved(
        lambda: child("open-sync", "app", lead, out, "--folder", str(folder))[0],
        lambda: child("open-sync", "floor", lead, out, "--folder", str(folder))[0],
        repeat,
    )
    added = (median(runs[0]) - median(runs[1])) * 1000
    label = "sync: open a synced workspace and sync, nothing new"
    return [Measurement(label, *runs, "open the workspace only", "< 100 ms added", f"adds {added:.0f} ms")]


def syncing(size: str, repeat: int) -> Iterator[Measurement]:
    """Every row of the group, each as soon as it is measured."""
    for rows in (taking_in, typed_note, opening):
        yield from rows(size, repeat)
