"""Later mentions resolved to the entity first named in full.

A reference ("he", "their update", "Kindratenko", "the Post", "the spokesman")
is resolved to the nearest earlier compatible mention in the same article.
When nothing compatible is near, the answer is None: the claim stays
unattributed rather than credited to a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from kg.extract.entities import Reference, full_title
from kg.extract import gazetteer
from kg.extract.gazetteer import short_aliases
from kg.extract.lexicon import table
from kg.model import Entity, EntityType, Relation, Span

# How far back (in characters) a pronoun may reach for its antecedent.
_PRONOUN_REACH = {"person": 1500, "pl": 800, "thing": 400}
_PEOPLE = (EntityType.PERSON, EntityType.OFFICIAL)
_COLLECTIVES = (EntityType.GROUP, EntityType.UNIT, EntityType.ORGANIZATION)
_BODIES = (EntityType.OUTLET, EntityType.ORGANIZATION, EntityType.UNIT, EntityType.PLATFORM)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entity: Entity
    plural: bool = False
    relations: tuple[Relation, ...] = ()  # what the mention's words say of it: "8th Regiment of X" → partOf X
    others: tuple[Entity, ...] = ()  # the entities those relations point at
    surname: bool = False  # a bare surname resolved to whom it names: pronouns see it, surnames do not


# How many earlier mentions a reference looks through, nearest first: an article names its
# people within a few hundred mentions, and a bound keeps hostile input linear.
LOOKBACK = 400


class Mentions:
    """An article's mentions in text order, searched backwards from a position."""

    def __init__(self, items: list[Mention] | None = None) -> None:
        self._items = sorted(items or (), key=lambda m: m.start)
        self._starts = [m.start for m in self._items]

    def __iter__(self):
        return iter(self._items)

    def add(self, mention: Mention) -> None:
        i = bisect_right(self._starts, mention.start)
        self._items.insert(i, mention)
        self._starts.insert(i, mention.start)

    def before(self, position: int) -> Iterator[Mention]:
        """Mentions ending at or before ``position``, nearest first, at most LOOKBACK of them."""
        i = bisect_right(self._starts, position)
        for m in reversed(self._items[max(0, i - LOOKBACK - 1) : i]):
            if m.end <= position:
                yield m

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self._items[bisect_left(self._starts, start) : bisect_left(self._starts, end)] if m.end <= end]


def resolve(ref: Reference, position: int, mentions: Mentions, said: Iterable[Span] = (), body: str = "") -> Entity | None:
    """The entity ``ref`` at ``position`` stands for, from the mentions before it; a pronoun's
    antecedent is not inside ``said``, the words its own cue introduces; ``body``, the text, tells
    where its sentences and paragraphs are."""
    before = mentions.before(position)
    if ref.kind == "pronoun":
        return _pronoun(ref, position, before, tuple(said))
    if ref.kind == "surname":
        return _surname(ref.text, ref.sex, before)
    if ref.kind == "alias":  # "the Post", "the Sun-Times": the nearest outlet named before that it is short for, or ends
        outlet = short_aliases().get(ref.text)
        return next((m.entity for m in before if m.entity.type == EntityType.OUTLET and (
            m.entity.name == outlet or m.entity.name.lower().rsplit(" ", 1)[-1] == ref.text)), None)
    if ref.kind == "body":  # "the newspaper", "the foundation": the nearest such body named before, within reach
        kind, fit = table("body_nouns")[ref.text][:2]
        return next(
            (
                m.entity
                for m in before
                if position - m.end <= _PRONOUN_REACH["person"] and m.entity.type is EntityType(kind) and (fit == "any" or ref.text in m.entity.name.lower())
            ),
            None,
        )
    if ref.kind == "nominal":
        return _nominal(ref, position, mentions, body)
    return None


_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _surname(surname: str, sex: str | None, before: Iterable[Mention]) -> Entity | None:
    """The person a bare surname stands for, of the honorific's sex if any ("Mr. Bush" is not Laura
    Bush): the nearest whose name ends in it (not "Trump National Golf Club"), else the nearest
    with it anywhere. When the article has named several people in full with it, a given name and
    the surname ("Dorothy Woods, whose husband, Navy SEAL Ty Woods, …. Woods said"), the one it
    has named most often."""
    nearest = ending = None
    counts: dict[str, int] = {}
    full: dict[str, Entity] = {}
    for m in before:
        if m.surname or m.entity.type not in _PEOPLE or surname not in m.entity.name:
            continue  # not even within the name: no need to split it (this runs over hundreds of mentions)
        words = m.entity.name.split()
        if surname not in words or sex is not None and gazetteer.gender(m.entity.name) not in (None, sex):
            continue
        nearest = nearest or m.entity
        if words[-1] in _SUFFIXES:
            words.pop()  # "Joseph R. Biden Jr."
        if words[-1] != surname:
            continue
        ending = ending or m.entity
        if len(words) > 1 and words[0].lower() in gazetteer.first_names():
            counts[m.entity.key] = counts.get(m.entity.key, 0) + 1
            full.setdefault(m.entity.key, m.entity)
    if len(full) > 1:
        return full[max(full, key=counts.__getitem__)]  # the nearest of those named most often
    return ending or nearest


def _pronoun(ref: Reference, position: int, before: Iterable[Mention], said: tuple[Span, ...]) -> Entity | None:
    """The nearest earlier mention of the pronoun's kind and number, and for "he" and "she" of
    its sex where the name tells. Once a nearer candidate has been passed over, because it is
    inside what the pronoun's speaker says (“'College Bowl,'” he replied) or of the other sex,
    only a name that tells the right sex will do: the rest ("Middle East", "Super Tuesday") are
    guesses."""
    if ref.person and ref.number == "sg":
        types, reach, plural = _PEOPLE, _PRONOUN_REACH["person"], False
    elif ref.number == "pl" and ref.text in ("they", "their", "them"):
        types, reach, plural = _COLLECTIVES, _PRONOUN_REACH["pl"], True
    elif ref.text in ("it", "its"):
        types, reach, plural = _BODIES, _PRONOUN_REACH["thing"], False
    else:
        return None  # "I", "we", "you": the speaker inside a quotation, not a source we can name
    gender = _PRONOUN_GENDER.get(ref.text)
    known = (None, gender)  # the genders an antecedent may have
    for m in before:
        if position - m.end > reach:
            return None
        if m.entity.type not in types or m.plural != plural:
            continue
        if not any(s.start <= m.start and m.end <= s.end for s in said) and (gender is None or gazetteer.gender(m.entity.name) in known):
            return m.entity
        known = (gender,)
    return None


# "she" is not Ty Woods, "he" not Dorothy Woods
_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}


def _nominal(ref: Reference, position: int, mentions: Mentions, body: str) -> Entity | None:
    """The nearest official whose role fits "the senator", "the spokesman", and whom the article
    names with the words that qualify it ("the Florida senator": a senator named near "Florida").
    Not past a person whose role the article has not given who opens an earlier sentence of the
    paragraph ("Rubio sought to … Walking into the office, the senator said"): the words may stand
    for that one, and a senator named farther back would be a guess."""
    for m in mentions.before(position):
        if m.entity.type not in _PEOPLE:
            continue
        if m.entity.type == EntityType.OFFICIAL and _role_fits(ref.text, m.entity) and _qualified(m.entity, ref.qualifiers, position, mentions, body):
            return m.entity
        if body and not (m.entity.role or m.entity.title) and _opens_earlier_sentence(body, m, position):
            return None
    return None


# How close to a mention of the official the words qualifying the role must be: in the same
# phrase, "Florida Sen. Marco Rubio", "Marco Rubio of Florida" (not "Ohio Gov. John Kasich and
# former Florida Gov. Jeb Bush": Jeb Bush is no Ohio governor).
_QUALIFIER_REACH = 20


def _qualified(entity: Entity, qualifiers: tuple[str, ...], position: int, mentions: Mentions, body: str) -> bool:
    """Whether the article names ``entity`` with every qualifier near the name ("Florida", "New
    Jersey", "French"), in its role or in the text around one of its mentions."""
    if not qualifiers:
        return True
    wanted = [q.lower() for q in qualifiers]
    known = " ".join(filter(None, (entity.role, entity.title))).lower()
    if all(q in known for q in wanted):
        return True
    for m in mentions.before(position):
        if m.entity.key == entity.key:
            near = body[max(0, m.start - _QUALIFIER_REACH) : m.end + _QUALIFIER_REACH].lower()
            if all(q in near for q in wanted):
                return True
    return False


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


def _opens_earlier_sentence(body: str, m: Mention, position: int) -> bool:
    """Whether ``m`` opens a sentence before the one at ``position``, in the same paragraph."""
    if "\n" in body[m.end : position] or not _SENTENCE_END.search(body, m.end, position):
        return False
    before = body[max(0, m.start - 3) : m.start].rstrip(" ")
    return not before or before.endswith(("\n", ".", "!", "?", "\"", "”"))


def _role_fits(noun: str, entity: Entity) -> bool:
    role = " ".join(filter(None, (entity.role, entity.title and full_title(entity.title)))).lower()  # "Sen." is a senator
    stem = noun.split()[-1]
    return stem in role or (stem.startswith("spokes") and "spokes" in role)


def canonical(entity: Entity, before: Iterable[Mention]) -> Entity:
    """A short form ("Special Operations Forces", "Kindratenko") as the entity named in full
    earlier; ``before`` runs nearest first."""
    words = entity.name.split()
    person = entity.type in _PEOPLE
    surname = words[0] if person and len(words) == 1 else None
    suffix = " " + entity.name
    for m in islice(before, LOOKBACK):  # runs for every mention and speaker: no work in it that can be done once
        other = m.entity
        if other.key == entity.key or other.type != entity.type and not (person and other.type in _PEOPLE):
            continue
        if other.name.endswith(suffix) or (surname is not None and surname in other.name and surname in other.name.split()):
            return other
    return entity
