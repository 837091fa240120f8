"""The canary test: workspaces generated at random carry a unique marker in every aggregate and
internal note and in every non-named candidate's name, e-mail and phone (also inside their
shareable text). Every client output — reports with random section combinations and datasets as
CSV and XLSX (interchange files are firm-internal and never go to a client) — must be free of every
forbidden marker, in its raw bytes, its decompressed PDF streams and its extracted text; and
permitted quotes must appear, so the test cannot pass by emitting nothing. DEBRIEF_CANARY_EXAMPLES
sets how many workspaces (10 by default; the full run uses 100).

Every shareable note also carries what a red-team pass found reaching client outputs: the hiring
manager with a phone number, a candidate of another client in capitals, a person erased before the note
was written and one erased after, the previous candidate by name (redacted in a named candidate's quote
too; only their own name may stay), their own surname in capitals and one part of a double-barrelled
surname, a profile link without http, a handle, a spelled-out e-mail, an address, a date of birth, a
National Insurance number and a competitor too few candidates went to. Aggregate notes carry a theme of
their own, which must reach no row; and no output to a client shows the day of an interview.
"""

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
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store

EXAMPLES = int(os.environ.get("DEBRIEF_CANARY_EXAMPLES", "10"))


@dataclass
class Markers:
    forbidden: set[str] = field(default_factory=set)
    in_no_dataset: set[str] = field(default_factory=set)  # named candidates' names: a dataset keeps none
    in_no_pdf_or_dataset: set[str] = field(default_factory=set)  # interview days: a client sees months
    quotable: set[str] = field(default_factory=set)  # highlighted shareable text of candidates in outputs
    shareable: set[str] = field(default_factory=set)  # any shareable text of candidates in outputs
    surnames: dict[str, str] = field(default_factory=dict)  # a note's token → its candidate's surname marker


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

FIRST_LETTERS, SECOND_LETTERS = "ABCEGHJKLMNPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"


def mentions(n: int, surname: str, previous: str | None) -> str:
    """What a red-team pass found slipping through, in one candidate's words."""
    nino = f"{FIRST_LETTERS[n % 19]}{SECOND_LETTERS[(n * 7) % 19]} 10 37 {n:02d} C"
    text = (
        f"; Horatio Managermark rang me from +49 30 8642{n:04d}, and YARA OTHERCLIENTMARK of another firm"
        f" too; Xylo Lateerasemark and Wanda Earlyerasemark said hello; I am {surname.upper()}, Ms Vexdouble{n}q to"
        f" you; see linkedin.com/in/vexlink{n}q or @vexhandle{n}q; write to vexspell{n}q dot doe at example dot com;"
        f" I live at Vexweg {n + 1}, 10115 Berlin, born 3 March 19{60 + n}; NI number {nino}; Vexcorp{n}q Labs"
        f" paid more"
    )
    return text + (f"; ask Quorra {previous}" if previous else "")


def build(store: Store, spec, k: int) -> tuple[Markers, list[str]]:
    store.firm.update(min_group_size=k)
    marks = Markers()
    other = store.clients.save(Client(name="Other Canary Client"))
    store.candidates.save(Candidate(client_id=other.id, full_name="Yara Otherclientmark", disclosure="named"))
    early = store.candidates.save(
        Candidate(client_id=other.id, full_name="Wanda Earlyerasemark", email="wanda.e@example.org")
    )
    store.candidates.erase(early.id)  # erased before anyone mentioned her: recognised by keyed hashes
    late = store.candidates.save(Candidate(client_id=other.id, full_name="Xylo Lateerasemark"))
    client = store.clients.save(Client(name="Canary Client", contact_name="Ophelia Contactmark"))
    role = store.roles.save(
        Role(client_id=client.id, title="Engineer", department="Engineering", hiring_manager="Horatio Managermark")
    )
    marks.forbidden |= {"Contactmark", "Managermark", "Otherclientmark", "Earlyerasemark", "Lateerasemark"}
    previous = None
    for n, (disclosure, withdrawn, notes, reasons) in enumerate(spec):
        surname, mail, phone = f"Vexname{n}q", f"vexmail{n}q@example.org", f"+49 30 {7770000 + n}"
        person = store.candidates.save(
            Candidate(
                client_id=client.id,
                full_name=f"Quorra {surname}-Vexdouble{n}q",
                email=mail,
                phone=phone,
                disclosure=disclosure,
                role_id=role.id,
            )
        )
        day = f"2026-04-{n + 1:02d}"
        interview = store.interviews.save(
            Interview(
                candidate_id=person.id,
                status="scheduled",
                consultant="Sam Consultmark",
                conducted_at=f"{day}T10:00:00",
                decline_reasons=reasons,
                competing_company=f"Vexcorp{n}q Labs",
            )
        )
        marks.in_no_pdf_or_dataset |= {day, f"{n + 1} april 2026", f"april {n + 1}, 2026"}
        visible = not withdrawn
        for m, (visibility, section, highlight) in enumerate(notes):
            token = f"tok{n}x{m}"
            marks.surnames[token] = surname
            text = f"{token} said the offer was thin"
            themes = [f"aggcanary{n}x{m}q"] if visibility == "aggregate" else []
            if visibility == "shareable":
                text += f"; I am Quorra {surname}, mail {mail}, call {phone}" + mentions(n, surname, previous)
                if visible:
                    marks.shareable.add(token)
                    if highlight:
                        marks.quotable.add(token)
                else:
                    marks.forbidden.add(token)
            else:
                marks.forbidden |= {token, *themes}
            store.notes.save(
                Note(
                    interview_id=interview.id,
                    section=section,
                    text=text,
                    visibility=visibility,
                    highlight=highlight,
                    themes=themes,
                )
            )
        interview.status = "completed"  # as on a call: notes first, then the interview is completed
        store.interviews.save(interview)
        marks.forbidden |= {
            mail.split("@")[0],  # every contact detail goes, a named candidate's too
            str(7770000 + n),
            f"vexlink{n}q",
            f"vexhandle{n}q",
            f"vexspell{n}q",
            f"vexweg {n + 1}",
            f"3 march 19{60 + n}",
            f"8642{n:04d}",
            f"10 37 {n:02d} c",
            f"vexcorp{n}q",
        }
        if disclosure != "named" or withdrawn:
            marks.forbidden |= {surname, f"vexdouble{n}q"}
        else:
            marks.in_no_dataset |= {surname, f"vexdouble{n}q"}
        if withdrawn:
            store.candidates.withdraw_consent(person.id)
        previous = f"{surname}-Vexdouble{n}q"
    store.candidates.erase(late.id)  # erased after the notes that mention him were written
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


def all_texts(folder: Path, pattern: str = "*") -> str:
    parts = []
    for path in folder.rglob(pattern):
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


def leaks(markers: set[str], text: str) -> list[str]:
    return sorted(m for m in markers if m.lower() in text)


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
            datasets = 0
            store.firm.update(min_group_size=2)  # datasets of these small workspaces: k = 2
            for scope, name in ((client_id, "one"), (None, "all")):
                try:
                    write_dataset(store, plan_dataset(store, DatasetRequest(scope, k=2)), out / name, xlsx=True)
                    datasets += 1
                except TooFewToAnonymise:
                    pass
        text = all_texts(out)
        assert not leaks(marks.forbidden, text), f"forbidden content in outputs: {leaks(marks.forbidden, text)}"
        made = [out / "full.pdf", out / "chosen.pdf"] + [out / name for name in ("one", "all") if (out / name).exists()]
        days = "\n".join(all_texts(path.parent, path.name) for path in made)
        assert not leaks(marks.in_no_pdf_or_dataset, days), "an interview day reached a report or a dataset"
        in_datasets = "\n".join(all_texts(out / name) for name in ("one", "all") if (out / name).exists())
        assert not leaks(marks.in_no_dataset, in_datasets), "a named candidate's name reached a dataset"
        assert "aggcanary" not in in_datasets  # a theme of aggregate notes only is on no row
        for quote in (q.text.lower() for quotes in full.data.quotes.values() for q in quotes):
            own = marks.surnames[quote.split(" ", 1)[0]].lower()
            others = {s.lower() for s in marks.surnames.values()} - {own}
            assert not leaks(others, quote), f"another candidate is named in a quote: {quote}"
        full_text = "\n".join(pdf_texts(out / "full.pdf")).lower()
        if full.data.enough_data and marks.quotable:
            assert any(token in full_text for token in marks.quotable)
        if datasets and marks.shareable:
            answers = (out / ("one" if (out / "one").exists() else "all") / "answers.csv").read_text().lower()
            assert any(token in answers for token in marks.shareable)
