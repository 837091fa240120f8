"""What a user asks the core to make: a client report or an anonymised dataset. The dialogs and the command
line build these; a request that cannot be met is refused as it is made, with a plain message, so every way
in checks the same rules (the period in whole months, the sections, *k*, the stable key, and what to do when
a release would differ too little from an earlier one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from consultant_app.domain import confidentiality
from consultant_app.domain.taxonomy import REPORT_SECTIONS

MAX_SUMMARY_CHARS = 5_000
MIN_STABLE_KEY = 8
RECIPIENT_PROFILES = {
    "client": "a client of the firm",
    "researcher": "a researcher outside the firm",
}
# The columns of a dataset that can single a person out in combination, in the order they are written;
# the competitor and the salary gap only for a client, who learns where people went from public profiles.
QUASI_IDENTIFIER_COLUMNS = (
    "client",
    "industry",
    "role_family",
    "department",
    "level",
    "location",
    "work_mode",
    "period",
    "salary_band",
    "competing_company",
    "salary_gap",
)
MULTI_CLIENT_ONLY = ("client", "industry")
CLIENT_RECIPIENT_ONLY = ("competing_company", "salary_gap")


REPORT_PERIODS = {
    "all": "All interviews",
    "3": "Last 3 months",
    "6": "Last 6 months",
    "12": "Last 12 months",
    "year": "This calendar year",
    "custom": "Custom months",
}


def report_months(period: str, today: date, custom: tuple[str, str]) -> tuple[str | None, str | None]:
    """The first and last month (YYYY-MM) of a report period ending with the month of ``today``, or the ``custom``
    months; (None, None) for every interview. The report dialog and the dashboard offer the same periods."""
    if period == "custom":
        return custom
    if period == "year":
        return f"{today.year}-01", f"{today:%Y-%m}"
    if period in ("3", "6", "12"):
        months = today.year * 12 + today.month - int(period)  # the first month, counted from January of year 0
        return f"{months // 12:04d}-{months % 12 + 1:02d}", f"{today:%Y-%m}"
    return None, None


IF_TOO_CLOSE = ("refuse", "hold back", "widen")  # what to do when a release differs too little from an earlier one


def client_recipient(client_id: str) -> str:
    """The release ledger's key for a client, which receives its reports and its datasets."""
    return f"client:{client_id}"


def check_release_choice(if_too_close: str) -> None:
    if if_too_close not in IF_TOO_CLOSE:
        raise ValueError(f"Unknown choice {if_too_close!r}; choose one of: {', '.join(IF_TOO_CLOSE)}.")


@dataclass(frozen=True)
class ReportRequest:
    client_id: str
    out: Path
    date_from: str | None = None
    date_to: str | None = None
    sections: tuple[str, ...] | None = None  # None: every section
    summary_text: str | None = None  # the consultant's own executive summary
    if_too_close: str = "refuse"  # when it differs from an earlier report or dataset by 1 to k − 1 interviews

    def __post_init__(self) -> None:
        confidentiality.check_months(self.date_from, self.date_to)
        check_release_choice(self.if_too_close)
        unknown = set(self.sections or ()) - set(REPORT_SECTIONS)
        if unknown:
            raise ValueError(
                f"Unknown report section(s): {', '.join(sorted(unknown))}. Known: {', '.join(REPORT_SECTIONS)}."
            )
        if self.sections is not None and not set(self.sections) - {"cover"}:
            raise ValueError("Choose at least one section besides the cover.")
        if self.summary_text and len(self.summary_text) > MAX_SUMMARY_CHARS:
            raise ValueError(
                f"The summary has {len(self.summary_text):,} characters; a report has room for {MAX_SUMMARY_CHARS:,}."
            )


@dataclass(frozen=True)
class DatasetRequest:
    client_id: str | None  # None: every client together
    k: int | None = None  # None: the firm's minimum group size
    date_from: str | None = None
    date_to: str | None = None
    stable_key: str | None = None  # derive pseudonyms from it, so exports with the same key can be joined
    folder: Path | None = None  # where to write it (a preview needs none)
    xlsx: bool = False
    if_too_close: str = "refuse"  # when it differs from an earlier report or dataset by 1 to k − 1 interviews
    profile: str | None = None  # who receives it: "client" (the default for a client's data) or "researcher"
    recipient: str | None = None  # their name; None: the client's own for a client's dataset
    link_answers: bool | None = None  # answers keyed to their rows; None: only for a researcher
    dropped: tuple[str, ...] = ()  # quasi-identifier columns the steward leaves out of the files

    def __post_init__(self) -> None:
        confidentiality.check_months(self.date_from, self.date_to)
        check_release_choice(self.if_too_close)
        if self.k is not None:
            confidentiality.check_k(self.k)
        if self.stable_key is not None and len(self.stable_key) < MIN_STABLE_KEY:
            raise ValueError(f"A stable key needs at least {MIN_STABLE_KEY} characters.")
        if self.profile is None:  # a client's data goes to the client; every client's only to a researcher
            object.__setattr__(self, "profile", "client" if self.client_id else "researcher")
        if self.profile not in RECIPIENT_PROFILES:
            raise ValueError(f"A dataset is for a {' or a '.join(RECIPIENT_PROFILES)}, not “{self.profile}”.")
        if self.profile == "client" and self.client_id is None:
            raise ValueError(
                "A client receives only its own interviews: choose the client, or make a dataset of every client "
                "for a researcher."
            )
        unknown = set(self.dropped) - set(QUASI_IDENTIFIER_COLUMNS)
        if unknown:
            raise ValueError(
                f"Only quasi-identifier columns can be dropped, not {', '.join(sorted(unknown))}. "
                f"They are: {', '.join(QUASI_IDENTIFIER_COLUMNS)}."
            )

    @property
    def recipient_key(self) -> str:
        """Who receives it, for the release ledger: a client's dataset goes to that client, whoever there
        receives it (and so do its reports); anyone else by name."""
        if self.profile == "client" and self.client_id:
            return client_recipient(self.client_id)
        return f"{self.profile}:{' '.join((self.recipient or 'unnamed').split()).casefold()}"

    @property
    def answers_linked(self) -> bool:
        """Whether each answer carries the pseudonym of its interview row."""
        return self.profile == "researcher" if self.link_answers is None else self.link_answers

    def quasi_identifiers(self) -> list[str]:
        """The columns treated as quasi-identifiers for this recipient, scope and choice of columns."""
        return [
            q
            for q in QUASI_IDENTIFIER_COLUMNS
            if (self.client_id is None or q not in MULTI_CLIENT_ONLY)
            and (self.profile == "client" or q not in CLIENT_RECIPIENT_ONLY)
            and q not in self.dropped
        ]
