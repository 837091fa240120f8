"""Regenerates the README screenshots and sample report pages from a fresh demo workspace.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Report pages need ``pdftoppm`` (poppler-utils) on the PATH.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from consultant_app.demo import create_demo_workspace
from consultant_app.store import Store
from consultant_app.ui.app import make_application
from consultant_app.ui.main_window import MainWindow
from consultant_app.ui.theme import apply_theme

OUT = Path(__file__).resolve().parent
SIZE = (1280, 720)  # a common laptop screen: every screen must work at this size


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def at_size(window) -> None:
    """Shows ``window`` at SIZE, not maximized (the offscreen screen is smaller than a laptop's, so a window that
    does not fit it opens maximized)."""
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SIZE)
    window.show()


def main() -> None:
    app = make_application(sys.argv)
    folder = Path(tempfile.mkdtemp())
    store = Store.open(folder / "demo.db")
    create_demo_workspace(store, clients=6, interviews=400, seed=7)
    window = MainWindow(store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    at_size(window)
    window.page.table.selectRow(10)
    for theme, suffix in (("dark", "-dark"), ("light", "")):
        apply_theme(app, theme)
        settle(app)
        window.grab().save(str(OUT / f"main-window{suffix}.png"))
    dashboard(app, window)

    interview_id = store.db.execute(
        "SELECT i.id FROM interviews i JOIN candidates c ON c.id = i.candidate_id "
        "JOIN notes n ON n.interview_id = i.id "
        "WHERE i.status = 'completed' AND c.disclosure = 'confidential' AND n.section = 'wrong' "
        "GROUP BY i.id ORDER BY COUNT(n.id) DESC LIMIT 1"
    ).fetchone()[0]
    screen = window.open_call(interview_id)
    at_size(screen)
    screen.show_section("wrong")
    screen.new_note()
    screen.cards[screen.current_note].editor.setPlainText(
        "Asked twice about hybrid days; nobody could give a straight answer."
    )
    screen.set_visibility("internal")
    for theme, suffix in (("dark", "-dark"), ("light", "")):
        apply_theme(app, theme)
        settle(app)
        screen.grab().save(str(OUT / f"call-screen{suffix}.png"))
    screen.save_now()

    search = window.open_search()
    search.query.setText("salary")
    search._run()
    settle(app)
    search.grab().save(str(OUT / "search.png"))
    client_id = store.clients.find("Brightline Bank").id
    quote_review(app, window, store)
    import_mapping(app, window, store, client_id, folder)
    report_pages(store, client_id, folder / "report.pdf")
    releases(app, window, store, client_id, folder)
    locking(app, folder)
    conflicts(app, folder)
    print("screenshots written to", OUT)


def dashboard(app: QApplication, window: MainWindow) -> None:
    """The selected client's dashboard (Ctrl+2), once its figures are in, in both themes; then the table again."""
    from PySide6.QtCore import QEventLoop, QTimer

    waiting = QEventLoop()
    window.page.dashboard.updated.connect(waiting.quit)
    QTimer.singleShot(10_000, waiting.quit)
    window.act_dashboard_view.trigger()
    waiting.exec()
    for theme, suffix in (("dark", "-dark"), ("light", "")):
        apply_theme(app, theme)
        settle(app)
        window.grab().save(str(OUT / f"dashboard{suffix}.png"))
    window.act_candidates_view.trigger()


def conflicts(app: QApplication, folder: Path) -> None:
    """Two laptops that typed the same notes differently before they synced: Edit → Conflicts."""
    from dataclasses import replace

    from consultant_app.domain.model import Candidate, Client, Interview, Note
    from consultant_app.sync.engine import sync
    from consultant_app.ui.admin.conflicts_view import ConflictsView

    sync_folder = folder / "Sync"
    ana, ben = Store.open(folder / "ana.db"), Store.open(folder / "ben.db")
    client = ana.clients.save(Client(name="Brightline Bank"))
    candidate = ana.candidates.save(Candidate(client_id=client.id, full_name="Lukas Ferrari", disclosure="named"))
    interview = ana.interviews.save(Interview(candidate_id=candidate.id, status="completed"))
    notes = [
        ana.notes.save(Note(interview_id=interview.id, section=section, text="…", visibility="aggregate"))
        for section in ("right", "wrong")
    ]
    for store in (ana, ben, ana):
        sync(store, sync_folder)
    typed = {
        ana: ["The panel was friendly, and the CTO joined for the last half hour.", "Offer 10% below market."],
        ben: ["Panel friendly; CTO joined late.", "Recruiter slow after round two; the offer came 10% below market."],
    }
    for store, texts in typed.items():
        for note, text in zip(notes, texts, strict=True):
            store.notes.save(replace(store.notes.get(note.id), text=text))
    for store in (ana, ben, ana):
        sync(store, sync_folder)
    view = ConflictsView(ana, lambda: None)
    view.show()
    settle(app)
    view.grab().save(str(OUT / "conflicts.png"))
    view.close()
    ana.close()
    ben.close()


def import_mapping(app: QApplication, window: MainWindow, store: Store, client_id: str, folder: Path) -> None:
    """File → Import candidates…, at its columns step: a client's Greenhouse export, each column beside the field
    it becomes, with sample values."""
    from consultant_app.ui.dialogs.import_candidates_dialog import ImportCandidatesDialog

    rows = [
        "Candidate ID,Application ID,First Name,Last Name,Email,Phone,Job,Source,Offer Created Date,Rejected On",
        "48211,99120,Maria,Schmidt,maria.schmidt@example.com,+49 30 5550 1234,Data Analyst,LinkedIn,2026-03-02,"
        "2026-03-09",
        "48212,99121,Jonas,Weber,jonas.weber@example.com,+49 40 5550 8812,Product Designer,Referral,2026-03-04,"
        "2026-03-11",
        "48213,99122,Lea,Fischer,lea.fischer@example.com,+49 89 5550 7710,Backend Engineer,Careers site,2026-03-05,",
    ]
    path = folder / "greenhouse-export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    dialog = ImportCandidatesDialog(store, store.clients.list(), client_id, path, window)
    dialog.show()
    dialog.next.click()  # to the columns step
    settle(app)
    dialog.grab().save(str(OUT / "import-mapping.png"))
    dialog.close()


def locking(app: QApplication, folder: Path) -> None:
    """An encrypted workspace: the unlock dialog at start (after a wrong passphrase), and the locked window."""
    from consultant_app.ui.dialogs.unlock_dialog import UnlockDialog

    dialog = UnlockDialog("debrief.db", lambda _typed: "That passphrase does not open debrief.db. Check Caps Lock.")
    dialog.field.setText("not the passphrase")
    dialog.show()
    dialog.accept()
    settle(app)
    dialog.grab().save(str(OUT / "unlock.png"))
    dialog.close()
    passphrase = "correct horse battery staple"
    store = Store.open(folder / "encrypted.db", passphrase=passphrase)
    create_demo_workspace(store, clients=3, interviews=60, seed=7)
    window = MainWindow(store, QSettings(str(folder / "e.ini"), QSettings.Format.IniFormat))
    at_size(window)
    settle(app)
    window.security.autolock.lock()
    settle(app)
    window.grab().save(str(OUT / "lock-screen.png"))
    window.security.autolock.try_unlock(passphrase)
    window.close()
    store.close()


def releases(app: QApplication, window: MainWindow, store: Store, client_id: str, folder: Path) -> None:
    """A dataset for the client, previewed in its dialog and written; then the client's release ledger."""
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report
    from consultant_app.ui.admin.releases_view import ReleasesView
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog
    from consultant_app.ui.outputs import plan_summary

    dialog = DatasetDialog(store.clients.list(), client_id, 5, Path.home(), window)
    plan = plan_dataset(store, dialog.collect())
    dialog.show_plan(plan_summary(plan, by_column=False), plan.anonymisation.loss, plan.dropped)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "dataset-dialog.png"))
    dialog.close()
    write_dataset(store, plan, folder / "dataset")
    generate_report(store, ReportRequest(client_id, folder / "Brightline Bank – H1 2026.pdf", "2026-01", "2026-06"))
    view = ReleasesView(store, client_id, window)
    view.show()
    settle(app)
    view.grab().save(str(OUT / "releases.png"))
    view.close()


def quote_review(app: QApplication, window: MainWindow, store: Store) -> None:
    """The report dialog counting quotes that await review, and the review itself on a quote that needs a look."""
    from consultant_app.analysis.report_data import build_report_data
    from consultant_app.analysis.review import review_items, summary
    from consultant_app.ui.dialogs.quote_review_dialog import QuoteReviewDialog
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    for client in store.clients.list():  # a client with a quote whose words need a look
        items = review_items(store, build_report_data(store, client.id).quote_drafts)
        if any(item.suspicious() and item.state == "awaiting review" for item in items):
            break
    dialog = ReportDialog(store.clients.list(), client.id, Path.home(), window)
    dialog.show_quote_status(dialog.scope(), *summary(items, True))
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "report-dialog.png"))
    dialog.close()
    review = QuoteReviewDialog(store, items, f"{client.name} · report", "Ingrid Halvorsen", window)
    review.resize(*SIZE)
    review.show()
    flagged = next(i for i, item in enumerate(items) if item.suspicious() and item.state == "awaiting review")
    review.list.setCurrentRow(review.shown.index(flagged))
    settle(app)
    review.grab().save(str(OUT / "quote-review.png"))
    review.close()


REPORT_PAGES = {1: "cover", 3: "summary", 4: "reasons", 5: "right-wrong", 8: "competitors", 11: "breakdowns"}


def report_pages(store: Store, client_id: str, pdf: Path) -> None:
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    generate_report(store, ReportRequest(client_id, pdf))
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: report pages not rendered")
        return
    for page, name in REPORT_PAGES.items():
        stem = OUT / f"report-{name}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
            check=True,
        )


if __name__ == "__main__":
    main()
