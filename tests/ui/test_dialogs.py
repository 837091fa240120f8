"""Dialogs collect and check values: the first-run welcome, firm branding, logos, roles, guides."""

import pytest
from PySide6.QtWidgets import QMessageBox

from consultant_app.domain.model import Client
from consultant_app.ui.admin.codebook_view import CodebookView
from consultant_app.ui.admin.guides_view import GuidesView
from consultant_app.ui.dialogs.firm_dialog import FirmDialog
from consultant_app.ui.dialogs.form import read_logo
from consultant_app.ui.dialogs.role_dialog import RoleDialog
from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog
from consultant_app.ui.startup import welcome
from tests.ui.modal import on_modal
from tests.ui.test_main_window import answer_next_dialog


def test_first_run_sets_up_the_firm_and_first_client(qtbot, store):
    def fill(dialog: WelcomeDialog):
        dialog._setup()
        assert "Please name your firm" in dialog.error.text()
        qtbot.keyClicks(dialog.firm, "Meridian Talent")
        qtbot.keyClicks(dialog.client, "Northwind")
        dialog._setup()

    done = answer_next_dialog(qtbot, WelcomeDialog, fill)
    assert welcome(store) == ("setup", store)  # no passphrase asked for: the same store goes on
    assert done.get("ok")
    assert store.firm.get().name == "Meridian Talent"
    assert [c.name for c in store.clients.list()] == ["Northwind"]


def test_broken_and_oversized_logos_are_refused_plainly(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"truncated")
    with pytest.raises(ValueError, match="not an image Debrief can read"):
        read_logo(str(tmp_path / "logo.png"))
    (tmp_path / "big.png").write_bytes(b"0" * (6 * 1024 * 1024))
    with pytest.raises(ValueError, match="larger than 5 MB"):
        read_logo(str(tmp_path / "big.png"))
    with pytest.raises(ValueError, match="Could not read"):
        read_logo(str(tmp_path / "missing.png"))


def test_firm_dialog_returns_branding_and_checks_region(qtbot, store):
    dialog = FirmDialog(store.firm.get())
    qtbot.addWidget(dialog)
    dialog.region.setText("1")
    dialog.accept()
    assert "two-letter country code" in dialog.error.text()
    dialog.region.setText("gb")
    dialog.k.setValue(8)
    dialog.accent.hex.setText("#123456")
    dialog.accept()
    assert dialog.result_value["min_group_size"] == 8
    assert dialog.result_value["phone_region"] == "GB" and dialog.result_value["accent_color"] == "#123456"


def test_role_dialog_collects_salary_and_work_mode(qtbot):
    dialog = RoleDialog("c1")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Data Scientist")
    dialog.salary.setValue(70000)
    dialog.work_mode.setCurrentIndex(dialog.work_mode.findData("remote"))
    dialog.accept()
    role = dialog.result_value
    assert (role.title, role.salary_offered, role.work_mode, role.client_id) == (
        "Data Scientist",
        70000,
        "remote",
        "c1",
    )


def test_codebook_view_lists_counts(qtbot, demo_store):
    view = CodebookView(demo_store)
    qtbot.addWidget(view)
    names = [item.text(0) for item in view.items()]
    assert names == sorted(names, key=str.casefold) and "slow process" in names
    assert int(view.items()[names.index("slow process")].text(1).replace(",", "")) > 0


def test_guides_view_saves_a_client_version(qtbot, store):
    client = store.clients.save(Client(name="X"))
    view = GuidesView(store, client.id)
    qtbot.addWidget(view)
    assert "Uses the firm default" in view.origin.text()
    view.editors["right"].setPlainText("What impressed you?\n\nWho impressed you?")
    view.save()
    assert store.guides.for_client(client.id).questions["right"] == ["What impressed you?", "Who impressed you?"]
    assert "own guide" in view.origin.text()
    keep = on_modal(qtbot, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    view.use_default()  # asks first: the client's own questions would be deleted
    assert keep.get("ok") and store.guides.for_client(client.id).client_id == client.id
    done = on_modal(qtbot, QMessageBox, lambda box: next(b for b in box.buttons() if "Remove" in b.text()).click())
    view.use_default()
    assert done.get("ok") and store.guides.for_client(client.id).client_id is None


def test_report_dialog_collects_period_sections_and_path(qtbot, demo_store, tmp_path):
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    clients = demo_store.clients.list()
    dialog = ReportDialog(clients, clients[1].id, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.client.currentData() == clients[1].id and dialog.path.text().endswith(".pdf")
    dialog.period.setCurrentIndex(dialog.period.findData("custom"))
    dialog.date_from.setDate(dialog.date_to.date().addMonths(1))
    dialog.accept()
    assert "starts after it ends" in dialog.error.text()
    dialog.date_from.setDate(dialog.date_to.date().addMonths(-2))
    for code, check in dialog.sections.items():
        check.setChecked(code in ("cover", "summary"))
    dialog.summary.setPlainText("Pay is the lever.")
    dialog.accept()
    request = dialog.result_value
    assert request.sections == ("cover", "summary") and request.summary_text == "Pay is the lever."
    assert request.date_from < request.date_to and request.client_id == clients[1].id
    assert len(request.date_from) == len(request.date_to) == len("2026-03")  # whole months, never days


def test_dataset_dialog_asks_for_whole_months(qtbot, demo_store, tmp_path):
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

    clients = demo_store.clients.list()
    dialog = DatasetDialog(clients, clients[0].id, 5, tmp_path)
    qtbot.addWidget(dialog)
    dialog.limit.setChecked(True)
    dialog.date_from.setDate(dialog.date_to.date().addMonths(-3))
    dialog.accept()
    request = dialog.result_value
    assert request.date_to == dialog.date_to.date().toString("yyyy-MM")
    assert request.date_from == dialog.date_to.date().addMonths(-3).toString("yyyy-MM")


def test_dataset_dialog_collects_recipient_answers_and_columns_and_shows_what_survives(qtbot, demo_store, tmp_path):
    """The steward's trade-off: a recipient, linked answers or not, columns unticked to be dropped, and after a
    preview the detail that survives of each column."""
    from PySide6.QtCore import Qt

    from consultant_app.datasets.build import plan_dataset
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

    clients = demo_store.clients.list()
    dialog = DatasetDialog(clients, clients[0].id, 5, tmp_path)
    qtbot.addWidget(dialog)
    names = [dialog.columns.item(n, 0).data(Qt.ItemDataRole.UserRole) for n in range(dialog.columns.rowCount())]
    assert "client" not in names and {"competing_company", "salary_gap"} <= set(names)  # one client, for a client
    assert not dialog.link_answers.isChecked()
    request = dialog.collect()
    assert request.profile == "client" and request.dropped == () and not request.answers_linked
    dialog.columns.item(names.index("period"), 0).setCheckState(Qt.CheckState.Unchecked)
    dialog.recipient.setText("  Northwind   analytics ")
    request = dialog.collect()
    assert request.dropped == ("period",) and request.recipient == "Northwind analytics"
    assert "Preview shows what survives" in dialog.preview.toPlainText()
    plan = plan_dataset(demo_store, request)
    dialog.show_plan("k reached: 5", plan.anonymisation.loss, plan.dropped)
    cells = {
        names[n]: [dialog.columns.item(n, c).text() for c in range(1, 4)] for n in range(dialog.columns.rowCount())
    }
    assert cells["period"] == ["dropped", "", ""]
    loss = plan.anonymisation.loss["department"]
    assert cells["department"][1:] == [f"{loss.exact_share:.0%}", f"{loss.distinct_kept} of {loss.distinct_exact}"]
    dialog.profile.setCurrentIndex(dialog.profile.findData("researcher"))
    assert dialog.link_answers.isChecked() and dialog.collect().profile == "researcher"
    row = names.index("competing_company")
    assert dialog.columns.item(row, 1).text() == "as recorded: not identifying for a researcher"
    assert dialog.collect().dropped == ("period",)  # the choice of columns survives a change of recipient
    dialog.scope.setCurrentIndex(0)  # all clients: the client and its industry become columns too
    assert dialog.columns.item(0, 0).data(Qt.ItemDataRole.UserRole) == "client"
