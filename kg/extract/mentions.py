"""Named mentions in running text: the antecedents coreference looks back to.

A mention is a run of capitalised words (with "of", "the", "'s" between them),
taken together with the role words and nationality just before it ("Ukrainian
military chief General Oleksandr Syrsky"), or a known place or outlet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from kg.extract import gazetteer
from kg.extract.coref import Mention
from kg.extract.entities import Reference, role_at, describe
from kg.extract.lexicon import word_set
from kg.extract.text import Token
from kg.model import Entity, EntityType, Relation

_MAX_RUN = 12
_JOINERS = frozenset({"of", "for", "the", "’s", "'s", "and"})
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")


@dataclass(frozen=True, slots=True)
class Surname:
    """A run that names someone by surname only ("Grayson", "Mr. Cruz"), at its place in the body."""

    start: int
    end: int
    reference: Reference


def named_mentions(tokens: list[Token], doc_id: str, capitalised_elsewhere: set[str], surnames: list[Surname] | None = None) -> list[Mention]:
    """Mentions in one segment's tokens; a run that is only a surname ("Cruz", "Mr. Cruz") names
    no one by itself and goes to ``surnames``, for the pipeline to resolve in text order."""
    out: list[Mention] = []
    texts = [t.text for t in tokens]
    # a capital letter or an ordinal ("8th Regiment"), written out: this runs for every token
    capital = [w[0].isupper() or w[0].isdigit() and w[-2:] in _ORDINAL_ENDINGS for w in texts]
    i = 0  # the first token not yet looked at: runs start only at capitalised words
    for k in [k for k, c in enumerate(capital) if c]:
        if k < i:
            continue
        i = k
        end = i + 1
        while end < len(tokens) and end - i < _MAX_RUN:  # no name runs longer; hostile text stays linear
            if capital[end]:
                end += 1
                continue
            skip = end
            while skip < len(tokens) and skip - end < 2 and tokens[skip].lower in _JOINERS:
                skip += 1
            if skip == end or skip >= len(tokens) or not capital[skip]:
                break
            end = skip
        start = i
        if start == 0 and end > 1 and _opens_run(tokens[0]):
            start += 1
        if start == 0 and end - start == 1 and tokens[0].text not in capitalised_elsewhere and gazetteer.lookup([tokens[0].text]) is None:
            i = end
            continue
        while start > 0 and i - start < _MAX_RUN and (role_at(texts, start - 1) or _nationality(tokens[start - 1])):
            start -= 1
        if end - start == 1 and tokens[start].lower in word_set("quantifier_sources"):
            i = end  # "Most likely, …", "Some say": a quantifier names no one (as a source it is a group)
            continue
        region = _subdivision(tokens, i, end)
        if region is not None:
            out.append(region)  # "Russia's Kursk region": the subdivision, and Russia before it
            out.extend(_mentions_in(tokens[start : end - 1], doc_id, None) if end - 1 > start else [])
        elif start < end:
            out.extend(_mentions_in(tokens[start:end], doc_id, surnames if _subject_at(tokens, start, end) else None))
        i = end
    return out


_SUBJECT_AFTER = frozenset({";", ":", "(", "—", "--", "–"})
_NOT_VERBS = frozenset({"and", "or", "of", "’s", "'s"})


def _subject_at(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the run tokens[start:end] opens a main clause, a lowercase word that is no noun
    after it (or, opening the sentence, a comma): "Cruz has supported", "Singh, 47, voted", "But
    Mr. Brown does"; not "the onus is on Trump", "endorsing Trump - and", "Sanders supporters",
    "Mr. Sanders's plea" (a pronoun after these is seldom the one they name)."""
    before = tokens[start - 1] if start > 0 else None
    if not (before is None or before.text in _SUBJECT_AFTER or before.lower in word_set("subject_openers")) or end == len(tokens):
        return False
    after = tokens[end]
    if after.text == ",":
        return before is None
    return after.is_word and after.text.islower() and after.lower not in _NOT_VERBS and after.lower not in word_set("agent_nouns")


_SUBDIVISION_WORDS = frozenset("region oblast province governorate krai".split())


def _subdivision(tokens: list[Token], start: int, end: int) -> Mention | None:
    """'Kursk region' → the subdivision RU-KRS, when the place before the word names one."""
    if end >= len(tokens) or tokens[end].lower not in _SUBDIVISION_WORDS:
        return None
    words = [t.text for t in tokens[start:end]]
    hit = gazetteer.lookup(words[-1:])
    if hit is None or hit[1].type is not EntityType.REGION or hit[1].demonym or not hit[1].country:
        return None
    found = gazetteer.subdivision(hit[1].country, words[-1])
    if found is None:
        return None
    code, _ = found
    name = f"{words[-1]} {tokens[end].lower}"
    entity = Entity(f"region/{code.lower()}", name, EntityType.REGION, identifiers=(("iso3166", code),))
    country = gazetteer.countries()[hit[1].country]
    return Mention(tokens[end - 1].start, tokens[end].end, entity, relations=(Relation(entity.key, "country", country.key),), others=(gazetteer.entity(country),))


def _mentions_in(run: list[Token], doc_id: str, surnames: list[Surname] | None) -> list[Mention]:
    out: list[Mention] = []
    desc = describe(run, doc_id)
    if surnames is not None and desc.reference is not None and desc.reference.kind == "surname":
        surnames.append(Surname(run[0].start, run[-1].end, desc.reference))
    if desc.entity is not None:
        out.append(Mention(run[0].start, run[-1].end, desc.entity, desc.plural, tuple(desc.relations), tuple(desc.others)))
    own = desc.entity.key if desc.entity is not None else None
    for k, n, entity in _known_names(tuple([t.text for t in run]), own):
        out.append(Mention(run[k].start, run[k + n - 1].end, entity))
    return out


@lru_cache(maxsize=8192)
def _known_names(words: tuple[str, ...], own: str | None) -> tuple[tuple[int, int, Entity], ...]:
    """Known places and outlets in a run, left to right, as (first word, words, entity), but for
    the entity the whole run names (key ``own``). Runs recur ("Donald Trump", "the White House"),
    so the gazetteer is walked once per distinct run."""
    out = []
    k = 0
    while k < len(words):
        hit = gazetteer.lookup(list(words[k : k + gazetteer.MAX_NAME_TOKENS]))
        if hit is None or hit[1].key == own:
            k += 1
            continue
        n, known = hit
        out.append((k, n, gazetteer.entity(gazetteer.countries()[known.country] if known.demonym else known)))
        k += n
    return tuple(out)


@cache
def _run_openers() -> frozenset[str]:
    """Words that open a sentence before a name without being part of it: "The", "When", "Despite"."""
    return word_set("clause_words") | word_set("name_run_openers") | {"the", "a", "an"}


def _opens_run(token: Token) -> bool:
    """Whether the sentence's first word is no part of the name after it: "Despite Ted Cruz",
    "Interestingly Blocher", "Speaking Sunday" (but "Sterling Brown", "Kelly Ayotte")."""
    return token.lower in _run_openers() or token.lower.endswith(("ly", "ing")) and token.lower not in gazetteer.first_names()


def _nationality(t: Token) -> bool:
    hit = gazetteer.lookup([t.text])
    return hit is not None and hit[1].demonym
