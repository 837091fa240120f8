"""The firm profile and branding: name, logo, colours, minimum group size, phone region, whether
quotes need a person's approval before they leave the firm, how long identities are kept, and the workspace's
protection (idle minutes before an encrypted workspace locks, whether it must be encrypted) within the machine's
firm policy."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from consultant_app.domain.confidentiality import MAX_K, MIN_K
from consultant_app.domain.model import Firm
from consultant_app.policy import Policy
from consultant_app.ui.dialogs.form import ColorField, FormDialog, LogoField, RetentionField, text_or_none


class FirmDialog(FormDialog):
    ask_before_discarding = True  # many fields edited at once: Escape or closing asks before dropping them

    def __init__(self, firm: Firm, parent: QWidget | None = None, policy: Policy | None = None) -> None:
        super().__init__("Firm profile and branding", "Shown on every report your firm produces.", parent)
        self.name = self.add_row("Firm name", QLineEdit(firm.name))
        self.logo = self.add_row("Logo", LogoField(firm.logo))
        self.primary = self.add_row("Primary colour", ColorField(firm.primary_color))
        self.accent = self.add_row("Accent colour", ColorField(firm.accent_color))
        self.k = QSpinBox(minimum=MIN_K, maximum=MAX_K, value=firm.min_group_size)
        self.k.setSuffix(" respondents")
        self.k.setToolTip("No chart or table shows a group smaller than this; smaller groups fold into “Other”.")
        self.add_row("Minimum group size (k)", self.k)
        self.region = QLineEdit(firm.phone_region)
        self.region.setMaxLength(2)
        self.region.setToolTip("Two-letter country code used to recognise phone numbers without +country prefix.")
        self.add_row("Phone region", self.region)
        self.review = QCheckBox("Reports and datasets print only quotes a person approved")
        self.review.setChecked(firm.review_quotes)
        self.review.setToolTip(
            "Automatic redaction misses things in free speech. With review on, every quote waits for an "
            "approval in Review quotes… (or consultant-app quotes) before it leaves the firm."
        )
        self.add_row("Quote review", self.review)
        self.retention = RetentionField(firm.retention_months, "Never: identities are kept")
        self.retention.setToolTip(
            "A candidate's name, e-mail and phone are replaced by a pseudonym this long after their last completed "
            "interview; their answers stay. Admin → Retention… shows what is due and erases it when you say so. "
            "A client may override this."
        )
        self.add_row("Erase identities", self.retention)
        self._protection(firm, policy or Policy())

    def collect(self) -> dict:
        name = text_or_none(self.name)
        if not name:
            raise ValueError("The firm needs a name.")
        region = self.region.text().strip().upper()
        if len(region) != 2 or not region.isalpha():
            raise ValueError("The phone region is a two-letter country code such as DE, GB or US.")
        return {
            "name": name,
            "logo": self.logo.data,
            "primary_color": self.primary.value() or "#1B2A41",
            "accent_color": self.accent.value() or "#2A7DE1",
            "min_group_size": self.k.value(),
            "phone_region": region,
            "review_quotes": self.review.isChecked(),
            "retention_months": self.retention.months(),
            "auto_lock_minutes": self.auto_lock.value(),
            "require_passphrase": self.require_passphrase.isChecked()
            if self.require_passphrase.isEnabled()
            else self._firm_requires,
        }

    def _protection(self, firm: Firm, policy: Policy) -> None:
        cap = policy.auto_lock_minutes
        self.auto_lock = QSpinBox(minimum=0 if cap is None else 1, maximum=cap or 480)
        self.auto_lock.setValue(min(firm.auto_lock_minutes or (cap or 0), cap or 480))
        if cap is None:
            self.auto_lock.setSpecialValueText("Never")  # shown at the minimum, 0
        self.auto_lock.setSuffix(" minutes idle")
        self.auto_lock.setToolTip(
            "An encrypted workspace covers its windows after this long without typing or mouse use, and asks "
            "for the passphrase." + (f" The firm policy on this computer allows at most {cap} minutes." if cap else "")
        )
        self.add_row("Lock after", self.auto_lock)
        self._firm_requires = firm.require_passphrase  # kept as it is while the policy decides
        self.require_passphrase = QCheckBox("Required for this workspace")
        self.require_passphrase.setChecked(firm.require_passphrase or policy.require_passphrase)
        self.require_passphrase.setEnabled(not policy.require_passphrase)
        self.require_passphrase.setToolTip(
            "Required by the firm policy on this computer."
            if policy.require_passphrase
            else "Until it is encrypted, Debrief offers to encrypt this workspace each time it starts."
        )
        self.add_row("Passphrase", self.require_passphrase)
