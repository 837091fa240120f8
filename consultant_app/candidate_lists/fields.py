"""The candidate fields a client's list can fill, the column names the common applicant-tracking systems export them
under (presets; docs/import.md says where each preset's names come from), and the guess of which column holds which
field from the header alone. A mapping is ``{field: column name}``: each field from at most one column."""

from __future__ import annotations

import re

# our field → how the mapping step names it
FIELDS: dict[str, str] = {
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "phone": "Phone",
    "role": "Role (job title)",
    "offer_date": "Offer date",
    "decline_date": "Decline date",
    "source": "Source",
    "external_id": "ATS id",
    "disclosure": "Disclosure",
    "consent_date": "Consent date",
}
DATE_FIELDS = ("offer_date", "decline_date", "consent_date")

# names any export may use for a field (compared without case, spaces or punctuation)
COMMON: dict[str, tuple[str, ...]] = {
    "full_name": ("Full name", "Name", "Candidate name", "Candidate", "Applicant name", "Applicant", "Legal name"),
    "first_name": ("First name", "Given name", "Forename", "Vorname", "Prénom", "Firstname"),
    "last_name": ("Last name", "Surname", "Family name", "Nachname", "Nom", "Lastname"),
    "email": (
        "Email",
        "E-mail",
        "Email address",
        "E-mail address",
        "Mail",
        "Candidate email",
        "Personal email",
        "E-Mail-Adresse",
        "Adresse e-mail",
    ),
    "phone": (
        "Phone",
        "Phone number",
        "Telephone",
        "Mobile",
        "Mobile phone",
        "Cell phone",
        "Telefon",
        "Telefonnummer",
        "Téléphone",
    ),
    "role": (
        "Job",
        "Job title",
        "Role",
        "Position",
        "Job name",
        "Posting",
        "Requisition title",
        "Vacancy",
        "Stelle",
        "Poste",
    ),
    "offer_date": ("Offer date", "Offer sent", "Offer made", "Offer created", "Offer extended"),
    "decline_date": ("Decline date", "Declined", "Offer declined", "Declined on", "Rejected on", "Rejected at"),
    "source": ("Source", "Candidate source", "Origin", "Sourced from"),
    "external_id": ("Candidate ID", "Application ID", "Applicant ID", "ATS id", "External id", "Reference"),
    "disclosure": ("Disclosure", "Named", "May be named"),
    "consent_date": ("Consent date", "Consent given", "Consent", "GDPR consent date"),
}

# the preset → our field → the column names that system's exports use, most specific first
PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    "Greenhouse": {
        "external_id": ("Candidate ID", "Application ID"),
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "full_name": ("Candidate Name", "Full Name"),
        "email": ("Email", "Email Address"),
        "phone": ("Phone", "Phone Number"),
        "role": ("Job", "Job Name", "Job Title"),
        "source": ("Source", "Sourced From"),
        "offer_date": ("Offer Created Date", "Offer Sent Date", "Offer Date"),
        "decline_date": ("Rejected On", "Rejected At", "Offer Resolved Date"),
    },
    "Lever": {
        "external_id": ("Opportunity ID", "Contact ID", "Candidate ID"),
        "full_name": ("Candidate Name", "Name", "Contact Name"),
        "email": ("Email", "Emails", "Candidate Email"),
        "phone": ("Phone", "Phones", "Candidate Phone"),
        "role": ("Posting", "Posting Title", "Job Posting"),
        "source": ("Origin", "Source", "Sources"),
        "offer_date": ("Offer Sent At", "Offer Created At", "Offer Date"),
        "decline_date": ("Archived At", "Offer Declined At"),
    },
    "Workday": {
        "external_id": ("Candidate ID", "Job Application ID", "Application ID"),
        "full_name": ("Legal Name", "Candidate", "Candidate Name", "Preferred Name"),
        "first_name": ("First Name", "Legal Name - First Name"),
        "last_name": ("Last Name", "Legal Name - Last Name"),
        "email": ("Email Address", "Email", "Primary Email"),
        "phone": ("Phone Number", "Phone", "Primary Phone"),
        "role": ("Job Requisition", "Job Posting Title", "Job Title", "Job Profile"),
        "source": ("Source", "Candidate Source", "Recruiting Source"),
        "offer_date": ("Offer Date", "Offer Event - Completed", "Offer Completed"),
        "decline_date": ("Offer Declined Date", "Disposition Date", "Declined Date"),
    },
    "SAP SuccessFactors": {
        "external_id": ("Candidate ID", "Application ID", "Candidate Id"),
        "first_name": ("First Name",),
        "last_name": ("Last Name",),
        "email": ("Email Address", "E-mail", "Email"),
        "phone": ("Cell Phone", "Contact Phone", "Home Phone", "Phone"),
        "role": ("Job Title", "Requisition Title", "Job Requisition Title"),
        "source": ("Source", "Candidate Source"),
        "offer_date": ("Offer Date", "Offer Approved Date", "Offer Letter Sent Date"),
        "decline_date": ("Offer Declined Date", "Status Date", "Date Declined"),
    },
    "Teamtailor": {
        "external_id": ("Candidate ID", "Id", "Job Application ID"),
        "first_name": ("First name", "First Name"),
        "last_name": ("Last name", "Last Name"),
        "full_name": ("Name", "Candidate name"),
        "email": ("Email", "E-mail"),
        "phone": ("Phone", "Phone number"),
        "role": ("Job", "Job title", "Job Title"),
        "source": ("Source", "Sourced"),
        "offer_date": ("Offer date", "Offer sent"),
        "decline_date": ("Rejected at", "Rejected date", "Declined at"),
        "consent_date": ("Consent given at", "GDPR consent", "Consent date"),
    },
}


def key(name: str) -> str:
    """A column name compared without case, spaces or punctuation ("E-Mail Address" is "emailaddress")."""
    return re.sub(r"[\W_]+", "", name.casefold())


def guess_mapping(columns: list[str], preset: str | None = None, remembered: dict[str, str] | None = None) -> dict:
    """Our field → the column that holds it, from the header: the remembered mapping's columns that the file still
    has first, then the preset's names, then the names any export uses. A column holds one field at most; a file with
    first and last names and no full name maps those two."""
    by_key = {key(c): c for c in reversed(columns)}  # the first of two same-named columns
    mapping: dict[str, str] = {}
    taken: set[str] = set()

    def take(field: str, names: tuple[str, ...]) -> None:
        for name in names:
            column = by_key.get(key(name))
            if field not in mapping and column is not None and column not in taken:
                mapping[field] = column
                taken.add(column)

    for field, column in (remembered or {}).items():
        if field in FIELDS and column in columns:
            take(field, (column,))
    for field, names in PRESETS.get(preset or "", {}).items():
        take(field, names)
    for field, names in COMMON.items():
        take(field, names)
    if "full_name" in mapping and "first_name" in mapping and "last_name" in mapping:
        del mapping["full_name"]  # the parts are more exact than a "Name" column guessed beside them
    return mapping


def best_preset(columns: list[str]) -> str | None:
    """The preset whose own column names (those neither another preset nor any export uses) the header matches
    most, when one does."""
    keys = {key(c) for c in columns}
    names = {p: {key(n) for found in f.values() for n in found} for p, f in PRESETS.items()}
    common = {key(n) for found in COMMON.values() for n in found}
    scores = {}
    for preset, own in names.items():
        others = set().union(*(n for p, n in names.items() if p != preset))
        scores[preset] = len((own - others - common) & keys)
    best = max(scores, key=scores.get)
    return best if scores[best] and list(scores.values()).count(scores[best]) == 1 else None


def looks_like_header(cells: list[str]) -> bool:
    """Whether a row reads like a candidate list's header (two cells or more name a field we know, by any export's
    or a preset's names)."""
    known = {key(n) for fields in (COMMON, *PRESETS.values()) for names in fields.values() for n in names}
    return sum(key(c) in known for c in cells) >= 2


def mapping_problems(mapping: dict[str, str]) -> list[str]:
    """What a mapping lacks to import anyone."""
    if "full_name" in mapping or {"first_name", "last_name"} <= mapping.keys():
        return []
    if "first_name" in mapping or "last_name" in mapping:
        return ["Choose both a first-name and a last-name column, or one full-name column."]
    return ["Choose the column with the candidates' names (a full name, or first and last name)."]
