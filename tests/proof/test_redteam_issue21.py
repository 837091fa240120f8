"""Red team for issue 21 (candidate lists with ATS ids, calendar files, the client dashboard). The client knows every
id, e-mail and phone it sent us in its spreadsheet and keeps every report and dataset. Attacks: the id typed in a
quoted note in another spelling than the list's, or after its owner was erased; the same list imported again after an
erasure; the calendar after an erasure; and the dashboard against the PDF the client would get for the same period."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from consultant_app.candidate_lists import importing
from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.demo import create_demo_workspace
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role, Theme
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.interchange.calendar import calendar_bytes, event_uid
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store
from consultant_app.ui import worker
from tests.proof.client_outputs import readable

# (the id in the client's list, how a consultant typed it in a quoted note)
RESPELLED = {
    "prefix added": ("48211", "GH-48211"),  # Greenhouse's numeric Candidate ID, typed as the recruiter says it
    "hyphen dropped": ("JR-0042", "JR0042"),
    "hyphen added": ("C000123", "C-000123"),
    "id with a space": ("REQ 17", "REQ 17"),  # exactly as in the list
}
ERASED_ID = "ZX-90417"  # an erased candidate's id, typed after the erasure


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ats21")
    with Store.open(folder / "w.db") as store:
        create_demo_workspace(store, clients=1, interviews=40, seed=21)
        [client] = store.clients.list()
        quoted = [
            store.notes.get(row[0])
            for row in store.db.execute(
                "SELECT n.id FROM notes n JOIN interviews i ON i.id = n.interview_id JOIN candidates c "
                "ON c.id = i.candidate_id WHERE c.disclosure = 'named' AND i.status = 'completed' "
                "AND n.visibility = 'shareable' ORDER BY n.section, n.id"
            )
        ]
        assert len(quoted) >= len(RESPELLED) + 1, "the demo has too few approved quotes of named candidates"
        owners = iter(c for c in store.candidates.for_client(client.id) if c.disclosure != "named")
        for (stored, _), owner in zip(RESPELLED.values(), owners):
            store.candidates.save(replace(owner, external_id=stored))
        erased = store.candidates.save(Candidate(client.id, "Yvette Quarnstrom", external_id=ERASED_ID))
        store.candidates.erase(erased.id)
        typed = [(f"marker{n}", spelled) for n, (_, spelled) in enumerate([*RESPELLED.values(), (None, ERASED_ID)])]
        for note, (marker, spelled) in zip(quoted, typed):
            text = f"{note.text} The {marker} file was {spelled}, by the way."
            store.notes.save(replace(note, text=text, highlight=True))
            store.quotes.decide(note.id, text, "approved")  # a reviewer passed it: the redaction is what holds
        store.firm.update(min_group_size=2)
        write_dataset(store, plan_dataset(store, DatasetRequest(client.id, k=2)), folder / "dataset", xlsx=True)
        generate_report(store, ReportRequest(client.id, folder / "report.pdf", if_too_close="hold back"))
    return readable(folder)


@pytest.mark.parametrize("how", RESPELLED)
def test_an_ats_id_typed_in_another_spelling_never_reaches_a_client(outputs, how):
    stored, typed = RESPELLED[how]
    marker = f"marker{list(RESPELLED).index(how)}"
    assert f"The {marker} file was" in outputs  # the quote went out
    assert typed not in outputs and stored not in outputs


def test_an_erased_candidates_ats_id_typed_after_the_erasure_never_reaches_a_client(outputs):
    assert f"The marker{len(RESPELLED)} file was" in outputs
    assert ERASED_ID not in outputs  # the client looks the id up and knows who spoke of the erased person


HEADER = "Candidate ID,Name,Email,Phone,Job"


def _import(store, client, tmp_path, *rows):
    path = tmp_path / "list.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    table = importing.open_list(path)
    plan = importing.plan(store, client.id, table, importing.offered_mapping(store, client.id, table)[0])
    importing.commit(store, plan)
    return sorted(c.full_name for c in store.candidates.for_client(client.id, include_archived=True))


@pytest.mark.parametrize(
    "first, again",
    [
        ("GH-77001,Petra Lindqvist,,,Engineer", "GH-77001,Petra Lindqvist,,,Engineer"),  # a list with ids only
        (
            "GH-77001,Petra Lindqvist,petra@example.com,,Engineer",
            "GH-77001,Petra Lindqvist,p.lindqvist@example.org,,Engineer",  # her e-mail changed in the ATS
        ),
    ],
    ids=["no contact details", "new e-mail"],
)
def test_importing_the_list_again_never_brings_an_erased_person_back(store, tmp_path, first, again):
    client = store.clients.save(Client("Acme Labs"))
    assert _import(store, client, tmp_path, first) == ["Petra Lindqvist"]
    [petra] = store.candidates.for_client(client.id)
    store.candidates.erase(petra.id)
    assert _import(store, client, tmp_path, again) == []  # the ATS id is the client's stable key for her


def test_importing_the_list_again_never_brings_back_an_anonymous_respondents_identity(store, tmp_path):
    client = store.clients.save(Client("Acme Labs"))
    _import(store, client, tmp_path, "GH-77005,Ann Lee,ann.lee@example.com,,Engineer")
    [ann] = store.candidates.for_client(client.id)
    store.candidates.save(replace(ann, disclosure="anonymous"))
    store.interviews.save(Interview(ann.id, status="completed"))  # her identity is erased: a pseudonym is left
    assert store.candidates.get(ann.id).identity_erased
    names = _import(store, client, tmp_path, "GH-77005,Ann Lee,,,Engineer")  # the client's next list, no e-mail
    assert "Ann Lee" not in names


def test_an_erased_candidates_ats_id_and_contacts_leave_no_byte_in_the_workspace(store, workspace_path, tmp_path):
    client = store.clients.save(Client("Acme Labs"))
    _import(store, client, tmp_path, "QK-31337,Petra Lindqvist,petra.l@example.com,+49 30 55501234,Engineer")
    [petra] = store.candidates.for_client(client.id)
    interview = store.interviews.save(Interview(petra.id))
    store.notes.save(Note(interview.id, "wrong", "QK-31337 said the pay was low", visibility="shareable"))
    store.candidates.erase(petra.id)
    files = [p for p in workspace_path.parent.iterdir() if p.name.startswith(workspace_path.name)]
    for secret in (b"QK-31337", b"31337", b"petra.l", b"Lindqvist", b"55501234"):
        assert not [p.name for p in files if secret in p.read_bytes()]


def test_erasing_a_confidential_candidate_takes_their_call_off_the_calendar(store):
    """An erased person's name and phone must not stay on a calendar a newer file updates: a call that will not
    happen for any other reason stays in the file as cancelled, so importing it removes the event."""
    client = store.clients.save(Client("Helios Health"))
    person = store.candidates.save(
        Candidate(client.id, "Oskar Brandvold", phone="+49 30 55501234", disclosure="confidential")
    )
    when = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    call = store.interviews.save(Interview(person.id, scheduled_at=when.isoformat()))
    day = (when.date().isoformat(), (when.date() + timedelta(days=1)).isoformat())
    before = calendar_bytes(store.interviews.scheduled_between(*day))
    assert b"Oskar Brandvold" in before  # a confidential candidate's name and phone are on the calendar
    store.candidates.erase(person.id)
    after = {
        str(e["uid"]): e
        for e in Calendar.from_ical(calendar_bytes(store.interviews.scheduled_between(*day))).walk("VEVENT")
    }
    assert str(after.get(event_uid(call.id), {}).get("status")) == "CANCELLED"


def test_a_calendar_never_carries_an_ats_id_e_mail_notes_or_summary(store):
    client = store.clients.save(Client("Helios Health"))
    role = store.roles.save(Role(client.id, "Data Engineer"))
    people = {
        d: store.candidates.save(
            Candidate(
                client.id,
                f"{d.capitalize()} Person",
                role_id=role.id,
                email=f"{d}@example.com",
                phone="+49 30 55501234",
                disclosure=d,
                external_id=f"ATS-{d}",
            )
        )
        for d in ("named", "confidential", "anonymous")
    }
    when = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    for person in people.values():
        interview = store.interviews.save(
            Interview(person.id, scheduled_at=when.isoformat(), summary="summaryword from before the call")
        )
        store.notes.save(Note(interview.id, "wrong", "noteword about pay", visibility="internal"))
    data = calendar_bytes(store.interviews.scheduled_between(when.date().isoformat(), "9999-12-31"))
    for secret in (b"ATS-", b"@example.com", b"noteword", b"summaryword", b"Anonymous Person"):
        assert secret not in data


def _dashboard(qtbot, store, client_id, months):
    from PySide6.QtCore import QDate

    from consultant_app.ui.dashboard import Dashboard
    from consultant_app.ui.hub import ChangeHub

    board = Dashboard(store, ChangeHub(store))
    qtbot.addWidget(board)
    board.period.setCurrentIndex(board.period.findData("custom"))
    board.month_from.setDate(QDate.fromString(months[0], "yyyy-MM"))
    board.month_to.setDate(QDate.fromString(months[1], "yyyy-MM"))
    with qtbot.waitSignal(board.updated, timeout=5000):
        board.show_client(client_id)
        board.show()
    qtbot.waitUntil(lambda: not worker.busy())
    return board


def _pdf_text(path) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(str(path)).pages)


def _client_with_calls(store, months: list[str], reasons=("compensation",)):
    client = store.clients.save(Client("Northwind"))
    role = store.roles.save(Role(client.id, "Engineer"))
    for n, month in enumerate(months):
        person = store.candidates.save(Candidate(client.id, f"Person {n}", role_id=role.id))
        store.interviews.save(
            Interview(
                person.id,
                status="completed",
                conducted_at=f"{month}-10T10:00:00",
                decline_reasons=list(reasons),
                recommend=9,
            )
        )
    for n, month in enumerate(months[:2]):  # two reached who said no
        person = store.candidates.save(Candidate(client.id, f"Refuser {n}", role_id=role.id))
        store.interviews.save(Interview(person.id, status="refused", conducted_at=f"{month}-11T10:00:00"))
    return client


def test_the_dashboard_shows_no_figure_a_too_small_report_leaves_out(qtbot, store, tmp_path):
    """Three completed calls, k = 5: the report prints only that 3 interviews were completed."""
    client = _client_with_calls(store, ["2026-02"] * 3)
    months = ("2026-02", "2026-02")
    board = _dashboard(qtbot, store, client.id, months)
    generate_report(store, ReportRequest(client.id, tmp_path / "r.pdf", *months))
    printed = _pdf_text(tmp_path / "r.pdf")
    shown = [f.value.text() for f in board.figures] + [f.detail.text() for f in board.figures]
    assert "3 interviews were completed" in printed
    for text in shown:  # "5" offers declined, "of 5 contacted", "60%" response rate
        for word in text.replace("%", "% ").split():
            if any(ch.isdigit() for ch in word):
                assert word in printed, f"the dashboard shows {text!r}, the report never prints {word!r}"


def test_the_dashboard_holds_back_what_a_report_to_the_same_client_would(qtbot, store, tmp_path):
    """The client holds the January–March report of 6 interviews. One more March call is entered late: a report of
    January–March would be held back to the six (one person's answers by subtraction); the dashboard shows seven."""
    client = _client_with_calls(store, ["2026-01", "2026-02", "2026-03"] * 2)
    months = ("2026-01", "2026-03")
    store.firm.update(min_group_size=5)
    generate_report(store, ReportRequest(client.id, tmp_path / "first.pdf", *months))
    late = store.candidates.save(Candidate(client.id, "Late Entry"))
    store.interviews.save(
        Interview(
            late.id, status="completed", conducted_at="2026-03-20T10:00:00", decline_reasons=["culture"], recommend=2
        )
    )
    again = generate_report(store, ReportRequest(client.id, tmp_path / "second.pdf", *months, if_too_close="hold back"))
    board = _dashboard(qtbot, store, client.id, months)
    assert again.data.completed == 6
    on_screen = [f.value.text() for f in board.figures]
    assert on_screen == [value for value, _ in again.data.headline()]  # 7 and +71: the late one is a detractor


def test_show_notes_with_a_theme_and_its_counts_per_client_forget_erased_people(qtbot, store):
    from consultant_app.ui.search_dialog import SearchDialog

    client = store.clients.save(Client("Acme Labs"))
    theme = store.themes.save(Theme("Slow process"))
    people = {}
    for name, disclosure in (
        ("Gerda Vollmark", "confidential"),
        ("Hakon Sundqvist", "anonymous"),
        ("Ida Kept", "named"),
    ):
        person = store.candidates.save(
            Candidate(client.id, name, disclosure=disclosure, email=f"{name[:4]}@example.com")
        )
        interview = store.interviews.save(Interview(person.id))
        store.notes.save(
            Note(interview.id, "wrong", f"{name} waited weeks", themes=[theme.name], visibility="shareable")
        )
        people[name] = (person, interview)
    store.candidates.erase(people["Gerda Vollmark"][0].id)
    anonymous, interview = people["Hakon Sundqvist"]
    store.interviews.save(replace(interview, status="completed"))  # completing erases the identity
    assert store.themes.usage_by_client(theme.id) == {client.id: 2}
    dialog = SearchDialog(store, None, theme_id=theme.id)
    qtbot.addWidget(dialog)
    dialog._run()
    shown = " ".join(dialog.results.item(i).text() for i in range(dialog.results.count()))
    assert dialog.results.count() == 2 and "Ida Kept" in shown
    for gone in ("Gerda", "Vollmark", "Hakon", "Sundqvist"):
        assert gone not in shown
