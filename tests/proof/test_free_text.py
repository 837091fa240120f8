"""Free text never carries an identity into a client output: a report's PDF and a dataset's files, read back as
bytes and text (interchange files are firm-internal and never go to a client: ``test_attack_interchange.py``).
Each case was found by a red-team pass over those outputs:

1. a named candidate's quote keeps their own name only (other candidates, of any client, hiring managers and
   every contact detail are redacted);
2. an erased or anonymised person stays redacted in other people's notes, in the file and in every output;
3. (the redaction gaps themselves are in ``tests/domain/test_redaction.py``);
4. a theme set only on an aggregate note never reaches that person's row;
5. a competitor too few candidates went to is not named in quotes either;
6. the period shown to a client is in months, not the days of the first and last interview.
"""

import csv
import itertools
import json

import pytest
from pypdf import PdfReader

from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.reports.generate import generate_report

OTHER_CLIENTS_CANDIDATE = "Quentin Zzyzx"
HIRING_MANAGER = "Dana Whitfield"
ERASED = "Xavier Erasedperson"
SMALL_COMPETITOR = "Soylent Labs"
NAMED = "Nadia Namedcandidate"
FORBIDDEN = ("Zzyzx", "Whitfield", "5551234", "Soylent", "Erasedperson", "Xavier", "quentin@globex.example")


def pdf_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from consultant_app.store import Store

    folder = tmp_path_factory.mktemp("free-text")
    store = Store.open(folder / "w.db")
    store.firm.update(review_quotes=False)  # what automatic redaction prints; review: test_quote_review.py
    globex = store.clients.save(Client(name="Globex"))
    store.candidates.save(
        Candidate(
            client_id=globex.id,
            full_name=OTHER_CLIENTS_CANDIDATE,
            email="quentin@globex.example",
            disclosure="confidential",
        )
    )
    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer", hiring_manager=HIRING_MANAGER))

    scores = itertools.cycle((7, 9))  # two recommendation classes, as a dataset's l-diversity needs

    def interview(name, disclosure="confidential", company="Contoso", status="completed", day="2026-03-04"):
        person = store.candidates.save(
            Candidate(client_id=client.id, role_id=role.id, full_name=name, disclosure=disclosure)
        )
        return store.interviews.save(
            Interview(
                candidate_id=person.id,
                status=status,
                competing_company=company,
                conducted_at=f"{day}T10:00:00",
                decline_reasons=["compensation"],
                recommend=next(scores),
            )
        )

    def note(interview_, text, visibility="shareable", section="competitors", themes=()):
        store.notes.save(
            Note(
                interview_id=interview_.id,
                section=section,
                text=text,
                visibility=visibility,
                highlight=True,
                themes=list(themes),
            )
        )

    named = interview(NAMED, disclosure="named", day="2026-01-09")
    note(
        named,
        f"I am {NAMED}; {OTHER_CLIENTS_CANDIDATE} told me the same, call him on +49 30 5551234 or "
        f"quentin@globex.example, and {HIRING_MANAGER} was great. {SMALL_COMPETITOR} offered more.",
    )
    friend = interview("Ola Confidential")
    note(friend, f"I came via {ERASED}, a friend, and {SMALL_COMPETITOR} called me too.")
    private = interview("Priya Private", day="2026-09-19")
    note(private, "A personal matter at home", visibility="aggregate", section="extra", themes=["Divorce"])
    note(private, "The recruiter was quick", section="right", themes=["Quick recruiter"])
    for i in range(4):
        interview(f"Filler Person{i}")
        interview(f"Plain Person{i}", company=None)  # with Sam Small, 5 who named no competitor shown: not 1 to k−1
    interview("Sam Small", company=SMALL_COMPETITOR)
    anonymous = interview(ERASED, disclosure="anonymous", status="scheduled")
    anonymous = store.interviews.get(anonymous.id)
    anonymous.status = "completed"
    store.interviews.save(anonymous)  # the identity is erased now, everywhere
    note(friend, f"Later {ERASED} rang again.", section="extra")  # typed after the erasure
    report = generate_report(store, ReportRequest(client.id, folder / "r.pdf"))
    store.firm.update(min_group_size=2)  # a dataset of this small fixture: k = 2, the firm's minimum now
    plan = plan_dataset(store, DatasetRequest(client.id, k=2))
    write_dataset(store, plan, folder / "ds")
    yield store, report, folder, private
    store.close()


def test_a_named_candidates_quote_keeps_only_their_own_name(outputs):
    _, report, *_ = outputs
    text = pdf_text(report.path)
    assert f"I am {NAMED}; [name] told me the same, call him on [phone] or [email], and [name] was great." in text
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden


@pytest.mark.parametrize("name", ["answers.csv", "interviews.csv", "README.md", "manifest.json"])
def test_no_identity_reaches_a_dataset_file(outputs, name):
    *_, folder, _ = outputs
    data = (folder / "ds" / name).read_text(encoding="utf-8")
    for forbidden in (*FORBIDDEN, NAMED):
        assert forbidden not in data, forbidden


def test_an_erased_person_is_gone_from_other_peoples_notes_in_the_file(outputs):
    store, *_ = outputs
    stored = [n.text for c in store.clients.list() for n in store.notes.for_client(c.id)]
    assert f"I came via [name], a friend, and {SMALL_COMPETITOR} called me too." in stored
    assert not store.search.query("Erasedperson") or all(
        "Later" in h.snippet for h in store.search.query("Erasedperson")
    )


def test_themes_of_aggregate_notes_never_reach_a_row(outputs):
    *_, folder, private = outputs
    with (folder / "ds" / "interviews.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all("Divorce" not in row["themes"] for row in rows)
    assert any("Quick recruiter" in row["themes"] for row in rows)  # a shareable note's theme still shows


def test_a_small_competitor_is_not_named_in_quotes(outputs):
    _, report, *_ = outputs
    text = pdf_text(report.path)
    assert "[another company] offered more" in text and "Contoso" in text  # Contoso is shown: enough candidates


def test_the_period_on_the_cover_is_in_months(outputs):
    _, report, *_ = outputs
    cover = " ".join((PdfReader(str(report.path)).pages[0].extract_text() or "").split())
    assert "January 2026 – September 2026" in cover
    assert "9 January" not in cover and "19 September" not in cover
    manifest = json.loads((outputs[2] / "ds" / "manifest.json").read_text())
    assert manifest["period"] == {"from": None, "to": None}


def test_a_company_named_after_people_stays_while_people_go(tmp_path):
    from consultant_app.store import Store
    from tests.store.builders import client_with_interview

    store = Store.open(tmp_path / "w.db")
    _, _, interview = client_with_interview(store)
    interview.competing_company = "Morgan Stanley"
    store.interviews.save(interview)
    store.clients.save(Client(name="Charles Schwab"))
    redactor = store.identities.redactor()
    text = "Morgan Stanley paid more than Charles Schwab, and Anna Berger from their HR called me"
    assert redactor.redact(text) == "Morgan Stanley paid more than Charles Schwab, and [name] from their HR called me"
    store.close()
