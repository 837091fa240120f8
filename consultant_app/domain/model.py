"""The records a firm keeps, as plain dataclasses shared by the store, interchange and outputs.

Every record has a stable text id (a UUID unless it came from an import with ids of its own), so
workspaces can later be merged. Dates are ISO strings (``YYYY-MM-DD``), times ISO date-times;
lists and dicts are plain Python values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime


def new_id() -> str:
    """A fresh stable id for a record."""
    import uuid  # here, not at the top: opening a workspace makes no record (uuid loads ~5 ms of modules)

    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time as an ISO string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Firm:
    name: str = "Your research firm"
    logo: bytes | None = None
    primary_color: str = "#1B2A41"
    accent_color: str = "#2A7DE1"
    min_group_size: int = 5
    phone_region: str = "DE"
    review_quotes: bool = True  # outputs use only quotes a person approved
    retention_months: int | None = None  # identities erased this long after the interview is completed
    auto_lock_minutes: int = 10  # an encrypted workspace's window locks after this long idle (0: never)
    require_passphrase: bool = False  # the workspace must be encrypted


@dataclass
class Client:
    name: str
    id: str = field(default_factory=new_id)
    industry: str | None = None
    region: str | None = None
    brand_color: str | None = None
    logo: bytes | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    archived: bool = False
    retention_months: int | None = None  # overrides the firm's retention for this client


@dataclass
class Role:
    client_id: str
    title: str
    id: str = field(default_factory=new_id)
    department: str | None = None
    level: str | None = None
    location: str | None = None
    work_mode: str | None = None
    salary_offered: float | None = None
    currency: str | None = None
    hiring_manager: str | None = None
    archived: bool = False


@dataclass
class Candidate:
    client_id: str
    full_name: str
    id: str = field(default_factory=new_id)
    role_id: str | None = None
    email: str | None = None
    phone: str | None = None
    disclosure: str = "confidential"
    consent_date: str | None = None
    source: str | None = None
    offer_date: str | None = None
    decline_date: str | None = None
    consent_withdrawn: str | None = None
    identity_erased: bool = False
    archived: bool = False
    external_id: str | None = None  # the candidate's id in the client's applicant-tracking system (identifying)


@dataclass
class Interview:
    candidate_id: str
    id: str = field(default_factory=new_id)
    status: str = "scheduled"
    scheduled_at: str | None = None
    conducted_at: str | None = None
    consultant: str | None = None
    channel: str | None = "phone"
    duration_minutes: int | None = None
    decline_reasons: list[str] = field(default_factory=list)
    competing_company: str | None = None
    competing_salary: float | None = None
    recommend: int | None = None
    ratings: dict[str, int] = field(default_factory=dict)
    summary: str | None = None
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)


@dataclass
class Note:
    interview_id: str
    section: str
    text: str
    id: str = field(default_factory=new_id)
    visibility: str = "aggregate"
    themes: list[str] = field(default_factory=list)
    highlight: bool = False
    position: int = 0
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)


@dataclass
class Theme:
    name: str
    id: str = field(default_factory=new_id)
    color: str | None = None
    description: str | None = None
    parent_id: str | None = None  # the broader theme this one sits under (one level deep)


@dataclass
class Guide:
    """An interview guide: questions per note section. ``client_id`` None is the firm default."""

    name: str
    id: str = field(default_factory=new_id)
    client_id: str | None = None
    questions: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class AuditEntry:
    action: str
    detail: dict = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now_iso)


def text_hash(text: str) -> str:
    """A fingerprint of a text, to tell whether a decision about it still holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QuoteReview:
    """A person's decision on a quote: approved or dropped, on the note's text as it was (``source_hash``), with
    their own redactions (words to hide) and restorations (words the automatic redaction hid wrongly)."""

    note_id: str
    source_hash: str
    decision: str  # approved or dropped
    redact: tuple[str, ...] = ()
    restore: tuple[str, ...] = ()
    reviewer: str | None = None
    reviewed_at: str = ""

    def holds_for(self, text: str) -> bool:
        return self.source_hash == text_hash(text)

    def edits_for(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words to hide and to restore in ``text``: none once the text changed since the decision."""
        return (self.redact, self.restore) if self.holds_for(text) else ((), ())
