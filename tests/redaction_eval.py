"""The labelled evaluation set for redaction, ``tests/data/redaction_eval.jsonl``: what declined candidates tell a
consultant on the phone about a recruiting process, in English, German, French, Dutch and Norwegian, with every
identifier tagged by its offsets and category, and plenty of words that must stay (cities, companies, products,
job titles, salaries, dates, versions). Its first line is the simulated workspace: the people it knows (candidates
of several clients, hiring managers, consultants) and the erased people, whom the redactor knows only by keyed
hashes; people it does not know are drawn from Faker locales that the given-name list was not made from. Here too
are the loader and ``score``, the one scoring used by ``tests/domain/test_redaction_eval.py`` and
``bench/redaction.py``. Write the file again (the same bytes, from a fixed seed) with
``.venv/bin/python -m tests.redaction_eval``.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from consultant_app.domain.redaction import ErasedIndex, Redactor, identity_digests


def _words(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


DATA = Path(__file__).resolve().parent / "data" / "redaction_eval.jsonl"
SEED = 14
SIZE = 600
CATEGORIES = (
    "known person",
    "erased person",
    "known email",
    "known phone",
    "unknown person",
    "email",
    "phone",
    "url",
    "handle",
    "id",
    "iban",
    "address",
    "birth date",
)
KNOWN_LOCALES = ("en_GB", "de_DE", "fr_FR", "nl_NL", "no_NO", "en_US", "de_CH", "nl_BE")
UNKNOWN_LOCALES = ("en_IE", "en_US", "de_AT", "de_CH", "fr_CH", "fr_BE", "nl_BE")  # not in the given-name list
PHONE_LOCALES = ("en_GB", "en_US", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "nl_NL", "nl_BE", "no_NO")
ADDRESS_LOCALES = ("en_GB", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "fr_BE", "nl_NL", "nl_BE", "no_NO")
SURNAME = re.compile(r"(?:(?:van|von|de|der|den|du|da|di|le|la|ter|ten|Van|De|Le)\s)*(?!The\b)[A-ZÄÖÜÅØÆÉ][\w'\-]+")
LANGUAGES = {"en": 0.6, "de": 0.11, "fr": 0.1, "nl": 0.1, "no": 0.09}


@dataclass
class Workspace:
    known: list[list[str]]  # full name, e-mail, phone, role
    erased: list[list[str]]  # full name, e-mail, phone
    secret: str
    phone_region: str = "DE"

    def redactor(self) -> Redactor:
        """As the app builds it: every known name, and the erased people from their keyed hashes only."""
        secret = bytes.fromhex(self.secret)
        digests = set().union(*(identity_digests(secret, *person) for person in self.erased))
        return Redactor([p[0] for p in self.known], self.phone_region, ErasedIndex(secret, digests))


@dataclass
class Sample:
    text: str
    tags: list[tuple[int, int, str]]
    language: str
    keep: str | None = None  # a named candidate's own name, which must stay


@dataclass
class Score:
    recall: dict[str, list[int]] = field(default_factory=dict)  # category: [found, total]
    precision: dict[str, list[int]] = field(default_factory=dict)  # finding kind: [true, total]
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # category, words, sentence
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # kind, words, sentence

    def overall_precision(self) -> float:
        true, total = (sum(v[i] for v in self.precision.values()) for i in (0, 1))
        return true / total if total else 1.0


def load(path: Path = DATA) -> tuple[Workspace, list[Sample]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    samples = [Sample(s["text"], [tuple(t) for t in s["tags"]], s["language"], s.get("keep")) for s in lines[1:]]
    return Workspace(**lines[0]["workspace"]), samples


def score(redactor: Redactor, samples: list[Sample]) -> Score:
    """A tag is found when every letter and digit of it is inside findings of any kind; a finding is true when it
    overlaps a tag."""
    result = Score({c: [0, 0] for c in CATEGORIES})
    for sample in samples:
        text, findings = sample.text, redactor.find(sample.text, keep=sample.keep)
        covered = [False] * len(text)
        for f in findings:
            covered[f.start : f.end] = [True] * (f.end - f.start)
            true = any(f.start < end and start < f.end for start, end, _ in sample.tags)
            counts = result.precision.setdefault(f.kind, [0, 0])
            counts[0], counts[1] = counts[0] + true, counts[1] + 1
            if not true:
                result.wrong.append((f.kind, text[f.start : f.end], text))
        for start, end, category in sample.tags:
            found = all(covered[k] for k in range(start, end) if text[k].isalnum())
            result.recall[category][0] += found
            result.recall[category][1] += 1
            if not found:
                result.missed.append((category, text[start:end], text))
    return result


# --- the generator ----------------------------------------------------------------------------------------------

TITLES = {
    "en": ["Mr", "Ms", "Mrs", "Dr", "Mr.", "Ms."],
    "de": ["Herr", "Frau", "Hr.", "Fr.", "Dr."],
    "fr": ["M.", "Mme", "Madame", "Monsieur"],
    "nl": ["meneer", "mevrouw", "dhr.", "mevr."],
    "no": ["herr", "fru"],
}
DOMAINS = _words("gmail.com outlook.com web.de gmx.de orange.fr hotmail.fr ziggo.nl online.no icloud.com proton.me")
SPOKEN = {  # dot, at
    "en": ("dot", "at"),
    "de": ("punkt", "at"),
    "fr": ("point", "arobase"),
    "nl": ("punt", "apenstaartje"),
    "no": ("prikk", "krøllalfa"),
}
DIGITS = {
    "en": _words("oh one two three four five six seven eight nine"),
    "de": _words("null eins zwei drei vier fünf sechs sieben acht neun"),
    "fr": _words("zéro un deux trois quatre cinq six sept huit neuf"),
    "nl": _words("nul een twee drie vier vijf zes zeven acht negen"),
    "no": _words("null en to tre fire fem seks sju åtte ni"),
}
FRENCH_TENS = _words("dix vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix")
FRENCH_TEENS = _words("dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf")
MONTHS = {
    "en": _words("January February March April May June July August September October November December"),
    "de": _words("Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
    "fr": _words("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "nl": _words("januari februari maart april mei juni juli augustus september oktober november december"),
    "no": _words("januar februar mars april mai juni juli august september oktober november desember"),
}
BORN = {  # how a date of birth is said, after a template's own words
    "en": ["born {d} {M} {y}", "born on {dd}/{m}/{y}", "born in {y}", "born {M} {d}, {y}"],
    "de": ["geboren am {dd}.{m}.{y}", "geb. {d}. {M} {y}", "Geburtsdatum: {dd}.{m}.{y}", "geboren {y}"],
    "fr": ["né le {d} {M} {y}", "née le {dd}/{m}/{y}", "date de naissance : {dd}/{m}/{y}"],
    "nl": ["geboren op {d} {M} {y}", "geboortedatum {dd}-{m}-{y}", "geboren op {dd}-{m}-{y}"],
    "no": ["født {d}. {M} {y}", "fødselsdato {dd}.{m}.{y}", "født {dd}.{m}.{y}"],
    "dob": ["date of birth {y}-{m}-{dd}", "DOB {dd}.{m}.{y}", "date of birth: {d} {M} {y}", "D.O.B. {dd}/{m}/{y}"],
}
ID_PHRASES = {  # how a number is named: kind, [phrases by language]
    "nino": ["my NI number is {n}", "National Insurance number {n}"],
    "de_card": ["my Ausweisnummer is {n}", "Personalausweis {n}", "ID card number {n}"],
    "de_tax": ["my Steuer-ID is {n}", "tax ID {n}", "Steueridentifikationsnummer {n}"],
    "bsn": ["my BSN is {n}", "burgerservicenummer {n}", "BSN {n}"],
    "nir": ["numéro de sécurité sociale {n}", "my social security number is {n}", "NIR {n}"],
    "fnr": ["fødselsnummer {n}", "my fødselsnummer is {n}", "personnummer {n}"],
    "ahv": ["AHV-Nummer {n}", "my Swiss social security number is {n}"],
    "be_nn": ["rijksregisternummer {n}", "numéro de registre national {n}", "national number {n}"],
}
CITIES = _words("""Berlin München Hamburg Frankfurt Köln Stuttgart Düsseldorf Leipzig Wien Zürich Basel Genf Paris Lyon
Marseille Toulouse Lille Nantes Bordeaux Amsterdam Rotterdam Utrecht Eindhoven Brussels Antwerp Ghent Oslo Bergen
Trondheim Stavanger London Manchester Edinburgh Bristol Leeds Dublin Cambridge Nancy Florence Lausanne""")
COUNTRIES = _words("Germany France Norway Switzerland Austria Belgium Spain Italy Sweden Denmark Poland Ireland Canada")
COMPANIES = _words("""Siemens Bosch SAP Allianz BMW Zalando Deloitte PwC KPMG Accenture McKinsey Capgemini
L'Oréal Danone Philips ASML ING Rabobank Adyen Equinor DNB Telenor Schibsted Kongsberg Unilever Shell HSBC Barclays
Vodafone Ocado Monzo Spotify Google Amazon Microsoft Salesforce Northwind Contoso Fabrikam""")
PRODUCTS = _words("""Salesforce Jira Confluence Workday Greenhouse Excel Tableau Kubernetes Terraform AWS Azure
Python Java React Figma Slack Teams Zoom HubSpot Snowflake Databricks ServiceNow""")
JOBS = _words(
    "Senior Data Engineer|Head of Sales|Product Owner|Scrum Master|Key Account Manager|UX Designer|Frontend Developer"
    "|Solution Architect|Business Analyst|HR Business Partner|Talent Acquisition Lead|Teamleiter Vertrieb"
    "|chef de projet"
    "|Werkstudent|Controller|Engineering Manager|Data Scientist",
    "|",
)

T_EN = """The recruiter, {Uf}, called me on {date} and was honest about the {salary} budget.
I spoke with {U} from their HR team twice before the final round in {city}.
{Us} ran the case study; {K} from your side joined for the last ten minutes.
Honestly {Kf} was the reason I almost said yes, the team of {size} looked great.
{Ks} never replied after the second interview, which was frustrating.
In my notes I wrote {KC} as the person who made the offer, at {salary} plus {pct} bonus.
{Kd} from the hiring team asked me to send my portfolio again.
{Kp} feedback was the most useful part of the whole process.
I think {E} also applied there; {Es} told me so at the {company} meetup.
You can reach me at {Ke} or on {Kt} if anything changes.
My private mail is {mail}, please use that rather than the work one.
Write to me at {smail}, I check it every day.
My number is {tel}, best after {time}.
Call me on {stel} after work.
The number I gave them was {ltel}, and they still lost it.
My profile is at {url} if you need the dates of my last job.
They found me through {url}, apparently the recruiter searches there first.
I'm {handle} on most platforms, they even messaged me there.
For the background check they wanted {id} before any offer, which felt too early.
They asked for {id} on the very first call.
HR needed my IBAN {iban} to refund the travel costs, and it took {size} weeks.
They sent the contract to {addr} although I had moved.
I live at {addr}, so the commute to {city} would have been over an hour.
The form listed my {dob}, which I found odd.
I was {born}, and they still called me a junior.
{Ut} was the most senior person in the room.
After {U} left the company, nobody owned the process.
{Uf} from the talent team was lovely, but {company} simply paid {pct} more.
My manager at {company}, {U}, matched the offer within a day.
A recruiter named {Uf} contacted me on {date} about the {job} role.
{Uf} and {Uf} interviewed me together, which felt like an exam.
Then {Us} joined the call and asked about my salary at {company}.
The hiring manager {U} seemed distracted the whole time.
I went with {company} in {city}; the {job} offer there was {salary}.
The offer was {salary} against {salary} at {company}, a gap of about {pct}.
We had {size} rounds in {size} weeks, and the last one was on {date} at {time}.
They use {product} and {product}, and their stack is still on {product} {version}.
I moved to {country} in {year}, so relocation was not the issue.
The interview in {city} on {date} ran from {time} to {time}.
{month} is a busy month for me, so the start date in {month} did not work.
Their {job} role was vague; I asked three times what the team of {size} would do.
Grace period on the notice was two weeks, which is too short in {country}.
Will they ever fix the scheduling tool? It double-booked me on {date}.
May I add that the office in {city} looked great.
Mark the rejection as final, I accepted at {company} in {month}.
Frank feedback from {Ks} would have helped.
The salary was {salary} gross, about {pct} above my current one, and the bonus was {pct}.
Version {version} of their {product} setup was ancient.
On {date} at {time} the panel of {size} people asked the same questions as {company}.
I heard back after {size} days, faster than {company} in {city}.
They offered {salary} and {size} days of holiday, but the role in {city} needed {pct} travel.
I'd rather not say more about {company} or the people there.
Overall the process took {size} weeks from the first call in {month} to the offer.
Their {job} interview had a take-home task that took {size} hours.
{K} and {Ks} both said the budget was fixed at {salary}.
Ask {Kf} about it, {Kf} knows why I declined.
{E} from the other candidate pool told me the same.
I forwarded the mail from {Ke} to {mail} by mistake.
My old number {Kt} is still on the CV, the new one is {tel}.
Please don't share {url} or {handle} with the client.
The onboarding pack was posted to {addr} and mentioned my {id}.
{Us} from {company} called me the next morning at {time}.
I was told {Uf} would call, but {Us} did instead.
They only had my postcode, {pc}, and still found my flat.
I was {born} and have worked in {city} since {year}.
Their portal asked for {iban} and {id} before the offer even came.
Send the travel refund to {iban}, please.
{U} and {U} from the {city} office both interviewed me.
My friend {Uf} works at {company} and told me the team was leaving.
The CTO, {U}, gave a great talk about {product}.
I had a call with {Ut} about the {job} job and then nothing for {size} weeks.
I'd say it was {pct} about money and the rest about the people, especially {Ks}.
Dear {Us}, I would like to withdraw — that's how I started my email on {date}.
The lead, {Uf}, promised feedback by {month}, it never came.
{KC} and {Uf} were on the panel with a guy from {company}.
It was {Kd} who eventually apologised for the delay.
{Uf}'s questions were fair, {Us}'s were not.
The job ad listed {job} in {city} at {salary}, the offer said {salary}.
The rejection for my friend came from {mail} on {date}.
I think {E}'s number is {Kt}, you could ask there.
Text me on {tel} or write to {Ke}.
If they need references, {U} at {company} can confirm, {tel}.
"""
T_DE = """Die Recruiterin, {Uf}, hat mich am {date} angerufen und war ehrlich zum Gehalt von {salary}.
Ich habe mit {U} aus der Personalabteilung zweimal gesprochen, bevor es nach {city} ging.
{Us} hat das Fallbeispiel geleitet; {K} war am Ende auch dabei.
Meine Nummer ist {tel}, am besten nach {time}.
Schreiben Sie mir an {mail} oder an {smail}.
Ich wohne in der {addr}, der Weg nach {city} wäre über eine Stunde gewesen.
Sie wollten meine {id} schon im ersten Gespräch.
Für die Reisekosten brauchten sie meine IBAN {iban}.
Im Formular stand {born}, das wollten sie unbedingt wissen.
{Ks} hat sich nach dem zweiten Gespräch nie wieder gemeldet.
Das Angebot von {company} lag bei {salary}, also etwa {pct} mehr.
Wir hatten {size} Runden in {size} Wochen, die letzte am {date} um {time}.
Mein Profil ist unter {url} zu finden.
{Uf} aus dem Team war sehr nett, aber {company} hat einfach mehr gezahlt.
Rufen Sie mich an unter {stel}.
Das Feedback von {Ks} war am hilfreichsten, {Kf} hat sich viel Zeit genommen.
Die Stelle als {job} in {city} war unklar beschrieben.
Im {month} habe ich bei {company} in {city} angefangen.
{Ut} war die ranghöchste Person im Raum.
{E} hat mir erzählt, dass sie das auch erlebt hat.
Meine alte Nummer {Kt} steht noch im Lebenslauf.
Ich bin auf Instagram als {handle} unterwegs.
"""
T_FR = """La recruteuse, {Uf}, m'a appelé le {date} et a été honnête sur le salaire de {salary}.
J'ai parlé avec {U} des RH deux fois avant le dernier entretien à {city}.
{Us} a mené l'étude de cas ; {K} était là aussi à la fin.
Mon numéro est le {tel}, plutôt après {time}.
Écrivez-moi à {mail} ou à {smail}.
J'habite au {addr}, le trajet jusqu'à {city} aurait pris plus d'une heure.
Ils voulaient mon {id} dès le premier appel.
Pour les frais de déplacement ils avaient besoin de mon IBAN {iban}.
Sur le formulaire : {born}, je ne vois pas pourquoi.
{Ks} ne m'a jamais répondu après le deuxième entretien.
L'offre de {company} était de {salary}, soit environ {pct} de plus.
Nous avons eu {size} tours en {size} semaines, le dernier le {date} à {time}.
Mon profil est sur {url}.
{Uf} de l'équipe était très gentille, mais {company} payait plus.
Appelez-moi au {stel}.
{Kf} m'a donné le meilleur retour, merci à {Ks}.
Le poste de {job} à {city} était mal décrit.
En {month} j'ai commencé chez {company} à {city}.
{Ut} était la personne la plus haut placée.
{Es} m'a dit qu'elle avait vécu la même chose.
"""
T_NL = """De recruiter, {Uf}, belde me op {date} en was eerlijk over het salaris van {salary}.
Ik heb twee keer met {U} van HR gesproken voor de laatste ronde in {city}.
{Us} leidde de case; {K} was er aan het eind ook bij.
Mijn nummer is {tel}, liefst na {time}.
Mail me op {mail} of op {smail}.
Ik woon op {addr}, dus de reis naar {city} was meer dan een uur.
Ze wilden mijn {id} al bij het eerste gesprek.
Voor de reiskosten hadden ze mijn IBAN {iban} nodig.
Op het formulier stond {born}, waarom eigenlijk?
{Ks} heeft na het tweede gesprek nooit meer iets laten horen.
Het aanbod van {company} was {salary}, ongeveer {pct} meer.
We hadden {size} rondes in {size} weken, de laatste op {date} om {time}.
Mijn profiel staat op {url}.
{Uf} van het team was heel aardig, maar {company} betaalde meer.
Bel me op {stel}.
{Kf} gaf de beste feedback, dank aan {Ks}.
De functie als {job} in {city} was vaag.
In {month} ben ik bij {company} in {city} begonnen.
{Ut} was de hoogste in rang.
{E} vertelde me dat ze hetzelfde had meegemaakt.
"""
T_NO = """Rekruttereren, {Uf}, ringte meg {date} og var ærlig om lønnen på {salary}.
Jeg snakket med {U} fra HR to ganger før siste runde i {city}.
{Us} ledet caset; {K} var også med på slutten.
Nummeret mitt er {tel}, helst etter {time}.
Send meg en e-post på {mail} eller {smail}.
Jeg bor i {addr}, så reisen til {city} ville tatt over en time.
De ville ha {id} allerede i første samtale.
For reiseutgiftene trengte de kontonummeret, IBAN {iban}.
På skjemaet sto det {born}, rart nok.
{Ks} svarte aldri etter det andre intervjuet.
Tilbudet fra {company} var {salary}, omtrent {pct} mer.
Vi hadde {size} runder på {size} uker, den siste {date} klokken {time}.
Profilen min ligger på {url}.
{Uf} fra teamet var veldig hyggelig, men {company} betalte mer.
Ring meg på {stel}.
{Kf} ga de beste tilbakemeldingene, takk til {Ks}.
Stillingen som {job} i {city} var uklar.
I {month} begynte jeg hos {company} i {city}.
{Ut} var den høyest rangerte i rommet.
{E} fortalte meg at hun hadde opplevd det samme.
"""
TEMPLATES = {
    lang: t.strip().splitlines() for lang, t in (("en", T_EN), ("de", T_DE), ("fr", T_FR), ("nl", T_NL), ("no", T_NO))
}
KEEP_TEMPLATES = [
    "This is {self}, you may quote me by name: {U} was the best interviewer I met.",
    "{self} here — {selfs} is fine to print, but not {Ks} or my number {tel}.",
    "As {self} I'd say the process was fair, and {Uf} was kind.",
]
SALARIES = {
    "en": ["€65,000", "£72k", "$140,000", "95k", "€58,500 a year", "£48,000 plus car"],
    "de": ["65.000 Euro", "€ 72.000", "CHF 120'000", "58.500 € brutto"],
    "fr": ["45 000 €", "52 000 euros", "CHF 98'000"],
    "nl": ["€ 4.800 per maand", "62.000 euro", "€58.000"],
    "no": ["850 000 kr", "NOK 720 000", "1 250 000 kr"],
}
PERCENT = {
    "en": ["15 percent", "12%", "20 %", "a third"],
    "de": ["10 Prozent", "15 %"],
    "fr": ["quinze pour cent", "12 %"],
    "nl": ["15 procent", "10%"],
    "no": ["15 prosent", "12 %"],
}
STAY = {  # words that must stay, by slot: one list, or one for each language
    "city": CITIES,
    "country": COUNTRIES,
    "product": PRODUCTS,
    "job": JOBS,
    "month": MONTHS,
    "salary": SALARIES,
    "pct": PERCENT,
    "size": _words("2 3 4 5 6 8 12 15 40"),
    "time": ["14:30", "9.30am", "10 o'clock", "16:00", "8:15"],
    "version": _words("4.2.1 3.11 2019.4 v2.7.13 12.0.3"),
}
UK_STREETS = _words("Road Street Lane Avenue Close Drive Way Court Crescent Gardens Grove Hill Place Row Square Mews")
UK_TOWNS = _words("London Manchester Leeds Bristol Sheffield Nottingham Brighton Reading Oxford York Cardiff Glasgow")
BE_TOWNS = _words("Bruxelles Liège Namur Charleroi Mons Wavre Louvain-la-Neuve Ixelles Uccle")


class _Generator:
    """Fills the templates: each slot gives its words and the tags in them."""

    def __init__(self) -> None:
        from faker import Faker

        self.rng = random.Random(SEED)
        self.fakers = {}
        for index, locale in enumerate(sorted(set(KNOWN_LOCALES + UNKNOWN_LOCALES + PHONE_LOCALES + ADDRESS_LOCALES))):
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(SEED * 100 + index)
        people = [self._person(KNOWN_LOCALES[i % len(KNOWN_LOCALES)], double=i % 6 == 5) for i in range(37)]
        roles = ["candidate"] * 20 + ["hiring manager"] * 6 + ["consultant"] * 4 + ["client contact"] * 2
        self.known = [[*p, role] for p, role in zip(people, roles)]
        self.erased = people[len(roles) :]
        self.workspace = Workspace(self.known, self.erased, self.rng.randbytes(32).hex())

    def fake(self, locales=UNKNOWN_LOCALES):
        return self.fakers[self.rng.choice(locales)]

    def _person(self, locale: str, double: bool = False) -> list[str]:
        fake = self.fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        while not SURNAME.fullmatch(last):  # Faker's "Jake The Elder", "auch Schlauchin": no surname people have
            last = fake.last_name()
        if double:
            last = f"{last}-{fake.last_name()}"
        return [f"{first} {last}", self._email(first, last), self._phone()]

    def _email(self, first: str, last: str) -> str:
        local = self.rng.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{self.rng.randint(1, 99)}"])
        return f"{_ascii(local).lower()}@{self.rng.choice(DOMAINS)}"

    def _phone(self) -> str:
        while True:
            number = self.fake(PHONE_LOCALES).phone_number()
            if "x" not in number and len(re.sub(r"\D", "", number)) >= 8:
                return number

    def sample(self) -> Sample:
        self.kept = None
        if self.rng.random() < 0.04:
            person = self.kept = self.rng.choice(self.known[:20])
            template, language = self.rng.choice(KEEP_TEMPLATES), "en"
            own = {"self": person[0], "selfs": "Ms " + person[0].split(" ", 1)[1]}
        else:
            language = self.rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
            template, own, person = self.rng.choice(TEMPLATES[language]), {}, None
        text, tags = "", []
        for literal, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
            text += literal
            if slot:
                if slot in own:
                    words, inner = own[slot], []
                elif slot in STAY:
                    choices = STAY[slot]
                    words, inner = self.rng.choice(choices[language] if isinstance(choices, dict) else choices), []
                elif slot[0] in "KEU" and slot not in ("Ke", "Kt"):
                    words, inner = self._people(slot, language)
                else:
                    words, inner = getattr(self, "slot_" + slot)(language)
                tags += [(len(text) + a, len(text) + b, category) for a, b, category in inner]
                text += words
        return Sample(text, tags, language, person[0] if person else None)

    # people
    def _title(self, language: str) -> str:
        return self.rng.choice(TITLES[language])

    def _tagged(self, before: str, words: str, category: str, after: str = "") -> tuple[str, list]:
        return before + words + after, [(len(before), len(before) + len(words), category)]

    def _people(self, slot: str, language: str) -> tuple[str, list]:
        """K: a known person, E: an erased one, U: one the workspace does not know; then f: the first name alone,
        s: title and surname, C: surname in capitals, d: title and one part of a double-barrelled surname, p: the
        surname's possessive, t: title and full name."""
        who, form = slot[0], slot[1:]
        category = {"K": "known person", "E": "erased person", "U": "unknown person"}[who]
        if who == "U":
            if form == "s":
                return self._tagged(self._title(language) + " ", self.fake().last_name(), category)
            fake = self.fake()
            title = self._title(language) + " " if form == "t" else ""
            return self._tagged(
                title, fake.first_name() if form == "f" else f"{fake.first_name()} {fake.last_name()}", category
            )
        if who == "E":
            title = self._title(language) + " " if form == "s" else ""
            name = self.rng.choice(self.erased)[0]
            return self._tagged(title, name.split(" ", 1)[1] if form == "s" else name, category)
        if form == "d":
            doubles = [p for p in self.known if "-" in p[0].split(" ")[-1] and p is not self.kept]
            part = self.rng.choice(self.rng.choice(doubles)[0].split(" ")[-1].split("-"))
            return self._tagged(self._title(language) + " ", part, category)
        name = self.rng.choice([p for p in self.known if p is not self.kept])[0]
        first, surname = name.split(" ", 1)
        if form == "s":
            return self._tagged(self._title(language) + " " if self.rng.random() < 0.7 else "", surname, category)
        words = {"": name, "f": first, "C": surname.upper(), "p": name.split(" ")[-1]}[form]
        return self._tagged("", words, category, "'s" if form == "p" else "")

    # contact details
    def slot_Ke(self, language):
        return self._tagged("", self.rng.choice(self.known + self.erased)[1], "known email")

    def slot_Kt(self, language):
        phone = self.rng.choice(self.known + self.erased)[2]
        return self._tagged("", phone if self.rng.random() < 0.6 else re.sub(r"[^\d+]", "", phone), "known phone")

    def slot_mail(self, language):
        fake = self.fake()
        return self._tagged("", self._email(fake.first_name(), fake.last_name()), "email")

    def slot_smail(self, language):
        fake, (dot, at) = self.fake(), SPOKEN[language]
        name, domain = _ascii(fake.first_name()).lower(), self.rng.choice(DOMAINS).split(".")
        surname = _ascii(fake.last_name()).lower()
        if self.rng.random() < 0.3:
            dot, at = "(dot)", "(at)"
        return self._tagged("", f"{name} {dot} {surname} {at} {domain[0]} {dot} {domain[1]}", "email")

    def slot_tel(self, language):
        return self._tagged("", self._phone(), "phone")

    def slot_stel(self, language):
        digits = re.sub(r"\D", "", self._phone())[-10:]
        if language == "fr":
            words = [_french(digits[i : i + 2]) for i in range(0, len(digits) - 1, 2)]
        else:
            words = [DIGITS[language][int(d)] for d in digits]
            if language == "en" and self.rng.random() < 0.5:
                words = _doubled(words)
        return self._tagged("", " ".join(words), "phone")

    def slot_ltel(self, language):
        swap = {"0": "O", "1": self.rng.choice("Il")}
        phone = "".join(swap.get(c, c) if self.rng.random() < 0.6 else c for c in self._phone())
        return self._tagged("", phone, "phone")

    def slot_url(self, language):
        fake = self.fake()
        slug = _ascii(f"{fake.first_name()}-{fake.last_name()}").lower()
        url = self.rng.choice(
            [
                f"linkedin.com/in/{slug}",
                f"www.linkedin.com/in/{slug}-{self.rng.randint(100, 999)}",
                f"https://www.linkedin.com/in/{slug}/",
                f"xing.com/profile/{slug.replace('-', '_').title()}",
                f"github.com/{slug.replace('-', '')}",
                f"www.{slug}.de",
                f"https://{slug}.com/portfolio",
            ]
        )
        return self._tagged("", url, "url")

    def slot_handle(self, language):
        fake = self.fake()
        first, last = (_ascii(n).lower().replace("-", "") for n in (fake.first_name(), fake.last_name()))
        handle = self.rng.choice([f"@{first}{last}", f"@{first}_{last}", f"@{first[0]}{last}{self.rng.randint(1, 99)}"])
        return self._tagged("", handle, "handle")

    # identifiers
    def slot_id(self, language):
        kinds = {
            "en": list(ID_PHRASES),
            "de": ["de_card", "de_tax", "ahv"],
            "fr": ["nir", "be_nn", "ahv"],
            "nl": ["bsn", "be_nn"],
            "no": ["fnr"],
        }[language]
        kind = self.rng.choice(kinds)
        phrases = [p for p in ID_PHRASES[kind] if language == "en" or not p.startswith("my ")]
        before, after = self.rng.choice(phrases).split("{n}")
        return self._tagged(before, self._number(kind), "id", after)

    def _number(self, kind: str) -> str:
        from stdnum.de import idnr
        from stdnum.iso7064 import mod_11_10

        rng = self.rng
        if kind == "nino":
            while True:
                prefix = rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
                if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
                    break
            digits = [f"{rng.randint(0, 99):02}" for _ in range(3)]
            return rng.choice([" ", ""]).join([prefix, *digits, rng.choice("ABCD")])
        if kind == "de_card":
            body = rng.choice("CFGHJKLMNPRTVWXYZ") + "".join(
                rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)
            )
            values = [int(c, 36) for c in body]
            return body + str(sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10)
        if kind == "de_tax":
            while True:
                body = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(9))
                number = body + mod_11_10.calc_check_digit(body)
                if idnr.is_valid(number):
                    return number if rng.random() < 0.6 else idnr.format(number)
        locale, style = {
            "bsn": ("nl_NL", None),
            "nir": ("fr_FR", (1, 2, 2, 2, 3, 3, 2)),
            "fnr": ("no_NO", (6, 5)),
            "ahv": ("de_CH", None),
            "be_nn": ("nl_BE", None),
        }[kind]
        # Faker's Norwegian number draws its birth date from today's, and as many random numbers as that takes
        fake = self.fakers[locale]
        number = self.fodselsnummer(fake.random) if kind == "fnr" else fake.ssn()
        if kind == "be_nn":  # Faker dates its birth date from today's; this one stays the same every day
            born = date(1950, 1, 1) + timedelta(days=int(number[6:9]) * 37 % 17000)
            body = born.strftime("%y%m%d") + number[6:9]
            number = body + f"{97 - int(body) % 97:02}"
            return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
        if style and rng.random() < 0.5:
            parts, at = [], 0
            for width in style:
                parts.append(number[at : at + width])
                at += width
            return " ".join(parts)
        return number

    @staticmethod
    def fodselsnummer(random) -> str:
        """A valid Norwegian national identity number, the same every day: a birth date from 1950 on, an individual
        number of that century, and the two check digits (tried again when one would be 10)."""
        from stdnum.no import fodselsnummer

        while True:
            born = date(1950, 1, 1) + timedelta(days=random.randint(0, 17000))
            body = born.strftime("%d%m%y") + f"{random.randint(0, 499):03}"
            first = fodselsnummer.calc_check_digit1(body)
            second = fodselsnummer.calc_check_digit2(body + first) if len(first) == 1 else "10"
            if len(second) == 1:
                return body + first + second

    def slot_iban(self, language):
        iban = self.fake(ADDRESS_LOCALES).iban()
        if self.rng.random() < 0.6:
            iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return self._tagged("", iban, "iban")

    def slot_addr(self, language):
        locale = self.rng.choice(ADDRESS_LOCALES)
        fake = self.fakers[locale]
        if locale == "en_GB":
            street = f"{fake.building_number()} {fake.last_name()} {self.rng.choice(UK_STREETS)}"
            return self._tagged("", f"{street}, {self.rng.choice(UK_TOWNS)} {fake.postcode()}", "address")
        if locale == "fr_BE":
            street = (
                f"{self.rng.choice(['Rue', 'Avenue', 'Chaussée'])} de {fake.last_name()} {self.rng.randint(1, 200)}"
            )
            return self._tagged("", f"{street}, {self.rng.randint(1000, 9999)} {self.rng.choice(BE_TOWNS)}", "address")
        if locale == "fr_FR":
            street = f"{fake.building_number()}{self.rng.choice(['', ','])} {fake.street_name()}"
        else:
            street = f"{fake.street_name()} {fake.building_number()}"
        postcode = fake.postcode()
        if locale == "nl_NL" and " " not in postcode and self.rng.random() < 0.5:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        city = re.sub(r"\s*\(\w+\)$", "", fake.city())
        return self._tagged("", f"{street}, {postcode} {city}", "address")

    def slot_pc(self, language):
        return self._tagged("", self.fakers["en_GB"].postcode(), "address")

    def slot_born(self, language):
        day, month, year = self.rng.randint(1, 28), self.rng.randint(1, 12), self.rng.randint(1962, 2003)
        template = self.rng.choice(BORN[language])
        before, date = template[: template.index("{")], template[template.index("{") :]
        names = MONTHS["en" if language == "dob" else language]
        date = date.format(d=day, dd=f"{day:02}", m=f"{month:02}", y=year, M=names[month - 1])
        return self._tagged(before, date, "birth date")

    def slot_dob(self, language):
        return self.slot_born("dob")

    # words that must stay
    def slot_company(self, language):
        if self.rng.random() < 0.15:
            return self.fake(KNOWN_LOCALES).company(), []
        return self.rng.choice(COMPANIES), []

    def slot_year(self, language):
        return str(self.rng.randint(2012, 2025)), []

    def slot_date(self, language):
        day, month = self.rng.randint(1, 28), self.rng.randint(1, 12)
        year = self.rng.choice([2024, 2025])
        forms = {
            "en": [
                f"{day} {MONTHS['en'][month - 1]} {year}",
                f"{day:02}/{month:02}/{year}",
                f"{year}-{month:02}-{day:02}",
                f"{MONTHS['en'][month - 1]} {day}th",
            ],
            "de": [f"{day:02}.{month:02}.{year}", f"{day}. {MONTHS['de'][month - 1]} {year}"],
            "fr": [f"{day} {MONTHS['fr'][month - 1]} {year}", f"{day:02}/{month:02}/{year}"],
            "nl": [f"{day} {MONTHS['nl'][month - 1]} {year}", f"{day:02}-{month:02}-{year}"],
            "no": [f"{day}. {MONTHS['no'][month - 1]} {year}", f"{day:02}.{month:02}.{year}"],
        }
        return self.rng.choice(forms[language]), []


def _ascii(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("æ", "ae").replace("ß", "ss"))
    return re.sub(r"[^A-Za-z0-9._-]", "", text.encode("ascii", "ignore").decode())


def _doubled(words: list[str]) -> list[str]:
    out = []
    for word in words:
        if out and out[-1] == word:
            out[-1] = "double " + word
        else:
            out.append(word)
    return out


def _french(pair: str) -> str:
    """A pair of digits as French speakers say phone numbers: "zéro six", "douze", "soixante-dix-huit"."""
    tens, units = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"zéro {DIGITS['fr'][units]}"
    if tens in (1, 7, 9):
        head = {1: "", 7: "soixante-", 9: "quatre-vingt-"}[tens]
        return head + ("et-onze" if tens == 7 and units == 1 else FRENCH_TEENS[units])
    word = FRENCH_TENS[tens - 1]
    if units == 0:
        return word
    return f"{word}-et-un" if units == 1 and tens != 8 else f"{word}-{DIGITS['fr'][units]}"


def main() -> None:
    generator = _Generator()
    lines = [json.dumps({"workspace": generator.workspace.__dict__}, ensure_ascii=False)]
    for _ in range(SIZE):
        s = generator.sample()
        record = {"text": s.text, "tags": [list(t) for t in s.tags], "language": s.language}
        lines.append(json.dumps(record | ({"keep": s.keep} if s.keep else {}), ensure_ascii=False))
    DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{SIZE} sentences written to {DATA}")


if __name__ == "__main__":
    main()
