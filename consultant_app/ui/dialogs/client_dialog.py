"""Create or edit a client: name, industry, region, brand colour, logo, contact, and how long its candidates'
identities are kept when it differs from the firm's policy."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from consultant_app.domain.model import Client
from consultant_app.domain.wording import plural
from consultant_app.ui.dialogs.form import ColorField, FormDialog, LogoField, RetentionField, text_or_none


class ClientDialog(FormDialog):
    def __init__(
        self, client: Client | None = None, parent: QWidget | None = None, firm_months: int | None = None
    ) -> None:
        super().__init__(
            "Edit client" if client else "New client", "The company whose declined offers you investigate.", parent
        )
        self.original = client
        c = client or Client(name="")
        self.name = self.add_row("Name", QLineEdit(c.name))
        self.name.setPlaceholderText("Northwind Robotics")
        self.industry = self.add_row("Industry", QLineEdit(c.industry or ""))
        self.region = self.add_row("Region", QLineEdit(c.region or ""))
        self.color = self.add_row("Brand colour", ColorField(c.brand_color))
        self.logo = self.add_row("Logo", LogoField(c.logo))
        self.contact_name = self.add_row("Contact", QLineEdit(c.contact_name or ""))
        self.contact_email = self.add_row("Contact e-mail", QLineEdit(c.contact_email or ""))
        self.contact_phone = self.add_row("Contact phone", QLineEdit(c.contact_phone or ""))
        firm = plural(firm_months, "month") + " after the interview" if firm_months else "identities are kept"
        self.retention = RetentionField(c.retention_months, f"As the firm: {firm}")
        self.retention.setToolTip("Overrides the firm's retention policy for this client's candidates.")
        self.add_row("Erase identities", self.retention)

    def collect(self) -> Client:
        name = text_or_none(self.name)
        if not name:
            raise ValueError("A client needs a name.")
        base = self.original or Client(name=name)
        return replace(
            base,
            name=name,
            industry=text_or_none(self.industry),
            region=text_or_none(self.region),
            brand_color=self.color.value(),
            logo=self.logo.data,
            contact_name=text_or_none(self.contact_name),
            contact_email=text_or_none(self.contact_email),
            contact_phone=text_or_none(self.contact_phone),
            retention_months=self.retention.months(),
        )
