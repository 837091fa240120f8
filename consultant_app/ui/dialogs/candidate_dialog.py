"""Create or edit a candidate: identity, role, disclosure and consent, offer and decline dates."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QButtonGroup, QComboBox, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from consultant_app.domain.model import Candidate, Role
from consultant_app.ui.dialogs.form import FormDialog, OptionalDate, text_or_none

DISCLOSURE_HELP = {
    "named": "Named — the client may learn who said what.",
    "confidential": "Confidential — the firm knows who it is; no client output reveals it.",
    "anonymous": "Anonymous — as confidential, and the identity is erased once the interview is completed.",
}


class CandidateDialog(FormDialog):
    def __init__(
        self, client_id: str, roles: list[Role], candidate: Candidate | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Edit candidate" if candidate else "New candidate",
            "Someone who declined an offer from this client.",
            parent,
        )
        self.client_id, self.original = client_id, candidate
        p = candidate or Candidate(client_id=client_id, full_name="")
        erased = p.identity_erased
        self.full_name = self.add_row("Full name", QLineEdit(p.full_name))
        self.email = self.add_row("E-mail", QLineEdit(p.email or ""))
        self.phone = self.add_row("Phone", QLineEdit(p.phone or ""))
        for edit in (self.full_name, self.email, self.phone):
            edit.setEnabled(not erased)
        if erased:
            self.add_row("", QLabel("This identity was erased (anonymous candidate); it cannot be restored."))
        self.role = QComboBox()
        self.role.addItem("No role", None)
        for role in roles:
            self.role.addItem(f"{role.title} · {role.location or '—'}", role.id)
        self.role.setCurrentIndex(max(0, self.role.findData(p.role_id)))
        self.add_row("Role", self.role)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.disclosure = QButtonGroup(self)
        for code, text in DISCLOSURE_HELP.items():
            radio = QRadioButton(text)
            radio.setProperty("code", code)
            radio.setChecked(code == p.disclosure)
            radio.setEnabled(not erased or code == "anonymous")
            self.disclosure.addButton(radio)
            layout.addWidget(radio)
        self.add_row("Disclosure", box)
        self.consent = self.add_row("Consent", OptionalDate(p.consent_date, "Recorded on"))
        self.source = self.add_row("Source", QLineEdit(p.source or ""))
        self.offer = self.add_row("Offer", OptionalDate(p.offer_date, "Made on"))
        self.decline = self.add_row("Decline", OptionalDate(p.decline_date, "Declined on"))

    def collect(self) -> Candidate:
        name = text_or_none(self.full_name)
        if not name:
            raise ValueError("A candidate needs a name.")
        disclosure = self.disclosure.checkedButton().property("code")
        base = self.original or Candidate(client_id=self.client_id, full_name=name)
        changes = {
            "role_id": self.role.currentData(),
            "disclosure": disclosure,
            "consent_date": self.consent.value(),
            "source": text_or_none(self.source),
            "offer_date": self.offer.value(),
            "decline_date": self.decline.value(),
        }
        if not base.identity_erased:
            changes.update(full_name=name, email=text_or_none(self.email), phone=text_or_none(self.phone))
        return replace(base, **changes)
