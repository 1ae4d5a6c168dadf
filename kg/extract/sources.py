"""Where a cue's source lies: the subject before it, the name after it, the name before an apposition.

Functions from a segment's tokens to the tokens naming the source; which of them
applies is the business of ``attribute``.
"""

from __future__ import annotations

from functools import cache

from kg.extract import gazetteer
from kg.extract.contents import BOUNDARY, SUBORDINATORS
from kg.extract.cues import is_cue_at, match_phrase
from kg.extract.entities import SUBJECT_PRONOUNS, describe, is_close_to, is_counted_share, is_plural_noun, role_at
from kg.extract.lexicon import table, word_set
from kg.extract.text import QUOTE_MARKS, Token
from kg.model import EntityType

MAX_SOURCE_TOKENS = 14
_INTRO_ADVERBS = frozenset(
    "however meanwhile still now yet also then later instead indeed separately but and so thus moreover "
    "furthermore additionally similarly likewise nonetheless nevertheless recently earlier today yesterday even".split()
)
_PREPOSITIONS = frozenset("of for at in from with on near within inside among by about".split())
_OBJECT_PRONOUNS = frozenset("me us him her them you reporters journalists".split())


def role_apposition(tokens: list[Token], comma: int) -> tuple[int, list[Token], list[Token]] | None:
    """', spokesperson for the Ukrainian Special Operations Forces,' at ``comma`` → (closing comma, role, organisation)."""
    if comma >= len(tokens) or tokens[comma].text != ",":
        return None
    end = comma + 1
    while end < len(tokens) and tokens[end].text not in BOUNDARY and tokens[end].text not in ".!?" and end - comma <= MAX_SOURCE_TOKENS:
        end += 1
    if end >= len(tokens) or tokens[end].text != ",":
        return None
    found = role_in(tokens[comma + 1 : end])
    return None if found is None else (end, *found)


def role_in(inner: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """'spokesperson for the Ukrainian Special Operations Forces' → (role, organisation): a role
    noun among the first words, and the body after "for", "of" … if any."""
    words = [t.text for t in inner]
    for i in range(min(4, len(inner))):
        n = role_at(words, i)
        if n and words[i][:1].isupper() and i + n < len(words) and words[i + n][:1].isupper():
            break  # ", President Obama's former chief of staff,": the title of someone else
        if n:
            n = _role_head(words, i, n)  # "chief policy aide", not "chief"
            rest = inner[i + n :]
            org = rest[1:] if rest and rest[0].lower in ("for", "of", "at", "with", "to") else []
            return inner[: i + n] if inner[0].lower not in ("the", "a", "an") else inner[1 : i + n], org
    return None


def _role_head(words: list[str], i: int, n: int) -> int:
    """How far the role that opens at ``words[i]`` reaches: to the last role noun in the run of
    lower-case words after it ("chief policy aide", "senior adviser"), else its own length."""
    end = i + n
    for j in range(i + n, min(len(words), i + n + 3)):
        if not words[j].isalpha() or not words[j].islower() or words[j] in _PREPOSITIONS:
            break
        m = role_at(words, j)
        if m:
            end = j + m
    return end - i


# --- phrase cues: "according to X" --------------------------------------------


_MAX_APPOSITION_TOKENS = 40
_MAX_NAME_TOKENS = 6


_RELATIVES = frozenset("who which whose whom that".split())
_QUANTIFIERS = frozenset("all every each most many some no none half both".split())
_PLACE_PREPOSITIONS = frozenset("of from in".split())


def named_before_apposition(tokens: list[Token], comma: int) -> tuple[int, list[Token], int] | None:
    """For 'NAME, <apposition>, CUE' with the last comma at ``comma``: the first comma, NAME,
    and where the source starts.

    The apposition may hold several commas ("Cecelia Purner, 67, a retired teacher in
    Allentown, Pa., said"), but no quotation and no other cue outside a relative clause
    ("Gov. John Kasich, a Republican who has refused to endorse Mr. Trump, said"). NAME must
    name someone, or be named by the apposition: "The finance minister, Lou Jiwei, said".
    """
    k = comma - 1
    blocked = False  # a cue seen since the last relative pronoun
    while k > 0 and comma - k <= _MAX_APPOSITION_TOKENS:
        t = tokens[k]
        if t.text in QUOTE_MARKS or t.text in ".;:!?" and not _initial_dot(tokens, k):
            return None
        blocked = (blocked or is_cue_at(tokens, k)) and t.lower not in _RELATIVES
        if t.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower in ("and", "but", "or", "then"):
            return None  # ", and took a heckler in stride, saying": a clause, no apposition
        if t.text == "," and not blocked:
            name = subject_before(tokens, k)
            if name and is_cue_at(tokens, tokens.index(name[0])):
                name = name[1:]  # "“…,” said Tommy Vietor, a former spokesman, recalling …": the name is after the cue
            start = tokens.index(name[0]) if name else 0
            if start > 0 and tokens[start - 1].lower in _PLACE_PREPOSITIONS:
                k -= 1
                continue  # "Cory James, 22, of Flint, Mich., said": a place in the apposition
            appositive = _name_between(tokens, k, comma) or _first_name_between(tokens, k, comma, name) if name else []
            # "The finance minister, Lou Jiwei, said"; not "Giovanni Maria Vian, editor of the paper, L'Osservatore Romano, said"
            # not "Eisenhower and his future secretary of State, John Foster Dulles, criticized": both did
            named_after = bool(appositive) and not any(t.lower == "and" for t in name) and not (start > 0 and tokens[start - 1].text == "," and _names_before(tokens, start - 1))
            if named_after and only_describes(name):
                return k, appositive, start  # "Her chief policy aide, Jake Sullivan, said", "Clinton’s rival, Bernie Sanders, said": the name, not the role
            if name and start > 0 and tokens[start - 1].text == "," and only_describes(name) and _names_before(tokens, start - 1):
                k -= 1
                continue  # "Greg Raiff, chief executive of Private Jet Services, an aviation firm, said": the name is further back
            if name and name[0].text not in ("a", "an", "the") and names_someone(name):
                return k, name, start  # "a retired teacher" after a comma is an apposition, not the name
            if name and name[0].lower in ("a", "an") and _place_between(tokens, k, comma) and describe(name, "").entity is not None:
                return k, name, start  # "a woman in Worcester, Massachusetts, told": the comma sets off a state
            if name and tokens[k + 1].lower in ("who", "which") and describe(name, "").entity is not None:
                return k, name, start  # "A hospital administrator, who asked not to be named, said": the clause describes the source
            if named_after:
                return k, appositive, start
        k -= 1
    return None


_POSSESSIVE_OPENERS = frozenset("his her their its our my".split())


def _names_before(tokens: list[Token], comma: int) -> bool:
    """Whether the subject before ``comma`` opens its clause and names someone rather than describes
    them: "Giovanni Maria Vian, editor of the paper," but not "many of them skeptical of Mr. Trump,
    the campaign chief," nor "In addition to Mr. Regalado, two members of Congress,"."""
    words = subject_before(tokens, comma)
    if not words:
        return False
    start = tokens.index(words[0])
    opens = start == 0 or tokens[start - 1].text in BOUNDARY or tokens[start - 1].text in ".!?"
    return opens and names_someone(words) and not only_describes(words)


def only_describes(words: list[Token]) -> bool:
    """Whether a subject describes someone without naming them: 'The FBI agent', 'Her chief aide',
    "Clinton’s rival" (a group or a role, not a person's or a body's name)."""
    if words[0].lower in _POSSESSIVE_OPENERS or words[0].lower in ("a", "an", "the"):
        return True
    desc = describe(words, "")
    return desc.entity is None and (desc.reference is None or desc.reference.kind == "nominal") or desc.entity is not None and desc.entity.type is EntityType.GROUP


def _first_name_between(tokens: list[Token], comma: int, last: int, role: list[Token]) -> list[Token]:
    """'Grant' in "Schilling's son, Grant, said": one name after a person described by a role."""
    if last != comma + 2 or not tokens[comma + 1].is_capitalized or not tokens[comma + 1].is_word:
        return []
    reference = describe(role, "").reference if role else None
    return tokens[comma + 1 : last] if reference is not None and reference.kind == "nominal" and reference.person else []


def _place_between(tokens: list[Token], comma: int, last: int) -> bool:
    """Whether the words from ``comma`` to the next comma name a place only: ", Massachusetts,"."""
    end = next((i for i in range(comma + 1, last + 1) if tokens[i].text == ","), last)
    words = tokens[comma + 1 : end]
    desc = describe(words, "") if words and all(t.is_capitalized or t.text == "." for t in words) else None
    return desc is not None and desc.entity is not None and desc.entity.type is EntityType.REGION


def _initial_dot(tokens: list[Token], k: int) -> bool:
    """Whether the "." at ``tokens[k]`` closes an initial written without spaces ("R-S.C.", "D.C."), no sentence."""
    prev = tokens[k - 1] if k > 0 else None
    if tokens[k].text != "." or prev is None or prev.end != tokens[k].start:
        return False
    return prev.text[-1].isupper() and (len(prev.text) == 1 or not prev.text[-2].isalpha())


def _name_between(tokens: list[Token], comma: int, last: int) -> list[Token]:
    """The person's name filling the apposition from ``comma`` up to the next comma, if that is all it holds."""
    end = comma + 1
    while end < last and tokens[end].text != ",":
        end += 1
    return _person_name(tokens[comma + 1 : end])


def appositive_name(tokens: list[Token], phrase: list[Token]) -> list[Token]:
    """The person's name set after a role by a comma, closing the sentence or clause:
    'John J. Ferriola' in "said the company's chief executive, John J. Ferriola."."""
    if not phrase:
        return []
    comma = tokens.index(phrase[-1]) + 1
    if comma >= len(tokens) or tokens[comma].text != ",":
        return []
    end = comma + 1
    while end < len(tokens) and tokens[end].text not in ",!?;:" and (tokens[end].text != "." or _initial_dot(tokens, end)):
        end += 1
    return _person_name(tokens[comma + 1 : end])


def _person_name(words: list[Token]) -> list[Token]:
    """``words`` if they are, all of them, a person's name ("John J. Ferriola"); else nothing."""
    if not 2 <= len(words) <= _MAX_NAME_TOKENS or not all(t.is_capitalized or t.text == "." for t in words):
        return []
    entity = describe(words, "").entity
    return words if entity is not None and entity.type in (EntityType.PERSON, EntityType.OFFICIAL) else []


def named_after_cue(tokens: list[Token], phrase: list[Token]) -> tuple[list[Token], list[Token]]:
    """The source after a cue and the words that name the speaker: "said Dan Gerstein, director of
    Gotham Ghostwriters" → (all of it, Dan Gerstein); "said the company's chief executive, John J.
    Ferriola" → (all of it, John J. Ferriola)."""
    name = appositive_name(tokens, phrase)
    if name:
        return tokens[tokens.index(phrase[0]) : tokens.index(name[-1]) + 1], name
    return with_apposition(tokens, phrase), phrase


def without_aside(words: list[Token]) -> list[Token]:
    """'Hunter, meanwhile' → 'Hunter': an aside after the last comma is no part of the source."""
    last = max((i for i, t in enumerate(words) if t.text == ","), default=None)
    if last is not None and last + 1 < len(words) and match_phrase(words, last + 1, "asides") == len(words) - last - 1:
        return words[:last]
    return words


def names_someone(words: list[Token]) -> bool:
    desc = describe(words, "")
    if desc.entity is not None:
        return desc.entity.type is not EntityType.REGION
    return desc.reference is not None and desc.reference.kind in ("surname", "alias")


def clause_subject(tokens: list[Token], k: int) -> list[Token]:
    """The name or pronoun opening the clause that ends at ``k``: 'Rubio' in 'when Rubio thanked Miami and'."""
    i = k
    while i > 0 and tokens[i - 1].text not in BOUNDARY and tokens[i - 1].lower not in SUBORDINATORS:
        i -= 1
    if i == 0:
        return []
    if tokens[i].lower in _COORDINATORS and i + 1 < k:
        i += 1  # "…, but Wallace brought him back to it, asking Trump …": the clause opens after "but"
    if tokens[i].lower in ("he", "she", "they"):
        return tokens[i : i + 1]
    name = name_after(tokens, i)
    if not name or name[0].lower == "the" or not tokens[i + len(name)].text[:1].islower():
        return []
    head = tokens[i + len(name)].lower
    return [] if head in word_set("agent_nouns") or is_plural_noun(head) else name  # not "Trump" in "but Trump supporters booed"


_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _is_time_word(token: Token) -> bool:
    return token.lower in word_set("time_words") or token.lower in _MONTHS or token.lower in ("in", "since") or token.text.isdigit()


_COORDINATORS = frozenset("but and yet so".split())
_APPOSITION_OPENERS = frozenset("a an the one another who which whose".split())
_MAX_APPOSITIONS = 2


def with_apposition(tokens: list[Token], name: list[Token], closed: bool = False) -> list[Token]:
    """The name with the appositions that follow it, as PolNeAR marks a source:
    'Jillian Chase, 27, a Tinder user in New York' — the name alone is what gets resolved.
    ``closed``: each apposition must end in a comma, as before the content in "according to X, a …, <content>"."""
    if not name:
        return name
    end = tokens.index(name[-1]) + 1
    for _ in range(_MAX_APPOSITIONS):
        if end >= len(tokens) or tokens[end].text != ",":
            break
        stop = end + 1
        while stop < len(tokens) and tokens[stop].text not in BOUNDARY and tokens[stop].text not in ".!?" and stop - end <= _MAX_APPOSITION_TOKENS:
            stop += 1
        chunk = tokens[end + 1 : stop]
        opener = chunk[0] if chunk else None
        if opener is None or any(is_cue_at(tokens, k) for k in range(end + 1, stop)) or stop - end > _MAX_APPOSITION_TOKENS:
            break
        if closed and (stop >= len(tokens) or tokens[stop].text != ","):
            break
        if not (opener.lower in _APPOSITION_OPENERS or opener.text[:1].isdigit() or _opens_with_role(chunk) or opener.text.endswith(("’s", "'s")) or (len(chunk) > 1 and chunk[1].text in ("’s", "'s"))):
            break
        end = stop
    return tokens[tokens.index(name[0]) : end]


def _opens_with_role(chunk: list[Token]) -> bool:
    """'managing director of …', 'senior adviser to …': a role, after at most two lower-case words."""
    words = [t.text for t in chunk]
    return any(role_at(words, i) for i in range(min(3, len(words))) if all(w.islower() for w in words[:i]))


def leading_name(tokens: list[Token]) -> list[Token]:
    """The name or pronoun that opens the sentence, as the subject of a trailing participle."""
    i = 0
    comma = next((k for k, t in enumerate(tokens[:8]) if t.text == ","), None)
    if comma is not None and (tokens[0].lower in _PREPOSITIONS or tokens[0].lower in _INTRO_ADVERBS or tokens[0].lower in ("during", "after", "before", "when", "while")):
        i = comma + 1  # "In the interview, Mr. Trump …"
    while i < len(tokens) and tokens[i].lower in _INTRO_ADVERBS:
        i += 1
    if i < len(tokens) and tokens[i].lower in ("he", "she", "they"):
        return tokens[i : i + 1]
    name = name_after(tokens, i)
    if name and name[0].lower != "the":
        return name
    return _described_subject(tokens, i)


_MAX_DESCRIBED_SUBJECT = 6


def _described_subject(tokens: list[Token], i: int) -> list[Token]:
    """'The New York businessman' opening "The New York businessman has praised Putin, saying …":
    the words from ``i`` up to an auxiliary or a past-tense verb, if they describe someone."""
    if i >= len(tokens) or tokens[i].lower != "the":
        return []
    clause_words = word_set("clause_words")
    for end in range(i + 2, min(len(tokens), i + _MAX_DESCRIBED_SUBJECT)):
        word = tokens[end]
        if word.lower in clause_words or word.text.islower() and (word.lower.endswith("ed") or is_cue_at(tokens, end)):
            desc = describe(tokens[i:end], "")
            return tokens[i:end] if desc.entity is not None or desc.reference is not None else []
        if not word.is_word:
            return []
    return []


def subject_before(tokens: list[Token], first: int) -> list[Token]:
    """The noun phrase ending just before the cue, within its clause."""
    clause_words = word_set("clause_words")
    time_words = word_set("time_words")
    i = first
    adjunct = first  # where a time adjunct before the cue starts: "(D-Calif.) last week said"
    while adjunct > 0 and first - adjunct < _MAX_TIME_ADJUNCT and (tokens[adjunct - 1].lower in time_words or tokens[adjunct - 1].lower == "on"):
        adjunct -= 1
    while i > 0:
        t = tokens[i - 1]
        if t.text == ")" and i in (first, adjunct) and parenthesis_start(tokens, i - 1) > 0:
            i = parenthesis_start(tokens, i - 1)  # "Rep. Hank Johnson (D-Ga.) said": the party and state go with the name
            continue
        if t.text in BOUNDARY or t.text in ".!?":
            break
        low = t.lower
        if low == "to" and i >= 2 and is_close_to(tokens[i - 2].lower):
            i -= 1  # "Sources close to the president said", "Aides to Mr. Trump said": the president is not the speaker
            continue
        if low in clause_words and low not in _PREPOSITIONS and not name_and(tokens, i - 1) and not _comparative(tokens, i - 1) and not _joined_subject(tokens, i - 1, first):
            if low in ("who", "which", "it") and i == first:
                return [t]  # "…, who said", "it said"
            if low == "who" and any(_names_people(w) for w in tokens[max(0, i - 5) : i - 1]) and not any(is_cue_at(tokens, x) for x in range(i, first)):
                i -= 1  # "Democrats in Iowa who watched the debate said": the relative clause is part of the subject
                continue
            break
        i -= 1
        if first - i > MAX_SOURCE_TOKENS:
            return []
    chunk = tokens[i:first]
    while chunk and not is_counted_share([t.lower for t in chunk]) and (chunk[0].lower in _PREPOSITIONS or chunk[0].lower in _INTRO_ADVERBS or _is_opening_adverb(chunk)):
        chunk = chunk[1:]
    chunk, _ = channel_split(chunk)
    while len(chunk) > 1 and chunk[-1].lower in time_words and not chunk[-1].text.isupper():
        chunk = chunk[:-1]  # "House Speaker Paul Ryan on Thursday declared", "A poll this month found"
    if len(chunk) > 1 and chunk[-1].lower in SUBJECT_PRONOUNS and all(_is_time_word(t) for t in chunk[:-1]):
        return chunk[-1:]  # "In September she said", "on Tuesday night he said": a time adjunct before the pronoun
    return chunk


@cache
def evidence_nouns() -> frozenset[str]:
    """Nouns for a body of evidence ("poll", "study"), which evidence verbs ("show", "find") need as subject."""
    return frozenset(noun for nouns in table("evidence_verbs").values() for noun in nouns[0].split())


def _names_people(token: Token) -> bool:
    """A word that can head a group of people: 'Democrats', 'voters', 'officials'."""
    return token.is_capitalized and token.lower.endswith("s") or token.lower in word_set("agent_nouns") or token.lower in _PEOPLE_PRONOUNS


_PEOPLE_PRONOUNS = frozenset("those others".split())  # "27 percent of those who named a candidate said"


_JOINED_OPENERS = frozenset("his her their its other the".split())


def _joined_subject(tokens: list[Token], k: int, first: int) -> bool:
    """'and' joining two subjects of one cue: "Trump and his attorneys said", "She and her aides have argued"."""
    if tokens[k].lower != "and" or k == 0 or k + 1 >= first or tokens[k + 1].lower not in _JOINED_OPENERS:
        return False
    # what comes before "and" must be a name or a pronoun opening the clause, not "Clinton lost Michigan"
    start = k
    while start > 0 and (tokens[start - 1].is_capitalized or tokens[start - 1].text in ("’s", "'s")) and tokens[start - 1].is_word:
        start -= 1
    if start == k and tokens[k - 1].lower in ("he", "she", "they"):
        start = k - 1
    return start < k and (start == 0 or tokens[start - 1].text in BOUNDARY or tokens[start - 1].text in ".!?")


def _comparative(tokens: list[Token], k: int) -> bool:
    """'than' in "More than six in 10 said": part of the subject, not a clause of its own."""
    return tokens[k].lower == "than" and k > 0 and tokens[k - 1].lower in ("more", "less", "fewer")


def _is_opening_adverb(chunk: list[Token]) -> bool:
    """'Recently' in "Recently Trump said", but not 'Kelly' in "Kelly said" or "Carly Fiorina said"."""
    word = chunk[0]
    if len(chunk) < 2 or chunk[1].lower in _QUANTIFIERS:
        return False  # "Virtually all analysts", "Nearly every Republican": the adverb goes with the quantifier
    return word.lower.endswith("ly") and word.is_capitalized and word.lower not in gazetteer.first_names()


_MAX_PARENTHESIS_TOKENS = 8
_MAX_TIME_ADJUNCT = 3
_BOUNDARY_BUT_HYPHEN = BOUNDARY - {"-"}  # made once: parenthesis_start tests it per token


def parenthesis_start(tokens: list[Token], close: int) -> int:
    """The index of the "(" that opens a short parenthesis closing at ``close``; 0 if none."""
    for j in range(close - 1, max(-1, close - _MAX_PARENTHESIS_TOKENS), -1):
        if tokens[j].text == "(":
            return j
        if tokens[j].text in _BOUNDARY_BUT_HYPHEN or tokens[j].text in ".!?" and tokens[j + 1].start > tokens[j].end:
            break  # but "(D-N.Y.)" holds dots, and hyphens
    return 0


def name_and(tokens: list[Token], i: int) -> bool:
    """'and' joining two names or nationalities inside one noun phrase: 'Ukrainian and U.S. officials'."""
    return tokens[i].lower == "and" and 0 < i < len(tokens) - 1 and tokens[i - 1].is_capitalized and tokens[i + 1].is_capitalized


def antecedent_of(tokens: list[Token], rel: int) -> list[Token]:
    """What 'who'/'which' at ``rel`` stands for: the name or group just before the comma."""
    i = rel
    if i > 0 and tokens[i - 1].text == ",":
        i -= 1
    end = i
    agent_nouns = word_set("agent_nouns")
    while i > 0:
        t = tokens[i - 1]
        if t.is_capitalized or t.lower in agent_nouns or t.lower in ("percent", "%") or t.text in ("’s", "'s") or name_and(tokens, i - 1) or t.text[:1].isdigit():
            i -= 1
            continue
        break
    return tokens[i:end]


def np_after(tokens: list[Token], start: int) -> list[Token]:
    end = start
    while end < len(tokens) and tokens[end].text not in BOUNDARY and tokens[end].text not in ".!?":
        end += 1
        if end < len(tokens) and tokens[end].text == "(":
            close = next((k for k in range(end + 1, min(len(tokens), end + _MAX_PARENTHESIS_TOKENS)) if tokens[k].text == ")"), None)
            if close is not None and parenthesis_start(tokens, close) == end:
                end = close + 1  # "said Sen. Robert P. Casey Jr. (D-Pa.), a Clinton backer": the party and state go with the name
    chunk = channel_split(tokens[start:end])[0]
    if len(chunk) > MAX_SOURCE_TOKENS:
        # "said one owner of a shop that sells women's underwear who declined to be named": up to the first relative
        cut = next((i for i, t in enumerate(chunk) if t.lower in _RELATIVES), len(chunk))
        chunk = chunk[:cut]
    return chunk if 0 < len(chunk) <= MAX_SOURCE_TOKENS else []


def recipient_after(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """'told Reuters that …' → (Reuters, index after it)."""
    if start < len(tokens) and tokens[start].lower in _OBJECT_PRONOUNS:
        return [], start + 1
    end = start
    if end < len(tokens) and tokens[end].lower == "the":
        end += 1
    while end < len(tokens) and tokens[end].is_capitalized:
        end += 1
    if end > start and tokens[end - 1].is_capitalized:
        return tokens[start:end], end
    if end == start + 1 and end < len(tokens) and tokens[end].lower in word_set("audience_nouns"):
        return [], end + 1  # "told the court", "told the crowd": heard, but no channel
    return _outlet_described(tokens, start)


_MAX_MEDIA_DESCRIPTION = 4  # "local public radio station"


def _outlet_described(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """'told local radio station WSPF that …' → (local radio station WSPF, index after it): a few
    lower-case words ending in a media noun, then the outlet's name; without a name ("told the
    local paper that …"), no channel but the words are passed; ([], start) if not so."""
    end = start
    while end < len(tokens) and end - start <= _MAX_MEDIA_DESCRIPTION and tokens[end].text.islower() and tokens[end].is_word:
        end += 1
        if tokens[end - 1].lower in word_set("media_nouns") and not (end < len(tokens) and tokens[end].lower in word_set("media_nouns")):
            break  # "radio station": the last of the nouns
    if end == start or tokens[end - 1].lower not in word_set("media_nouns"):
        return [], start
    name = end
    while name < len(tokens) and tokens[name].is_capitalized:
        name += 1
    if name > end:
        return tokens[start:name], name
    passed = end == len(tokens) or tokens[end].lower == "that" or not tokens[end].is_word  # not "radio host Hugh Hewitt"
    return [], end if passed else start


def channel_split(chunk: list[Token]) -> tuple[list[Token], list[Token]]:
    """'Military analysts consulted by the Kyiv Independent' → (Military analysts, the Kyiv Independent)."""
    for i in range(len(chunk)):
        n = match_phrase(chunk, i, "channel_phrases")
        if n and i > 0:
            return chunk[:i], chunk[i + n :]
    return chunk, []


def name_after(tokens: list[Token], start: int) -> list[Token]:
    """The name starting at ``start``: 'the Kyiv Independent', 'Telegram', 'The New York Times'."""
    end = start
    if end < len(tokens) and tokens[end].lower == "the":
        end += 1
    while end < len(tokens) and (tokens[end].is_capitalized or tokens[end].lower in ("of", "the", "’s", "'s") and end + 1 < len(tokens) and tokens[end + 1].is_capitalized):
        end += 1
    return tokens[start:end] if end > start and tokens[end - 1].is_capitalized else []
