"""The client's own ids for its candidates never reach a report or a dataset. The client knows which of its
applicants has which id in its hiring system, so an id in a client output names the person as surely as a name
would. Attack: import every candidate's id from the client's list, let a consultant type one into a quoted note,
then read every byte and every extracted text of the full report and the dataset (CSV and XLSX) for any of them."""

from dataclasses import replace

import pytest

from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.demo import create_demo_workspace
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.reports.generate import generate_report
from tests.proof.client_outputs import readable

PREFIX = "GHQ7X"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from consultant_app.store import Store

    folder = tmp_path_factory.mktemp("ats")
    with Store.open(folder / "w.db") as store:
        create_demo_workspace(store, clients=1, interviews=40, seed=21)
        [client] = store.clients.list()
        candidates = store.candidates.for_client(client.id)
        for n, candidate in enumerate(candidates):
            store.candidates.save(replace(candidate, external_id=f"{PREFIX}{n:04d}"))
        quoted = store.db.execute(  # an approved, quoted note of a named candidate: the likeliest way out
            "SELECT n.id FROM notes n JOIN interviews i ON i.id = n.interview_id JOIN candidates c "
            "ON c.id = i.candidate_id JOIN quote_reviews q ON q.note_id = n.id WHERE c.disclosure = 'named' "
            "AND n.visibility = 'shareable' AND n.highlight = 1 LIMIT 1"
        ).fetchone()
        assert quoted, "the demo has no approved quote of a named candidate"
        note = store.notes.get(quoted[0])
        typed = note.text + f" My application there was {PREFIX}0003, by the way."
        store.notes.save(replace(note, text=typed))
        store.quotes.decide(note.id, typed, "approved")  # a reviewer passed it: the redaction is what holds
        store.firm.update(min_group_size=2)
        write_dataset(store, plan_dataset(store, DatasetRequest(client.id, k=2)), folder / "dataset", xlsx=True)
        generate_report(store, ReportRequest(client.id, folder / "report.pdf", if_too_close="hold back"))
    return folder


def test_no_client_output_holds_an_ats_id(outputs):
    text = readable(outputs)
    assert "My application there was [id], by the way." in text  # the quote went out, redacted
    assert PREFIX not in text
