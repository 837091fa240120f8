"""A person approves every quote that leaves the firm. With the firm's review on (the default), a report and a
dataset print only quotes approved on the note's current text, with the reviewer's own edits; a dropped quote
never prints; the method page says whether quotes were reviewed; and erasing a person also forgets any decision
that held their words. Read back from the real files."""

import csv
from pathlib import Path

import pytest

from consultant_app.analysis.report_data import build_report_data
from consultant_app.analysis.review import review_items, summary
from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store
from tests.proof.test_free_text import pdf_text

OFFICE = "the Kraków office on Floriańska"
QUOTES = {
    "office": f"Dana Whitfield showed me {OFFICE} and it was lovely.",
    "park": "We met at the Park café, which set a relaxed tone.",
    "plain": "The offer letter arrived quickly and was clear.",
}


@pytest.fixture
def workspace(tmp_path):
    store = Store.open(tmp_path / "w.db")
    store.firm.update(min_group_size=2, name="Meridian Talent")
    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer", hiring_manager="Dana Whitfield"))
    notes = {}
    names = {"office": "Alma Quist", "park": "Grace Park", "plain": "Olu Brandt"}
    for key, text in QUOTES.items():
        person = store.candidates.save(
            Candidate(client_id=client.id, role_id=role.id, full_name=names[key], disclosure="confidential")
        )
        interview = store.interviews.save(
            Interview(
                candidate_id=person.id,
                status="completed",
                conducted_at="2026-03-04T10:00:00",
                recommend=(9, 3, 7)[len(notes)],  # mixed, as a dataset's l-diversity needs
            )
        )
        notes[key] = store.notes.save(
            Note(interview_id=interview.id, section="right", text=text, visibility="shareable", highlight=True)
        )
    yield store, client, notes
    store.close()


def report_text(store, client, tmp_path, name="r.pdf") -> str:
    result = generate_report(store, ReportRequest(client.id, tmp_path / name))
    return pdf_text(result.path)


def dataset_texts(store, client, folder: Path) -> list[str]:
    store.firm.update(min_group_size=2)  # this small fixture: k = 2, the firm's minimum now
    plan = plan_dataset(store, DatasetRequest(client.id, 2))
    write_dataset(store, plan, folder)
    with open(folder / "answers.csv", encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def test_with_review_on_nothing_unapproved_leaves_the_firm(workspace, tmp_path):
    store, client, _ = workspace
    assert store.firm.get().review_quotes  # the default
    text = report_text(store, client, tmp_path)
    assert "lovely" not in text and "relaxed tone" not in text and "arrived quickly" not in text
    assert "read and approved by a person at Meridian Talent" in text
    assert build_report_data(store, client.id).quotes_awaiting == 3
    assert dataset_texts(store, client, tmp_path / "d") == []


def test_an_approval_prints_the_quote_with_the_reviewers_edits(workspace, tmp_path):
    store, client, notes = workspace
    items = {i.note_id: i for i in review_items(store, build_report_data(store, client.id).quote_drafts)}
    office = items[notes["office"].id]
    assert office.printed().text == f"[name] showed me {OFFICE} and it was lovely."
    flagged = {office.printed().text[a:b] for a, b in office.suspicious()}
    assert {"Kraków", "Floriańska"} <= flagged  # what a person should look at
    store.quotes.decide(notes["office"].id, notes["office"].text, "approved", redact=[OFFICE], reviewer="alice")
    text = report_text(store, client, tmp_path)
    assert "[name] showed me [redacted] and it was lovely." in text
    assert "Kraków" not in text and "Whitfield" not in text
    assert dataset_texts(store, client, tmp_path / "d") == ["[name] showed me [redacted] and it was lovely."]


def test_a_restored_word_prints_and_an_edit_of_the_note_needs_a_new_approval(workspace, tmp_path):
    store, client, notes = workspace
    park = notes["park"]
    store.quotes.decide(park.id, park.text, "approved", restore=["Park"], reviewer="alice")
    assert "We met at the Park café" in report_text(store, client, tmp_path)
    park.text = park.text.replace("relaxed", "calm")
    store.notes.save(park)
    [item] = [i for i in review_items(store, build_report_data(store, client.id).quote_drafts) if i.note_id == park.id]
    assert item.state == "changed since reviewed" and item.printed().text.startswith("We met at the [name] café")
    assert "calm tone" not in report_text(store, client, tmp_path, "again.pdf")


def test_a_dropped_quote_never_prints_even_with_review_off(workspace, tmp_path):
    store, client, notes = workspace
    store.quotes.decide(notes["plain"].id, notes["plain"].text, "dropped", reviewer="alice")
    store.firm.update(review_quotes=False)
    text = report_text(store, client, tmp_path)
    assert "arrived quickly" not in text and "relaxed tone" in text
    assert "not each approved by a person" in text
    answers = dataset_texts(store, client, tmp_path / "d")
    assert len(answers) == 2 and not any("arrived quickly" in a for a in answers)
    items = review_items(store, build_report_data(store, client.id).quote_drafts)
    assert summary(items, review_required=False)[0].startswith("Quote review is off")
    store.quotes.reopen(notes["plain"].id)
    assert "arrived quickly" in report_text(store, client, tmp_path, "reopened.pdf")


def test_erasing_a_person_forgets_a_decision_that_held_their_words(workspace, tmp_path):
    store, client, notes = workspace
    mentioned = store.candidates.save(
        Candidate(client_id=client.id, full_name="Xavier Erasedperson", disclosure="confidential")
    )
    office = notes["office"]
    office.text = "Xavier Erasedperson introduced me; " + office.text
    store.notes.save(office)
    store.quotes.decide(office.id, office.text, "approved", restore=["Xavier Erasedperson"], reviewer="alice")
    store.candidates.erase(mentioned.id)
    assert store.quotes.for_notes([office.id]) == {}
    assert "Erasedperson" not in store.notes.get(office.id).text
    path = store.path
    store.close()
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert b"Erasedperson" not in data


def test_decisions_and_turning_review_off_are_on_the_audit_log(workspace, tmp_path):
    store, client, notes = workspace
    store.quotes.decide(notes["plain"].id, notes["plain"].text, "approved", reviewer="alice")
    store.firm.update(review_quotes=False, name="Meridian Talent Ltd")
    generate_report(store, ReportRequest(client.id, tmp_path / "r.pdf"))
    entries = {e.action: e.detail for e in reversed(store.audit.entries())}  # the latest of each
    assert entries["quote-review"] == {"note_id": notes["plain"].id, "decision": "approved", "reviewer": "alice"}
    assert entries["confidentiality-settings"] == {"review_quotes": False}  # the name is not a rule
    assert entries["report"]["quotes_reviewed"] is False
