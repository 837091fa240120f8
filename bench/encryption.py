"""Encrypted against plain: each operation on an encrypted copy of a benchmark workspace (SQLCipher 4) against
the same operation on a plain copy made the same way (both with ``sqlcipher_export``, cached beside the
workspace), run interleaved (plain, encrypted, plain, encrypted …) so both see the same machine. Opening
includes the key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations); a second row opens with the key already
derived."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.measure import interleaved, median
from bench.operations import Measurement, _biggest_client, app_open_run
from bench.workspace import CACHE, cached_interchange, cached_workspace
from consultant_app.store import Store
from consultant_app.store.engine import connect, is_encrypted
from consultant_app.store.restoring import export_to

PASSPHRASE = "bench: correct horse battery staple"
TARGETS = {"open": "≤ 1.3×", "autosave": "≤ 1.5×", "search": "≤ 1.5×", "report": "≤ 1.2×", "import": "≤ 1.5×"}
PLAIN = "same, unencrypted"


def cached_copy(size: str, encrypted: bool) -> Path:
    """A copy of the benchmark workspace of this size, encrypted or plain, made on first use with
    ``sqlcipher_export`` (the store's ``export_to``, as ``encrypt_in_place`` makes its copy). Both copies are made
    the same way (the export lays every table out afresh, as VACUUM does), so they differ in encryption only."""
    source = cached_workspace(size)
    path = source.with_name(f"{source.stem}-{'encrypted' if encrypted else 'exported'}.db")
    if not path.exists():
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        start = time.perf_counter()
        conn = connect(source)
        try:
            export_to(conn, partial, PASSPHRASE if encrypted else None)  # as encrypt_in_place makes its copy
        finally:
            conn.close()
        if is_encrypted(partial) != encrypted:
            raise RuntimeError(f"{partial.name} was to be {'encrypted' if encrypted else 'plain'}; it is not")
        partial.replace(path)
        print(f"exported {path.name} in {time.perf_counter() - start:.0f} s")
    return path


def cached_encrypted(size: str) -> Path:
    return cached_copy(size, encrypted=True)


def cached_plain(size: str) -> Path:
    return cached_copy(size, encrypted=False)


def raw_key(path: Path) -> str:
    """The key SQLCipher derives from the passphrase and the file's salt (its first 16 bytes), as a raw key."""
    with path.open("rb") as fh:
        salt = fh.read(16)
    derived = hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, 256_000, 32)
    return f"x'{derived.hex()}'"


def open_rows(size: str, repeat: int) -> list[Measurement]:
    plain, encrypted = cached_plain(size), cached_encrypted(size)
    with Store.open(plain) as store:
        client_id = _biggest_client(store).id

    def opener(path: Path, passphrase: str | None):
        def run():  # what the main window asks of the store before its first paint
            with Store.open(path, passphrase=passphrase) as store:
                store.firm.get()
                store.clients.summaries()
                store.listing.count(client_id)
                store.listing.page(client_id, limit=500)

        return run

    def first_read(path: Path, passphrase: str | None):
        return lambda: connect(path, passphrase).close()

    opener(plain, None)(), opener(encrypted, PASSPHRASE)()  # warm-up: the files into the OS cache
    key = raw_key(encrypted)
    kdf_plain, kdf = interleaved(first_read(plain, None), first_read(encrypted, PASSPHRASE), repeat)
    base, ours = interleaved(opener(plain, None), opener(encrypted, PASSPHRASE), repeat)
    base_raw, ours_raw = interleaved(opener(plain, None), opener(encrypted, key), repeat)
    derivation = (median(kdf) - median(kdf_plain)) * 1000
    return [
        Measurement(
            "encrypted: open workspace, clients, first page",
            ours,
            base,
            PLAIN,
            TARGETS["open"],
            f"includes key derivation, PBKDF2-HMAC-SHA512 × 256,000: {derivation:.0f} ms",
        ),
        Measurement("encrypted: the same, key already derived", ours_raw, base_raw, PLAIN, "", "raw key, no PBKDF2"),
        *app_open_rows(plain, encrypted, repeat),
    ]


def app_open_rows(plain: Path, encrypted: Path, repeat: int) -> list[Measurement]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPYCACHEPREFIX=str(CACHE / "pycache"),
        BENCH_PASSPHRASE=PASSPHRASE,
    )

    def run(path: Path):
        return lambda: app_open_run(["--db", str(path)] + (["--encrypted"] if path == encrypted else []), env)

    # warm-up: bytecode compiled, files in the OS cache
    base, ours = interleaved(run(plain), run(encrypted), repeat, warm_up=True)
    return [Measurement("encrypted: open the app to an interactive window", ours, base, PLAIN, TARGETS["open"])]


def autosave_rows(size: str, repeat: int) -> list[Measurement]:
    from consultant_app.session import CallSession

    with tempfile.TemporaryDirectory() as folder:
        sessions = []
        for name, source, passphrase in (
            ("plain.db", cached_plain(size), None),
            ("encrypted.db", cached_encrypted(size), PASSPHRASE),
        ):
            with Store.open(source, passphrase=passphrase) as original:
                original.maintenance.backup(Path(folder) / name)  # a copy with the same key
            store = Store.open(Path(folder) / name, passphrase=passphrase)
            row = store.db.execute("SELECT id FROM interviews WHERE status = 'scheduled' LIMIT 1").fetchone()
            session = CallSession(store, row[0])
            sessions.append((store, session, session.add_note("right", "The recruiter was ")))

        def saver(session, note):
            def save():
                session.edit_note(note.id, text=session.note(note.id).text + "x")
                session.flush()

            return save

        base, ours = interleaved(*(saver(session, note) for _, session, note in sessions), repeat * 20)
        for store, _, _ in sessions:
            store.close()
    return [Measurement("encrypted: autosave of one note", ours, base, PLAIN, TARGETS["autosave"])]


def search_rows(size: str, repeat: int) -> list[Measurement]:
    """Each query twice: as the plain benchmark runs it (again and again, so its pages stay in SQLite's page cache,
    decrypted), and with that cache emptied before each run, so every page it needs is read from the (warm) OS
    cache and, in the encrypted workspace, decrypted and checked again."""
    from consultant_app.store.search import literal_query

    out = []
    with Store.open(cached_plain(size)) as plain, Store.open(cached_encrypted(size), passphrase=PASSPHRASE) as enc:
        for word in ("recruiter", "fontaine"):  # a common word, and a rare one (a surname)
            query = "SELECT count(*) FROM search_index WHERE search_index MATCH ?"
            count = plain.db.execute(query, [literal_query(word)]).fetchone()[0]
            for cold in (False, True):

                def searcher(store: Store, word: str = word, cold: bool = cold):
                    def run():
                        if cold:
                            store.db.execute("PRAGMA shrink_memory")
                        store.search.query(word, limit=50)

                    return run

                base, ours = interleaved(searcher(plain), searcher(enc), repeat, warm_up=True)
                label = f"encrypted: search “{word}” ({count:,} hits)" + (", cache emptied" if cold else "")
                out.append(Measurement(label, ours, base, PLAIN, TARGETS["search"]))
    return out


def report_rows(size: str, repeat: int) -> list[Measurement]:
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(cached_plain(f"report-{size}")) as plain,
        Store.open(cached_encrypted(f"report-{size}"), passphrase=PASSPHRASE) as enc,
    ):
        out = Path(folder)
        client = max(plain.clients.summaries(), key=lambda s: s.completed).client
        result = generate_report(plain, ReportRequest(client.id, out / "warm.pdf"))
        generate_report(enc, ReportRequest(client.id, out / "warm.pdf"))
        base, ours = interleaved(
            lambda: generate_report(plain, ReportRequest(client.id, out / "p.pdf")),
            lambda: generate_report(enc, ReportRequest(client.id, out / "e.pdf")),
            repeat,
        )
    label = f"encrypted: report ({result.data.completed:,} completed, {result.pages} pages)"
    return [Measurement(label, ours, base, PLAIN, TARGETS["report"])]


def import_rows(size: str, repeat: int) -> list[Measurement]:
    from consultant_app.interchange import import_file

    source = cached_interchange(size)

    def importer(folder: Path, name: str, passphrase: str | None):
        def run():
            for leftover in folder.glob(f"{name}*"):
                leftover.unlink()
            with Store.open(folder / name, passphrase=passphrase) as store:
                import_file(store, source)

        return run

    runs = repeat if size in ("smoke", "small") else min(repeat, 3)  # a large import takes minutes
    with tempfile.TemporaryDirectory() as folder:
        plain, encrypted = importer(Path(folder), "plain.db", None), importer(Path(folder), "encrypted.db", PASSPHRASE)
        base, ours = interleaved(plain, encrypted, runs)
    megabytes = source.stat().st_size / 1e6
    label = f"encrypted: import of the interchange file ({megabytes:,.0f} MB)"
    return [Measurement(label, ours, base, PLAIN, TARGETS["import"])]


def encryption(size: str, repeat: int) -> Iterator[Measurement]:
    """Every row of the group, each as soon as it is measured."""
    for rows in (open_rows, autosave_rows, search_rows, report_rows, import_rows):
        yield from rows(size, repeat)
