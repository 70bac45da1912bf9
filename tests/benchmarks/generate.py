#!/usr/bin/env python3
"""Write a synthetic edition of N documents, the same files for the same seed.

    python tests/benchmarks/generate.py OUT_DIR --documents N [--seed 1] [--force]

The edition has the four sections of the real one, N documents of about 1,000 words dated 1919-1930
(uncertain, approximate, month, year, season and interval dates among them, each inside its section),
N/10 people, N/50 events and N/5 bibliography entries. Every document links people and events in its
text and cites the bibliography in 3-8 footnotes, Pandoc style, with locators. Every person, event and
entry is referred to by some document and every reference resolves, so ``edition check`` finds nothing.

Only the standard library is used, and nothing but ``random.Random(seed)`` decides what is written.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DAY = dt.timedelta(days=1)
FIRST_DAY, LAST_DAY = dt.date(1919, 1, 1), dt.date(1930, 12, 31)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    dates: str
    first: dt.date  # the first and last day a generated document may fall on
    last: dt.date
    weight: float  # the share of the documents it gets


SECTIONS = (
    Section("trade-union-controversy",
            "I. The trade-union controversy and the emergence of the Workers' Opposition",
            "1917-10/1920-12-17", FIRST_DAY, dt.date(1920, 12, 17), 0.30),
    Section("open-faction", "II. The Workers' Opposition as an open faction",
            "1920-12-18/1921-03-16", dt.date(1920, 12, 18), dt.date(1921, 3, 16), 0.15),
    Section("after-the-ban", "III. From the ban on factions to the Eleventh Party Congress",
            "1921-03-17/1922-04-02", dt.date(1921, 3, 17), dt.date(1922, 4, 2), 0.25),
    Section("under-nep", "IV. Former oppositionists under NEP and the first five-year plan",
            "1922-04-03/..", dt.date(1922, 4, 3), LAST_DAY, 0.30),
)

def _split(text: str) -> list[str]:
    return text.split()


# The text of every body is drawn from this list; it never changes, so neither does the output.
WORDS = _split("""
the the the the of of of and and and to to in in a a that that is was was for on with as by it not
party party party union unions union workers workers worker working class congress congress committee
central opposition opposition faction factions comrades comrade question questions theses resolution
resolutions discussion debate democracy centralism bureaucracy bureaucratic apparatus organs organisation
production producers industry industrial economy economic management managers specialists factory
factories plant plants metalworkers miners railwaymen textile peasants peasantry soviet soviets state
power dictatorship proletariat proletarian revolution revolutionary civil war famine grain tax kind trade
market concessions wages rations bread fuel transport collapse crisis policy line majority minority
delegates delegation vote votes voted elected election appointment appointed appointments secretary
secretaries bureau plenum conference meeting meetings members membership purge purges expelled
expulsion discipline unity ban prohibition platform programme declaration appeal letter letters article
speech report reply statement protest demand demands criticism critics criticised defended defence
defended argued argues insisted proposed proposal rejected adopted approved condemned denounced
warned feared hoped believed wrote spoke read signed published printed circulated copies pamphlet
newspaper editorial columns issue pages draft text version original translation archive file folio
record records minutes stenographic account accounts memoir diary entry entries recalled later earlier
first second third last new old own whole entire great small large few many several other others
every each such same different certain particular general common collective individual political
social practical theoretical historical real formal open closed secret public private local regional
national international communist bolshevik menshevik syndicalist anarchist deviation tendency group
groups leaders leader leadership rank file masses mass initiative control self independence autonomy
role place task tasks aim aims means methods method principle principles basis conditions situation
period months weeks days year years spring summer autumn winter moscow petrograd ukraine urals donbass
siberia volga provinces province district districts town towns village villages city cities country
which who whom whose what when where while because although since after before during until against
between among without within through under over about into from upon toward towards also only even
still already never always often again once more most less least much very rather quite so thus
therefore however indeed nevertheless moreover namely instead both either neither nor but or if then
than whether would could should must might may will shall can did had has have been being be are were
this these those there here its their his her our we they he she them us him one two three hundred
thousand statistics figures numbers percent growth decline shortage supply supplies demand output
""")

CYRILLIC_WORDS = _split("""
рабочая оппозиция партия профсоюзы съезд тезисы резолюция письмо речь доклад заявление о об задачах
профессиональных союзов единстве партии бюрократизме производстве управлении промышленности рабочих
классе диктатуре пролетариата новой экономической политике кризисе демократии центральном комитете
металлистов организации вопросу дискуссии платформе ответ товарищам к итогам против за
""")

GERMAN_WORDS = _split("""
die der das und zur über gegen Arbeiteropposition Partei Gewerkschaften Kongress Thesen Resolution Brief
Rede Bericht Erklärung Krise Demokratie Bürokratie Produktion Arbeiterklasse Diktatur Proletariats
""")

# (Latin, Cyrillic) first names and surnames; their product gives the people's names.
FIRST_NAMES = [
    ("Aleksandr", "Александр"), ("Aleksei", "Алексей"), ("Andrei", "Андрей"), ("Boris", "Борис"),
    ("Dmitrii", "Дмитрий"), ("Efim", "Ефим"), ("Fedor", "Федор"), ("Grigorii", "Григорий"),
    ("Ivan", "Иван"), ("Iurii", "Юрий"), ("Kirill", "Кирилл"), ("Konstantin", "Константин"),
    ("Lev", "Лев"), ("Mikhail", "Михаил"), ("Nikolai", "Николай"), ("Pavel", "Павел"), ("Petr", "Петр"),
    ("Semen", "Семен"), ("Sergei", "Сергей"), ("Stepan", "Степан"), ("Timofei", "Тимофей"),
    ("Vasilii", "Василий"), ("Viktor", "Виктор"), ("Vladimir", "Владимир"), ("Iakov", "Яков"),
    ("Aleksandra", "Александра"), ("Anna", "Анна"), ("Elena", "Елена"), ("Evgeniia", "Евгения"),
    ("Klavdiia", "Клавдия"), ("Mariia", "Мария"), ("Nadezhda", "Надежда"), ("Olga", "Ольга"),
    ("Sofiia", "Софья"), ("Vera", "Вера"), ("Zinaida", "Зинаида"),
]
SURNAMES = [
    ("Andreev", "Андреев"), ("Baranov", "Баранов"), ("Belov", "Белов"), ("Bogdanov", "Богданов"),
    ("Chernov", "Чернов"), ("Danilov", "Данилов"), ("Egorov", "Егоров"), ("Fedorov", "Федоров"),
    ("Gavrilov", "Гаврилов"), ("Gorbunov", "Горбунов"), ("Ignatov", "Игнатов"), ("Kiselev", "Киселев"),
    ("Kovalev", "Ковалев"), ("Kozlov", "Козлов"), ("Krylov", "Крылов"), ("Kuznetsov", "Кузнецов"),
    ("Lebedev", "Лебедев"), ("Lutovinov", "Лутовинов"), ("Makarov", "Макаров"), ("Medvedev", "Медведев"),
    ("Mironov", "Миронов"), ("Morozov", "Морозов"), ("Nikitin", "Никитин"), ("Novikov", "Новиков"),
    ("Orlov", "Орлов"), ("Pavlov", "Павлов"), ("Petrov", "Петров"), ("Polozov", "Полозов"),
    ("Popov", "Попов"), ("Romanov", "Романов"), ("Sapronov", "Сапронов"), ("Semenov", "Семенов"),
    ("Shliapin", "Шляпин"), ("Smirnov", "Смирнов"), ("Sokolov", "Соколов"), ("Stepanov", "Степанов"),
    ("Tarasov", "Тарасов"), ("Tikhonov", "Тихонов"), ("Titov", "Титов"), ("Vasilev", "Васильев"),
    ("Vinogradov", "Виноградов"), ("Vlasov", "Власов"), ("Volkov", "Волков"), ("Vorobev", "Воробьев"),
    ("Zaitsev", "Зайцев"), ("Zakharov", "Захаров"), ("Zhukov", "Жуков"), ("Zuev", "Зуев"),
]
PATRONYMIC_INITIALS = "ADFGIKMNPSTV"
SCHOLARS_FIRST = ["Anne", "Barbara", "Daniel", "Edward", "Frederick", "Helen", "John", "Kevin", "Laura",
                  "Lars", "Margaret", "Michael", "Richard", "Robert", "Sheila", "Simon", "Stephen", "Wendy"]
SCHOLARS_LAST = ["Allen", "Brovkin", "Carr", "Cohen", "Daniels", "Deutscher", "Fitzpatrick", "Gaido",
                 "Getty", "Hatch", "Husband", "Kenez", "Lih", "Mandel", "Pirani", "Rabinowitch", "Rigby",
                 "Schapiro", "Service", "Siegelbaum", "Smith", "Sochor", "Suny", "Wade"]
PLACES = ["Moscow", "Petrograd", "Kharkov", "Samara", "Ekaterinburg", "Nizhnii Novgorod", "Kiev", "Odessa",
          "Baku", "Tula", "Ivanovo-Voznesensk", "Omsk", "Berlin"]
ORGANISATIONS = ["Metalworkers' Union", "Miners' Union", "Textile Workers' Union", "Railwaymen's Union",
                 "Moscow Party Organisation", "Petrograd Soviet", "Central Committee", "Comintern",
                 "All-Russian Central Council of Trade Unions", "Supreme Council of the National Economy",
                 "Samara Provincial Committee", "Bauman District Committee"]
MEETINGS = ["Congress", "Conference", "Plenum", "Meeting", "Session", "Strike", "Debate", "Purge"]
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
            "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth"]
VENUES = ["Pravda", "Izvestiia", "Kommunist", "Rabochaia gazeta", "Trud", "Bulletin of the Opposition",
          "Tenth Congress of the RKP(b), Moscow", "Eleventh Congress of the RKP(b), Moscow",
          "Central Committee plenum, Moscow", "Metalworkers' Union congress, Petrograd",
          "Meeting of party activists, Samara", "Typescript circulated to delegates", "Letter, private papers"]
GENRES = ["speech", "theses", "article", "letter", "diary", "resolution", "declaration", "pamphlet", "report",
          "statement", "programme", "decree", "memoir", "appeal", "platform", "statistics"]
GENRE_TITLES = {
    "speech": "Speech on", "theses": "Theses on", "article": "Article on", "letter": "Letter on",
    "diary": "Diary entry on", "resolution": "Resolution on", "declaration": "Declaration on",
    "pamphlet": "Pamphlet on", "report": "Report on", "statement": "Statement on", "programme": "Programme on",
    "decree": "Decree on", "memoir": "Recollections of", "appeal": "Appeal on", "platform": "Platform on",
    "statistics": "Returns on",
}
TOPICS = ["the tasks of the trade unions", "party unity", "the bureaucratic danger", "workers' democracy",
          "the management of industry", "the tax in kind", "the purge of the party", "the metalworkers' congress",
          "the role of specialists", "appointments from above", "the new economic policy", "the crisis of fuel",
          "wages and rations", "the syndicalist deviation", "the congress of producers", "factory committees",
          "the situation in the provinces", "the opposition's platform", "the party census", "unemployment"]
TRANSLATORS = ["the editors", "Anna Translator", "Boris Translator", "Clara Translator"]
PUBLISHERS_EN = ["Brill", "Haymarket Books", "Cambridge University Press", "Oxford University Press",
                 "Macmillan", "Pluto Press", "Indiana University Press", "Routledge"]
PUBLISHERS_RU = ["Государственное издательство", "Партиздат", "Красная новь", "Политиздат", "Наука"]
CITIES_EN = ["Leiden", "Chicago", "Cambridge", "Oxford", "London", "Bloomington", "New York"]
CITIES_RU = ["Москва", "Петроград", "Ленинград", "Харьков"]
JOURNALS_EN = ["Slavic Review", "Soviet Studies", "Revolutionary Russia", "Historical Materialism",
               "Russian Review", "Europe-Asia Studies", "Kritika"]
JOURNALS_RU = ["Правда", "Коммунист", "Известия ЦК КПСС", "Вопросы истории", "Отечественная история"]
ARCHIVES = ["RGASPI, f. 17, op. {a}, d. {b}", "GARF, f. R-5451, op. {a}, d. {b}", "RGASPI, f. 589, op. 3, d. {b}",
            "Hoover Institution Archives, Nicolaevsky Collection, box {a}, folder {b}"]
LOCATORS = ["{p}", "{p}-{q}", "p. {p}", "pp. {p}-{q}", "ch. {c}", "doc. {d}", "fol. {d}", "no. {c}"]
ENGLISH_TITLES = ["{words}: {topic} in the {{Russian Communist Party}}",
                  "{words}: the {{Workers' Opposition}} and {topic}", "{words}: {topic}, 1919-1930",
                  "The {{Bolsheviks}} and {topic}: {words}"]


@dataclass
class Person:
    id: str
    name: str
    sort_name: str
    kind: str
    cyrillic: str


@dataclass
class Event:
    id: str
    name: str
    start: dt.date


@dataclass
class BibEntry:
    key: str
    kind: str


@dataclass
class Plan:
    """What one document must refer to so that, together, the documents refer to everything."""

    people: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def unique(base: str, used: set[str], separator: str = "-") -> str:
    """``base``, or ``base-2``, ``base-3``... the first not yet used; the result is then used."""
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}{separator}{number}", number + 1
    used.add(candidate)
    return candidate


def id_prefix(date: str) -> str:
    """The date part of a document's id: the start of the date, to the day, month or year it gives."""
    head = date.split("/")[0].rstrip("?~%")
    return head[:4] if len(head) == 7 and int(head[5:]) > 12 else head  # a season: the year alone


class Generator:
    def __init__(self, documents: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_documents = documents
        self.n_people = max(1, documents // 10)
        self.n_events = max(1, documents // 50)
        self.n_entries = max(1, documents // 5)
        self.people = self._make_people()
        self.events = self._make_events()
        self.entries: list[BibEntry] = []
        self._bib_text = self._make_bibliography()
        # Zipf-like popularity: a few people and works are named far more often than the rest.
        self._person_weights = self._cumulative(len(self.people))
        self._key_weights = self._cumulative(len(self.entries))
        self._event_weights = self._cumulative(len(self.events))

    # ------------------------------------------------------------------ text

    def _cumulative(self, n: int) -> list[float]:
        return list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(n)))

    def _pick(self, items: Sequence[object], cumulative: list[float]) -> object:
        point = self.rng.random() * cumulative[-1]
        return items[min(bisect.bisect_left(cumulative, point), len(items) - 1)]

    def words(self, low: int, high: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.words(low, high)
        if len(words) > 8 and self.rng.random() < 0.4:
            words[self.rng.randrange(3, len(words) - 3)] += ","
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.words(low, high))

    def person(self) -> Person:
        return self._pick(self.people, self._person_weights)  # type: ignore[return-value]

    def event(self) -> Event:
        return self._pick(self.events, self._event_weights)  # type: ignore[return-value]

    def key(self) -> str:
        return self._pick(self.entries, self._key_weights).key  # type: ignore[union-attr]

    def locator(self) -> str:
        p = self.rng.randint(3, 480)
        return self.rng.choice(LOCATORS).format(p=p, q=p + self.rng.randint(1, 6), c=self.rng.randint(1, 14),
                                                d=self.rng.randint(1, 220))

    def cite(self, key: str) -> str:
        """One cited work: ``@key`` or ``@key, 45-47``."""
        return f"@{key}" if self.rng.random() < 0.15 else f"@{key}, {self.locator()}"

    # ------------------------------------------------------------------ people, events, bibliography

    def _make_people(self) -> list[Person]:
        pairs = list(itertools.product(range(len(FIRST_NAMES)), range(len(SURNAMES))))
        self.rng.shuffle(pairs)
        people: list[Person] = []
        used: set[str] = set()
        groups = max(1, self.n_people // 12) if self.n_people >= 4 else 0
        for index in range(self.n_people):
            if index < groups:
                organisation = ORGANISATIONS[index % len(ORGANISATIONS)]
                place = PLACES[(index // len(ORGANISATIONS)) % len(PLACES)]
                name = f"Workers' Opposition group, {organisation}, {place}"
                cyrillic = f"Группа рабочей оппозиции, {place}"
                kind, sort_name = "group", name
                person_id = slug(f"workers opposition {organisation} {place}")
            else:
                first, last = pairs[(index - groups) % len(pairs)]
                (first_latin, first_cyr), (last_latin, last_cyr) = FIRST_NAMES[first], SURNAMES[last]
                if first_latin.endswith("a") and last_latin.endswith(("ov", "ev", "in")):
                    last_latin, last_cyr = last_latin + "a", last_cyr + "а"
                name, cyrillic = f"{first_latin} {last_latin}", f"{first_cyr} {last_cyr}"
                patronymic = self.rng.choice(PATRONYMIC_INITIALS)
                kind, sort_name = "person", f"{last_latin}, {first_latin} {patronymic}."
                person_id = slug(f"{last_latin} {first_latin}")
            people.append(Person(unique(person_id, used), name, sort_name, kind, cyrillic))
        self.rng.shuffle(people)
        return people

    def _make_events(self) -> list[Event]:
        events: list[Event] = []
        used: set[str] = set()
        span = (LAST_DAY - FIRST_DAY).days
        for _ in range(self.n_events):
            start = FIRST_DAY + self.rng.randrange(span - 30) * DAY
            name = (f"{self.rng.choice(ORDINALS)} {self.rng.choice(MEETINGS)} of the "
                    f"{self.rng.choice(ORGANISATIONS)}")
            events.append(Event(unique(slug(f"{start:%Y-%m} {name}"), used), name, start))
        return events

    def _make_bibliography(self) -> str:
        out = ["% A synthetic bibliography for the build benchmark: every entry is invented.", ""]
        used: set[str] = set()
        kinds = ["book"] * 8 + ["article"] * 5 + ["incollection"] * 4 + ["misc"] * 3
        for _ in range(self.n_entries):
            kind = self.rng.choice(kinds)
            russian = self.rng.random() < 0.3
            year = self.rng.randint(1919, 1930) if russian or kind == "misc" else self.rng.randint(1955, 2024)
            if russian:
                (first, first_cyr), (last, last_cyr) = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
                author = f"{last_cyr}, {first_cyr[0]}."
                title = " ".join(self.rng.choice(CYRILLIC_WORDS) for _ in range(self.rng.randint(3, 7)))
                title = title[0].upper() + title[1:]
                stem = f"{last.lower()}{year}"
            else:
                last, first = self.rng.choice(SCHOLARS_LAST), self.rng.choice(SCHOLARS_FIRST)
                author = f"{last}, {first}"
                topic = self.rng.choice(TOPICS)
                title = self.rng.choice(ENGLISH_TITLES).format(words=self.phrase(2, 5).capitalize(), topic=topic)
                stem = f"{last.lower()}{year}"
            key = stem + next((w for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 3), "")[:8]
            key = unique(key, used, separator="x")
            self.entries.append(BibEntry(key, kind))
            fields = [("author", author), ("title", title)]
            if kind == "book":
                fields += [("publisher", self.rng.choice(PUBLISHERS_RU if russian else PUBLISHERS_EN)),
                           ("address", self.rng.choice(CITIES_RU if russian else CITIES_EN))]
            elif kind == "article":
                fields += [("journal", self.rng.choice(JOURNALS_RU if russian else JOURNALS_EN)),
                           ("volume", str(self.rng.randint(1, 80))), ("number", str(self.rng.randint(1, 12)))]
                start = self.rng.randint(1, 400)
                fields.append(("pages", f"{start}--{start + self.rng.randint(4, 30)}"))
            elif kind == "incollection":
                editor_last, editor_first = self.rng.choice(SCHOLARS_LAST), self.rng.choice(SCHOLARS_FIRST)
                fields += [("booktitle", f"{self.phrase(2, 4).capitalize()}: essays on {self.rng.choice(TOPICS)}"),
                           ("editor", f"{editor_last}, {editor_first}"),
                           ("publisher", self.rng.choice(PUBLISHERS_RU if russian else PUBLISHERS_EN)),
                           ("address", self.rng.choice(CITIES_RU if russian else CITIES_EN))]
                start = self.rng.randint(1, 400)
                fields.append(("pages", f"{start}--{start + self.rng.randint(10, 40)}"))
            else:
                archive = self.rng.choice(ARCHIVES).format(a=self.rng.randint(1, 120), b=self.rng.randint(1, 900))
                fields.append(("howpublished", f"Typescript, {archive}"))
            fields.append(("year", str(year)))
            fields.append(("langid", "russian" if russian else "english"))
            width = max(len(name) for name, _ in fields)
            out.append(f"@{kind}{{{key},")
            out.extend(f"  {name.ljust(width)} = {{{value}}}," for name, value in fields[:-1])
            name, value = fields[-1]
            out.append(f"  {name.ljust(width)} = {{{value}}}")
            out.extend(["}", ""])
        return "\n".join(out)

    # ------------------------------------------------------------------ documents

    def plans(self) -> list[Plan]:
        """Share out every person, event and entry over the documents, so each is referred to once at least."""
        plans = [Plan() for _ in range(self.n_documents)]
        for attribute, items in (("people", [p.id for p in self.people]), ("events", [e.id for e in self.events]),
                                 ("keys", [e.key for e in self.entries])):
            order = list(items)
            self.rng.shuffle(order)
            for index, item in enumerate(order):
                getattr(plans[index % self.n_documents], attribute).append(item)
        return plans

    def date(self, section: Section) -> str:
        """An EDTF date wholly inside the section: every day it may mean falls within the section."""
        span = (section.last - section.first).days
        day = section.first + self.rng.randrange(span + 1) * DAY
        month_first = day.replace(day=1)
        next_month = (month_first + 32 * DAY).replace(day=1)
        month_inside = month_first >= section.first and next_month - DAY <= section.last
        year_inside = dt.date(day.year, 1, 1) >= section.first and dt.date(day.year, 12, 31) <= section.last
        roll = self.rng.random()
        if roll < 0.50:
            return f"{day:%Y-%m-%d}"
        if roll < 0.60:
            return f"{day:%Y-%m-%d}?"
        if roll < 0.64:
            return f"{day:%Y-%m-%d}%"
        if roll < 0.72 and month_inside:
            return f"{day:%Y-%m}"
        if roll < 0.80 and month_inside:
            return f"{day:%Y-%m}~"
        if roll < 0.84 and year_inside:
            return f"{day.year}"
        if roll < 0.86 and year_inside and day.year < LAST_DAY.year:
            season = self.rng.randint(21, 23)
            return f"{day.year}-{season}"
        end = min(day + self.rng.randint(1, 30) * DAY, section.last)
        if end > day:
            return f"{day:%Y-%m-%d}/{end:%Y-%m-%d}"
        return f"{day:%Y-%m-%d}~"

    def document(self, plan: Plan, used_ids: set[str]) -> tuple[str, str]:
        rng = self.rng
        section = self._section()
        date = self.date(section)
        genre = rng.choice(GENRES)
        title = f"{GENRE_TITLES[genre]} {rng.choice(TOPICS)}"
        if rng.random() < 0.5:
            title += f" and {self.phrase(1, 3)}"
        document_id = unique(slug(f"{id_prefix(date)} {' '.join(title.split()[:6])}"), used_ids)

        authors = [self.person().id for _ in range(1 if rng.random() < 0.85 else rng.randint(2, 3))]
        authors = list(dict.fromkeys(authors))
        named = list(dict.fromkeys(self.person().id for _ in range(rng.randint(0, 4))))
        listed_events = list(dict.fromkeys(self.event().id for _ in range(rng.randint(0, 2))))
        language = rng.choices(["ru", "de", "fr", "en"], weights=[70, 10, 5, 15])[0]
        text = "excerpt" if rng.random() < 0.15 else "full"

        lines = ["---", f"id: {document_id}", f"title: {quoted(title)}", f"date: '{date}'"]
        lines.append(f"author: {authors[0]}" if len(authors) == 1 else f"author: [{', '.join(authors)}]")
        lines += [f"venue: {quoted(rng.choice(VENUES))}", f"section: {section.id}", f"genre: {genre}",
                  f"language: {language}"]
        if language == "ru":
            original = " ".join(rng.choice(CYRILLIC_WORDS) for _ in range(rng.randint(3, 6)))
            lines.append(f"original_title: {quoted(original[0].upper() + original[1:])}")
        elif language == "de":
            lines.append(f"original_title: {quoted(' '.join(rng.choice(GERMAN_WORDS) for _ in range(4)))}")
        if language != "en":
            lines.append(f"translator: {quoted(rng.choice(TRANSLATORS))}")
        archive = rng.choice(ARCHIVES).format(a=rng.randint(1, 120), b=rng.randint(1, 900))
        lines.append(f"source: {quoted(archive)}")
        lines.append(f"summary: {quoted(self.sentence(12, 24))}")
        if text != "full":
            lines.append(f"text: {text}")
        if named:
            lines.append(f"people: [{', '.join(named)}]")
        if listed_events:
            lines.append(f"events: [{', '.join(listed_events)}]")
        if rng.random() < 0.02:
            lines.append(f"former_ids: [{document_id}-old]")
        lines.append("---")
        return document_id, "\n".join(lines) + "\n\n" + self._body(plan, authors, text) + "\n"

    def _section(self) -> Section:
        return self.rng.choices(SECTIONS, weights=[s.weight for s in SECTIONS])[0]

    def _body(self, plan: Plan, authors: list[str], text: str) -> str:
        rng = self.rng
        by_id = {p.id: p for p in self.people}
        events = {e.id: e for e in self.events}
        # Inline links: the plan's people and events first, then some drawn at random.
        person_links = [*plan.people, *(self.person().id for _ in range(rng.randint(2, 6)))]
        event_links = [*plan.events, *(self.event().id for _ in range(rng.randint(1, 2)))]
        links = [f"[{by_id[p].name}](person:{p})" for p in person_links]
        links += [f"[the {events[e].name}](event:{e})" for e in event_links]
        rng.shuffle(links)

        # Footnotes: 3-8, each citing one or two works; the plan's keys come first.
        n_notes = max(rng.randint(3, 8), math.ceil(len(plan.keys) / 2))
        keys = list(plan.keys)
        notes: list[str] = []
        for number in range(1, n_notes + 1):
            first = keys.pop(0) if keys else self.key()
            second = keys.pop(0) if keys and (number == n_notes or rng.random() < 0.5) else None
            if second is None and rng.random() < 0.35:
                second = self.key()
            style = rng.random()
            if second is None:
                note = rng.choice(["See [{a}].", "[{a}].", "Quoted in [{a}].", "The text follows [{a}]."])
            elif style < 0.6:
                note = rng.choice(["See [{a}]; also [{b}].", "Quoted in [{a}]; the full text is in [{b}].",
                                   "[{a}]; compare [{b}]."])
            else:
                note = "[see {a}; {b}]."
            note = note.format(a=self.cite(first), b=self.cite(second) if second else "")
            if style > 0.8:
                note += " " + self.sentence(6, 14)
            notes.append(f"[^{number}]: {note}")
        while keys:  # more keys than notes can take: add them to the last note
            notes[-1] += f" Also [{self.cite(keys.pop(0))}]."

        author = by_id[authors[0]]
        headnote = [self.sentence() for _ in range(rng.randint(4, 6))]
        headnote.insert(1, f"This {rng.choice(['text', 'document'])} is by [{author.name}](person:{author.id}), "
                           f"{self.phrase(6, 12)}.")
        blocks: list[tuple[str, list[str]]] = []  # ("p" or "quote", sentences)
        target = rng.randint(900, 1100) - sum(len(s.split()) for s in headnote) - 12 * n_notes
        words = 0
        while words < target:
            kind = "quote" if rng.random() < (0.45 if text == "excerpt" else 0.22) else "p"
            sentences = [self.sentence() for _ in range(rng.randint(3, 7))]
            blocks.append((kind, sentences))
            words += sum(len(s.split()) for s in sentences)

        # Spread the links over the headnote and the text, a link replacing a word of a sentence.
        slots = [(None, i) for i in range(len(headnote))]
        slots += [(b, i) for b, (_, sentences) in enumerate(blocks) for i in range(len(sentences))]
        for link, (block, i) in zip(links, rng.sample(slots, min(len(links), len(slots))), strict=False):
            sentences = headnote if block is None else blocks[block][1]
            parts = sentences[i].split(" ")
            at = rng.randrange(1, len(parts)) if len(parts) > 1 else 0
            parts.insert(at, link)
            sentences[i] = " ".join(parts)
        for link in links[len(slots):]:
            headnote.append(f"See also {link}.")

        # Footnote marks, in order, at the ends of sentences of the text; one citation sometimes stands in the text.
        text_slots = [(b, i) for b, (_, sentences) in enumerate(blocks) for i in range(len(sentences))]
        marks = sorted(rng.sample(text_slots, min(n_notes, len(text_slots))))
        for number, (block, i) in enumerate(marks, start=1):
            blocks[block][1][i] += f"[^{number}]"
        if rng.random() < 0.25:
            block, i = rng.choice(text_slots)
            sentence = blocks[block][1][i]
            cut = sentence.rfind(".")
            blocks[block][1][i] = f"{sentence[:cut]} [{self.cite(self.key())}]{sentence[cut:]}"

        out = ["## Headnote", "", " ".join(headnote), "", "## Text", ""]
        for kind, sentences in blocks:
            if kind == "quote":
                out += ["> " + line for line in _wrap(" ".join(sentences))]
            else:
                out += _wrap(" ".join(sentences))
            out.append("")
        if rng.random() < 0.2:
            out += ["## Editorial note", "", " ".join(self.sentence() for _ in range(rng.randint(2, 4))), ""]
        out += notes
        return "\n".join(out)

    # ------------------------------------------------------------------ files

    def person_file(self, person: Person) -> str:
        rng = self.rng
        lines = ["---", f"id: {person.id}", f"name: {quoted(person.name)}"]
        if person.sort_name != person.name:
            lines.append(f"sort_name: {quoted(person.sort_name)}")
        if person.kind == "group":
            lines.append("kind: group")
        lines.append(f"variants: [{quoted(person.cyrillic)}]")
        if person.kind == "person" and rng.random() < 0.7:
            born = rng.randint(1870, 1900)
            lines.append(f"born: '{born}{rng.choice(['', '', '?', '~'])}'")
            if rng.random() < 0.6:
                lines.append(f"died: '{rng.randint(max(born + 25, 1920), 1945)}'")
        if rng.random() < 0.3:
            lines.append(f"wikidata: Q{rng.randint(1000, 9_999_999)}")
        lines.append(f"summary: {quoted(self.sentence(8, 16))}")
        lines.append("---")
        body = "\n\n".join(" ".join(self.sentence() for _ in range(rng.randint(3, 5))) for _ in range(2))
        return "\n".join(lines) + "\n\n" + body + "\n"

    def event_file(self, event: Event) -> str:
        rng = self.rng
        start = f"{event.start:%Y-%m}" if rng.random() < 0.2 else f"{event.start:%Y-%m-%d}"
        lines = ["---", f"id: {event.id}", f"name: {quoted(event.name)}", f"start: '{start}'"]
        if rng.random() < 0.7:
            lines.append(f"end: '{event.start + rng.randint(1, 14) * DAY:%Y-%m-%d}'")
        lines += [f"place: {quoted(rng.choice(PLACES))}", f"summary: {quoted(self.sentence(8, 16))}", "---"]
        body = " ".join(self.sentence() for _ in range(rng.randint(4, 8)))
        return "\n".join(lines) + "\n\n" + body + "\n"

    def mkdocs_yml(self) -> str:
        # No `search` plugin: the edition searches with Pagefind, and `edition check` warns against it.
        lines = [f"site_name: {quoted(f'Synthetic edition of {self.n_documents} documents')}", "theme:",
                 "  name: material", "plugins:", "  - edition:", "      sections:"]
        for section in SECTIONS:
            numeral = section.title.split(".")[0]
            lines += [f"        - id: {section.id}", f"          title: {quoted(section.title)}",
                      f"          dates: {section.dates}",
                      f"          intro: {quoted(f'Introduction to section {numeral}.')}"]
        lines += ["markdown_extensions:", "  - footnotes", "  - attr_list", "nav:", "  - Home: index.md"]
        return "\n".join(lines) + "\n"

    def write(self, out: Path) -> dict[str, int]:
        for folder in ("docs", "documents", "people", "events"):
            (out / folder).mkdir(parents=True, exist_ok=True)
        _write(out / "mkdocs.yml", self.mkdocs_yml())
        _write(out / "docs" / "index.md",
               f"# Synthetic edition\n\nA generated edition of {self.n_documents} documents, {len(self.people)} "
               f"people, {len(self.events)} events and {len(self.entries)} works cited, for measuring builds.\n")
        _write(out / "bibliography.bib", self._bib_text)
        used: set[str] = set()
        words = 0
        for plan in self.plans():
            document_id, text = self.document(plan, used)
            words += len(text.split("\n---\n", 1)[1].split())
            _write(out / "documents" / f"{document_id}.md", text)
        for person in self.people:
            _write(out / "people" / f"{person.id}.md", self.person_file(person))
        for event in self.events:
            _write(out / "events" / f"{event.id}.md", self.event_file(event))
        return {"documents": self.n_documents, "people": len(self.people), "events": len(self.events),
                "entries": len(self.entries), "words": words}


def _wrap(text: str, width: int = 110) -> list[str]:
    """Break a paragraph into lines, never inside a link."""
    lines: list[str] = []
    current: list[str] = []
    length = 0
    # A link or a bracketed citation is one token: mkdocs-bibtex reads a citation only within a line.
    for token in re.findall(r"\[[^\]]*\](?:\([^)]*\))?\S*|\S+", text):
        if current and length + 1 + len(token) > width:
            lines.append(" ".join(current))
            current, length = [], 0
        current.append(token)
        length += len(token) + (1 if length else 0)
    if current:
        lines.append(" ".join(current))
    return lines


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


GENERATED = ("mkdocs.yml", "bibliography.bib", "docs", "documents", "people", "events", "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic edition for the build benchmark.")
    parser.add_argument("out_dir", type=Path, help="the folder to write the edition into")
    parser.add_argument("--documents", type=int, default=200, help="how many documents (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--force", action="store_true",
                        help="replace an edition already in OUT_DIR (only the files this script writes)")
    args = parser.parse_args(argv)
    if args.documents < 1:
        parser.error("--documents must be at least 1")
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty: give --force to replace the edition in it")
        for name in GENERATED:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    counts = Generator(args.documents, args.seed).write(out)
    print(f"wrote {out}: {counts['documents']} documents ({counts['words']} words), {counts['people']} people, "
          f"{counts['events']} events, {counts['entries']} bibliography entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
