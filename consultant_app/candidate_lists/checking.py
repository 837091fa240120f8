"""Turning a client's list and a confirmed mapping into what an import would do, before anything is written: the
candidates to add (with the roles their job titles need, new ones marked), the duplicates (the same e-mail or ATS id —
however the id is spelt, ``id_key`` — as a candidate the client already has, or as an earlier row of the file; people
erased earlier at their request or by the retention policy, by e-mail, phone or ATS id), and every problem named by
the spreadsheet's row number and the file's column. Pure: the caller passes in what the workspace knows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from consultant_app.candidate_lists.dates import day_first_for, order_read, parse_date
from consultant_app.candidate_lists.fields import DATE_FIELDS, FIELDS, mapping_problems
from consultant_app.candidate_lists.reading import Table
from consultant_app.domain.model import Candidate, Role
from consultant_app.domain.redaction.ids import id_key
from consultant_app.domain.validation import MAX_LABEL, email_problem, phone_problem
from consultant_app.domain.wording import plural

DISCLOSURE_WORDS = {
    "named": "named", "yes": "named", "y": "named", "true": "named", "1": "named", "ja": "named", "oui": "named",
    "confidential": "confidential", "no": "confidential", "n": "confidential", "false": "confidential",
    "0": "confidential", "nein": "confidential", "non": "confidential",
    "anonymous": "anonymous", "anon": "anonymous", "anonym": "anonymous", "anonyme": "anonymous",
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the mapping's, not a row's
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.row and f"Row {self.row}", self.column and f"column {self.column!r}") if p)
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str
    reason: str


@dataclass(frozen=True)
class Planned:
    row: int
    candidate: Candidate
    role_title: str | None
    new_role: bool


@dataclass
class Plan:
    client_id: str
    mapping: dict[str, str]
    skip_duplicates: bool = True
    to_add: list[Planned] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_roles: list[Role] = field(default_factory=list)
    dates_read: list[str] = field(default_factory=list)  # how each date column's a/b/yyyy dates are read

    @property
    def blocked(self) -> bool:
        """Whether the import must not run: a problem, or duplicates the person chose not to skip."""
        return bool(self.problems) or (bool(self.duplicates) and not self.skip_duplicates)

    def summary(self) -> str:
        parts = [f"{plural(len(self.to_add), 'candidate')} to add"]
        if self.new_roles:
            parts.append(f"{plural(len(self.new_roles), 'new role')}")
        if self.duplicates:
            parts.append(f"{plural(len(self.duplicates), 'duplicate')} " + ("skipped" if self.skip_duplicates else ""))
        if self.problems:
            parts.append(plural(len(self.problems), "problem"))
        return ", ".join(p.strip() for p in parts) + "."


@dataclass(frozen=True)
class Workspace:
    """What the workspace knows that a plan is checked against."""

    roles: list[Role]
    emails: frozenset[str]
    external_ids: frozenset[str]  # their keys (``id_key``)
    phone_region: str
    is_erased: Callable[[str | None, str | None, str | None], bool] = lambda email, phone, external_id: False


def plan_import(
    table: Table, mapping: dict[str, str], client_id: str, known: Workspace, skip_duplicates: bool = True
) -> Plan:
    plan = Plan(client_id, dict(mapping), skip_duplicates)
    plan.problems += [Problem(None, None, m) for m in mapping_problems(mapping)]
    unknown = [c for c in mapping.values() if c not in table.columns]
    plan.problems += [Problem(None, c, "the file has no such column") for c in unknown]
    if plan.problems:
        return plan
    index = {f: table.columns.index(c) for f, c in mapping.items() if f in FIELDS}
    day_first = {}
    for name, i in index.items():
        if name in DATE_FIELDS:
            values = [cells[i] for _, cells in table.rows if i < len(cells)]
            day_first[name] = day_first_for(values, known.phone_region)
            if read := order_read(values, day_first[name]):
                plan.dates_read.append(f"{read} ({mapping[name]})")
    roles = {r.title.strip().casefold(): r for r in known.roles}
    new_role_ids: set[str] = set()
    seen_emails: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for number, cells in table.rows:
        values = {f: _cell(cells, i) for f, i in index.items()}
        row = _Row(number, mapping, plan.problems)
        candidate = row.candidate(client_id, values, known.phone_region, day_first)
        if candidate is None:
            continue
        email_key = candidate.email.casefold() if candidate.email else None
        reason = _duplicate_reason(candidate, email_key, known, seen_emails, seen_ids)
        if email_key:
            seen_emails.setdefault(email_key, number)
        if id_key(candidate.external_id or ""):
            seen_ids.setdefault(id_key(candidate.external_id), number)
        if reason:
            plan.duplicates.append(Duplicate(number, candidate.full_name, reason))
            continue
        title = values.get("role")
        role_title, new = (str(title).strip(), False) if title not in (None, "") else (None, False)
        if role_title:
            role = roles.get(role_title.casefold())
            if role is None:
                role = roles[role_title.casefold()] = Role(client_id, role_title[:MAX_LABEL])
                plan.new_roles.append(role)
                new_role_ids.add(role.id)
            new = role.id in new_role_ids
            candidate.role_id = role.id
        plan.to_add.append(Planned(number, candidate, role_title, new))
    return plan


def _duplicate_reason(candidate: Candidate, email_key, known: Workspace, seen_emails, seen_ids) -> str | None:
    if known.is_erased(candidate.email, candidate.phone, candidate.external_id):
        return "erased earlier (at their request or by the retention policy); never imported again"
    id_found = id_key(candidate.external_id or "")
    if email_key and email_key in known.emails:
        return "the client already has a candidate with this e-mail"
    if id_found and id_found in known.external_ids:
        return "the client already has a candidate with this ATS id"
    if email_key and email_key in seen_emails:
        return f"same e-mail as row {seen_emails[email_key]}"
    if id_found and id_found in seen_ids:
        return f"same ATS id as row {seen_ids[id_found]}"
    return None


def _cell(cells: list[Any], position: int) -> Any:
    value = cells[position] if position < len(cells) else None
    return None if value == "" else value


class _Row:
    """One row's values checked into a candidate, its problems added to the plan's."""

    def __init__(self, number: int, mapping: dict[str, str], problems: list[Problem]) -> None:
        self.number, self.mapping, self.problems = number, mapping, problems
        self.ok = True

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.number, self.mapping.get(field_name), message))
        self.ok = False

    def text(self, values: dict[str, Any], field_name: str) -> str | None:
        value = values.get(field_name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an id or phone Excel stored as a number
        text = " ".join(str(value).split())
        if len(text) > MAX_LABEL:
            self.problem(field_name, f"{len(text)} characters; at most {MAX_LABEL} are allowed")
            return None
        return text or None

    def candidate(self, client_id: str, values: dict, region: str, day_first: dict[str, bool]) -> Candidate | None:
        name = self.text(values, "full_name")
        if "full_name" not in self.mapping:
            name = " ".join(p for p in (self.text(values, "first_name"), self.text(values, "last_name")) if p) or None
        if not name:
            self.problem("full_name" if "full_name" in self.mapping else "first_name", "no name")
        email = self.text(values, "email")
        if email and (why := email_problem(email)):
            self.problem("email", why)
        phone = self.text(values, "phone")
        if phone and (why := phone_problem(phone, region)):
            self.problem("phone", why)
        dates = {}
        for name_of_date in DATE_FIELDS:
            value = values.get(name_of_date)
            if value is not None:
                dates[name_of_date], why = parse_date(value, day_first.get(name_of_date, True))
                if why:
                    self.problem(name_of_date, why)
        disclosure = "confidential"
        if (said := self.text(values, "disclosure")) is not None:
            disclosure = DISCLOSURE_WORDS.get(said.casefold())
            if disclosure is None:
                self.problem("disclosure", f"{said[:40]!r} is not named, confidential or anonymous")
        if not self.ok:
            return None
        return Candidate(
            client_id=client_id,
            full_name=name,
            email=email,
            phone=phone,
            disclosure=disclosure,
            source=self.text(values, "source"),
            external_id=self.text(values, "external_id"),
            **dates,
        )
