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


def _spoken(words: str, symbol: str) -> str:
    """A spelled-out word between spaces or in brackets ("jane dot doe", "(at)"; not the "at" of "application"),
    or the symbol itself ("." without spaces: ". It" ends a sentence)."""
    return rf"(?:\s*[(\[{{]\s*(?:{words})\s*[)\]}}]\s*|\s+(?:{words})\s+|{symbol})"


_DOT = _spoken("dot|punkt|point|punt|prikk", r"\.")
_AT = _spoken("at|ät|arobase|apenstaartje|krøllalfa", r"\s*@\s*")
SPOKEN_AT = re.compile(r"[\s(\[{](?:at|ät|arobase|apenstaartje|krøllalfa)[\s)\]}]")
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
    r"|bsn|burgerservicenummer|sofi\w*|fødselsnummer|personnummer|nhs|passport|pass|passeport|paspoort"
    r"|ahv|avs|sozialversicherung\w*|rijksregister\w*|registre national|national number|national insurance)"
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
_NAME_WORD = r"[A-ZÄÖÜÅØÆÉÈÎ][\w'’\-]*"
_HOUSE = r"\d{1,4}(?:\s?[a-zA-Z]\b|[/\-]\d{1,4})?"  # 12, 12a, 12 b, 3/7, 58-60
_CITY_LINK = r"(?:am|an|im|in|der|sur|sous|lès|en|aan|den|de|la|le|les|bij|op)\s"
_CITY = (
    rf"(?:St\.\s|'s-)?{_NAME_WORD}(?:\s(?:{_CITY_LINK}){{0,2}}{_NAME_WORD}){{0,2}}"  # "St. Gallen", "Braunau am Inn"
)
_POSTCODE = r"(?:\d{4}\s?[A-Z]{2}|\d{4,5})"
_POSTCODE_CITY = rf"(?:,?\s*{_POSTCODE}\s+{_CITY})"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
_FRENCH_WAYS = r"rue|avenue|av\.|boulevard|bd|chemin|route|place|allée|impasse|quai|cours|chaussée"
_UK_WAYS = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Way|Drive|Dr\.?|Close|Court|Place|Square|Terrace|Gardens"
    r"|Crescent|Row|Mews|Grove|Hill|Park|View|Walk|Green|Rise|Parade|Vale|Yard"
)
ADDRESS = re.compile(
    rf"(?:\b(?:[A-ZÄÖÜÅØÆ][\wäöüßåøæé\-]*\s){{0,3}}[\wäöüßåøæé\-]*(?:{_STREET_WORDS})\s+{_HOUSE}"
    rf"|\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:{_FRENCH_WAYS})\s+(?:[\w'’\-]+\s){{0,3}}[\w'’\-]+"
    rf"|\b\d{{1,4}}[A-Za-z]?\s+(?:[A-Z][\w'’\-]*\s){{1,3}}(?:{_UK_WAYS})\b)"
    rf"(?:{_POSTCODE_CITY}|,?\s*(?:{_CITY}\s+)?{_UK_POSTCODE})?"
    rf"|\b{_UK_POSTCODE}\b"
    # any street, its number, postcode and town: "Solheimplassen 2B, 0008 Vidarsund", "rue de Monnet 23, 6000 Rapin"
    rf"|(?:\b(?i:{_FRENCH_WAYS})\s+(?:(?:de|du|des|la|d'|l')\s*){{0,2}}|\b){_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}}"
    rf"\s+{_HOUSE},?\s+{_POSTCODE}\s+{_CITY}"
)
DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w])")
LETTER_DIGITS = re.compile(r"(?<![\w(])\+?\(?[\dOoIl](?:[\s\-./()]{0,2}[\dOoIl]){6,}(?![\w])")
MONEY_BEFORE = re.compile(r"(?:[€£$]|\b(?:CHF|EUR|NOK|GBP|USD|kr))\s*$", re.IGNORECASE)
MONEY_AFTER = re.compile(r"\s*(?:[€£$]|(?:CHF|EUR|NOK|GBP|USD|kr|kroner|euros?)\b)", re.IGNORECASE)
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")  # 2026-03-16, 16.03.2026: a date, not a phone
ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){6}")
ANY_DIGIT = re.compile(r"\d")
NUMBER_WORDS = {  # zero to nine in the languages of our candidates ("oh" is English for zero in numbers), and
    # the French tens, as France says phone numbers in pairs ("zéro six, douze, soixante-dix-huit")
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
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "et",
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
_LOWER_WORD = re.compile(r"[a-zà-ÿ]+")


def find_all(text: str, phone_region: str) -> Iterator[Span]:
    """Every contact detail and identifier in ``text``, as (start, end, kind)."""
    lowered = text.casefold()
    has_digit = bool(ANY_DIGIT.search(text))
    if "@" in text:
        yield from _spans(EMAIL, text, "email")
        yield from _spans(HANDLE, text, "handle")
    if SPOKEN_AT.search(lowered):
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
    from stdnum.at import vnr
    from stdnum.be import nn
    from stdnum.ch import ssn
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
            check.is_valid(digits) for check in (idnr, fodselsnummer, bsn, nir, nhs, ssn, nn, vnr)
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
    """Phone numbers; not dates ("02-03-2025") nor sums of money ("1 250 000 kr")."""
    found = []
    if ENOUGH_DIGITS.search(text):  # no phone number has fewer than six digits: the (slow) matcher is spared
        import phonenumbers  # loaded on first use: it is large, and the app's start does not need it

        found += [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, phone_region)]
        found += [m.span() for m in DIGIT_RUN.finditer(text) if len(re.sub(r"\D", "", m.group())) >= 7]
    for m in LETTER_DIGITS.finditer(text):
        run = m.group()
        if sum(c.isdigit() for c in run) >= 4 and len(re.sub(r"[^\dOoIl]", "", run)) >= 7:
            found.append(m.span())
    for start, end in found:
        if not DATE_LIKE.match(text[start:end].strip()) and not _money(text, start, end):
            yield start, end, "phone"


def _money(text: str, start: int, end: int) -> bool:
    return bool(MONEY_BEFORE.search(text, max(0, start - 6), start) or MONEY_AFTER.match(text, end))


def _four_number_words(text: str) -> bool:
    in_a_row = 0
    for word in _LOWER_WORD.findall(text.casefold()):
        in_a_row = in_a_row + 1 if word in NUMBER_WORDS else 0
        if in_a_row == 4:
            return True
    return False


def _spelled_phones(text: str) -> Iterator[Span]:
    """Seven or more digits spelled out in a row ("five five five, one two three four")."""
    if not _four_number_words(text):
        return  # the sieve: most notes have no four number words in a row
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
        spoken = [w.group().casefold() for w in run]  # "double five" is two digits, "vingt-et-un" two words
        if len(spoken) - spoken.count("et") + spoken.count("triple") >= 7:
            yield run[0].start(), run[-1].end(), "phone"
        run = [word] if word is not None and word.group().casefold() in NUMBER_WORDS else []
