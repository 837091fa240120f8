"""The anonymiser on small hand-made tables, and the dataset plan over a demo workspace: distinct
l-diversity in the same search as k, the hook the release ledger uses (levels never below ``min_levels``,
``withheld`` rows always suppressed, the plan naming its population, suppressed interviews and levels),
hierarchies that nest level in level, and what a recipient profile and dropped columns change."""

import csv

import pytest

from consultant_app.datasets.anonymise import TooFewToAnonymise, anonymise
from consultant_app.datasets.build import plan_dataset
from consultant_app.datasets.hierarchies import HIERARCHIES
from consultant_app.datasets.writers import write_dataset
from consultant_app.demo import create_demo_workspace
from consultant_app.domain.requests import DatasetRequest


def table(*groups: tuple[str, str, int, str]) -> tuple[list[dict], list[str]]:
    """Rows of (department, city, how many, recommendation class); returns the rows and their classes."""
    raw, sensitive = [], []
    for department, city, n, kind in groups:
        raw += [{"department": department, "location": city}] * n
        sensitive += [kind] * n
    return raw, sensitive


def test_a_group_of_one_recommendation_class_is_generalised_like_a_small_one():
    raw, sensitive = table(
        ("Sales", "Berlin", 5, "detractor"),  # k is met, but everyone in it is a detractor
        ("Sales", "Munich", 3, "promoter"),
        ("Sales", "Munich", 3, "passive"),
        ("Data", "London", 4, "promoter"),
        ("Data", "London", 4, "detractor"),
    )
    plain = anonymise(raw, ["department", "location"], 5, max_suppressed=0)
    assert plain.levels == {"department": 0, "location": 0} and plain.l_reached == 1
    diverse = anonymise(raw, ["department", "location"], 5, max_suppressed=0, sensitive=sensitive, l=2)
    assert diverse.levels["location"] >= 1 and diverse.l_reached >= 2 and diverse.k_reached >= 5
    assert diverse.suppressed == 0


def test_l_diversity_out_of_reach_is_refused():
    raw, sensitive = table(("Sales", "Berlin", 8, "passive"), ("Data", "London", 8, "passive"))
    with pytest.raises(TooFewToAnonymise, match="at least 2 recommendation classes"):
        anonymise(raw, ["department", "location"], 5, sensitive=sensitive, l=2)


def test_levels_never_go_below_min_levels():
    raw, _ = table(("Sales", "Berlin", 6, "x"), ("Data", "London", 6, "x"))
    assert anonymise(raw, ["department", "location"], 5).levels == {"department": 0, "location": 0}
    held = anonymise(raw, ["department", "location"], 5, min_levels={"location": 2, "period": 1})
    assert held.levels == {"department": 0, "location": 2}
    assert {row["location"] for row in held.values} == {"DACH", "UK & Ireland"}
    top = anonymise(raw, ["department"], 5, min_levels={"department": 99})
    assert top.levels == {"department": 1} and {row["department"] for row in top.values} == {"*"}


def test_withheld_rows_stay_suppressed_and_count_in_no_group():
    raw, _ = table(("Sales", "Berlin", 5, "x"), ("Data", "London", 40, "x"))
    free = anonymise(raw, ["department", "location"], 5, max_suppressed=0.2)
    assert free.suppressed == 0 and free.levels == {"department": 0, "location": 0}
    held = anonymise(raw, ["department", "location"], 5, max_suppressed=0.2, withheld=frozenset({0}))
    assert 0 in held.suppressed_rows and 0 not in held.kept
    # without row 0 the Berlin group has 4: its rows are suppressed too (within the budget), not kept small
    assert set(held.suppressed_rows) == {0, 1, 2, 3, 4} and held.k_reached >= 5


@pytest.mark.parametrize("q", sorted(HIERARCHIES))
def test_every_level_of_a_hierarchy_nests_in_the_next(q):
    """A value at one level decides its value at the next, so two releases at different levels together reveal
    no more than the finer one (a 10k band across two 25k bands did)."""
    samples = {
        "salary_band": [(amount, "EUR") for amount in range(20_000, 200_000, 2_500)] + [None],
        "salary_gap": [gap / 2 for gap in range(-120, 121)] + [None],
        "competing_company": [(f"Company {n}", n) for n in range(8)] + [None],
        "period": [f"202{y}-{m:02d}" for y in range(4, 7) for m in range(1, 13)],
        "location": ["Berlin", "Munich", "Milan", "London", "Dublin", "Atlantis", None],
        "level": ["intern", "junior", "mid", "senior", "lead", "manager", "director", "executive", None],
    }.get(q, ["a", "b", "Engineer", "Data analyst", None])
    levels = HIERARCHIES[q]
    for finer, coarser in zip(levels, levels[1:]):
        seen: dict[str, str] = {}
        for value in samples:
            assert seen.setdefault(finer(value), coarser(value)) == coarser(value), (q, value)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from consultant_app.store import Store

    folder = tmp_path_factory.mktemp("plan")
    store = Store.open(folder / "w.db")
    store.firm.update(review_quotes=False)
    create_demo_workspace(store, clients=3, interviews=900, seed=5)
    yield store, folder
    store.close()


def test_the_plan_names_its_population_suppressed_interviews_and_levels(demo):
    store, _ = demo
    client = store.clients.list()[0]
    first = plan_dataset(store, DatasetRequest(client.id, k=5))
    assert first.population and not first.population & first.suppressed_interviews
    assert len(first.population) == len(first.interviews)
    assert len(first.population | first.suppressed_interviews) == first.eligible
    held_back = frozenset(sorted(first.population)[:7])
    second = plan_dataset(
        store,
        DatasetRequest(client.id, k=5),
        min_levels={**first.levels, "salary_band": 2},
        withheld_interviews=held_back | first.suppressed_interviews,
    )
    assert held_back | first.suppressed_interviews <= second.suppressed_interviews
    assert not second.population & (held_back | first.suppressed_interviews)
    assert all(second.levels[q] >= first.levels[q] for q in first.levels) and second.levels["salary_band"] >= 2


def test_a_client_gets_competitor_and_gap_as_quasi_identifiers_and_unlinked_answers(demo):
    store, _ = demo
    client = store.clients.list()[0]
    plan = plan_dataset(store, DatasetRequest(client.id, k=5))
    assert plan.profile == "client" and plan.recipient == client.name
    assert {"competing_company", "salary_gap"} <= set(plan.quasi_identifiers)
    assert not plan.answers_linked and all("respondent" not in a for a in plan.answers)
    assert "knows its own candidates" in plan.adversary_model() and "k = 5" in plan.adversary_model()
    linked = plan_dataset(store, DatasetRequest(client.id, k=5, link_answers=True))
    assert linked.answers_linked and {a["respondent"] for a in linked.answers} <= {
        r["respondent"] for r in linked.interviews
    }
    researcher = plan_dataset(store, DatasetRequest(client.id, k=5, profile="researcher", recipient="Univ. Lab"))
    assert researcher.answers_linked and researcher.recipient == "Univ. Lab"
    assert not {"competing_company", "salary_gap"} & set(researcher.quasi_identifiers)
    assert len(researcher.interviews) >= len(plan.interviews)


def test_a_dropped_column_is_neither_written_nor_a_quasi_identifier(demo, tmp_path):
    """The steward's trade-off: leaving out the role columns keeps more detail in the others."""
    store, _ = demo
    roles = ("role_family", "department", "level", "location", "work_mode", "salary_band")
    kept = plan_dataset(store, DatasetRequest(None, k=5))
    fewer = plan_dataset(store, DatasetRequest(None, k=5, dropped=roles))
    assert not set(roles) & set(fewer.quasi_identifiers)
    searched = fewer.anonymisation.levels
    assert sum(searched.values()) < sum(kept.levels[q] for q in searched)
    manifest = write_dataset(store, fewer, tmp_path / "out")
    with (tmp_path / "out" / "interviews.csv").open(newline="") as fh:
        header = next(csv.reader(fh))
    assert not set(roles) & set(header) and {"period", "competing_company", "salary_gap"} <= set(header)
    assert manifest["dropped_columns"] == list(roles) and set(manifest["quasi_identifiers"]) == set(searched)
    assert manifest["l_reached"] >= 2 and manifest["recipient"]["profile"] == "researcher"  # every client's data
    assert "Left out at the steward's choice: role_family" in (tmp_path / "out" / "README.md").read_text()
    # a column left out of one release comes back to the same recipient no finer than "*"
    assert fewer.levels["department"] == 1
    later = plan_dataset(store, DatasetRequest(None, k=5), min_levels=fewer.levels)
    assert {row["department"] for row in later.interviews} == {"*"}


def test_a_request_names_a_known_recipient_and_only_quasi_identifier_columns():
    with pytest.raises(ValueError, match="A client receives only its own interviews"):
        DatasetRequest(None, profile="client")  # every client's interviews in one client's hands
    assert DatasetRequest(None).profile == "researcher" and DatasetRequest("c1").profile == "client"
    with pytest.raises(ValueError, match="client or a researcher"):
        DatasetRequest(None, profile="journalist")
    with pytest.raises(ValueError, match="Only quasi-identifier columns can be dropped, not recommend"):
        DatasetRequest(None, dropped=("recommend",))


def test_a_dataset_never_asks_for_a_smaller_k_than_the_firms(demo):
    """The firm's minimum group size is a floor: a steward may ask for more (k = 10), never fewer (k = 2)."""
    store, _ = demo
    client = store.clients.list()[0]
    with pytest.raises(ValueError, match="minimum group size is 5: a dataset may ask for a larger k"):
        plan_dataset(store, DatasetRequest(client.id, k=2))
    assert plan_dataset(store, DatasetRequest(client.id, k=10)).anonymisation.k_reached >= 10
