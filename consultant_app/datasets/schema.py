"""The columns of the dataset files, described once: the CSV headers, the Frictionless table
schemas and the human-readable codebook are all made from these definitions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from consultant_app.domain.requests import QUASI_IDENTIFIER_COLUMNS
from consultant_app.domain.taxonomy import DECLINE_REASONS, NOTE_SECTIONS, RATING_DIMENSIONS


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: string or integer
    description: str
    allowed: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    quasi_identifier: bool = False
    codes: dict[str, str] = field(default_factory=dict)  # code -> meaning, for the codebook


def interview_columns(multi_client: bool, quasi: list[str], dropped: tuple[str, ...] = ()) -> list[Column]:
    """The columns of interviews.csv: ``quasi`` marked as quasi-identifiers, ``dropped`` left out."""
    qi = [
        Column("client", "string", "Client company (only in multi-client exports).", quasi_identifier=True),
        Column("industry", "string", "Client's industry (only in multi-client exports).", quasi_identifier=True),
        Column("role_family", "string", "Family of the role offered, derived from its title.", quasi_identifier=True),
        Column("department", "string", "Department of the role offered.", quasi_identifier=True),
        Column(
            "level",
            "string",
            "Seniority of the role (or a band of levels after generalisation).",
            quasi_identifier=True,
        ),
        Column(
            "location",
            "string",
            "Place of work: city, or country or region after generalisation.",
            quasi_identifier=True,
        ),
        Column("work_mode", "string", "On-site, hybrid or remote.", quasi_identifier=True),
        Column(
            "period",
            "string",
            "When the interview took place: month (YYYY-MM), quarter (YYYY-Qn) or year.",
            quasi_identifier=True,
        ),
        Column("salary_band", "string", "Yearly salary offered, as a band (e.g. EUR 80–90k).", quasi_identifier=True),
    ]
    columns = [
        Column(
            "respondent",
            "string",
            "Random pseudonym of the interview, new for every export unless a stable key was asked for.",
        )
    ]
    columns += [c for c in qi if multi_client or c.name not in ("client", "industry")]
    columns.append(
        Column(
            "decline_reasons",
            "string",
            "Reasons for declining, as codes separated by ';'.",
            codes=dict(DECLINE_REASONS),
        )
    )
    columns += [
        Column(
            f"reason_{code}", "integer", f"1 if the candidate named “{name}” as a reason, else 0.", minimum=0, maximum=1
        )
        for code, name in DECLINE_REASONS.items()
    ]
    columns.append(
        Column(
            "recommend",
            "integer",
            "Likelihood to recommend the company, 0–10 (empty if not asked).",
            minimum=0,
            maximum=10,
        )
    )
    columns += [
        Column(
            f"rating_{code}", "integer", f"Rating of {name.lower()}, 1 (poor) to 5 (excellent).", minimum=1, maximum=5
        )
        for code, name in RATING_DIMENSIONS.items()
    ]
    columns += [
        Column(
            "competing_company",
            "string",
            "The company whose offer the candidate accepted instead ('not named' if none was named; 'Other' for "
            "those named too rarely, or outside the most chosen after generalisation).",
        ),
        Column(
            "salary_gap",
            "string",
            "The competing salary against the salary offered, in bands of 10 percentage points (e.g. '+10 to +20%'), "
            "or wider bands or only higher or lower after generalisation.",
        ),
        Column(
            "themes",
            "string",
            "Codebook themes tagged on the interview's notes, separated by ';' (internal notes are not counted).",
        ),
    ]
    return [
        replace(c, quasi_identifier=c.name in quasi) if c.name in QUASI_IDENTIFIER_COLUMNS else c
        for c in columns
        if c.name not in dropped
    ]


def answer_columns(linked: bool) -> list[Column]:
    """The columns of answers.csv: with the respondent's pseudonym only when answers are linked to rows."""
    return ANSWER_COLUMNS if linked else ANSWER_COLUMNS[1:]


ANSWER_COLUMNS = [
    Column("respondent", "string", "Pseudonym of the interview the answer belongs to (see interviews.csv)."),
    Column("section", "string", "Part of the interview.", allowed=tuple(NOTE_SECTIONS), codes=dict(NOTE_SECTIONS)),
    Column(
        "themes",
        "string",
        "Codebook themes tagged on the answer, separated by ';' (in answers not linked to rows, only as many as at "
        "least k interview rows carry together).",
    ),
    Column(
        "text",
        "string",
        "What the candidate said, as noted by the consultant; names, e-mail addresses, phone "
        "numbers and links replaced by [name], [email], [phone] and [url].",
    ),
]
