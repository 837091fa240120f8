"""The shared field rules report every problem with its path and a readable message."""

from consultant_app.domain.validation import check_fields


def test_valid_interview_has_no_problems():
    data = {
        "id": "i1",
        "status": "completed",
        "ratings": {"compensation": 2},
        "decline_reasons": ["timing"],
        "recommend": 10,
        "conducted_at": "2026-03-16T10:02:00",
    }
    assert check_fields("interview", data, "x") == []


def test_every_problem_is_reported_with_its_path():
    data = {
        "id": "",
        "status": "done",
        "ratings": {"speed": 3, "compensation": 9},
        "recommend": 11,
        "decline_reasons": ["timing", "moon"],
        "conducted_at": "yesterday",
        "extra": 1,
    }
    problems = check_fields("interview", data, "clients[0].candidates[3].interviews[0]")
    p = "clients[0].candidates[3].interviews[0]"
    assert f"{p}.ratings.speed: unknown rating dimension" in problems
    assert f"{p}.ratings.compensation: 9 is outside the allowed range 1–5" in problems
    assert f"{p}.recommend: 11 is outside the allowed range 0–10" in problems
    assert f"{p}.status: unknown interview status 'done'" in problems
    assert f"{p}.decline_reasons[1]: unknown decline reason 'moon'" in problems
    assert f"{p}.extra: unknown field" in problems
    assert any(x.startswith(f"{p}.conducted_at: not a date and time") for x in problems)
    assert any(x.startswith(f"{p}.id: an id must have") for x in problems)


def test_types_are_checked_not_coerced():
    problems = check_fields(
        "note", {"id": 5, "section": "right", "text": ["a"], "visibility": "shareable", "highlight": "yes"}, "n"
    )
    assert "n.id: expected text, got a number" in problems
    assert "n.text: expected text, got a list" in problems
    assert "n.highlight: expected true or false, got text" in problems


def test_required_fields_are_required():
    assert check_fields("client", {}, "c") == ["c.id: required", "c.name: required"]
