"""Finding people the workspace does not know. A name is what follows a title ("Mr Diggin", "Frau Huber",
"M. Rochat", "mevrouw Peeters", "fru Hansen"), a role ("the recruiter, Keeva,", "my friend Kato") or a naming word
("a manager named Pearse"); a capitalised given name from ``resources/names/given-names.txt`` with the surname-like
words after it ("Aisling Diggin", "Pearse DIGGIN", "Jan van der Berg"), or alone unless it is also a word, a month,
a place or a brand ("Will", "May", "Paris", "Meta") or follows "in" ("in Nancy"); a capitalised word before a
surname of ``surnames.txt`` or one shaped as a surname ("Tarik Bauer", "Pierce McGruddie", "Sien De Bie"); and a
capitalised word joined by "and" to a person ("Tory and Anna"). Words before a company's legal form or a word of
company names, or beside an ampersand ("Martin SA", "Bernard et Fils", "Wayne Analytics", "Ernst & Young"), are a
company.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from consultant_app.domain.redaction.names import PARTICLES, TOKEN
from consultant_app.paths import resources_dir


def _words(text: str) -> set[str]:
    return set(text.split())


TITLES = {  # casefolded title: whether it must be written with a capital ("I miss Paris" is no title)
    **dict.fromkeys(_words("mr mrs ms mx dr prof mme mlle mmes herr frau madame monsieur mister dhr mevr mw"), False),
    **dict.fromkeys(_words("meneer mevrouw juffrouw fru frøken frk hr fr m"), False),
    **dict.fromkeys(_words("miss sir dame lady lord"), True),
}
DOTTED = {"m", "hr", "fr", "frk"}  # titles only with a full stop: "M. Dupont", "Hr. Olsen" (not "HR" or "M")
POSSESSIVES = _words("my our their his her your mein meine unser unsere mon ma notre leur mijn onze hun min mitt vår")
ROLES = _words(  # a name follows after a comma, or a possessive before: "the recruiter, Keeva", "my friend Kato"
    """recruiter recruiterin recruteur recruteuse rekrutterer manager managerin colleague kollege kollegin collègue
    collega kollega boss chef chefin cheffe sjef ceo cto cfo coo cpo cmo founder co-founder gründer gründerin
    fondateur fondatrice oprichter director direktor direktorin directeur directrice interviewer interviewerin
    contact ansprechpartner ansprechpartnerin contactpersoon kontaktperson coordinator koordinator koordinatorin
    coördinator coordinatrice sourcer assistant assistante assistent assistentin teamleiter teamleiterin leder lead
    rekruttereren friend freund freundin ami amie vriend vriendin venn venninne"""
)
NAMING = _words("named namens nommé nommée genaamd heet heter heißt hieß")  # "a recruiter named Keeva"
LEGAL_FORMS = re.compile(  # a legal form or a word of company names, after up to three capitalised words and "and"
    r"(?:[\s,]+(?:[A-ZÄÖÜÉ][\w'’\-]*|and|und|et|en|og|&)){0,3}\s+(?:GmbH|AG|KG|SE|SA|SAS|SARL|Sàrl|BV|NV|AS|ASA|AB"
    r"|Oy|Ltd|Limited|PLC|plc|Inc|LLC|LLP|Corp|Corporation|Co|Group|Gruppe|Groupe|Holding|Holdings|Partners|Partner"
    r"|Consulting|OHG|VOF|CVBA|BVBA|SRL|SpA|Fils|Söhne|Sons|Associates|S\.A\.|N\.V\.|B\.V\.|e\.V\.|S\.à r\.l\."
    r"|Analytics|Solutions|Systems|Technologies|Technology|Tech|Labs|Digital|Media|Software|Capital|Bank|Insurance"
    r"|Logistics|Industries|Enterprises|Ventures|Services|International|Global|Networks|Dynamics|Robotics|Energy"
    r"|Pharma|Motors|Airlines|Studios|Foods|Retail|Finance|Financial|Engineering|Advisory|Research|Telecom)(?!\w)"
)
SURNAME_SHAPE = re.compile(r"(?:Mc|Mac|O['’]|Fitz)[A-Z]\w+|[A-Z]\w+(?:sen|sson|ović|ovic|ić|ski|ska|escu|oğlu)")
CAPITAL_PARTICLES = _words("Van Von De Den Der Le Du Da Di Ter Ten Vander Vanden")
PLACE_BEFORE = {"in", "im", "à", "nach", "naar", "i", "near"}
CONNECTORS = {"and", "und", "et", "en", "og", "&"}
STOP = _words(  # capitalised words that are no surname: function words, days and months, places of work
    """a an the and but or so if as at by in on of to up us we he she it they i my me you your our his her their
    this that what who when where how why yes no not can may will do did be is are was were has have had just also
    then there here some all both each more most only too still even der die das den dem des ein eine einen und
    oder aber wenn als wie wir ich er sie es ihr mein meine nicht ja nein auch noch nur sehr dann hier mit von zu
    bei nach vor aus um für über am im zum zur doch le la les un une et ou mais si comme nous je il elle ils on mon
    ma mes ne pas oui non très puis ici avec du au aux dans pour sur sous par chez het een maar ik hij zij ze mijn
    niet nee ook nog dan daar met voor uit om over onder op aan og eller men hvis som vi jeg han hun min ikke nei
    også bare så her der av til hos etter før fra på monday tuesday wednesday thursday friday saturday sunday
    montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag mandag tirsdag onsdag torsdag fredag lørdag søndag
    january february march april june july august september october november december januar februar märz juni
    juli oktober dezember janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    januari februari maart mei augustus desember office team street road station airport university college school
    hospital centre center square san santa saint sankt st"""
)
TRIGGERS = set(TITLES) | ROLES | NAMING


@cache
def gazetteer(name: str) -> dict[str, bool]:
    """The names of ``resources/names/<name>.txt``, each with whether it is also a word; written without their
    accents too, as people type them in a hurry ("Cecile", "Joao")."""
    names = {}
    for line in (resources_dir() / "names" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, mark = line.partition(" ")
            names[word] = bool(mark)
            names.setdefault(_unaccented(word), bool(mark))
    return names


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def spans(
    text: str, keep: frozenset[str] = frozenset(), known: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Where people stand in ``text``; names made only of ``keep`` words (casefolded) are left alone. ``known`` are
    where names found otherwise stand, for the words joined to them by "and"."""
    given, surnames = gazetteer("given-names"), gazetteer("surnames")
    known = list(known)
    tokens = TOKEN.findall(text)
    starts = {  # where a person may start: most words cannot, and are passed over quickly
        i
        for i, t in enumerate(tokens)
        if t in TRIGGERS or (t[0].isupper() and (t.casefold() in TRIGGERS or _stem(t) in given or "-" in t))
    }
    starts |= {i - 1 for i, t in enumerate(tokens) if i and t[0].isupper() and _surname_cue(_stem(t), surnames)}
    if not starts and not known:
        return []
    words = list(TOKEN.finditer(text))
    offsets = [w.start() for w in words]
    found, after = [], 0
    for i in sorted(starts):
        if i >= after:
            start, end = _person_at(text, words, i, given, surnames)
            if end > start and not _company(text, words, start, end):
                found.append((start, end))
                after = end
    joined = found + [(bisect_left(offsets, a), bisect_left(offsets, b)) for a, b in known]
    for start, end in joined:  # "Tory and Anna", "Anna and Tory"
        if start >= 2 and _joined(text, words, start - 2, start):
            before = _name_before(text, words, start - 1)
            if before < start - 1 and not _company(text, words, before, start - 1):
                found.append((before, start - 1))
        if end + 1 < len(words) and _joined(text, words, end - 1, end + 1):
            after = _name_after(text, words, end + 1)
            if after > end + 1 and not _company(text, words, end + 1, after):
                found.append((end + 1, after))
    spans = []
    for start, end in found:
        if not {_stem(w.group()).casefold() for w in words[start:end]} <= keep:
            spans.append((words[start].start(), words[end - 1].start() + len(_stem(words[end - 1].group()))))
    return spans


def _person_at(text: str, words: list, i: int, given: dict[str, bool], surnames: dict[str, bool]) -> tuple[int, int]:
    """The words (from, to) of a person named at word ``i``: after a title, role or naming word, or from a given
    name on, or a word and a surname ("Tarik Bauer"); (i + 1, i + 1) when there is none."""
    word = words[i].group()
    folded = word.casefold()
    if folded in TITLES and _is_title(text, words[i], folded):
        return i + 1, _name_after(text, words, i + 1, first_gap=".")
    if folded in NAMING:
        return i + 1, _name_after(text, words, i + 1)
    if folded in ROLES and i + 1 < len(words):  # "the recruiter, Keeva", "the recruiter Anna", "CEO Flurin Arnold"
        end = _name_after(text, words, i + 1, first_gap=",:")
        comma = text[words[i].end() : words[i + 1].start()].strip() in (",", ":")
        mine = i and words[i - 1].group().casefold() in POSSESSIVES
        if comma or mine or end > i + 2 or _stem(words[i + 1].group()) in given:
            return i + 1, end
    elif word[:1].isupper() and not word.isupper() and folded not in STOP:
        end = _name_after(text, words, i + 1)
        alone_too = _given(_stem(word), given)
        if alone_too is not None:
            if end == i + 1 and i and words[i - 1].group().casefold() in PLACE_BEFORE:
                alone_too = False  # "in Nancy", "à Florence": a town
            return (i, end) if end > i + 1 or alone_too else (i + 1, i + 1)
        if _surname_like(word) and any(_surname_cue(_stem(w.group()), surnames) for w in words[i + 1 : end]):
            return i, end
    return i + 1, i + 1


def _surname_cue(word: str, surnames: dict[str, bool]) -> bool:
    """A surname of the list that is no word, one shaped as a surname ("McGeady", "Johansson", "Kovačević"), or a
    capitalised particle ("De Bie", "Van Damme")."""
    return surnames.get(word) is False or bool(SURNAME_SHAPE.fullmatch(word)) or word in CAPITAL_PARTICLES


def _joined(text: str, words: list, left: int, right: int) -> bool:
    """Whether words ``left`` and ``right`` are joined by "and" (in any of our languages) and spaces only."""
    between = text[words[left].end() : words[right].start()].split()
    return len(between) == 1 and between[0].casefold() in CONNECTORS - {"&"}


def _given(word: str, given: dict[str, bool]) -> bool | None:
    """True for a given name that may stand alone, False for one that is also a word, None for no given name."""
    if word in given:
        return not given[word]
    parts = word.split("-")  # "Jean-Pierre", "Anne-Marie"
    if len(parts) > 1 and all(p in given for p in parts):
        return True
    return None


def _is_title(text: str, word, folded: str) -> bool:
    if TITLES[folded] and not word.group()[:1].isupper():
        return False
    return folded not in DOTTED or text.startswith(".", word.end())


def _name_after(text: str, words: list, at: int, first_gap: str = "") -> int:
    """The end of the name that starts at word ``at`` (``at`` itself when there is none): up to three surname-like
    words, with particles ("van der") among them, each after a space only (the first also after ``first_gap``: the
    full stop of "Dr.", the comma of "the recruiter, Aisling"). After a role, no name in capitals ("manager SAP")."""
    end, capitals, i = at, 0, at
    while i < len(words) and capitals < 3:
        gap = text[words[i - 1].end() : words[i].start()]
        if gap.strip(" " + (first_gap if i == at else "")) or "\n" in gap:
            break
        word = _stem(words[i].group())
        if word.casefold() in PARTICLES and not (i == at and "," in first_gap):
            i += 1
            continue
        if not _surname_like(word) or (i == at and "," in first_gap and word.isupper()):
            break
        capitals += 1
        i = end = i + 1
        if word != words[i - 1].group():
            break  # a possessive ends the name
    return end


def _name_before(text: str, words: list, end: int) -> int:
    """The start of the name of up to three surname-like words that ends before word ``end`` (``end`` if none)."""
    start = end
    while start > 0 and end - start < 3 and _surname_like(_stem(words[start - 1].group())):
        if start < end and text[words[start - 1].end() : words[start].start()] != " ":
            break
        start -= 1
    return start


def _surname_like(word: str) -> bool:
    folded = word.casefold()
    return (
        word[:1].isupper()
        and folded not in STOP
        and folded.split("'")[0].split("’")[0] not in STOP  # "I'd"
        and folded not in TITLES
        and not LEGAL_FORMS.fullmatch(" " + word)
        and (len(word) >= 3 if word.isupper() else len(word) >= 2)
    )


def _company(text: str, words: list, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` name a company: an ampersand beside them, or a legal form after
    them ("Martin SA", "Henry S.A.", "Bernard et Fils")."""
    before = text[words[start - 1].end() if start else 0 : words[start].start()]
    after = text[words[end - 1].end() : words[end].start()] if end < len(words) else ""
    return "&" in before or "&" in after or bool(LEGAL_FORMS.match(text, words[end - 1].end()))


def _stem(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s", "'S", "’S")) else word
