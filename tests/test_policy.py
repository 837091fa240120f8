"""The firm policy IT deploys on a computer: no file is no policy, a good file requires a passphrase and caps the
idle lock, and a file that cannot be read weakens nothing (a passphrase is then required, and the reason said)."""

import json

import pytest

from consultant_app.policy import POLICY_ENV, Policy, auto_lock_minutes, load_policy, passphrase_required, policy_path


def test_the_environment_names_the_policy_file(tmp_path, monkeypatch):
    monkeypatch.setenv(POLICY_ENV, str(tmp_path / "p.json"))
    assert policy_path() == tmp_path / "p.json"
    monkeypatch.delenv(POLICY_ENV)
    assert policy_path().name == "policy.json" and "Debrief" in policy_path().parts


def test_no_file_is_no_policy(tmp_path):
    policy = load_policy(tmp_path / "missing.json")
    assert policy == Policy() and not passphrase_required(policy, firm_requires=False)
    assert passphrase_required(policy, firm_requires=True)


def test_a_policy_requires_a_passphrase_and_caps_the_idle_lock(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"require_passphrase": True, "auto_lock_minutes": 5}))
    policy = load_policy(path)
    assert policy.require_passphrase and policy.auto_lock_minutes == 5 and policy.problem is None
    assert passphrase_required(policy, firm_requires=False)
    assert auto_lock_minutes(10, policy) == 5  # the firm's 10 minutes are more than the policy allows
    assert auto_lock_minutes(2, policy) == 2  # sooner is fine
    assert auto_lock_minutes(0, policy) == 5  # "never" is not allowed under a cap
    assert auto_lock_minutes(0, Policy()) == 0 and auto_lock_minutes(15, Policy()) == 15


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "cannot be read"),
        ("[1, 2]", "not a JSON object"),
        ('{"require_passphrase": "yes"}', "require_passphrase is not true or false"),
        ('{"auto_lock_minutes": -3}', "auto_lock_minutes is not a whole number"),
        ('{"auto_lock_minutes": 2.5}', "auto_lock_minutes is not a whole number"),
    ],
)
def test_an_unreadable_policy_requires_a_passphrase_and_says_why(tmp_path, content, reason):
    path = tmp_path / "policy.json"
    path.write_text(content)
    policy = load_policy(path)
    assert policy.require_passphrase and reason in policy.problem and str(path) in policy.problem
