"""The data that flows between kg's stages: articles in, spans and attributions out.

Every span indexes the article body exactly as it stands in the file (after any
front matter), so ``body[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, body: str, start: int, end: int) -> "Span":
        return cls(start, end, body[start:end])

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


class EntityType(str, Enum):
    """Entity classes of the vocabulary; the value is the class's local name."""

    OFFICIAL = "Official"
    PERSON = "Person"
    UNIT = "Unit"
    OUTLET = "Outlet"
    PLATFORM = "Platform"
    REGION = "Region"
    GROUP = "Group"
    ORGANIZATION = "Organization"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named or unnamed actor. ``key`` is its identity across documents."""

    key: str
    name: str
    type: EntityType
    role: str | None = None  # office as the text gives it: "spokesperson", "military chief"
    title: str | None = None  # rank or honorific before the name: "Colonel", "General"
    identifiers: tuple[tuple[str, str], ...] = ()  # e.g. (("iso3166", "UA"), ("geonames", "690791"))


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject predicate object`` between entity keys, e.g. spokespersonFor, partOf, country."""

    subject: str
    predicate: str
    object: str
    evidence: Span | None = None


class Kind(str, Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


@dataclass(slots=True)
class Attribution:
    """One claim credited to a source: Citron's cue/sources/contents layout plus what kg resolves."""

    cue: list[Span]
    sources: list[Span]
    contents: list[Span]
    kind: Kind
    speaker: Entity | None = None  # None: unattributed, never guessed
    channels: list[Entity] = field(default_factory=list)  # outlets or platforms that carried it
    hedges: list[Span] = field(default_factory=list)
    figures: list[Span] = field(default_factory=list)
    mentions: list[Entity] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s.start for s in self.contents + self.cue)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.contents)


@dataclass(slots=True)
class Article:
    id: str
    body: str
    path: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    attributions: list[Attribution]
    entities: list[Entity]
    relations: list[Relation]
    publisher: Entity | None = None  # the outlet the article's front matter names as its publisher
