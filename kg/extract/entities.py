"""Who a stretch of words names: an entity with a type, or a reference to resolve.

``describe`` reads one noun phrase (a source, or a capitalised run found in the
text) and says what it is from lexicons and shape alone: a title before a name
makes an official, a formation word ends a unit's name, a lower-case agent noun
heads a group. Pronouns, bare surnames and "the Post" come back as references
for ``coref`` to resolve against what the article named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from kg.extract import gazetteer
from kg.extract.lexicon import entries, table, word_set
from kg.extract.text import Token
from kg.model import Entity, EntityType, Relation

_DETERMINERS = frozenset({"the", "a", "an"})
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mr", "Mrs", "Ms", "Dr"})
_HONORIFIC_SEX = {"Mr.": "male", "Mr": "male", "Mrs.": "female", "Mrs": "female", "Ms.": "female", "Ms": "female", "Miss": "female"}
_CONNECTORS = frozenset({"of", "for", "the", "and", "&", "de", "al", "on"})
_ORG_WORDS = frozenset(entries("org_words"))


@dataclass(frozen=True, slots=True)
class Reference:
    """Words that point at an entity named elsewhere: a pronoun, a surname, a short outlet name."""

    kind: str  # "pronoun", "surname", "alias", "nominal", "body", "partial"
    text: str
    number: str = "any"  # "sg", "pl", "any"
    person: bool = False
    sex: str | None = None  # "male" for "Mr. Bush", "female" for "Mrs. Clinton"
    qualifiers: tuple[str, ...] = ()  # for a nominal, the capitalised words before the role: "Florida" in "the Florida senator"


@dataclass(slots=True)
class Description:
    entity: Entity | None = None
    reference: Reference | None = None
    relations: list[Relation] = field(default_factory=list)
    plural: bool = False
    others: list[Entity] = field(default_factory=list)  # entities the relations point at
    common: bool = False  # a plural noun outside the agent lexicon ("donors"): a speaker only for speech verbs


@cache
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles as word tuples indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in entries("titles"):
        words = tuple(title.split())  # as the tokenizer cuts them: "Sen." and "Lt. Gen." keep their dots
        index.setdefault(words[0].lower(), []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@cache
def _role_nouns() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Role nouns as lower-case word tuples indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for role in entries("role_nouns"):
        words = tuple(role.lower().split())
        index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _owned_by_place(owned: Description, owner: list[str]) -> Description:
    """'Russia's Defense Ministry' is the Russian one, not Ukraine's: a body that a place owns takes
    the place in its name and key ("Russian Defense Ministry", as an article may also write it), with
    its country. Anything else is what it is without the owner ("Fox's Chris Wallace")."""
    entity = owned.entity
    hit = gazetteer.lookup(owner)
    if entity is None or entity.type is not EntityType.ORGANIZATION or hit is None or hit[0] != len(owner):
        return owned
    place = hit[1]
    country = gazetteer.countries().get(place.country or "")
    if place.type is not EntityType.REGION or place.demonym or country is None:
        return owned
    by = _country_adjective().get(place.country, place.name) if place.key == country.key else place.name
    name = f"{by} {entity.name}"
    national = Entity(f"org/{gazetteer.slug(name)}", name, EntityType.ORGANIZATION)
    land = Entity(country.key, country.name, country.type, identifiers=country.identifiers)
    return Description(national, relations=[Relation(national.key, "country", land.key)], others=[land])


@cache
def _country_adjective() -> dict[str, str]:
    """ISO code -> the first demonym listed for it, to write "Ukraine's X" as "Ukrainian X"."""
    out: dict[str, str] = {}
    for line in entries("demonyms"):
        demonym, code = line.split("\t")
        out.setdefault(code.strip(), demonym.strip())
    return out


def _match_title(words: list[str], i: int) -> int:
    """Length of the title at ``words[i]``: capitalised as written, or in any case at the phrase's
    start or after lower-case words only ("former secretary of state Hillary Clinton")."""
    for title in _titles().get(words[i].lower(), ()):
        n = len(title)
        got = tuple(words[i : i + n])
        if got == title or (all(w.islower() for w in words[:i]) and tuple(w.lower() for w in got) == tuple(t.lower() for t in title)):
            return n
    return 0


def _could_be_surname(word: str) -> bool:
    """Not a party, a nationality or a role, which "a top Democrat", "a former Senator" describe."""
    lower = word.lower()
    return lower not in person_nouns() and not role_at([word], 0) and not _match_title([word], 0) and gazetteer.lookup([word]) is None


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in word_set("clause_words") and word.lower() not in _DETERMINERS


def publisher_entity(name: str) -> Entity | None:
    """The outlet an article's publisher names: the known outlet or platform ("NYT" is The New York
    Times, the node its reports cite), else an outlet by that name, whatever the name looks like."""
    name = " ".join(name.split())
    if not name:
        return None
    words = list(gazetteer.name_tokens(name))
    hit = gazetteer.lookup(words)
    if hit is not None and hit[0] == len(words) and hit[1].type in (EntityType.OUTLET, EntityType.PLATFORM):
        return Entity(hit[1].key, hit[1].name, hit[1].type, identifiers=hit[1].identifiers)
    name = name.removeprefix("The ").removeprefix("the ") or name  # named as "told the Springfield Gazette" names it
    return Entity(f"org/{gazetteer.slug(name)}", name, EntityType.OUTLET)


def describe(tokens: list[Token], doc_id: str) -> Description:
    """What a noun phrase names. An empty description means: not a source we can stand behind.

    Names recur through an article and across articles, so descriptions are cached by their
    words; callers must treat the result as read-only."""
    text = tuple([t.text for t in tokens])
    desc, per_document = _describe_anywhere(text)
    return _in_document(text, doc_id) if per_document else desc


# Only an unnamed group's key holds the document id; described with this stand-in, every
# other phrase is cached once for all articles.
_ANY_DOCUMENT = "\x00any document"
_ANY_GROUP = f"group/{gazetteer.slug(_ANY_DOCUMENT)}/"  # how the stand-in's groups' keys start


@lru_cache(maxsize=16384)
def _describe_anywhere(text: tuple[str, ...]) -> tuple[Description, bool]:
    """The description of ``text`` in any article, and whether it names a per-article group."""
    desc = _describe(text, _ANY_DOCUMENT)
    keys = [e.key for e in (desc.entity, *desc.others) if e is not None] + [k for r in desc.relations for k in (r.subject, r.object)]
    return desc, any(k.startswith(_ANY_GROUP) for k in keys)


@lru_cache(maxsize=4096)
def _in_document(text: tuple[str, ...], doc_id: str) -> Description:
    """The description of ``text`` in one article: its groups' keys hold that article's id. The
    document id goes nowhere but into those keys, so they are rewritten rather than described again."""
    desc, _ = _describe_anywhere(text)
    group = f"group/{gazetteer.slug(doc_id)}/"

    def key(k: str) -> str:
        return group + k[len(_ANY_GROUP) :] if k.startswith(_ANY_GROUP) else k

    def entity(e: Entity | None) -> Entity | None:
        return e if e is None or not e.key.startswith(_ANY_GROUP) else replace(e, key=key(e.key))

    return replace(
        desc,
        entity=entity(desc.entity),
        relations=[replace(r, subject=key(r.subject), object=key(r.object)) for r in desc.relations],
        others=[entity(e) for e in desc.others],
    )


@lru_cache(maxsize=8192)
def _describe(text: tuple[str, ...], doc_id: str) -> Description:
    words = list(text)
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if words and words[-1] == ")" and "(" in words:
        words = words[: words.index("(")]  # "Sen. Rand Paul (R-Ky.)": the name is before the parenthesis
    if not words:
        return Description()
    lower = [w.lower() for w in words]
    pronouns = table("pronouns")
    if len(words) > 1 and lower[-1] in _REFLEXIVES:
        return _describe(tuple(words[:-1]), doc_id)  # "Cruz himself", "Ford itself"
    if lower[-1] in _WEEKDAYS and all(w[:1].isupper() for w in words):
        return _describe(tuple(words[:-1]), doc_id)  # "Pence Thursday", "MSNBC Monday": a name, then when; "Friday" alone: no one
    if text[0].lower() in ("a", "an") and 2 <= len(words) <= 3 and _is_name_word(words[-1]) and _could_be_surname(words[-1]) and all(
        (w.isalpha() or "-" in w) and w.islower() and w not in _HEAD_ENDERS for w in words[:-1]
    ):
        return Description(reference=Reference("surname", words[-1], "sg", True))  # "A teary-eyed Bush", "A defensive Obama"

    if len(words) > 1 and lower[0] in SUBJECT_PRONOUNS and lower[1] != "and":
        return Description()  # "she was elated but feared the military": a clause, not a noun phrase
    if len(words) == 1 and lower[0] in pronouns:
        number, kind = pronouns[lower[0]]
        return Description(reference=Reference("pronoun", lower[0], number, kind == "person"))
    if len(words) == 2 and lower[0] in pronouns and lower[1] in word_set("document_nouns"):
        number, kind = pronouns[lower[0]]
        return Description(reference=Reference("pronoun", lower[0], number, kind == "person"))
    if len(words) >= 3 and lower[-1] in word_set("document_nouns") and words[-2] in ("’s", "'s"):
        return _describe(tuple(words[:-2]), doc_id)

    if text[0].lower() == "the" and 1 <= len(words) <= 3 and lower[-1] in table("body_nouns") and all(w.islower() for w in words):
        return Description(reference=Reference("body", lower[-1], "sg"))  # "the newspaper", "the advisory panel"
    if len(words) == 1 and lower[0] in word_set("quantifier_sources"):
        return Description(_group(words, doc_id), plural=lower[0] not in ("another", "one"))
    if words[0] in _HONORIFICS and len(words) > 1 and "and" not in lower:  # "Mr. Trump and Bill Clinton" are two
        # "Mr. Hedge": the honorific says person; the name is resolved like a surname
        rest = words[1:]
        if len(rest) == 1:
            return Description(reference=Reference("surname", rest[0], "sg", True, _HONORIFIC_SEX.get(words[0])))
        return Description(_person(rest))
    if words[-1] not in _ORG_WORDS and "and" in words and any(_names_and(words, k) for k in range(1, len(words) - 1)):
        return Description(_group(words, doc_id), plural=True)  # "Mr. Rubio and Senator Ted Cruz" (not "Bill and Hillary Clinton Foundation")
    unit = _unit(words, doc_id)
    if unit is not None:
        return unit
    official = _official(words)
    if official is not None:
        return official
    possessive = next((i for i, w in enumerate(words) if w in ("’s", "'s")), None)
    if possessive is not None and 2 <= len(words) - possessive - 1 <= 4 and all(_is_name_word(w) for w in words[possessive + 1 :]):
        return _owned_by_place(_describe(tuple(words[possessive + 1 :]), doc_id), words[:possessive])  # "Fox's Chris Wallace"
    if possessive is not None and possessive + 2 == len(words) and lower[-1] in person_nouns():
        return Description(reference=Reference("nominal", lower[-1], "sg", True))  # "Schilling's son"

    hit = gazetteer.lookup(words)
    if hit is not None and hit[1].demonym and len(words) == 1:
        if lower[0].endswith("s"):
            return Description(_group(words, doc_id), plural=True)  # "Russians now say": a people
        return Description(reference=Reference("surname", words[0], "sg", True))  # "Cuban said"
    if hit is not None and hit[0] == len(words) and not hit[1].demonym:
        known = hit[1]
        return Description(Entity(known.key, known.name, known.type, identifiers=known.identifiers))
    if len(words) == 1 and (lower[0] in gazetteer.short_aliases() or _short_outlet_name(text, lower[0])):
        return Description(reference=Reference("alias", lower[0], "sg"))  # "the Post", "the Sun-Times"

    # "Officials said" — but "Sanders said": a capitalised plural outside the lexicon is a name
    common = len(words) == 1 and (lower[0] in word_set("agent_nouns") or words[0][:1].islower() and is_plural_noun(lower[0]))
    if is_counted_share(lower):
        return Description(_group(words, doc_id), plural=True)  # "About three in 10 voters", "Two-thirds of Republicans"
    of = lower.index("of") if "of" in lower else 0
    if 2 <= of <= 4 and of + 1 < len(words) and all(_is_name_word(w) for w in words[:of]) and _starts_name(words[of + 1 + (lower[of + 1] == "the" and of + 2 < len(words))]):
        # "Meenakshi Ganguly of Human Rights Watch", "Sen. Lois Frankel of Florida": the person is before "of"
        named = _describe(tuple(words[:of]), doc_id)
        # a person by a known first name or a title: not "The Joint Chiefs of Staff", "National Academy of Sciences"
        if named.entity is not None and (named.entity.type is EntityType.OFFICIAL or named.entity.type is EntityType.PERSON and lower[0] in gazetteer.first_names()):
            return named
    if _is_particled_name(words):
        return Description(_person(words))  # "Pierre de Vos", "Federico de Jesús"
    if not common and all(_is_name_word(w) or w.lower() in _CONNECTORS or w in ("’s", "'s") for w in words) and _is_name_word(words[-1]):
        titled = _titled_name(words)
        if titled is not None:
            return titled
        if _outlet_name(words, lower):
            name = _join(words)
            return Description(Entity(f"org/{gazetteer.slug(name)}", name, EntityType.OUTLET))
        if any(w in _ORG_WORDS for w in words):
            name = " ".join(words)
            return Description(Entity(f"org/{gazetteer.slug(name)}", _join(words), EntityType.ORGANIZATION))
        if _all_places(words):
            return Description()  # "North Korean", "Russia's Kursk": places, described by the gazetteer
        if len(words) == 1:
            return Description(reference=Reference("surname", words[0], "sg", True))
        if 2 <= len(words) <= 4 and all(_is_name_word(w) for w in words):
            if lower[0] in _QUANTIFYING:  # "Some Democrats", "Another Muslim": people the article does not name
                return Description(_group(words, doc_id), plural=lower[-1].endswith("s"))
            if lower[-1] in word_set("thing_name_ends") and lower[0] not in gazetteer.first_names():
                return Description(_group(words, doc_id))  # "Islamic State", "Wall Street": no one "he" stands for
            if len(words) > 2 and lower[0] in person_nouns() and lower[1] in gazetteer.first_names():
                return Description(_person(words[1:], role=lower[0]))  # "Republican Donald Trump", "Democrat Hillary Clinton"
            return Description(_person(words))
        if "and" in lower[1:-1] and all(_is_name_word(w) or w == "and" for w in words):
            return Description(_group(words, doc_id), plural=True)  # "Jeb Bush and Chris Christie"
        return Description()

    media = next((i for i in range(len(lower) - 2, -1, -1) if lower[i] in word_set("media_nouns") and words[i][:1].islower()), None)
    if media is not None and all(_is_name_word(w) for w in words[media + 1 :]):
        name = _join(words[media + 1 :])  # "local radio station WSPF", "the newspaper Le Monde": an outlet
        return Description(Entity(f"org/{gazetteer.slug(name)}", name, EntityType.OUTLET))
    by = lower.index("by", 1) if "by" in lower[1:-1] else 0
    if by >= 2 and lower[by - 1] in word_set("made_by"):
        maker = _describe(tuple(words[by + 1 :]), doc_id)  # "a forecast published by the CDC": the CDC
        if maker.entity is not None and maker.entity.type is not EntityType.REGION:
            return maker
    tail = _trailing_name(words) or _trailing_particled_name(words)
    if tail and tail < len(words):
        # "Republican pollster Daron Shaw", "his wife Gabriela Violeta Lazar"
        role = " ".join(w for w in words[: len(words) - tail] if w[:1].islower() and w.lower() not in _DETERMINERS) or None
        person = _person(words[-tail:], role=role)
        return Description(person)
    if "and" in lower[1:-1] and all(_is_name_word(w) or w == "and" for w in words):
        return Description(_group(words, doc_id), plural=True)  # "Edward-Isaac Dovere and Gabriel Debenedetti"
    head = _head(lower)
    if lower[head] in _QUANTITIES and head + 2 < len(lower) and lower[head + 1] == "of":
        # "nearly two-thirds of Democratic primary voters": the people are after "of"
        head = head + 2 + _head(lower[head + 2 :])
    if _PERCENTAGE.fullmatch(lower[head]) and (lower[head].endswith("%") or "in" in lower):
        return Description(_group(words, doc_id), plural=True)  # "26% say", "About 4 in 10 say"
    if lower[head] in word_set("agent_nouns") or is_plural_noun(lower[head]) or lower[head] in ("percent", "%"):
        role = _role_at_end(lower[: head + 1])
        definite = text[0].lower() == "the" and len(words) <= _MAX_NOMINAL_WORDS - 1  # "The Vermont senator", "the former Florida governor"
        if role and head + 1 == len(words) and (definite or len(words) <= 2 and words[0][:1].islower() and text[0].lower() not in _INDEFINITES):
            qualifiers = tuple(w for w in words[: len(words) - role] if w[:1].isupper())
            return Description(reference=Reference("nominal", " ".join(lower[-role:]), "sg", True, qualifiers=qualifiers))
        country = _country_in(words)
        entity = _group(words, doc_id, _office(words, head) if role else None)
        relations = [Relation(entity.key, "country", country.key)] if country else []
        speaks_for, bodies = _spokesperson_for(entity, words, head, doc_id)
        common = lower[head] not in word_set("agent_nouns") and lower[head] not in ("percent", "%")
        return Description(entity, relations=relations + speaks_for, plural=lower[head].endswith("s"), common=common, others=bodies)
    if text[0].lower() in _POSSESSIVE_OPENERS and lower[head] in person_nouns() and head < _MAX_NOMINAL_WORDS:
        return Description(reference=Reference("nominal", lower[head], "sg", True))  # "his wife", "her lawyer"
    if text[0].lower() in _NOMINAL_OPENERS and lower[head] in person_nouns() and head < _MAX_NOMINAL_WORDS:
        if text[0].lower() == "the":  # "the billionaire businessman": someone the article named before
            return Description(reference=Reference("nominal", lower[head], "sg", True))
        role = _office(words, head) if role_at(lower, head) else None
        return Description(_group(words, doc_id, role))  # "a Republican strategist": someone it does not name
    if head < len(words) - 1:
        named = _describe(tuple(words[: head + 1]), doc_id)  # "Robert Antonacci of the New York delegation"
        if named.entity is not None and named.entity.type is not EntityType.REGION or named.reference is not None:
            return named
    return Description()


def _outlet_name(words: list[str], lower: list[str]) -> bool:
    """Whether a capitalised name of two words or more names a newspaper or broadcaster by how it
    ends or opens ("Springfield Gazette", "Daily Caller"): the outlets lexicon lists only the best known."""
    if len(lower) < 2 or any(w in _NOT_IN_OUTLET_NAMES for w in lower[1:-1]):
        return False  # "Fox News and NBC News" are two; "Enter The Washington Post" opens a sentence
    if lower[0] in gazetteer.first_names() and gazetteer.lookup(words[:1]) is None or _all_places(words):
        return False  # "Heath Ledger", "Emily Post": people ("Charlotte Observer": a city's); "Newport News": a city
    last = lower[-1].rsplit("-", 1)[-1]  # "Sun-Times", "Post-Dispatch"
    if last in word_set("outlet_name_ends") or " ".join(lower[-2:]) in word_set("outlet_name_ends"):
        return True
    if last in word_set("outlet_name_ends_after_places"):  # "Denver Post", "Iowa Public Radio"; not "Command Post"
        return len(words) >= 3 or _all_places(words[:-1])
    return lower[0] in word_set("outlet_name_openers")


def _short_outlet_name(text: tuple[str, ...], word: str) -> bool:
    """'the Sun-Times', 'the Gazette': an outlet's last word alone, after "the" or hyphenated
    (unlike "Ledger said", a surname), for the outlet named before in full."""
    last = word.rsplit("-", 1)[-1]
    ends = word_set("outlet_name_ends") | word_set("outlet_name_ends_after_places")
    return last in ends and (text[0].lower() == "the" or "-" in word)


_NOT_IN_OUTLET_NAMES = frozenset("and the for".split())


# before "to" besides people and documents: "close to", "ties to"; the one named after "to" is not the subject
_CLOSE_TO = frozenset("close loyal next ties counselor".split())


_PERCENTAGE = re.compile(r"\d+(?:\.\d+)?%?")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_QUANTIFYING = frozenset("another other some every each any no all both".split())


def _described_before(words: list[str], k: int) -> bool:
    """Whether the words before ``words[k]`` describe someone ("a spokesman", "Critics", "The wife")
    rather than open a capitalised name ("Department", "Council")."""
    if k == 0:
        return False
    before = words[k - 1].lower()
    return any(w[:1].islower() for w in words[:k]) or is_plural_noun(before) or before.endswith("s") and before in word_set("agent_nouns")


def _names_and(words: list[str], k: int) -> bool:
    """'and' between a name and the title, honorific or given name that opens another: "Mr. Rubio
    and Senator Ted Cruz", "Donald Trump and Sen. Ted Cruz" are two (but "former Gov. and
    Democratic National Committee Chairman Ed Rendell" is one, and "Centers for Disease Control and
    Prevention" a body)."""
    if words[k] != "and" or not _is_name_word(words[k - 1]) or words[k - 1] in _ORG_WORDS or _match_title(words, k - 1) or role_at(words, k - 1):
        return False
    after = words[k + 1]
    given = after[:1].isupper() and after.lower() in gazetteer.first_names() and gazetteer.lookup([after]) is None  # not "Virginia"
    return after in _HONORIFICS or bool(_match_title(words, k + 1)) or given


def _close_to(words: list[str], k: int) -> bool:
    return words[k] == "to" and k > 0 and is_close_to(words[k - 1].lower())


def is_close_to(word: str) -> bool:
    """'close', 'aides', 'a consultant', 'a memo' before "to": the one named after is someone else."""
    return word in _CLOSE_TO or word in person_nouns() or word.rstrip("s") in person_nouns() or word in word_set("document_nouns")


SUBJECT_PRONOUNS = frozenset("i he she we they it".split())
_MAX_NOMINAL_WORDS = 5
_NOMINAL_OPENERS = _DETERMINERS | {"one", "another"}  # "one former Podesta employee"
_POSSESSIVE_OPENERS = frozenset({"his", "her", "their"})


@cache
def person_nouns() -> frozenset[str]:
    """Singular nouns that head a description of one person: "businessman", "spokesman"."""
    return word_set("person_nouns") | {role.split(" of ")[0].split()[-1] for role in word_set("role_nouns")}  # "secretary of state": secretary


def _all_places(words: list[str]) -> bool:
    """Whether every word belongs to a known place ("North Korean", "Russia's Kursk"), so that
    "Mark Cuban" stays a person although "Cuban" alone is a nationality."""
    i = 0
    while i < len(words):
        if words[i].lower() in _CONNECTORS or words[i] in ("’s", "'s"):
            i += 1
            continue
        hit = gazetteer.lookup(words[i : i + gazetteer.MAX_NAME_TOKENS])
        if hit is None or hit[1].type is not EntityType.REGION:
            return False
        i += hit[0]
    return True


def _trailing_name(words: list[str]) -> int:
    """How many words at the end form a person's name (2 to 4 capitalised words), after a lower-case word."""
    n = 0
    while n < len(words) and n < 4 and _is_name_word(words[-1 - n]) and words[-1 - n] not in ("’s", "'s"):
        n += 1
    if n < 2 or n == len(words) or not words[-1 - n][:1].islower() or _all_places(words[-n:]):
        return 0
    if any(w.lower() in _HEAD_ENDERS or _close_to(words, k) for k, w in enumerate(words[:-n])):
        return 0  # "the former prosecutors for David Petraeus", "an adviser to Hillary Clinton" are not Petraeus or Clinton
    if any(w in _ORG_WORDS or w.lower() in word_set("unit_words") for w in words[-n:]):
        return 0
    return n


def _group(words: list[str], doc_id: str, role: str | None = None) -> Entity:
    """An unnamed or collective source, kept per article: two articles' "officials" are not one group."""
    name = _join(words)
    return Entity(f"group/{gazetteer.slug(doc_id)}/{gazetteer.slug(name)}", name, EntityType.GROUP, role=role)


def unnamed_official(words: list[str], doc_id: str) -> Description:
    """'The minister', 'the prime minister': one person the article does not name, as an unnamed
    source with the role the words give, the country its words name and the body a spokesperson
    speaks for; empty unless a role noun heads them. What follows the
    head stays in the name only as a qualifier ("spokesman for the ministry"), and a document
    after a possessive goes ("the secretary of state's website" is the secretary's)."""
    words = [w for w in words if w.lower() not in _DETERMINERS]
    lower = [w.lower() for w in words]
    if len(words) >= 3 and lower[-1] in word_set("document_nouns") and words[-2] in _POSSESSIVES:
        words, lower = words[:-2], lower[:-2]
    head = _head(lower) if words else 0
    end = _office_end(lower, head) if words else 0
    if not end:
        return Description()
    if end < len(words) and lower[end] not in _QUALIFYING:
        words = words[:end]  # "the inspector general released a report": the verb is no part of the name
    entity = _group(words, doc_id, _office(words, head))
    country = _country_in(words)
    speaks_for, bodies = _spokesperson_for(entity, words, head, doc_id)
    relations = [Relation(entity.key, "country", country.key)] if country else []
    return Description(entity, relations=relations + speaks_for, others=bodies)


_QUALIFYING = frozenset("of for at in from with on to".split())


def _office_end(lower: list[str], head: int) -> int:
    """Where the role noun that ends at or spans the head ends ("secretary of state" over the
    head "secretary"); 0 when no role noun does."""
    for start in range(head, max(-1, head - 3), -1):
        n = role_at(lower, start)
        if n and start + n > head:
            return start + n
    return 0


# "a senior official", "one shipping executive": someone new, never someone named before
_INDEFINITES = frozenset("a an one another".split())
_POSSESSIVES = ("’s", "'s")


def _office(words: list[str], head: int) -> str:
    """The role a description of someone unnamed gives, up to its head noun: "senior official"
    in "a senior official for the ministry", "chief executive" in "the company's chief executive",
    "president" in "the French president" (whose country is a relation)."""
    start = max((k + 1 for k, w in enumerate(words[:head]) if w in _POSSESSIVES), default=0)
    kept = [w.lower() for w in _role_words(words[start : max(head + 1, _office_end([w.lower() for w in words], head))])]
    while kept and kept[0] in _INDEFINITES | _DETERMINERS:
        kept.pop(0)
    return " ".join(kept)


def _spokesperson_for(entity: Entity, words: list[str], head: int, doc_id: str) -> tuple[list[Relation], list[Entity]]:
    """'a spokesman for the Pentagon': the unnamed spokesperson speaks for the body named after
    "for". Only a body: a person's short name ("Obama") would need the article to resolve it."""
    if not (entity.role or "").split(" ")[-1].startswith("spokes") or head + 2 >= len(words) or words[head + 1].lower() != "for":
        return [], []
    body = _describe(tuple(words[head + 2 :]), doc_id).entity
    if body is None or body.type not in (EntityType.ORGANIZATION, EntityType.OUTLET, EntityType.UNIT):
        return [], []
    return [Relation(entity.key, "spokespersonFor", body.key)], [body]


_QUANTITIES = frozenset("half two-thirds third thirds quarter majority majorities minority plurality most many some all none number share dozens hundreds thousands millions".split())
_HEAD_ENDERS = frozenset(
    "of for to at in from with on who that familiar close like involved released published issued filed "
    "itself himself herself themselves".split()
)
_REFLEXIVES = frozenset("itself himself herself themselves".split())


_APPROXIMATORS = frozenset("about almost nearly roughly some around over under just only barely fully more less fewer than".split())
_SHARES = frozenset("half third quarter two-thirds three-quarters one-third".split())
_IN_EVERY = frozenset("10 ten five four three".split())


def is_counted_share(lower: list[str]) -> bool:
    """A share of those polled: "six in 10", "more than half of voters", "72 percent of Democrats"."""
    i = 0
    while i < len(lower) and lower[i] in _APPROXIMATORS:
        i += 1
    if i + 2 < len(lower) and lower[i + 1] == "in" and lower[i + 2] in _IN_EVERY:
        return lower[i] in word_set("number_words") or lower[i].isdigit()  # "six in 10 (voters)"
    if i + 2 < len(lower) and lower[i + 1] == "of" and lower[i] in _QUANTITIES | _SHARES:
        return True  # "two-thirds of Republicans"; "a majority of" is described further down
    return i < len(lower) and lower[i:] in (["half"], ["a", "third"], ["a", "quarter"], ["two-thirds"], ["three-quarters"])  # "Nearly half"


def _head(lower: list[str]) -> int:
    """The head noun of a common noun phrase: the word before its first preposition.

    'advocates for stem cell research' → advocates; 'a source familiar with the talks' → source.
    """
    for i, word in enumerate(lower[1:], start=1):
        if word in _HEAD_ENDERS:
            return i - 1
    return len(lower) - 1


def is_plural_noun(word: str) -> bool:
    """A lower-case plural such as 'donors' or 'voters' — people, in the subject of a cue."""
    return len(word) > 3 and word.isalpha() and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics", "ings")) and word.islower()


def _titled_name(words: list[str]) -> Description | None:
    """'Palm Beach County Supervisor of Elections Susan Bucher', 'Chicago Alderman Jason C. Ervin':
    a name opened by a known given name, after at least two capitalised words of a title, none
    of them a given name ("George Herbert Walker Bush" is one name)."""
    for n in (3, 2):
        head = words[:-n]
        if any(w in _HEAD_ENDERS and _described_before(head, k) for k, w in enumerate(head)):
            return None  # "Supporters of Senator Bernie Sanders": the senator is not the subject
        if len(head) >= 2 and head[-1] not in ("’s", "'s") and head[-1].lower() not in _CONNECTORS and words[-n].lower() in gazetteer.first_names():
            if all(_is_name_word(w) for w in words[-n:]) and not _all_places(head) and not any(w.lower() in gazetteer.first_names() or w.lower() in word_set("time_words") for w in head):
                return Description(_person(words[-n:], role=_title_role(head)))
    return None


def _title_role(head: list[str]) -> str | None:
    """The role the capitalised words before a name give: none when they end in a plural
    ("New York Yankees Derek Jeter", "Fox News Sean Hannity": a team or a body, not a title;
    but "Supervisor of Elections", "Undersecretary for Political Affairs"), and only what
    follows a possessive ("Breitbart News’ Washington Political Editor")."""
    if is_plural_noun(head[-1].lower()) and not any(w.lower() in _CONNECTORS for w in head):
        return None
    owner = max((k for k, w in enumerate(head) if w in ("’s", "'s")), default=-1)
    return _join(head[owner + 1 :])


_NAME_PARTICLES = frozenset("de van von der den ter da di del della dos das du le la bin".split())


def _is_particled_name(words: list[str]) -> bool:
    """A name with a lower-case particle inside: a known given name, particles, then a surname."""
    return (
        3 <= len(words) <= 5
        and words[1] in _NAME_PARTICLES
        and words[0].lower() in gazetteer.first_names()
        and _is_name_word(words[0])
        and _is_name_word(words[-1])
        and all(w in _NAME_PARTICLES or _is_name_word(w) for w in words[1:-1])
    )


def _trailing_particled_name(words: list[str]) -> int:
    """How many words at the end form a name with a particle ("Pieter de Vries" in "Union leader
    Pieter de Vries"), after a lower-case role noun that says it is someone's: 0 if none."""
    for n in range(3, 6):
        name, before = words[-n:], words[-n - 1] if n < len(words) else ""
        if (before.lower() in person_nouns() and name[1] in _NAME_PARTICLES and _is_name_word(name[0])
                and _is_name_word(name[-1]) and all(w in _NAME_PARTICLES or _is_name_word(w) for w in name[1:-1])):
            return n
    return 0


def _join(words: list[str]) -> str:
    out = ""
    for w in words:
        if out and w not in ("’s", "'s", ",", ".") and not out.endswith(("-",)):
            out += " "
        out += w
    return out


def _person(words: list[str], title: str | None = None, role: str | None = None) -> Entity:
    name = _join(words)
    type_ = EntityType.OFFICIAL if title or role and official_role(role) else EntityType.PERSON
    return Entity(f"person/{gazetteer.slug(name)}", name, type_, role=role, title=title)


def official_role(role: str) -> bool:
    """Whether a role makes its bearer an official: not "local resident" or "commuter" (lay_roles)."""
    words = role.split()
    return not words or words[-1].lower() not in word_set("lay_roles")


def _official(words: list[str]) -> Description | None:
    """'Ukrainian military chief General Oleksandr Syrsky', 'Spokeswoman Haley Morris', 'Sen. Ted Cruz'."""
    titled = [i for i in range(len(words)) if _match_title(words, i)]
    for i in titled or range(len(words)):
        n = _match_title(words, i)
        role_n = 0 if n else role_at(words, i)
        if not n and not role_n:
            continue
        # Tested only where a title or role is: what it finds before one word it finds before any later one.
        if any(w in _HEAD_ENDERS and _described_before(words, k) or _close_to(words, k) for k, w in enumerate(words[:i])):
            break  # "Supporters of former president Bill Clinton": the official is not the subject (unlike "Department of Homeland Security Secretary …")
        rest = words[i + (n or role_n) :]
        if "of" in rest and rest.index("of") >= 1 and _all_places(rest[rest.index("of") + 1 :]):
            rest = rest[: rest.index("of")]  # "Senator John Cornyn of Texas"
        if rest and len(rest) <= 4 and all(_is_name_word(w) for w in rest) and gazetteer.lookup(rest) is None:
            before = [w for w in words[:i] if w.lower() not in _DETERMINERS]
            country = _country_in(words[:i])
            role_words = _role_words(before)
            title = _join(words[i : i + n]) if n else None
            if n:  # "Governor X", "Gov. X": the office the title names, after the words before ("White House Press Secretary X");
                # "military chief General X": a rank names no office, the words before do
                office = full_title(title).split()
                office = office if _is_office(office) else []
                role = " ".join(office) if not role_words else " ".join(role_words + office).lower()
                role = role or None
            else:  # "Fire chief Maria Gomez", "Cruz spokeswoman Catherine Frazier": the words before and the role noun
                role = " ".join(role_words + words[i : i + role_n]).lower()
            entity = _person(rest, title, role)
            relations = [Relation(entity.key, "country", country.key)] if country else []
            return Description(entity, relations=relations)
    return None


def full_title(title: str) -> str:
    """'Sen.' → 'Senator': a title written short, in full."""
    return table("title_abbreviations").get(title.lower(), (title,))[0]


def _is_office(title: list[str]) -> bool:
    """Whether a title names an office ("Governor", "Secretary of State", "Attorney General"),
    not only a rank ("General", "Lt. Col."): it holds a role noun, and a word beyond the ranks."""
    lower = [w.lower() for w in title]
    return any(role_at(lower, k) for k in range(len(lower))) and not all(w in word_set("ranks") for w in lower)


_NOT_ROLE = frozenset("who is was".split())  # "who is President": a clause, not the role


def _role_words(words: list[str]) -> list[str]:
    """The words before a title or role noun that belong to the role: not the places ("New Jersey
    Gov.", "Ukrainian military chief"), which the country relation carries, nor what comes before
    an "and"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = gazetteer.lookup(words[i : i + gazetteer.MAX_NAME_TOKENS])
        if hit is not None and hit[1].type is EntityType.REGION:
            i += hit[0]
            continue
        if words[i].lower() == "and" or words[i] == ",":
            out = []  # "Christie and Ohio Gov. John Kasich": Christie is someone else
        elif words[i].lower() not in _NOT_ROLE:
            out.append(words[i])
        i += 1
    return out


def role_at(words: list[str], i: int) -> int:
    """Length of the role noun at ``words[i]`` ("press secretary" → 2); 0 if none."""
    for role in _role_nouns().get(words[i].lower(), ()):
        if tuple(w.lower() for w in words[i : i + len(role)]) == role:
            return len(role)
    return 0


def _role_at_end(lower: list[str]) -> int:
    for n in (3, 2, 1):
        if len(lower) >= n and role_at(lower, len(lower) - n) == n:
            return n
    return 0


def _country_in(words: list[str]):
    for i in range(len(words)):
        hit = gazetteer.lookup(words[i : i + gazetteer.MAX_NAME_TOKENS])
        if hit is not None and hit[1].country and hit[1].type == EntityType.REGION:
            return gazetteer.countries().get(hit[1].country)
    return None


def _unit(words: list[str], doc_id: str) -> Description | None:
    """A named formation, and the formation it belongs to: '8th Regiment of Ukraine's Special Operations Forces'."""
    unit_words = word_set("unit_words")
    spans: list[tuple[int, int]] = []
    for head, word in enumerate(words):
        if word.lower() in unit_words and word[:1].isupper() and head > 0 and _starts_name(words[head - 1]):
            start = head
            while start > 0 and _starts_name(words[start - 1]):
                start -= 1
            spans.append((start, head + 1))
    if not spans or spans[-1][1] < len(words) and words[spans[-1][1]] in ("’s", "'s"):
        return None  # "Democracy Corps’ Stan Greenberg": the formation owns what the phrase names
    units = [_unit_entity(words, start, stop) for start, stop in spans]
    relations = [rel for _, rel in units if rel is not None]
    entities = [entity for entity, _ in units]
    if len(entities) > 1:
        # "8th Regiment" is only one formation within its parent: the parent is part of its identity
        inner, outer = entities[0], entities[1]
        entities[0] = Entity(f"org/{gazetteer.slug(inner.name + ' ' + outer.name)}", inner.name, EntityType.UNIT)
        relations = [Relation(entities[0].key if r.subject == inner.key else r.subject, r.predicate, r.object) for r in relations]
        relations += [Relation(a.key, "partOf", b.key) for a, b in zip(entities, entities[1:])]
    # "Soldiers of the 8th Regiment", "Special Operations Forces": a plural head makes a "they"
    plural = any(w.endswith("s") and w[:1].isupper() for w in (words[0], words[spans[0][1] - 1]))
    return Description(entities[0], relations=relations, plural=plural, others=entities[1:])


def _starts_name(word: str) -> bool:
    return _is_name_word(word) or word[:1].isdigit()


def _unit_entity(words: list[str], start: int, stop: int) -> tuple[Entity, Relation | None]:
    """The unit's entity, its country written as an adjective ("Ukraine's X" → "Ukrainian X")."""
    name_words = words[start:stop]
    code = None
    hit = gazetteer.lookup(name_words)
    if hit is not None and hit[1].type == EntityType.REGION and hit[0] < len(name_words):
        code = hit[1].country
        name_words = [_country_adjective().get(code, name_words[0]), *name_words[hit[0] :]]
    elif start >= 2 and words[start - 1] in ("’s", "'s"):
        hit = gazetteer.lookup([words[start - 2]])
        if hit is not None and hit[1].type == EntityType.REGION and not hit[1].demonym:
            code = hit[1].country
            name_words = [_country_adjective().get(code, words[start - 2]), *name_words]
    entity = Entity(f"org/{gazetteer.slug(' '.join(name_words))}", _join(name_words), EntityType.UNIT)
    country = gazetteer.countries().get(code) if code else None
    return entity, Relation(entity.key, "country", country.key) if country else None
