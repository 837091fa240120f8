"""The red team's second pass over the release defences (issue 15): attacks that still recovered people once
the ledger refused releases differing by fewer than k interviews. The client subtracts groups it can pick out
(a breakdown row, a dataset's rows of one department or town) rather than whole releases:

- a dataset of January, then a report of January–February: the report's People row minus the dataset's People
  rows is February's one recruiter;
- two datasets a month apart, joined row to row by their answers: the rows new to the second are February's,
  and their role columns single out February's recruiter;
- a dataset suppresses the rows that stand out, then a report of the same period prints a Paris row one person
  larger than the dataset's Paris rows;
- a table of 13 departments, whose row sums the audit did not try beyond 12 rows.

Defences: every release keeps the groups its figures are about; a report folds a breakdown row that differs
from such a group by 1 to k − 1 people; a dataset keeps each group of rows new to the recipient k-anonymous on
its own; a table keeps at most 12 rows. Each test recovered its person before.
"""

from collections import Counter

import pytest

from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.writers import write_dataset
from consultant_app.domain.confidentiality import MAX_TABLE_ROWS_COMBINED, fold_small_groups
from consultant_app.domain.model import Client, Role
from consultant_app.domain.requests import DatasetRequest, ReportRequest
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store
from tests.proof.test_attack_differencing import add_interview

K = 5


@pytest.fixture
def northwind(tmp_path):
    store = Store.open(tmp_path / "w.db")
    store.firm.update(review_quotes=False)
    client = store.clients.save(Client(name="Northwind"))

    def role(title, department, location="Berlin"):
        return store.roles.save(
            Role(client_id=client.id, title=title, department=department, level="mid", location=location)
        )

    counter = iter(range(10_000))

    def call(role_, day, reasons, recommend):
        return add_interview(store, client, role_, next(counter), day[:7], reasons, recommend)

    yield store, client, role, call
    store.close()


def rows_of(plan, column, value):
    return [row for row in plan.interviews if row.get(column) == value]


def test_a_report_after_a_dataset_does_not_give_the_one_new_person_of_a_group(northwind, tmp_path):
    store, client, role, call = northwind
    engineer, recruiter = role("Engineer", "Engineering"), role("Recruiter", "People", "Paris")
    for n in range(10):
        call(engineer, f"2026-01-1{n % 9}", ["career_growth"], [3, 8, 9][n % 3])
    for n in range(6):
        call(recruiter, f"2026-01-2{n}", ["career_growth"], [3, 8, 9][n % 3])
    for n in range(5):
        call(engineer, f"2026-02-1{n}", ["career_growth"], 8)
    call(recruiter, "2026-02-20", ["compensation"], 2)
    dataset = plan_dataset(store, DatasetRequest(client.id, date_from="2026-01", date_to="2026-01"))
    write_dataset(store, dataset, tmp_path / "jan")
    people = len(rows_of(dataset, "department", "People"))
    report = generate_report(store, ReportRequest(client.id, tmp_path / "r.pdf", "2026-01", "2026-02")).data
    shown = {row.group: row.n for row in report.breakdowns.get("Department", [])}
    assert people == 6 and not 0 < shown.get("People", 0) - people < K  # the People row does not give her


def test_two_datasets_a_month_apart_joined_by_their_answers_single_no_one_out(northwind, tmp_path):
    store, client, role, call = northwind
    engineer, recruiter, designer = role("Engineer", "Engineering"), role("Recruiter", "People"), role("UX", "Design")
    for n in range(10):
        call(engineer, f"2026-01-1{n % 9}", ["career_growth"], [3, 8, 9][n % 3])
        call(recruiter, f"2026-01-2{n % 9}", ["career_growth"], [3, 8, 9][n % 3])
        call(designer, f"2026-01-0{1 + n % 9}", ["timing"], [3, 8, 9][n % 3])
    for n in range(6):
        call(engineer, f"2026-02-1{n}", ["career_growth"], [3, 8, 9][n % 3])
    call(designer, "2026-02-01", ["timing"], 3)
    call(designer, "2026-02-02", ["timing"], 9)
    target = call(recruiter, "2026-02-20", ["compensation", "timing"], 2)
    first = plan_dataset(store, DatasetRequest(client.id, date_from="2026-01", date_to="2026-01"))
    write_dataset(store, first, tmp_path / "jan")
    second = plan_dataset(store, DatasetRequest(client.id, date_from="2026-01", date_to="2026-02"))

    # the client joins the two on each row's answers; at best it learns exactly which rows are new
    new = [row for row in second.interviews if second.interview_of[row["respondent"]] not in first.population]
    groups = Counter(tuple(row[q] for q in second.quasi_identifiers) for row in new)
    assert all(n >= K for n in groups.values()), groups  # the new rows are k-anonymous on their own
    assert target.id not in second.population or groups  # she is suppressed, or hidden among k new rows


def test_a_datasets_suppressed_row_does_not_come_back_in_a_report(northwind, tmp_path):
    store, client, role, call = northwind
    engineer, recruiter = role("Engineer", "Engineering"), role("Recruiter", "People", "Paris")
    lone = [role(f"Specialist {n}", f"Unit {n}", "Paris" if n == 1 else "Berlin") for n in range(1, 6)]
    for n in range(60):
        call(engineer, f"2026-01-{1 + n % 28:02d}", ["career_growth"], [3, 8, 9, 10][n % 4])
        call(recruiter, f"2026-01-{1 + n % 28:02d}", ["career_growth"], [3, 8, 9, 10][n % 4])
    call(lone[0], "2026-01-15", ["compensation"], 0)
    for specialist in lone[1:]:
        call(specialist, "2026-01-16", ["timing"], 5)
    dataset = plan_dataset(store, DatasetRequest(client.id))
    write_dataset(store, dataset, tmp_path / "ds")
    paris = len(rows_of(dataset, "location", "Paris"))
    report = generate_report(store, ReportRequest(client.id, tmp_path / "r.pdf")).data
    shown = {row.group: row.n for row in report.breakdowns.get("Location", [])}
    assert dataset.anonymisation.suppressed == 5 and not 0 < shown.get("Paris", 0) - paris < K


def test_a_table_keeps_no_more_rows_than_the_audit_can_combine():
    counts = {f"Dept {n:02d}": 5 + n for n in range(20)}
    folded = fold_small_groups(counts, K)
    assert len(folded.shown) <= MAX_TABLE_ROWS_COMBINED and sum(folded.shown.values()) == sum(counts.values())
