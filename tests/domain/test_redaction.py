"""Redaction of names, e-mail addresses, phone numbers and URLs inside free text."""

from consultant_app.domain.redaction import Redactor


def test_known_names_full_and_partial_are_replaced():
    r = Redactor(["Alex Moreno", "Dana Whitfield"])
    assert r.redact("alex moreno told Dana that Moreno would decline") == "[name] told [name] that [name] would decline"
    assert r.counts["name"] == 3


def test_lowercase_common_words_that_match_a_first_name_are_kept():
    assert Redactor(["Mark Stone"]).redact("we mark the stone") == "we mark the stone"


def test_emails_urls_and_phones_are_replaced_but_dates_and_salaries_are_not():
    text = (
        "Mail a.b+c@x.example.org, see https://x.io/p?q=1. Call +44 20 7946 0958 or 030 1234567. "
        "Offer 85000 on 2026-03-16."
    )
    out = Redactor().redact(text)
    assert out == "Mail [email], see [url]. Call [phone] or [phone]. Offer 85000 on 2026-03-16."


def test_names_with_accents_and_apostrophes():
    r = Redactor(["Jürgen O'Brien"])
    assert r.redact("Jürgen O'Brien and O'Brien and jürgen o'brien") == "[name] and [name] and [name]"


def test_empty_and_unicode_text_survive():
    r = Redactor(["Zoë"])
    assert r.redact("") == ""
    assert r.redact("مرحبا 👋 Zoë") == "مرحبا 👋 [name]"
