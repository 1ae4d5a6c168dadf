"""Realistic synthetic news articles, seeded, for benchmarks at any scale.

Each article mixes attributed quotes and reports (direct, indirect, "according to",
posts on platforms, outlets citing unnamed sources) with plain narrative, over a
fixed cast of officials, organisations, outlets and places. Article ``n`` of seed
``s`` is always the same text, so a corpus of any size is a prefix of a larger one.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

FIRST = ("Anna Boris Carlos Dmytro Elena Farid Grace Hiroshi Irina Jamal Katarina Luis Maria Nikolai Olena "
         "Pavel Rosa Samir Tetiana Umar Viktor Wen Yusuf Zofia Amir Bianca Chen Daria Emeka Fatima").split()
LAST = ("Adams Bondarenko Castillo Dubois Eriksen Fischer Gonzalez Haddad Ivanova Jovanovic Kowalski Lindqvist "
        "Moreau Novak Okafor Petrenko Quinn Rossi Schmidt Tanaka Usman Varga Weber Xu Yilmaz Zielinski Abbott "
        "Brennan Costa Duarte Esposito Fontaine Garcia Horvat Iqbal Jensen Kovalenko Larsen Meyer Nowak").split()
ROLES = ("spokesperson", "minister", "deputy minister", "governor", "mayor", "commander", "senator", "adviser",
         "chief executive", "analyst", "ambassador", "prosecutor")
ORGS = ("the Defence Ministry", "the Foreign Ministry", "the Health Ministry", "the Central Bank", "the army",
        "the city council", "the Energy Ministry", "the United Nations", "the European Commission", "NATO",
        "the World Bank", "the electoral commission")
OUTLETS = ("Reuters", "the Associated Press", "the BBC", "Agence France-Presse", "The Guardian", "Al Jazeera",
           "Bloomberg", "The New York Times", "Le Monde", "Der Spiegel", "Kyiv Independent", "Ukrainska Pravda")
PLATFORMS = ("Telegram", "X", "Facebook")
PLACES = ("Kyiv", "Kharkiv", "Odesa", "Warsaw", "Berlin", "Paris", "Brussels", "Ankara", "Cairo", "Nairobi",
          "Geneva", "Vienna", "Ukraine", "Poland", "Germany", "France", "Turkey", "Egypt", "Kenya")
SUBJECTS = ("the peace plan", "the new budget", "the ceasefire", "the grain corridor", "the reform", "the power grid",
            "the election", "the investigation", "the trade deal", "the evacuation", "the vaccine programme",
            "the bridge repair")
VERBS = ("will resume", "has stalled", "is on track", "will be delayed", "has been approved", "remains fragile",
         "will cost more than planned", "has exceeded expectations", "needs more time", "is under review")
WHEN = ("next week", "by the end of the month", "this year", "within days", "before the winter", "soon")
FIGURES = ("about 40 percent", "more than 1,200 people", "nearly $3 billion", "at least 15 villages",
           "roughly half of the funds", "two thirds of the staff")
AFFECTED = ("have been affected", "are still waiting", "were counted last week", "depend on it")
CUES = ("said", "told reporters", "stated", "added", "warned", "explained", "noted")
UNNAMED = ("a senior official", "two diplomats familiar with the matter", "one intelligence source",
           "people close to the negotiations")
NARRATIVE = (
    "Traffic in {place} was slow on {day} as crews worked on {subject}.",
    "Officials in {place} met on {day} to discuss {subject}.",
    "The decision on {subject} came after weeks of debate in {place}.",
    "Residents of {place} have followed {subject} closely since the spring.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str
    org: str


@dataclass(frozen=True, slots=True)
class Record:
    """One article as a JSON Lines record that `kg build` reads."""

    id: str
    title: str
    publisher: str
    published: str
    text: str


def cast(seed: int = 0, size: int = 3000) -> list[Person]:
    """The people quoted: ``size`` distinct names, each with a role and an organisation."""
    rng = random.Random(f"cast-{seed}")
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    return [Person(name, rng.choice(ROLES), rng.choice(ORGS)) for name in names[:size]]


def article(number: int, seed: int = 0, people: list[Person] | None = None) -> Record:
    """Article ``number``: some 2,500 characters, about a dozen attributions."""
    people = people or cast(seed)
    rng = random.Random(f"article-{seed}-{number}")
    subject = rng.choice(SUBJECTS)
    outlet = rng.choice(OUTLETS)
    paragraphs = []
    while sum(map(len, paragraphs)) < 2300:
        paragraphs.append(_sentence(rng, people, subject) if rng.random() < 0.8 else _narrative(rng, subject))
    title = f"{subject.capitalize()} {rng.choice(VERBS)}, officials say"
    day = 1 + number % 28
    return Record(f"syn-{seed}-{number:08d}", title, outlet, f"2025-{1 + number % 12:02d}-{day:02d}",
                  "\n\n".join(paragraphs) + "\n")


def articles(count: int, seed: int = 0) -> Iterator[Record]:
    people = cast(seed)
    for number in range(count):
        yield article(number, seed, people)


def write_corpus(folder: Path, megabytes: float, seed: int = 0, per_file: int = 1000) -> tuple[int, int]:
    """Write articles as JSON Lines files until their text reaches ``megabytes``; returns (articles, characters)."""
    folder.mkdir(parents=True, exist_ok=True)
    people = cast(seed)
    count = characters = 0
    out = None
    while characters < megabytes * 1_000_000:
        if count % per_file == 0:
            if out is not None:
                out.close()
            out = open(folder / f"synthetic-{count // per_file:05d}.jsonl", "w", encoding="utf-8")
        record = article(count, seed, people)
        out.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
        count += 1
        characters += len(record.text)
    if out is not None:
        out.close()
    return count, characters


def _sentence(rng: random.Random, people: list[Person], subject: str) -> str:
    # A few people speak often, most now and then, as in the news.
    heavy_tail = min(int(rng.paretovariate(1.2)) - 1, len(people) - 1)
    person = people[heavy_tail if rng.random() < 0.3 else rng.randrange(len(people))]
    claim = f"{subject} {rng.choice(VERBS)} {rng.choice(WHEN)}"
    detail = f"{rng.choice(FIGURES)} in {rng.choice(PLACES)} {rng.choice(AFFECTED)}"
    cue = rng.choice(CUES)
    template = rng.randrange(7)
    if template == 0:
        return f'"{claim.capitalize()}," {person.name} {cue} in {rng.choice(PLACES)}.'
    if template == 1:
        return f"{person.name} told {rng.choice(OUTLETS)} that {claim}."
    if template == 2:
        return f"According to {person.name}, the {person.role}, {detail}."
    if template == 3:
        return f'"We expect that {detail}," said {person.name}. "{claim.capitalize()}."'
    if template == 4:
        return f"{person.org.capitalize()} {person.role} {person.name} said on {rng.choice(DAYS)} that {claim}."
    if template == 5:
        return f'In a post on {rng.choice(PLATFORMS)}, {person.name} wrote: "{claim.capitalize()}."'
    return f"{rng.choice(OUTLETS)} reported that {claim}, citing {rng.choice(UNNAMED)}."


def _narrative(rng: random.Random, subject: str) -> str:
    return rng.choice(NARRATIVE).format(place=rng.choice(PLACES), day=rng.choice(DAYS), subject=subject)
