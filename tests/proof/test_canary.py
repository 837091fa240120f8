"""The canary test: workspaces generated at random carry a unique marker in every aggregate and
internal note and in every non-named candidate's name, e-mail and phone (also inside their
shareable text). Every client output — reports with random section combinations, datasets as CSV
and XLSX, client-scoped interchange exports — must be free of every forbidden marker, in its raw
bytes, its decompressed PDF streams and its extracted text; and permitted quotes must appear, so
the test cannot pass by emitting nothing. DEBRIEF_CANARY_EXAMPLES sets how many workspaces
(10 by default; the full run uses 100)."""

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from consultant_app.datasets.anonymise import TooFewToAnonymise
from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.domain.taxonomy import REPORT_SECTIONS
from consultant_app.interchange import export_file
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store

EXAMPLES = int(os.environ.get("DEBRIEF_CANARY_EXAMPLES", "10"))


@dataclass
class Markers:
    forbidden: set[str] = field(default_factory=set)
    quotable: set[str] = field(default_factory=set)  # highlighted shareable text of candidates in outputs
    shareable: set[str] = field(default_factory=set)  # any shareable text of candidates in outputs


candidates_spec = st.lists(
    st.tuples(
        st.sampled_from(["named", "confidential", "anonymous"]),
        st.booleans(),  # withdrawn?
        st.lists(
            st.tuples(
                st.sampled_from(["shareable", "aggregate", "internal"]),
                st.sampled_from(["right", "wrong", "competitors", "extra", "other"]),
                st.booleans(),
            ),
            min_size=1,
            max_size=4,
        ),
        st.lists(st.sampled_from(["compensation", "process_speed", "culture", "timing"]), max_size=2, unique=True),
    ),
    min_size=6,
    max_size=16,
)


def build(store: Store, spec, k: int) -> tuple[Markers, list[str]]:
    store.firm.update(min_group_size=k)
    marks = Markers()
    client = store.clients.save(Client(name="Canary Client", contact_name="Ophelia Contactmark"))
    role = store.roles.save(
        Role(client_id=client.id, title="Engineer", department="Engineering", hiring_manager="Horatio Managermark")
    )
    marks.forbidden |= {"Contactmark", "Managermark"}
    for n, (disclosure, withdrawn, notes, reasons) in enumerate(spec):
        surname, mail, phone = f"Vexname{n}q", f"vexmail{n}q@example.org", f"+49 30 {7770000 + n}"
        person = store.candidates.save(
            Candidate(
                client_id=client.id,
                full_name=f"Quorra {surname}",
                email=mail,
                phone=phone,
                disclosure=disclosure,
                role_id=role.id,
            )
        )
        interview = store.interviews.save(
            Interview(
                candidate_id=person.id,
                status="scheduled",
                consultant="Sam Consultmark",
                conducted_at="2026-04-10T10:00:00",
                decline_reasons=reasons,
            )
        )
        visible = not withdrawn
        for m, (visibility, section, highlight) in enumerate(notes):
            token = f"tok{n}x{m}"
            text = f"{token} said the offer was thin"
            if visibility == "shareable":
                text += f"; I am Quorra {surname}, mail {mail}, call {phone}"
                if visible:
                    marks.shareable.add(token)
                    if highlight:
                        marks.quotable.add(token)
                else:
                    marks.forbidden.add(token)
            else:
                marks.forbidden.add(token)
            store.notes.save(
                Note(interview_id=interview.id, section=section, text=text, visibility=visibility, highlight=highlight)
            )
        interview.status = "completed"  # as on a call: notes first, then the interview is completed
        store.interviews.save(interview)
        if disclosure != "named" or withdrawn:
            marks.forbidden |= {surname, mail.split("@")[0], str(7770000 + n)}
        if withdrawn:
            store.candidates.withdraw_consent(person.id)
    marks.forbidden.add("Consultmark")
    return marks, [client.id]


def pdf_texts(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    streams = []
    for page in reader.pages:
        streams.append(page.extract_text() or "")
        contents = page.get_contents()
        if contents is not None:
            streams.append(contents.get_data().decode("latin-1"))
    return streams


def all_texts(folder: Path) -> str:
    parts = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        parts.append(raw.decode("latin-1"))
        if path.suffix == ".pdf":
            parts += pdf_texts(path)
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                parts += [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
        else:
            parts.append(raw.decode("utf-8", "replace"))
    return "\n".join(parts).lower()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spec=candidates_spec,
    k=st.sampled_from([2, 3, 5]),
    sections=st.lists(
        st.sampled_from(list(REPORT_SECTIONS)), min_size=1, max_size=len(REPORT_SECTIONS), unique=True
    ).filter(lambda chosen: set(chosen) - {"cover"}),
)
def test_no_output_leaks_and_permitted_quotes_appear(spec, k, sections):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "outputs"
        out.mkdir()
        with Store.open(Path(folder) / "w.db") as store:
            store.firm.update(review_quotes=False)  # the automatic redaction alone must already hold
            marks, client_ids = build(store, spec, k)
            client_id = client_ids[0]
            full = generate_report(store, ReportRequest(client_id, out / "full.pdf"))
            generate_report(store, ReportRequest(client_id, out / "chosen.pdf", sections=sections))
            export_file(store, out / "client.json", client_id, "client")
            datasets = 0
            for scope, name in ((client_id, "one"), (None, "all")):
                try:
                    write_dataset(store, plan_dataset(store, DatasetRequest(scope, k=2)), out / name, xlsx=True)
                    datasets += 1
                except TooFewToAnonymise:
                    pass
        text = all_texts(out)
        leaked = sorted(m for m in marks.forbidden if m.lower() in text)
        assert not leaked, f"forbidden content in outputs: {leaked}"
        client_doc = (out / "client.json").read_text().lower()
        assert all(token in client_doc for token in marks.shareable)
        full_text = "\n".join(pdf_texts(out / "full.pdf")).lower()
        if full.data.enough_data and marks.quotable:
            assert any(token in full_text for token in marks.quotable)
        if datasets and marks.shareable:
            answers = (out / ("one" if (out / "one").exists() else "all") / "answers.csv").read_text().lower()
            assert any(token in answers for token in marks.shareable)
        json.loads((out / "client.json").read_text())  # a valid document
