"""Later mentions resolved to the entity first named in full.

A reference ("he", "their update", "Kindratenko", "the Post", "the spokesman")
is resolved to the nearest earlier compatible mention in the same article.
When nothing compatible is near, the answer is None: the claim stays
unattributed rather than credited to a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.entities import Reference
from kg.extract.gazetteer import short_aliases
from kg.model import Entity, EntityType, Relation

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


def resolve(ref: Reference, position: int, mentions: list[Mention]) -> Entity | None:
    """The entity ``ref`` at ``position`` stands for, from the mentions before it."""
    before = [m for m in reversed(mentions) if m.end <= position]
    if ref.kind == "pronoun":
        return _pronoun(ref, position, before)
    if ref.kind == "surname":
        for m in before:
            if m.entity.type in _PEOPLE and ref.text in m.entity.name.split():
                return m.entity
        return None
    if ref.kind == "alias":
        outlet = short_aliases().get(ref.text)
        return next((m.entity for m in before if m.entity.type == EntityType.OUTLET and m.entity.name == outlet), None)
    if ref.kind == "nominal":
        return next((m.entity for m in before if m.entity.type == EntityType.OFFICIAL and _role_fits(ref.text, m.entity)), None)
    return None


def _pronoun(ref: Reference, position: int, before: list[Mention]) -> Entity | None:
    if ref.person and ref.number == "sg":
        types, reach, plural = _PEOPLE, _PRONOUN_REACH["person"], False
    elif ref.number == "pl" and ref.text in ("they", "their", "them"):
        types, reach, plural = _COLLECTIVES, _PRONOUN_REACH["pl"], True
    elif ref.text in ("it", "its"):
        types, reach, plural = _BODIES, _PRONOUN_REACH["thing"], False
    else:
        return None  # "I", "we", "you": the speaker inside a quotation, not a source we can name
    for m in before:
        if position - m.end > reach:
            return None
        if m.entity.type in types and m.plural == plural:
            return m.entity
    return None


def _role_fits(noun: str, entity: Entity) -> bool:
    role = " ".join(filter(None, (entity.role, entity.title))).lower()
    stem = noun.split()[-1]
    return stem in role or (stem.startswith("spokes") and "spokes" in role)


def canonical(entity: Entity, before: list[Mention]) -> Entity:
    """A short form ("Special Operations Forces", "Kindratenko") as the entity named in full earlier."""
    words = entity.name.split()
    for m in reversed(before):
        other = m.entity
        if other.key == entity.key or other.type != entity.type and not {other.type, entity.type} <= set(_PEOPLE):
            continue
        if other.name.endswith(" " + entity.name) or (entity.type in _PEOPLE and len(words) == 1 and words[0] in other.name.split()):
            return other
    return entity
