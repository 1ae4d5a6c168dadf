"""The extraction pipeline: quotations → segments → cues → attributions → entities.

Each stage is a function over the untouched body; this module only runs them in
order and keeps the article's mentions, so that later references can be resolved
to what was named earlier.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache, partial

from kg.extract import details, gazetteer
from kg.extract.attribute import Candidate, attribute_segment
from kg.extract.contents import ADVERBS_IN_S
from kg.extract.coref import Mention, Mentions, canonical, resolve
from kg.extract.cues import BE, PLURALS_WITHOUT_S, find_cues
from kg.extract.entities import (
    SUBJECT_PRONOUNS,
    Description,
    describe,
    is_plural_noun,
    person_nouns,
    official_role,
    publisher_entity,
    unnamed_official,
)
from kg.extract.lexicon import table, word_set
from kg.extract.mentions import Surname, named_mentions
from kg.extract.sources import evidence_nouns
from kg.extract.quotes import quotations
from kg.extract.text import QUOTE_MARKS, Token, sentences, tokenize
from kg.model import Article, Attribution, Entity, EntityType, Extraction, Kind, Relation, Span


def extract(article: Article) -> Extraction:
    with _collector_paused():
        return _extract(article)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one article is extracted. Extraction makes hundreds of
    thousands of small objects (tokens, spans, mentions) and frees them by reference count, forming
    no cycles; left on, the collector ran about a thousand times over the PolNeAR texts, walked the
    loaded lexicons and caches at each full pass, found next to nothing, and took 7-9% of the time.
    Whatever does form cycles is still collected, after the article (an allocation count in excess
    of what was freed sets the next collection off as before)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(article: Article) -> Extraction:
    body = article.body
    quotes = quotations(body)
    segments = _bounded(body, _segments(body, quotes))
    seg_tokens = [tokenize(body, a, b) for a, b in segments]
    capitalised = {t.text for toks in seg_tokens for t in toks[1:] if t.text[0].isupper()}  # is_capitalized, inlined: every token

    found: list[Mention] = []
    surnames: list[Surname] = []
    for toks in seg_tokens:
        found.extend(named_mentions(toks, article.id, capitalised, surnames))
    found.sort(key=lambda m: m.start)
    # "Special Operations Forces" after "Ukrainian Special Operations Forces": one entity.
    # Only mentions ending in the same word can be the longer form, so index them by it.
    by_last_word: dict[str, list[Mention]] = {}
    for i, m in enumerate(found):
        last = m.entity.name.rsplit(" ", 1)[-1]
        earlier = by_last_word.setdefault(last, [])
        entity = canonical(m.entity, reversed(earlier))
        if entity is not m.entity:  # most mentions are their own canonical form: no copy
            found[i] = replace(m, entity=entity)
        earlier.append(found[i])
    mentions = Mentions(found)
    _add_surnames(surnames, mentions)

    relations: list[Relation] = []
    extra: list[Entity] = []
    out: list[Attribution] = []
    quote_starts = [q.start for q in quotes]
    for (a, b), toks in zip(segments, seg_tokens, strict=True):
        cues = [c for c in find_cues(toks) if not _inside(c.start, quotes, quote_starts)]
        # the quotations a segment can use: those that meet it, and the one right after it
        local = quotes[max(0, bisect_left(quote_starts, a) - 1) : bisect_left(quote_starts, b) + 1]
        # Speakers by candidate id. A candidate shares a source only with one of its own segment,
        # all alive here: ids of an earlier segment's freed candidates get reused, and a map kept
        # across segments gave a rejected candidate's follower a stale speaker.
        resolved: dict[int, Entity | None] = {}
        accept = partial(_acceptable, doc_id=article.id, tokens=toks, capitalised=capitalised)
        for cand in attribute_segment(body, toks, cues, local, accept):
            speaker = _speaker(cand, resolved, mentions, relations, extra, article.id, body)
            resolved[id(cand)] = speaker
            found_channels = (_channel(ch, article.id, mentions) for ch in cand.channels)
            channels = list({e.key: e for e in found_channels if e is not None}.values())  # once each
            out.append(_attribution(body, cand, speaker, channels, mentions))
    _continue_quotes(body, out, quotes, segments)
    _whole_turns(body, out)

    used = {e.key for e in _entities(out, mentions, relations, extra)}
    for m in mentions:
        if m.entity.key in used:
            relations.extend(m.relations)
            extra.extend(m.others)
    entities = _entities(out, mentions, relations, extra)
    keys = {e.key for e in entities}
    relations = [r for r in _unique(relations) if r.subject in keys and r.object in keys]
    return Extraction(article, out, entities, relations, publisher_entity(article.publisher or ""))


def _add_surnames(surnames: list[Surname], mentions: Mentions) -> None:
    """Each surname as the person it resolves to, in text order, so that a pronoun after "Grayson
    decided to run" or "Mr. Cruz is poised" finds him there rather than someone named further back."""
    for s in surnames:
        if _given_name_only(s.reference.text) or _shared(s, mentions):
            continue
        entity = resolve(s.reference, s.start, mentions)
        if entity is not None and s.reference.text in entity.name.split()[-2:]:  # not "Why Electing Hillary"
            mentions.add(Mention(s.start, s.end, entity, surname=True))


def _given_name_only(word: str) -> bool:
    """'Bernie' in "prays that Bernie ends up": a given name, not the surname of "Talk Bernie"."""
    return word.lower() in gazetteer.first_names() and word.lower() not in gazetteer.last_names()


def _shared(surname: Surname, mentions: Mentions) -> bool:
    """Whether the article has named more than one person with the surname so far ("Dorothy Woods"
    and "Ty Woods"): the bare surname is then no mention to stand behind."""
    people = (EntityType.PERSON, EntityType.OFFICIAL)
    text = surname.reference.text
    holders = {m.entity.key for m in mentions.before(surname.start) if m.entity.type in people and text in m.entity.name and m.entity.name.split()[-1] == text}
    return len(holders) > 1


def attributions(body: str) -> list[Attribution]:
    """Attributions of a bare text: the extractor as the evaluator calls it."""
    return extract(Article(id="text", body=body)).attributions


def _segments(body: str, quotes: list[Span]) -> list[tuple[int, int]]:
    """Sentences, merged where a boundary falls inside a quotation, or where a quotation
    ending in "?" or "!" is followed by its speaker: “Can you hear me?” Sanders said."""
    starts = [q.start for q in quotes]

    def inside(position: int) -> bool:
        i = bisect_left(starts, position) - 1
        return i >= 0 and quotes[i].start < position < quotes[i].end

    out: list[tuple[int, int]] = []
    for a, b in sentences(body):
        if out and (inside(a) or inside(out[-1][1]) or _speaker_tail(body, out[-1], a, b, starts, quotes)):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_MAX_TAIL_TOKENS = 10
# No real sentence is longer; cutting longer runs (a transcript without full stops, hostile
# input) keeps every per-cue step bounded, so extraction stays linear in the text.
MAX_SEGMENT_CHARS = 5000


def _bounded(body: str, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Segments cut at white space into pieces of at most MAX_SEGMENT_CHARS."""
    out: list[tuple[int, int]] = []
    for a, b in segments:
        while b - a > MAX_SEGMENT_CHARS:
            cut = body.rfind(" ", a + 1, a + MAX_SEGMENT_CHARS)
            cut = cut if cut > a else a + MAX_SEGMENT_CHARS
            out.append((a, cut))
            a = cut + 1 if body[cut : cut + 1] == " " else cut
        out.append((a, b))
    return out


def _speaker_tail(body: str, prev: tuple[int, int], a: int, b: int, starts: list[int], quotes: list[Span]) -> bool:
    """Whether the sentence a..b is only the speaker of the quotation that ends the one before."""
    i = bisect_left(starts, prev[1]) - 1
    if i < 0 or quotes[i].end != prev[1] or "\n" in body[prev[1] : a]:
        return False
    tokens = tokenize(body, a, b)
    return len(tokens) <= _MAX_TAIL_TOKENS and bool(find_cues(tokens))


def _inside(position: int, quotes: list[Span], starts: list[int]) -> bool:
    i = bisect_left(starts, position) - 1
    return i >= 0 and quotes[i].start < position < quotes[i].end


def _acceptable(cand: Candidate, doc_id: str, tokens: list[Token], capitalised: set[str]) -> bool:
    """Whether a candidate names a source at all, so that it may take its words from later cues."""
    if _opens_with_verb(cand.source) or _opens_with_verb(cand.antecedent) or _object_relative(cand.source) or _figurative(cand, doc_id):
        return False
    return _has_source(cand, doc_id) and not _is_sentence_opener(cand, tokens, capitalised)


def _opens_with_verb(words: list[Token]) -> bool:
    """'released a statement', 'discrediting an earlier report': a verb and its object, cut from a
    clause, name no one; 'registered voters', 'leading Democrats' do."""
    return len(words) > 1 and words[0].text.islower() and words[0].lower.endswith(("ed", "ing")) and words[1].lower in _OBJECT_OPENERS


def _figurative(cand: Candidate, doc_id: str) -> bool:
    """'Donald Trump’s victory said a lot about the country', 'Talks say little about the outcome':
    "say" an amount "about" something, with a subject that is no one who speaks, reports nothing."""
    content = cand.contents[0].text.lower() if cand.lemma == "say" and cand.contents else ""
    if not content.startswith(_amounts_about()):
        return False
    words = cand.antecedent or cand.source or _shared_source(cand)
    head = next((t.lower for t in reversed(_before_comma(words)) if t.is_word), "")
    if not head or _speaking_noun(head) or _speaking_noun(head[:-1]):
        return False  # "Voters say a lot about …", "The report says little about …"
    desc = describe(words, doc_id)
    if len(words) == 1 and words[0].is_capitalized and _plural_of_people(words[0]):
        return True  # "Talks say little …" opening the sentence: a plural noun, not "Sanders"
    return not (desc.reference is not None or desc.entity is not None and desc.entity.type is not EntityType.GROUP)


@cache
def _amounts_about() -> tuple[str, ...]:
    """'a lot about', 'little about': the openings of a figurative "say", for one ``startswith``."""
    return tuple(amount + " about " for amount in word_set("amounts_said"))


def _speaking_noun(word: str) -> bool:
    """A noun for someone or something that can say things: 'voters', 'spokesman', 'report', 'poll'."""
    return word in word_set("agent_nouns") or word in person_nouns() or word in word_set("document_nouns") or word in evidence_nouns()


def _object_relative(words: list[Token]) -> bool:
    """'policies, which he said had harmed the economy': the pronoun speaks inside a relative
    clause about the noun before it, and the words around are not what it said."""
    return len(words) > 2 and words[-1].lower in SUBJECT_PRONOUNS and words[-2].lower in ("which", "what", "whom")


def _has_source(cand: Candidate, doc_id: str) -> bool:
    """Whether the words before the cue name anyone at all; if not, this was no attribution."""
    if cand.shares_source_with is not None or cand.explicit:
        return True
    evidence = table("evidence_verbs").get(cand.lemma)
    if evidence is not None:
        # "the survey found …", never "police found the body"; "surveys suggest …", and "Sanders suggests …"
        cand.explicit = _is_evidence(cand.source, evidence[0].split())
        if cand.explicit or evidence[1:] == ("only",):
            return cand.explicit
    desc = describe(cand.antecedent or cand.source, doc_id)
    if cand.lemma in word_set("person_cues"):
        # "the economy seemed to …" is no attribution; "Trump seemed to …" is
        return (desc.entity is not None and desc.entity.type in (EntityType.PERSON, EntityType.OFFICIAL)) or (
            desc.reference is not None and desc.reference.person
        ) or cand.lemma != "seek" and _people(cand.antecedent or cand.source, desc)
    if desc.entity is not None and desc.common:
        return cand.lemma in word_set("speech_verbs")  # "the documents indicate" is no speaker
    if desc.entity is not None or desc.reference is not None:
        return True
    if cand.lemma in word_set("speech_verbs") and _is_noun_phrase(_before_comma(cand.source)):
        cand.explicit = True  # "the unsigned opinion said": a speech verb vouches for its subject
        return True
    return False


_EVIDENCE_MODIFIERS = frozenset("released taken conducted published commissioned out in from by of this last earlier".split())


def _people(words: list[Token], desc: Description) -> bool:
    """A group of people, not of things: "Republican voters", "Democrats", "most analysts"."""
    if desc.entity is None or desc.entity.type is not EntityType.GROUP or not desc.plural or desc.common:
        return False
    head = next((t for t in reversed(words) if t.is_word), None)
    return head is not None and (head.lower in word_set("agent_nouns") or head.is_capitalized and head.lower.endswith("s"))


def _is_evidence(words: list[Token], nouns: list[str]) -> bool:
    """Whether the subject is a body of evidence: "the survey", or with what qualifies it after
    the noun, "A Quinnipiac University poll this month", "Exit polls taken in South Carolina"."""
    head = max((i for i, t in enumerate(words) if t.lower in nouns), default=None)
    if head is None:
        return False
    rest = words[head + 1 :]
    return not rest or rest[0].lower in _EVIDENCE_MODIFIERS or rest[0].lower in word_set("time_words")


def _before_comma(words: list[Token]) -> list[Token]:
    """'the designer, who works for another brand': the phrase before what a comma adds to it."""
    return next((words[:i] for i, t in enumerate(words) if t.text == ","), words)


_MAX_PHRASE_WORDS = 8
_PHRASE_OPENERS = frozenset("the a an his her their its our my your this that these those one another each every some".split())
_OBJECT_OPENERS = _PHRASE_OPENERS | frozenset("various several multiple many all more most no any".split())  # "banned various news organizations"


def _is_noun_phrase(words: list[Token]) -> bool:
    """A short phrase opened by a determiner or possessive and closed by a word: 'his son'."""
    if not 2 <= len(words) <= _MAX_PHRASE_WORDS or not _WORD.fullmatch(words[-1].text) or not all(t.is_word or t.text in ("’s", "'s", "&") for t in words):
        return False
    if _looks_adjective(words[-1].lower):
        return False  # "Podliska’s most explosive (claim)"
    if words[0].lower in _PHRASE_OPENERS:
        # "his son", "a Baton Rouge newspaper", "the 46-year-old"; "a longtime adviser to Trump": the head before what qualifies it
        return words[_head_end(words)].text.islower()
    possessive = next((i for i, t in enumerate(words) if t.text in ("’s", "'s")), None)
    if possessive and all(t.is_capitalized for t in words[:possessive]) and all(t.text.islower() for t in words[possessive + 1 :]):
        return possessive + 1 < len(words)  # "Donald Trump’s campaign manager"
    # "Other news organizations": a capitalised opening, and a noun at the end; "People briefed on the move"
    return words[0].is_capitalized and (_is_common_noun(words[-1].lower) or _is_common_noun(words[0].lower) and _qualifies(words[1]))


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*|\d+-[A-Za-z-]+")
_QUALIFIERS = frozenset("of for to at on with from in by known named called".split())


_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "ical", "able", "ible", "less", "est")


def _looks_adjective(word: str) -> bool:
    return word.endswith(_ADJECTIVE_ENDINGS) and not _is_common_noun(word)


def _head_end(words: list[Token]) -> int:
    """The last word of the phrase's head: before "of", "by", "known as", a participle … when a
    lower-case word precedes them ("a producer for Yahoo Studios", "the order released Friday"),
    else the phrase's last word."""
    return next((i - 1 for i in range(2, len(words)) if _qualifies(words[i]) and words[i - 1].text.islower()), len(words) - 1)


def _qualifies(word: Token) -> bool:
    return word.lower in _QUALIFIERS or word.text.islower() and word.lower.endswith("ed")


def _is_common_noun(word: str) -> bool:
    return (
        word in word_set("agent_nouns")
        or word in person_nouns()
        or word in word_set("document_nouns")
        or word in evidence_nouns()
        or word in PLURALS_WITHOUT_S
        or is_plural_noun(word)
    )


def _is_sentence_opener(cand: Candidate, tokens: list[Token], capitalised: set[str]) -> bool:
    """'Cost estimates, he added': a lone capitalised word opening the sentence is no name
    unless the article capitalises it elsewhere too. Before a speech verb, a plural there is a
    group of people ("Companies say …"), which this notes on the candidate."""
    if len(cand.source) != 1 or cand.source[0] is not tokens[0] or cand.source[0].text in capitalised:
        return False
    word = cand.source[0]
    if cand.lemma in word_set("speech_verbs") and _plural_of_people(word):
        # "Companies say …", "Associates say …": people, whom a speech verb vouches for, named as a group
        cand.antecedent = [word._replace(text=word.lower)]
        return False
    reference = describe(cand.source, "").reference
    return reference is not None and reference.kind == "surname"


def _plural_of_people(word: Token) -> bool:
    """'Companies', 'Associates': a plural noun, not a surname ('Sanders'), a known name ('Reuters') or an adverb ('Perhaps')."""
    return (
        is_plural_noun(word.lower)
        and word.lower not in gazetteer.last_names()
        and word.lower not in ADVERBS_IN_S
        and describe([word], "").entity is None
    )


def _speaker(
    cand: Candidate, resolved: dict[int, Entity | None], mentions: Mentions, relations: list[Relation], extra: list[Entity], doc_id: str, body: str
) -> Entity | None:
    if cand.shares_source_with is not None:
        return resolved.get(id(cand.shares_source_with))
    words = cand.antecedent or cand.source
    if not words:
        return None
    desc = describe(words, doc_id)
    position = words[0].start
    entity = desc.entity
    if entity is None and desc.reference is not None:
        entity = resolve(desc.reference, position, mentions, cand.contents, body)
        if entity is None and desc.reference.kind == "nominal" and words[0].lower == "the":
            unnamed = _unnamed_holder(words, desc.reference.text, body, mentions, doc_id)
            entity = unnamed.entity
            relations.extend(unnamed.relations)
            extra.extend(unnamed.others)
    elif entity is not None:
        entity = canonical(entity, mentions.before(position))
        relations.extend(desc.relations)
        extra.extend(desc.others)
    if entity is not None and cand.role:
        entity, found, bodies = _with_role(entity, cand, doc_id, mentions)
        relations.extend(found)
        extra.extend(bodies)
    if entity is None and desc.reference is not None and desc.reference.kind == "surname":
        entity = Entity(f"person/{gazetteer.slug(desc.reference.text)}", desc.reference.text, EntityType.PERSON)
    if entity is None and desc.reference is None and cand.explicit:
        # "according to Senate filings": the text names a source we have no class for; keep it as written
        name = " ".join(t.text for t in words)
        entity = Entity(f"group/{gazetteer.slug(doc_id)}/{gazetteer.slug(name)}", name, EntityType.GROUP)
    if entity is not None:
        mentions.add(Mention(words[0].start, words[-1].end, entity, desc.plural))
    return entity


# How far from a person's name (in characters) a role word ties the name to the role:
# "Sergei Lavrov, Russia's foreign minister", "Mayor Bill de Blasio".
_ROLE_REACH = 80
_PEOPLE = (EntityType.PERSON, EntityType.OFFICIAL)
# How far from "the candidate", "the governor" a person named may be whom the words stand for:
# as far as "he" reaches back for a person, and as far ahead for a lede that names them later.
_EPITHET_REACH = 1500


def _unnamed_holder(words: list[Token], noun: str, body: str, mentions: Mentions, doc_id: str) -> Description:
    """'The minister said' where coref found no one: an unnamed official with the role. Not when
    it may be another word for a person the article names, whom coref could not tie to it: one
    named near it ("Christie said … the governor ordered"; "the head of the rules committee has
    accused …" before "Rules Committee Chairman Bruce Ash"), or one named farther back with the
    role word near the name ("Sergei Lavrov, Russia's foreign minister"). That one is no unnamed
    source: no one rather than a second entity for them."""
    stem = "spokes" if noun.startswith("spokes") else noun.split()[-1]
    own = range(words[0].start, words[-1].end)
    if any(m.entity.type in _PEOPLE for m in mentions.within(own.start - _EPITHET_REACH, own.stop + _EPITHET_REACH)):
        return Description()  # named near, before or just after (a lede's "the head of …" is named lower down)
    for m in mentions.before(own.start):  # the nearest few hundred: bounded work on any input
        if m.entity.type in _PEOPLE and not m.surname and stem in body[max(0, m.start - _ROLE_REACH) : m.end + _ROLE_REACH].lower():
            return Description()
    return unnamed_official([t.text for t in words], doc_id)


_ROLE_OPENERS = frozenset("the a an his her their its who is was".split())  # "who was chief strategist": the role


def _with_role(entity: Entity, cand: Candidate, doc_id: str, mentions: Mentions) -> tuple[Entity, list[Relation], list[Entity]]:
    """The speaker as the apposition presents it: an official with a role, spokesperson for a body."""
    owner = max((k + 1 for k, t in enumerate(cand.role) if t.text in ("’s", "'s")), default=0)  # "Clinton's spokesman": the role after the owner
    role = " ".join(t.lower for t in cand.role[owner:] if t.lower not in _ROLE_OPENERS)
    if entity.type in (EntityType.PERSON, EntityType.OFFICIAL):
        entity = replace(entity, type=EntityType.OFFICIAL if official_role(role) else EntityType.PERSON, role=role)
    if not (cand.organization and role.startswith("spokes")):
        return entity, [], []
    desc = describe(cand.organization, doc_id)
    if desc.entity is None:
        return entity, [], []
    body = canonical(desc.entity, mentions.before(cand.organization[0].start))
    return entity, [Relation(entity.key, "spokespersonFor", body.key), *desc.relations], [body, *desc.others]


_CARRIERS = (EntityType.OUTLET, EntityType.PLATFORM)


def _channel(words: list[Token], doc_id: str, mentions: Mentions) -> Entity | None:
    """Only outlets and platforms count as channels; anything else is left out. "told the
    Sun-Times": the outlet named before in full."""
    desc = describe(words, doc_id)
    entity = desc.entity
    if entity is None and desc.reference is not None and desc.reference.kind == "alias":
        entity = resolve(desc.reference, words[0].start, mentions)
    possessive = next((i for i, t in enumerate(words) if t.text in ("’s", "'s")), 0)
    if (entity is None or entity.type not in _CARRIERS) and possessive:
        return _channel(words[:possessive], doc_id, mentions)  # "CNN's State of the Union": the network, not its show
    return entity if entity is not None and entity.type in _CARRIERS else None


def _shared_source(cand: Candidate) -> list[Token]:
    """The source words of the attribution this one goes on from ("… but cited", ", confirming")."""
    while cand.shares_source_with is not None and not cand.source:
        cand = cand.shares_source_with
    return cand.source


def _source_end(body: str, cand: Candidate, words: list[Token]) -> int:
    """Where the source span ends: PolNeAR closes a name with appositions at the comma that
    ends the last one ("Jane Doe, a teacher in Allentown, said"), so that comma is taken in;
    after "according to" it leaves that comma out as often as not."""
    end = words[-1].end
    if any(t.text == "," for t in words) and not (cand.explicit and words[0].start > cand.cue.start):
        after = end
        while after < len(body) and body[after] == " ":
            after += 1
        if body[after : after + 1] == "," and not _aside_follows(body, after + 1):
            return after + 1
    return end


def _aside_follows(body: str, start: int) -> bool:
    """Whether an aside ("for example,") follows ``start``: the comma before it opens the aside."""
    text = body[start : start + _LONGEST_ASIDE].lower().lstrip()
    return any(text.startswith(aside + ",") for aside in word_set("asides"))


_LONGEST_ASIDE = 24


def _attribution(body: str, cand: Candidate, speaker: Entity | None, channels: list[Entity], mentions: Mentions) -> Attribution:
    words = cand.source or _shared_source(cand)
    sources = [Span.of(body, words[0].start, _source_end(body, cand, words))] if words else []
    inside = [m.entity for c in cand.contents for m in mentions.within(c.start, c.end)]
    return Attribution(
        cue=[cand.cue],
        sources=sources,
        contents=cand.contents,
        kind=cand.kind,
        speaker=speaker,
        channels=_unique(channels),
        hedges=details.hedges(body, cand.contents + [cand.cue]),
        figures=details.figures(body, cand.contents),
        mentions=_unique(inside),
    )


# A claim quoted in more pieces than this is a transcript, not one attribution.
MAX_CONTENT_SPANS = 12


def _continue_quotes(body: str, out: list[Attribution], quotes: list[Span], segments: list[tuple[int, int]]) -> None:
    """A quotation no cue claimed, beside an attribution whose words end in a quotation, in the same
    paragraph with no sentence between, is more of it: “…,” he said. “…”  — and  “…” “…,” he said —
    even when its sentence goes on after it: “…,” she said. “…” - an argument she repeated. So is a
    paragraph that is one quotation, after the speaker's paragraph (see `_next_paragraph`)."""
    claimed = _merged([(c.start, c.end) for a in out for c in a.contents])
    claimed_starts = [start for start, _ in claimed]
    quoted = sorted((a for a in out if _ends_quoted(a)), key=lambda a: a.contents[0].start)
    starts = [a.contents[0].start for a in quoted]
    for q in quotes:
        k = bisect_right(claimed_starts, q.start) - 1
        if k >= 0 and q.end <= claimed[k][1]:
            continue  # already said, or inside what was said: 'said hospitals were “near capacity” in three counties' 
        i = bisect_left(starts, q.start)
        before = quoted[i - 1] if i > 0 else None
        after = quoted[i] if i < len(quoted) else None
        if before is not None and len(before.contents) < MAX_CONTENT_SPANS and (
            _adjacent(body, segments, _end(before), q.start) or _next_paragraph(body, out, before, q)
        ):
            before.contents.append(q)
            target = before
        elif after is not None and len(after.contents) < MAX_CONTENT_SPANS and after.contents[0].text[:1] in "“\"'`" and _adjacent(body, segments, q.end, after.contents[0].start):
            after.contents.insert(0, q)
            target = after
        else:
            continue
        target.figures.extend(details.figures(body, [q]))
        target.hedges.extend(details.hedges(body, [q]))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _whole_turns(body: str, out: list[Attribution]) -> None:
    """A speaker label opening a paragraph ("BENENSON: …", "Q: …") holds the whole paragraph: a transcript's turn."""
    for i, a in enumerate(out):
        label = a.sources[0] if a.sources else None
        if a.cue[0].text != ":" or label is None or body.rfind("\n", 0, label.start) + 1 != label.start:
            continue
        last = a.contents[-1]
        end = body.find("\n", last.end)
        end = len(body) if end < 0 else end
        # up to the sentence before the next attribution in the paragraph, whose words are someone else's
        other = min([b.start for b in out if last.end <= b.start < end], default=None)
        if other is not None:
            stop = max(body.rfind(mark, last.start, other) for mark in (". ", "? ", "! "))
            end = stop + 1 if stop >= last.end else last.end
        while end > last.end and (body[end - 1].isspace() or body[end - 1] in ".,;:"):
            end -= 1
        if end > last.end:
            more = [Span.of(body, last.end, end)]
            out[i] = replace(
                a,
                contents=[*a.contents[:-1], Span.of(body, last.start, end)],
                figures=a.figures + details.figures(body, more),
                hedges=a.hedges + details.hedges(body, more),
            )


def _ends_quoted(a: Attribution) -> bool:
    """A direct quotation, or a mixed one whose words end in a quotation: "Golf clubs are “…,” he said.";
    not a question put to someone, after which the next quotation is the answer ("He was asked, “…?” He said, “…”")."""
    words = a.cue[0].text.lower().split()
    if "asked" in words and BE.intersection(words):
        return False
    return a.kind is Kind.DIRECT or a.kind is Kind.MIXED and a.contents[-1].text.endswith(tuple(QUOTE_MARKS))


def _end(a: Attribution) -> int:
    """Where an attribution's words end; its contents are kept in text order."""
    return max(a.cue[-1].end, a.sources[-1].end if a.sources else 0, a.contents[-1].end)


_SENTENCE_END = re.compile(r"[.!?]\s+\S")


def _next_paragraph(body: str, out: list[Attribution], before: Attribution, q: Span) -> bool:
    """“…,” he said.¶“…” — a paragraph that is one quotation, after a paragraph that ends with
    the speaker's quoted words, goes on with them."""
    end = _end(before)
    gap = body[end:q.start]
    newline = gap.find("\n")
    line_end = body.find("\n", q.end)
    # the rest of the speaker's sentence may come first ("…,” Adelson said during the interview in Macau.),
    # but no other sentence: "“…,” Trump said. Clinton disagreed.¶“…”" is not Trump's
    if newline < 0 or gap[newline:].strip() or any(m in gap for m in QUOTE_MARKS) or _SENTENCE_END.search(gap[:newline]):
        return False
    return not body[q.end : line_end if line_end >= 0 else len(body)].strip() and not any(end <= a.start < q.start for a in out)


def _adjacent(body: str, segments: list[tuple[int, int]], end: int, start: int) -> bool:
    """Nothing but white space within one paragraph, and no sentence, between ``end`` and ``start``."""
    if end > start or "\n" in body[end:start]:
        return False
    i = bisect_right(segments, (end, len(body)))  # the first segment starting after ``end``
    return i == len(segments) or segments[i][1] > start


def _entities(out: list[Attribution], mentions: Mentions, relations: list[Relation], extra: list[Entity]) -> list[Entity]:
    found: dict[str, Entity] = {}
    for e in [e for a in out for e in (a.speaker, *a.channels, *a.mentions)] + extra:
        if e is not None and (e.key not in found or _richer(e, found[e.key])):
            found[e.key] = e
    places = gazetteer.places_by_key()
    for r in relations:
        if r.object not in found and r.object in places:
            found[r.object] = gazetteer.entity(places[r.object])
    return list(found.values())


def _richer(a: Entity, b: Entity) -> bool:
    """Of two descriptions of one entity, the one that says more (an official's role and title)."""
    return (a.role is not None) + (a.title is not None) > (b.role is not None) + (b.title is not None)


def _unique(items: list) -> list:
    """Each item once, in order of first appearance (entities and relations: frozen, so hashable)."""
    return list(dict.fromkeys(items))
