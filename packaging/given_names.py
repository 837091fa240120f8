"""Writes ``resources/names/given-names.txt`` and ``surnames.txt``, the names by which redaction recognises people
the workspace does not know (``consultant_app/domain/redaction/people.py``), and Faker's licence beside them.
Run at development time, after upgrading Faker (the test extra has it):

    .venv/bin/python packaging/given_names.py

The names are those of Faker's person providers for English, German, French, Dutch and Norwegian, and for
the languages of Europe's larger communities of other origins. The locales the redaction evaluation draws
its unknown people from (``tests/redaction_eval.py``) are left out, so that it measures names the lists have
not seen. A name that is also an ordinary word (in Faker's word lists or ours), a month, a place or a brand
("Will", "May", "Paris", "Meta", "King"), and every name of one or two letters, is marked: a given name so marked
is not a person alone, a surname so marked does not make the word before it a given name.
"""

from __future__ import annotations

import importlib
import re
from importlib.metadata import distribution, version
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


TARGET = Path(__file__).resolve().parent.parent / "resources" / "names"
LOCALES = _words(
    "en_GB en_NZ en_IN de_DE de_LI de_LU fr_FR fr_CA nl_NL no_NO da_DK sv_SE fi_FI it_IT es_ES pt_PT pl_PL tr_TR "
    "ro_RO hr_HR cs_CZ"
)
ALSO_WORDS = set(
    _words(
        """
    Ale Amber Angel Ante April Archer August Aura Autumn Bay Bent Bill Brett Brook Canal Chance Chase Christmas
    Cliff Constant Cooper Coral Corona Crystal Dale Dan Dawn Dean Destiny Dietrich Döner Duke Earl Edit Einer Else
    Faith Floor Flora Forum Frank Gala Glen Grace Grant Grit Gun Guy Harm Harmony Harsh Heide Holly Holm Hope Horst
    Hunter Iris Ivy Jade Jan Jasmine Job Joy June Juni Junior Kader Lance Lean Line Lone Lore Lot Love Lucky Mai Major
    Mark Mars Mason Mate May Meta Mercedes Miles My Nova Odd Olive Om Pastor Peer Penny Per Phoenix Piper Poppy Prince
    Rain Reed Roman Rose Ruby Rune Said Saga Sandy Server Sever Sky Sole Stein Storm Summer Sunny Tan Tea Tesla Till
    Tone Tor Tore Toy Trinity Urban Us Valentine Violet Will Willow Winter Wolf Zara Alexa Chanel
    Paris Milan Florence Sydney Victoria Austin Jordan Georgia Chelsea Adelaide Brooklyn Dallas Lincoln Denver
    Orlando Savannah Israel India China Kenya Asia Africa America Europa Lourdes France Germany Norway Ireland
    Holland Belgium Austria Italia Italy Spain Jersey Kent Devon Florida Virginia Carolina Dakota Nevada
    King Hill Master York Bull Wood Hall Bell Field Bridge Street Lane Park Mill Mills Church Ford Banks Holiday
    Office Group Senior Junior Manager Director Owner Partner Brown Fox Lamb Mason Rover Royal
    """
    )
)
WORD_LISTS = ("en_US",)  # Faker's lorem words: ordinary English words, often capitalised in names of things
WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def names(attributes: tuple[str, ...]) -> list[str]:
    found = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in attributes:
            found |= {n for n in getattr(provider, attribute, ()) if isinstance(n, str) and WORD.fullmatch(n)}
    return sorted(found, key=lambda n: (n.casefold(), n))


def write(path: Path, what: str, names: list[str], words: set[str]) -> None:
    header = [
        f"# {what} by which redaction finds a person the workspace does not know",
        "# (consultant_app/domain/redaction/people.py). Written by packaging/given_names.py; do not edit by hand.",
        f"# From the person providers of Faker {version('faker')} (MIT licence, Copyright (c) 2012 Daniele",
        "# Faraglia; see Faker-LICENSE.txt) for the locales " + ", ".join(LOCALES) + ".",
        '# A name followed by " *" is also a word, a month, a place or a brand.',
    ]
    lines = [f"{n} *" if n in ALSO_WORDS or n.casefold() in words or len(n) <= 2 else n for n in names]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names written to {path}")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    words = set()
    for locale in WORD_LISTS:
        words |= {w.casefold() for w in importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list}
    given = names(("first_names", "first_names_male", "first_names_female"))
    write(TARGET / "given-names.txt", "Given names", given, set())
    write(TARGET / "surnames.txt", "Surnames", names(("last_names",)), words)
    licence = next(f for f in distribution("faker").files if "LICENSE" in f.name.upper())
    (TARGET / "Faker-LICENSE.txt").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
