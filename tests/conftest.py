"""A hand-made extraction of the seed article, so storage and queries are tested
independently of the extractor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.articles import read_file
from kg.model import Article, Attribution, Entity, EntityType, Extraction, Kind, Relation, Span

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_0da5bea54c4e428b"
SEED = REPO / "seeds" / f"{SEED_ID}.md"

SOF = Entity("org/ukrainian-special-operations-forces", "Ukrainian Special Operations Forces", EntityType.UNIT)
REGIMENT = Entity("org/8th-regiment-ukrainian-special-operations-forces", "8th Regiment", EntityType.UNIT)
KINDRATENKO = Entity("person/oleksandr-kindratenko", "Oleksandr Kindratenko", EntityType.OFFICIAL, role="spokesperson")
SYRSKY = Entity("person/oleksandr-syrsky", "Oleksandr Syrsky", EntityType.OFFICIAL, role="military chief")
PRAVDA = Entity("org/ukrainska-pravda", "Ukrainska Pravda", EntityType.OUTLET)
NYT = Entity("org/new-york-times", "The New York Times", EntityType.OUTLET)
TELEGRAM = Entity("org/telegram", "Telegram", EntityType.PLATFORM)
INTEL = Entity("group/seed/one-intelligence-source", "one intelligence source", EntityType.GROUP)
UKRAINE = Entity("region/ua", "Ukraine", EntityType.REGION, identifiers=(("iso3166", "UA"), ("geonames", "690791")))
NORTH_KOREA = Entity("region/kp", "North Korea", EntityType.REGION, identifiers=(("iso3166", "KP"),))


def find(body: str, text: str, after: int = 0) -> Span:
    start = body.index(text, after)
    return Span.of(body, start, start + len(text))


def seed_extraction(article: Article) -> Extraction:
    """Six attributions from the seed: four speakers, two channels, one unattributed."""
    b = article.body
    quote1 = find(b, "Special Operations Forces report only")
    quote1 = Span.of(b, quote1.start, b.index('," Kindratenko stated'))
    attributions = [
        Attribution(
            cue=[find(b, "stated", quote1.end)], sources=[find(b, "Kindratenko", quote1.end)],
            contents=[quote1], kind=Kind.DIRECT, speaker=KINDRATENKO, channels=[PRAVDA],
            hedges=[find(b, "Most likely")], figures=[find(b, "about three weeks", quote1.start)],
            mentions=[NORTH_KOREA],
        ),
        Attribution(
            cue=[find(b, "revealed")], sources=[find(b, "The New York Times")],
            contents=[find(b, "North Korean soldiers who joined their Russian allies...have been pulled off the front lines after suffering heavy casualties")],
            kind=Kind.DIRECT, speaker=NYT, mentions=[NORTH_KOREA],
        ),
        Attribution(
            cue=[find(b, "as stated by")], sources=[find(b, "Ukrainian military chief General Oleksandr Syrsky")],
            contents=[find(b, "about half of these troops have been killed or wounded since being deployed")],
            kind=Kind.INDIRECT, speaker=SYRSKY, figures=[find(b, "about half")],
        ),
        Attribution(
            cue=[find(b, "remarked")], sources=[find(b, "One intelligence source")],
            contents=[find(b, "These are standard measures – rotation due to large casualties")],
            kind=Kind.DIRECT, speaker=INTEL,
        ),
        Attribution(
            cue=[find(b, "Reports from the battleground depict")], sources=[find(b, "Reports from the battleground")],
            contents=[find(b, "the tenacity of North Korean soldiers")],
            kind=Kind.INDIRECT, speaker=None, mentions=[NORTH_KOREA],
        ),
        Attribution(
            cue=[find(b, "Their update highlighted")], sources=[find(b, "Soldiers of the 8th Regiment of Ukraine's Special Operations Forces")],
            contents=[find(b, "At the ninth hour of the battle, the Special Operations Forces had only a third of their ammunition left."), find(b, "They spent the rest on destroying (North Korean forces)")],
            kind=Kind.DIRECT, speaker=REGIMENT, channels=[TELEGRAM], mentions=[SOF],
        ),
    ]
    relations = [
        Relation(KINDRATENKO.key, "spokespersonFor", SOF.key),
        Relation(REGIMENT.key, "partOf", SOF.key),
        Relation(SOF.key, "country", UKRAINE.key),
        Relation(KINDRATENKO.key, "country", UKRAINE.key),
    ]
    entities = [SOF, REGIMENT, KINDRATENKO, SYRSKY, PRAVDA, NYT, TELEGRAM, INTEL, UKRAINE, NORTH_KOREA]
    return Extraction(article, attributions, entities, relations)


@pytest.fixture
def seed_article() -> Article:
    return read_file(SEED)[0]


@pytest.fixture
def extraction(seed_article: Article) -> Extraction:
    return seed_extraction(seed_article)


SAID = re.compile(r'(?P<source>[A-Z][\w.]*(?: [A-Z][\w.]*)*) (?P<cue>said|told [A-Z]\w+) "(?P<content>[^"]+)"')


def fake_extract(article: Article) -> Extraction:
    """Stands in for the extractor: the seed by hand, elsewhere `Name said "..."` sentences."""
    if article.id == SEED_ID:
        return seed_extraction(article)
    attributions = []
    for match in SAID.finditer(article.body):
        span = {name: Span.of(article.body, match.start(name), match.end(name)) for name in ("source", "cue", "content")}
        speaker = Entity("person/" + match["source"].lower().replace(" ", "-"), match["source"], EntityType.PERSON)
        attributions.append(Attribution([span["cue"]], [span["source"]], [span["content"]], Kind.DIRECT, speaker))
    return Extraction(article, attributions, [], [])


@pytest.fixture
def fake_extractor(monkeypatch):
    """Route the CLI's extractor to `fake_extract`."""
    monkeypatch.setattr("kg.cli._extractor", lambda: fake_extract)
    return fake_extract
