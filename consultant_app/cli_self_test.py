"""``debrief self-test``: checks an installation end to end, for whoever installs Debrief (a firm's IT after
deploying the package, support on a consultant's laptop). Everything happens in a temporary folder that is
removed at the end, with the app's settings kept there too: the user's workspace, settings, recent files and
keychain are never touched. It writes and reads back an encrypted workspace, makes a demo, a report with the
bundled typeface and an anonymised dataset, then starts the desktop app (offscreen unless ``--on-screen``),
opens a call from the keyboard, types a note, quits with Ctrl+Q and finds the note in the file. One line per
check; the first failure stops the run with its reason (exit 1)."""

from __future__ import annotations

import os
import tempfile
import time
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from consultant_app.about import app_version
from consultant_app.domain.wording import plural

CHECK_NAMES = ("encryption", "demo", "report", "dataset", "desktop")  # for --only; the parser imports this module

PASSPHRASE = "self-test: a passphrase nobody uses"
CALL_NOTE = "Self-test note: the offer came late; salary was below the market, café chat was friendly — “ok”."


class CheckFailed(Exception):
    """A check that did not pass, with what went wrong in words."""


def encrypted_workspace(folder: Path) -> str:
    from consultant_app.domain.model import Client
    from consultant_app.store import Store, WorkspaceError
    from consultant_app.store.engine import versions

    path = folder / "encrypted.db"
    with Store.open(path, passphrase=PASSPHRASE) as store:
        store.clients.save(Client(name="Self-test client"))
    if b"Self-test client" in path.read_bytes():
        raise CheckFailed("the workspace was written in the clear")
    try:
        Store.open(path).close()
    except WorkspaceError:
        pass
    else:
        raise CheckFailed("the encrypted workspace opened without its passphrase")
    with Store.open(path, passphrase=PASSPHRASE) as store:
        if [c.name for c in store.clients.list()] != ["Self-test client"]:
            raise CheckFailed("the encrypted workspace did not read back what was written")
    cipher, sqlite = versions()
    return f"written, locked and read back with its passphrase (SQLCipher {cipher}, SQLite {sqlite})"


def demo(folder: Path) -> str:
    made = demo_workspace(folder)
    return ", ".join(plural(made[kind], kind) for kind in ("client", "interview", "note"))


def demo_workspace(folder: Path) -> dict[str, int]:
    """The demo the report and dataset checks run on, made once (what was made, by kind)."""
    from consultant_app.demo import create_demo_workspace
    from consultant_app.store import Store

    path = folder / "demo.db"
    if path.exists():
        return {}
    with Store.open(path) as store:
        return create_demo_workspace(store, clients=2, interviews=80).created


def report(folder: Path) -> str:
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report
    from consultant_app.store import Store

    out = folder / "report.pdf"
    demo_workspace(folder)
    with Store.open(folder / "demo.db") as store:
        client = store.clients.list()[0]
        result = generate_report(store, ReportRequest(client.id, out))
    pdf = out.read_bytes()
    if not pdf.startswith(b"%PDF") or b"Inter-Regular" not in pdf:
        raise CheckFailed("the report is not a PDF with the bundled typeface (Inter) embedded")
    return f"{result.pages} pages for {client.name}, bundled typeface embedded"


def dataset(folder: Path) -> str:
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.domain.requests import DatasetRequest
    from consultant_app.store import Store

    out = folder / "dataset"
    demo_workspace(folder)
    with Store.open(folder / "demo.db") as store:
        request = DatasetRequest(None, folder=out, xlsx=True)
        manifest = write_dataset(store, plan_dataset(store, request), out, xlsx=True)
    files = sorted(p.name for p in out.iterdir())
    if not {"interviews.csv", "answers.csv", "dataset.xlsx"} <= set(files):
        raise CheckFailed(f"the dataset folder holds {', '.join(files) or 'nothing'}")
    return f"{len(files)} files, {manifest['rows']['exported']} interviews, k = {manifest['k_reached']}"


def desktop_app(folder: Path, on_screen: bool) -> str:
    """The real app on a workspace with one scheduled call, driven by keyboard (``ui.call_check``)."""
    if not on_screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_LOGGING_RULES"] = "default.warning=false"  # offscreen says it cannot raise windows
    path = folder / "calls.db"
    interview = workspace_with_scheduled_calls(path)[0]
    from consultant_app.store import Store
    from consultant_app.ui.call_check import type_into_a_call

    problem = type_into_a_call(path, CALL_NOTE, folder / "settings")
    if problem:
        raise CheckFailed(problem)
    with Store.open(path) as store:
        texts = [note.text for note in store.notes.for_interview(interview)]
    if CALL_NOTE not in texts:
        raise CheckFailed("the note typed into the call is not in the workspace after quitting")
    return f"opened a call from the keyboard, typed {len(CALL_NOTE)} characters, quit with Ctrl+Q; the note is saved"


def workspace_with_scheduled_calls(path: Path, interviews: int = 1) -> list[str]:
    """A workspace with one client and role, and candidates with a scheduled interview each (their ids)."""
    from consultant_app.domain.model import Candidate, Client, Interview, Role
    from consultant_app.store import Store

    with Store.open(path) as store:
        client = store.clients.save(Client(name="Northwind Robotics"))
        role = store.roles.save(Role(client_id=client.id, title="Engineer", hiring_manager="Dana Whitfield"))
        made = []
        for i in range(interviews):
            candidate = store.candidates.save(
                Candidate(
                    client_id=client.id, role_id=role.id, full_name=f"Ada Quist {i + 1}", disclosure="confidential"
                )
            )
            made.append(store.interviews.save(Interview(candidate_id=candidate.id, status="scheduled")).id)
    return made


def checks(on_screen: bool) -> dict[str, tuple[str, Callable[[Path], str]]]:
    """Each check by its name on the command line: what it prints, and the check."""
    said = ["encrypted workspace", "demo", "report", "dataset", "desktop app"]
    run = [encrypted_workspace, demo, report, dataset, lambda folder: desktop_app(folder, on_screen)]
    return dict(zip(CHECK_NAMES, zip(said, run, strict=True), strict=True))


def self_test(path: Path, args: Namespace) -> int:
    """Runs every check in a temporary folder; ``path`` (the user's workspace) is never opened."""
    print(f"Debrief {app_version()} self-test, in a temporary folder removed at the end:")
    chosen = [check for key, check in checks(args.on_screen).items() if not args.only or key in args.only]
    passed = 0
    with tempfile.TemporaryDirectory(prefix="debrief-self-test-") as temporary:
        for name, check in chosen:
            started = time.perf_counter()
            try:
                said = check(Path(temporary))
            except Exception as exc:  # whatever stops a check is what the person installing needs to read
                reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
                print(f"  FAILED  {name}: {reason}")
                break
            print(f"  ok      {name}: {said} ({time.perf_counter() - started:.1f} s)", flush=True)
            passed += 1
    total = len(chosen)
    print("All checks passed." if passed == total else f"{passed} of {total} checks passed; the rest did not run.")
    return 0 if passed == total else 1
