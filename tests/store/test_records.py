"""The store's parts: clients, roles, candidates, interviews, notes, themes, guides, firm."""

import pytest

from consultant_app.domain.model import Client, Guide, Interview, Theme
from consultant_app.store import NotFound
from tests.store.builders import add_note, client_with_interview


def test_client_summaries_count_candidates_completed_and_open(store):
    client, candidate, interview = client_with_interview(store)
    store.interviews.save(Interview(candidate_id=candidate.id, status="completed"))
    [summary] = store.clients.summaries()
    assert (summary.client.id, summary.candidates, summary.completed, summary.open) == (client.id, 1, 1, 1)


def test_find_client_by_id_or_name_and_archive(store):
    client = store.clients.save(Client(name="Helios Health"))
    assert store.clients.find("helios health").id == client.id
    assert store.clients.find(client.id).name == "Helios Health"
    store.clients.archive(client.id)
    assert store.clients.list() == [] and store.clients.list(include_archived=True)[0].archived
    with pytest.raises(NotFound):
        store.clients.find("Nobody")


def test_invalid_records_are_refused_with_the_rule_they_break(store):
    client = store.clients.save(Client(name="X"))
    with pytest.raises(ValueError, match="brand_color: not a colour"):
        store.clients.save(Client(name="Y", brand_color="blue"))
    _, candidate, interview = client_with_interview(store)
    interview.ratings = {"speed": 3}
    with pytest.raises(ValueError, match="ratings.speed: unknown rating dimension"):
        store.interviews.save(interview)
    assert store.clients.get(client.id).name == "X"


def test_notes_keep_order_themes_and_flags(store):
    _, _, interview = client_with_interview(store)
    first = add_note(store, interview, "First", themes=["slow process", "Pay"])
    second = add_note(store, interview, "Second", visibility="internal")
    second.position = 1
    store.notes.save(second)
    first.highlight = True
    store.notes.save(first)
    notes = store.notes.for_interview(interview.id)
    assert [n.text for n in notes] == ["First", "Second"]
    assert notes[0].themes == ["Pay", "slow process"] and notes[0].highlight
    assert notes[1].visibility == "internal"


def test_themes_are_created_on_the_fly_renamed_and_merged(store):
    _, _, interview = client_with_interview(store)
    add_note(store, interview, "a", themes=["slow process"])
    add_note(store, interview, "b", themes=["Slow hiring"])
    add_note(store, interview, "c", themes=["slow process", "Slow hiring"])
    usage = {u.theme.name: u.notes for u in store.themes.usage()}
    assert usage == {"slow process": 2, "Slow hiring": 2}
    slow, hiring = store.themes.by_name("slow process"), store.themes.by_name("slow hiring")
    store.themes.merge(hiring.id, slow.id)
    assert {u.theme.name: u.notes for u in store.themes.usage()} == {"slow process": 3}
    slow.name = "Slow process"
    store.themes.save(slow)
    assert store.notes.for_interview(interview.id)[0].themes == ["Slow process"]
    with pytest.raises(ValueError, match="already a theme"):
        store.themes.save(Theme(name="SLOW PROCESS"))


def test_guides_fall_back_to_the_firm_default(store):
    client = store.clients.save(Client(name="X"))
    default = store.guides.for_client(client.id)
    assert default.client_id is None and default.questions["right"]
    store.guides.save(Guide(name="X guide", client_id=client.id, questions={"right": ["Q?"]}))
    assert store.guides.for_client(client.id).questions == {"right": ["Q?"]}


def test_firm_profile_updates_and_checks_k(store):
    store.firm.update(name="Meridian", min_group_size=7)
    assert (store.firm.get().name, store.firm.get().min_group_size) == ("Meridian", 7)
    with pytest.raises(ValueError):
        store.firm.update(min_group_size=1)


def test_listeners_hear_which_area_changed(store):
    heard = []
    store.subscribe(heard.append)
    store.clients.save(Client(name="X"))
    assert heard == [frozenset({"clients"})]


def test_competing_companies_complete_by_prefix_most_frequent_first(store):
    _, candidate, _ = client_with_interview(store)
    for company in ["Contoso", "Contoso", "Conway Ltd", "Fabrikam"]:
        store.interviews.save(Interview(candidate_id=candidate.id, competing_company=company))
    assert store.interviews.competing_companies("con") == ["Contoso", "Conway Ltd"]
    assert store.interviews.competing_companies("%") == []


@pytest.mark.parametrize("others", [0, 8])  # the asked interview alone, or a few among many (read by id)
def test_a_report_reads_the_highlighted_notes_and_the_theme_rows_the_full_read_holds(store, others):
    client, candidate, interview = client_with_interview(store, status="completed")
    for _ in range(others):
        add_note(store, store.interviews.save(Interview(candidate_id=candidate.id)), "elsewhere", themes=["Pay"])
    add_note(store, interview, "plain", themes=["Pay"])
    quoted = add_note(store, interview, "quoted", section="wrong", themes=["slow process", "Pay"])
    quoted.highlight = True
    store.notes.save(quoted)
    add_note(store, interview, "internal", visibility="internal", themes=["Pay"])
    everything = store.reporting.notes([interview.id])[interview.id]
    highlighted = store.reporting.notes([interview.id], highlighted_only=True)
    assert highlighted == {interview.id: [n for n in everything if n.highlight]} and len(highlighted[interview.id]) == 1
    rows = sorted(store.reporting.completed_note_themes(client.id, ["shareable"]))
    shareable = [n for n in everything if n.visibility == "shareable"]
    assert rows == sorted((interview.id, n.section, t) for n in shareable for t in n.themes)
