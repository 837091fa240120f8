"""Redaction of names, e-mail addresses, phone numbers and URLs inside free text."""

import pytest

from consultant_app.domain.redaction import ErasedIndex, Redactor, identity_digests


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


def test_a_named_persons_own_name_stays_but_nobody_elses_and_no_contact_detail():
    r = Redactor(["Nadia Named", "Quentin Zzyzx", "Dana Whitfield"])
    text = "Nadia Named here: Quentin Zzyzx and Dana told me, mail nadia@x.org, call 030 1234567"
    assert (
        r.redact(text, keep="Nadia Named") == "Nadia Named here: [name] and [name] told me, mail [email], call [phone]"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ms Smith said so", "Ms [name] said so"),  # a part of a double-barrelled name
        ("then QUARTERNACK called", "then [name] called"),  # a surname in capitals
        ("see linkedin.com/in/jane-doe for more", "see [url] for more"),  # a profile without http or www
        ("ask @janedoe about it", "ask [handle] about it"),
        ("write to jane dot doe at example dot com", "write to [email]"),
        ("jane (at) example (dot) org", "[email]"),
        ("ring five five five one two three four", "ring [phone]"),
        ("ruf null drei null eins zwei drei vier fünf", "ruf [phone]"),
        ("call 0I76 4O2 33 91", "call [phone]"),
        ("NI number AB 12 34 56 C", "NI number [id]"),
        ("Ausweis T220001293", "Ausweis [id]"),
        ("Steuer-ID 86095742719", "Steuer-ID [id]"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [id] please"),
        ("I live at Hauptstraße 12, 10115 Berlin now", "I live at [address] now"),
        ("flat at 221B Baker Street, London NW1 6XE", "flat at [address]"),
        ("chez moi, 12 rue de Rivoli, 75001 Paris", "chez moi, [address]"),
        ("born on 12 March 1990 in Oslo", "born on [date of birth] in Oslo"),
        ("geboren am 12.03.1990", "geboren am [date of birth]"),
    ],
)
def test_forms_that_used_to_pass_unredacted(text, expected):
    assert Redactor(["Jane Smith-Jones", "Zebulon Quarternack"]).redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Offer 85000 on 2026-03-16 at 10:30, 3 rounds in 2 weeks",
        "we mark the date and look at the team; they looked at the office",
        "The salary was 92,000 EUR against 85,000, a 8.2% gap",
        "Interview on 16.03.2026 with five people",
    ],
)
def test_ordinary_words_numbers_and_dates_stay(text):
    assert Redactor(["Mark Stone"]).redact(text) == text


def test_erased_people_are_recognised_from_keyed_hashes_only():
    secret = b"k" * 32
    index = ErasedIndex(secret, identity_digests(secret, "Xavier Erasedperson", "xavier@x.org", "+49 30 7654321"))
    r = Redactor([], erased=index, identifiers=False)
    text = "I came via Xavier Erasedperson; ERASEDPERSON wrote from xavier@x.org, 030 7654321, not bob@x.org"
    assert r.redact(text) == "I came via [name]; [name] wrote from [email], [phone], not bob@x.org"
    assert "Erasedperson" not in repr(index.by_kind)


def test_a_namesake_keeps_his_surname_when_someone_else_is_erased():
    from consultant_app.domain.redaction.names import NameIndex

    r = Redactor(["Leila Kaya"], identifiers=False, protect=NameIndex(["Emil Kaya"], parts=False))
    assert r.redact("Leila Kaya and Emil Kaya, then Ms Kaya") == "[name] and Emil Kaya, then Ms [name]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Then Mr Diggin called", "Then Mr [name] called"),  # a title in each of our languages
        ("Frau Dr. Huber sagte ab", "Frau Dr. [name] sagte ab"),
        ("M. Rochat et Mme Favre", "M. [name] et Mme [name]"),
        ("meneer van der Berg belde", "meneer [name] belde"),
        ("fru Hansen ringte", "fru [name] ringte"),
        ("I spoke with Anna Berger from HR", "I spoke with [name] from HR"),  # a given name and a surname
        ("Pierre DUPONT was there", "[name] was there"),
        ("Jan van der Berg and Tory interviewed me", "[name] and [name] interviewed me"),
        ("Peter's questions were fair", "[name]'s questions were fair"),  # a given name alone
        ("The recruiter, Keeva, was kind", "The recruiter, [name], was kind"),  # a role
        ("my friend Kato works there", "my friend [name] works there"),
        ("a manager named Pearse called", "a manager named [name] called"),
        ("I met Tarik Bauer and Pierce McGruddie", "I met [name] and [name]"),  # a surname of the list, or its shape
        ("Cecile was lovely", "[name] was lovely"),  # typed without its accent
    ],
)
def test_people_the_workspace_does_not_know_are_found(text, expected):
    assert Redactor(["Zebulon Quarternack"]).redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will they call? May I add that Grace period was short. Mark the date, Frank feedback helps.",
        "I went with Martin SA, then Ernst & Young, then Wayne Analytics and Bernard et Fils.",
        "The interview in Nancy was with the Teamleiter Vertrieb and a Product Owner from Paris.",
        "The HR Business Partner said the Scrum Master role in New York pays 1 250 000 kr.",
        "Interview on 02-03-2025 at 14:30; I had not read my application. It took six weeks.",
    ],
)
def test_words_that_look_like_names_stay(text):
    assert Redactor(["Zebulon Quarternack"]).redact(text) == text


def test_a_named_candidates_own_name_stays_with_unknown_people_around_it():
    r = Redactor(["Nadia Named"])
    assert r.redact("As Nadia Named I'd say Ms Named and Anna Berger", keep="Nadia Named") == (
        "As Nadia Named I'd say Ms Named and [name]"
    )


def test_erasing_one_person_touches_no_other_name():
    assert Redactor(["Leila Kaya"], identifiers=False).redact("Leila Kaya met Anna Berger") == "[name] met Anna Berger"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at Solheimplassen 2B, 0008 Oslo now", "I live at [address] now"),  # any street with a postcode
        ("at rue de Monnet 23, 6000 Lausanne today", "at [address] today"),
        ("to Nadia-Haslauer-Ring 3/7, 5527 Braunau am Inn, so", "to [address], so"),
        ("mail alexa punt schar apenstaartje gmx punt de", "mail [email]"),
        ("appelez le zéro six douze trente-quatre cinquante-six soixante-dix-huit", "appelez le [phone]"),
        ("call nine double three nine five four double nine", "call [phone]"),
        ("call +4I (0)52 I9I IO 19", "call [phone]"),
        ("AHV-Nummer 756.9456.7801.31", "AHV-Nummer [id]"),
        ("rijksregisternummer 05.06.12-760.26", "rijksregisternummer [id]"),
    ],
)
def test_more_forms_of_contact_details_and_identifiers(text, expected):
    assert Redactor().redact(text) == expected


def test_no_person_is_found_inside_a_company_the_workspace_knows():
    text = "I went to Harper Collins, where Anna Berger was kind"
    assert Redactor().redact(text) == "I went to [name], where [name] was kind"
    assert Redactor(organisations=["Harper Collins"]).redact(text) == "I went to Harper Collins, where [name] was kind"
