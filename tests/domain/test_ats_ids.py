"""A candidate's ATS id is hidden however a consultant typed it (case, spaces, hyphens and Unicode dashes, leading
zeros, its long number inside another word), an erased person's from the keyed hash alone, and ordinary numbers
that merely share digits with an id stay."""

import pytest

from consultant_app.domain.redaction import ErasedIndex, Redactor, identity_digests

SECRET = b"k" * 32


@pytest.mark.parametrize(
    "stored, text, redacted",
    [
        ("48211", "The file was GH-48211, by the way.", "The file was [id], by the way."),
        ("GH-48211", "Candidate 48211 said so.", "Candidate [id] said so."),
        ("GH-48211", "Filed as gh48211/2026.", "Filed as [id]."),
        ("GH-48211", "Filed as GH 48211.", "Filed as [id]."),
        ("JR-0042", "She is JR\u20110042 there.", "She is [id] there."),  # a non-breaking hyphen
        ("JR-0042", "She is jr42 there.", "She is [id] there."),
        ("C000123", "See C \u2013 000123.", "See [id]."),  # an en dash between spaces
        ("7123", "Row 007123 of the list.", "Row [id] of the list."),  # a workbook's number, typed as printed
        ("REQ 17", "Under REQ 17 then.", "Under [id] then."),
        ("GH-48211", "Under \uff27\uff28\uff0d\uff14\uff18\uff12\uff11\uff11 then.", "Under [id] then."),  # full width
    ],
)
def test_an_id_is_hidden_however_it_was_typed(stored, text, redacted):
    assert Redactor(known_ids=[stored], identifiers=False).redact(text) == redacted


@pytest.mark.parametrize(
    "stored, text",
    [
        ("GH-2026", "In 2026 they paid 148211 and 482110."),  # a short number is a year; longer numbers differ
        ("GH-48211", "In 2026 they paid 148211 and 482110."),
        ("REQ 17", "The requirement 17 and req 170."),
        ("7", "7 people in 7 days."),
    ],
)
def test_numbers_that_share_digits_with_an_id_stay(stored, text):
    assert Redactor(known_ids=[stored], identifiers=False).redact(text) == text


def test_an_erased_persons_id_is_found_from_its_keyed_hash_alone():
    index = ErasedIndex(SECRET, identity_digests(SECRET, "Yvette Quarnstrom", None, None, "ZX-90417", "client"))
    redactor = Redactor(erased=index, identifiers=False)
    text = "Typed zx 90417, then 90417, then ZX\u201190417; 90418 is someone else."
    assert redactor.redact(text) == "Typed [id], then [id], then [id]; 90418 is someone else."
    assert "90417" not in repr(index.by_kind)
