"""Redaction, measured on the labelled evaluation set (``tests/data/redaction_eval.jsonl``, made and scored by
``tests/redaction_eval.py``): everyone the workspace knows, erased or not, and their e-mails and phones are always
found; people it does not know and every other kind of identifier at least 95 % of the time; and at least 90 % of
what is found is something to find. The committed set is what the generator writes, byte for byte."""

import pytest

from tests import redaction_eval
from tests.redaction_eval import CATEGORIES, DATA, load, score

ALWAYS = ("known person", "erased person", "known email", "known phone")


@pytest.fixture(scope="module")
def measured():
    workspace, samples = load()
    return samples, score(workspace.redactor(), samples)


def test_the_set_is_large_and_speaks_our_languages(measured):
    samples, _ = measured
    assert len(samples) >= 400
    assert {s.language for s in samples} >= {"en", "de", "fr", "nl", "no"}
    assert sum(not s.tags for s in samples) >= 60  # sentences with nothing to find
    assert any(s.keep for s in samples)  # a named candidate's own name, which must stay


@pytest.mark.parametrize("category", CATEGORIES)
def test_recall(measured, category):
    _, result = measured
    found, total = result.recall[category]
    assert total >= 8, f"too few {category} in the set"
    missed = [words for kind, words, _ in result.missed if kind == category]
    assert found / total >= (1.0 if category in ALWAYS else 0.95), missed


def test_precision(measured):
    _, result = measured
    assert result.overall_precision() >= 0.9, [words for _, words, _ in result.wrong]


def test_the_generator_writes_the_committed_set(tmp_path, monkeypatch):
    monkeypatch.setattr(redaction_eval, "DATA", tmp_path / "eval.jsonl")
    redaction_eval.main()
    assert (tmp_path / "eval.jsonl").read_bytes() == DATA.read_bytes()
