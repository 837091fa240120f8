"""Finding contact details and identifiers in free text, each as (start, end, kind) spans: e-mail addresses
(also written out: "jane dot doe at example dot com"), links (also without http or www:
"linkedin.com/in/jane-doe"), social handles ("@janedoe"), national identity and tax numbers and IBANs
(validated with python-stdnum where it knows them, the UK National Insurance number and the German identity
card number by their own rules), dates of birth, street addresses and postcodes in our clients' countries
(Germany, France, the Netherlands, Norway, the United Kingdom), and phone numbers (phonenumbers, plain digit
runs, digits typed with letters: "0I76 4O2 33 91", and numbers spelled out in English, German, French, Dutch
or Norwegian). Each finder skips text that cannot hold what it looks for, because datasets run this over
hundreds of thousands of notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int, str]

_TLD = r"(?:com|org|net|edu|gov|info|biz|io|co|me|eu|uk|de|fr|nl|no|be|ch|at|es|it|se|dk|fi|pl|ie|lu)"
_WORD = r"[A-Za-z0-9_+\-]+"
_DOT = r"\s*[(\[{]?\s*(?:dot|punkt|point|punt|prikk|\.)\s*[)\]}]?\s*"
_AT = r"\s*[(\[{]?\s*(?:at|@|ät|arobase|apenstaartje|krøllalfa)\s*[)\]}]?\s*"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
SPELLED_EMAIL = re.compile(rf"\b{_WORD}(?:{_DOT}{_WORD})*{_AT}{_WORD}(?:{_DOT}{_WORD})*{_DOT}{_TLD}\b", re.IGNORECASE)
URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]"
    rf"|\b(?:[a-z0-9\-]+\.)+{_TLD}/[^\s<>\"']*[^\s<>\"'.,;:!?)]"
    r"|\b(?:linkedin|xing|github|gitlab|twitter|x|instagram|facebook|tiktok|medium)\.com\b(?:/[^\s<>\"',;:!?)]*)?",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
NINO = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
DE_ID_CARD = re.compile(r"\b[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d\b")
DIGIT_ID = re.compile(r"(?<![\w+])\d(?:[ .\-/]?\d){8,14}(?![\w])")
ID_CONTEXT = re.compile(
    r"\b(?:id|identity|identification|ausweis\w*|steuer\w*|tax|social security|sécurité sociale|nir|insee"
    r"|bsn|burgerservicenummer|sofi\w*|fødselsnummer|personnummer|nhs|passport|pass|passeport|paspoort)"
    r"\b[^.\n]{0,25}$",
    re.IGNORECASE,
)
_MONTHS = (
    "jan(?:uary|uar|vier|uari)?|feb(?:ruary|ruar|ruari)?|fév(?:rier)?|mar(?:ch|s|et)?|mär(?:z)?|maa(?:rt)?"
    "|apr(?:il)?|avr(?:il)?|ma[iy]|mai|mei|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust|ustus)?|août"
    "|sep(?:t|tember|tembre)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember)?|déc(?:embre)?|des(?:ember)?"
)
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?:(?:in|im|en|i)\s+)?(?:19|20)\d{{2}})"
)
BIRTH = re.compile(
    r"\b(?:born|date of birth|d\.o\.b\.?|dob|birthday|geboren|geb\.|geburtsdatum|geburtstag|née?|date de naissance"
    r"|geboortedatum|født|fødselsdato)\s*(?:on|am|le|op|den|:|in)?\s*"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE,
)
_STREET_WORDS = (
    "straße|strasse|str\\.|weg|allee|platz|gasse|ring|damm|ufer|gate|veien|vei|gata|straat|laan|gracht"
    "|plein|kade|singel"
)
_CITY = r"[A-ZÄÖÜÅØÆÉ][\wäöüßåøæé\-]+"
_POSTCODE_CITY = rf"(?:,?\s*(?:\d{{4}}\s?[A-Z]{{2}}|\d{{4,5}})\s+{_CITY})"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
ADDRESS = re.compile(
    rf"(?:\b(?:[A-ZÄÖÜÅØÆ][\wäöüßåøæé\-]*\s){{0,3}}[\wäöüßåøæé\-]*(?:{_STREET_WORDS})\s+\d{{1,4}}\s?[a-zA-Z]?\b"
    rf"|\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|place|allée|impasse|quai|cours)\s+"
    r"(?:[\w'’\-]+\s){0,3}[\w'’\-]+"
    r"|\b\d{1,4}[A-Za-z]?\s+(?:[A-Z][\w'’\-]*\s){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Way|Drive"
    r"|Dr\.?|Close|Court|Place|Square|Terrace|Gardens|Crescent|Row|Mews)\b)"
    rf"(?:{_POSTCODE_CITY}|,?\s*(?:{_CITY}\s+)?{_UK_POSTCODE})?"
    rf"|\b{_UK_POSTCODE}\b"
)
DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w])")
LETTER_DIGITS = re.compile(r"(?<![\w])\+?[\dOoIl](?:[\s\-./]?[\dOoIl]){6,}(?![\w])")
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")  # 2026-03-16, 16.03.2026: a date, not a phone
ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){6}")
ANY_DIGIT = re.compile(r"\d")
NUMBER_WORDS = {  # zero to nine in the languages of our candidates; "oh" is English for zero in numbers
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "double",
    "triple",
    "null",
    "eins",
    "zwei",
    "zwo",
    "drei",
    "vier",
    "fünf",
    "funf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "sept",
    "huit",
    "neuf",
    "nul",
    "een",
    "twee",
    "drie",
    "vijf",
    "zes",
    "zeven",
    "negen",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "syv",
    "åtte",
    "ni",
}
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")


def find_all(text: str, phone_region: str) -> Iterator[Span]:
    """Every contact detail and identifier in ``text``, as (start, end, kind)."""
    lowered = text.casefold()
    has_digit = bool(ANY_DIGIT.search(text))
    if "@" in text:
        yield from _spans(EMAIL, text, "email")
        yield from _spans(HANDLE, text, "handle")
    if (" at " in lowered or "(at)" in lowered or "[at]" in lowered) and ("dot" in lowered or "." in lowered):
        yield from _spans(SPELLED_EMAIL, text, "email")
    if "http" in lowered or "www." in lowered or "/" in text or ".com" in lowered:
        yield from _spans(URL, text, "url")
    if has_digit:
        yield from _ids(text)
        yield from _birth_dates(text)
        yield from _spans(ADDRESS, text, "address")
        yield from _phones(text, phone_region)
    yield from _spelled_phones(text)


def _spans(pattern: re.Pattern[str], text: str, kind: str) -> Iterator[Span]:
    for m in pattern.finditer(text):
        yield m.start(), m.end(), kind


def _ids(text: str) -> Iterator[Span]:
    from stdnum import iban
    from stdnum.de import idnr
    from stdnum.fr import nir
    from stdnum.gb import nhs
    from stdnum.nl import bsn
    from stdnum.no import fodselsnummer

    for m in IBAN.finditer(text):
        if iban.is_valid(m.group()):
            yield m.start(), m.end(), "id"
    yield from _spans(NINO, text, "id")
    for m in DE_ID_CARD.finditer(text):
        if _german_id_card_is_valid(m.group()):
            yield m.start(), m.end(), "id"
    for m in DIGIT_ID.finditer(text):  # a bare number is a phone until the text says it is an identity number
        digits = re.sub(r"\D", "", m.group())
        if ID_CONTEXT.search(text, max(0, m.start() - 40), m.start()) and any(
            check.is_valid(digits) for check in (idnr, fodselsnummer, bsn, nir, nhs)
        ):
            yield m.start(), m.end(), "id"


def _german_id_card_is_valid(number: str) -> bool:
    """The check digit of a German identity card number (weights 7, 3, 1 over the first nine characters)."""
    values = [int(c, 36) for c in number[:9]]
    return sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10 == int(number[9])


def _birth_dates(text: str) -> Iterator[Span]:
    for m in BIRTH.finditer(text):
        yield m.start("date"), m.end("date"), "birth date"


def _phones(text: str, phone_region: str) -> Iterator[Span]:
    if not ENOUGH_DIGITS.search(text):
        return  # no phone number has fewer than six digits: skip the (slow) matcher
    import phonenumbers  # loaded on first use: it is large, and the app's start does not need it

    for m in phonenumbers.PhoneNumberMatcher(text, phone_region):
        yield m.start, m.end, "phone"
    for m in DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 7 and not DATE_LIKE.match(m.group().strip()):
            yield m.start(), m.end(), "phone"
    for m in LETTER_DIGITS.finditer(text):
        run = m.group()
        if sum(c.isdigit() for c in run) >= 4 and len(re.sub(r"[^\dOoIl]", "", run)) >= 7 and not DATE_LIKE.match(run):
            yield m.start(), m.end(), "phone"


def _spelled_phones(text: str) -> Iterator[Span]:
    """Seven or more digits spelled out in a row ("five five five, one two three four")."""
    words = list(_WORD_RE.finditer(text))
    run: list[re.Match] = []
    for word in [*words, None]:
        is_number = (
            word is not None
            and word.group().casefold() in NUMBER_WORDS
            and (not run or text[run[-1].end() : word.start()].strip(" ,-") == "")
        )
        if is_number:
            run.append(word)
            continue
        digits = [w for w in run if w.group().casefold() not in ("double", "triple")]
        if len(digits) >= 7:
            yield run[0].start(), run[-1].end(), "phone"
        run = [word] if word is not None and word.group().casefold() in NUMBER_WORDS else []
