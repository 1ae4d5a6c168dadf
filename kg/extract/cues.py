"""Cues: the words that signal an attribution ("said", "according to", "has also noted").

Verb cues come from ``cue_verbs``; the span takes in the auxiliaries and adverbs
just before the verb ("has also said"), as PolNeAR's annotators do. Phrase cues
("according to", "as stated by") put their source after them. Channel phrases
("as reported by", "consulted by") introduce the outlet that carried the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from kg.extract.lexicon import entries, table, word_set
from kg.extract.text import Token


class CueKind(str, Enum):
    VERB = "verb"  # the source is the verb's subject, or follows an inverted verb
    SOURCE_AFTER = "source-after"  # "according to X", "as stated by X"


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    start: int  # span start, auxiliaries included
    end: int
    head: int  # index of the verb's (or phrase's first) token in the sentence's tokens
    last: int  # index of the cue's last token
    lemma: str


@cache
def _multiword_verbs() -> dict[str, list[tuple[str, ...]]]:
    """Multi-word verb forms indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for lemma, rest in table("cue_verbs").items():
        if " " not in lemma:
            continue
        head, tail = lemma.split(" ", 1)
        inflected = rest[0].split() if rest else []
        for verb in (head, *[w for w in inflected if w != tail]):
            index.setdefault(verb, []).append((verb, *tail.split()))
    for forms in index.values():
        forms.sort(key=len, reverse=True)
    return index


@cache
def _single_verbs() -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma, rest in table("cue_verbs").items():
        if " " in lemma:
            continue
        out[lemma] = lemma
        for form in rest[0].split() if rest else ():
            out[form.lower()] = lemma
    return out


_END = ""  # a trie key no token can be: a phrase ends here


@cache
def _phrase_trie(name: str) -> dict:
    """The lexicon's phrases as a trie of words: ``match_phrase`` walks it once rather than
    trying in turn every phrase that opens with the word ("as" opens more than a dozen)."""
    root: dict = {}
    for phrase in entries(name):
        node = root
        for word in _words(phrase):
            node = node.setdefault(word, {})
        node[_END] = True
    return root


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def phrase_starts(name: str) -> frozenset[str]:
    """First words of the lexicon's phrases: a cheap test before ``match_phrase`` in hot loops."""
    return _phrase_starts(name)


@cache
def _phrase_starts(name: str) -> frozenset[str]:
    return frozenset(_phrase_trie(name))


def match_phrase(tokens: list[Token], i: int, name: str) -> int:
    """Length in tokens of the longest phrase of lexicon ``name`` starting at ``tokens[i]``; 0 if none."""
    node = _phrase_trie(name)
    longest = 0
    for k in range(i, len(tokens)):
        node = node.get(tokens[k].lower)
        if node is None:
            break
        if _END in node:
            longest = k + 1 - i
    return longest


# Words after which a cue form is a noun or an adjective: "the reported deal", "in charge of",
# "Mr. Obama's push for".
_NOT_A_CUE_AFTER = frozenset({"the", "a", "an", "so", "this", "that", "his", "her", "its", "their", "our", "my", "your", "in", "of", "’s", "'s"}) | frozenset(
    "southern northern eastern western midwestern".split()  # "Most Southern states that …"
)


_PREPOSITIONS = frozenset("of for at in from with on by about into over under to".split())
_PRONOUNS = frozenset("i you he she it we they who which".split())
_OBJECT_PRONOUNS = frozenset("him her them it us me".split())  # "Jake Sullivan calls her record …": a verb
BE = frozenset("is are was were be been being am".split())


def _is_cue_here(tokens: list[Token], i: int, length: int, lemma: str) -> bool:
    """Whether the verb form at ``tokens[i]`` reports something here, from its neighbours alone."""
    prev = tokens[i - 1].lower if i > 0 else ""
    nxt = tokens[i + length].lower if i + length < len(tokens) else ""
    if prev in _NOT_A_CUE_AFTER or (i > 0 and tokens[i].is_capitalized and not _headline_speech(tokens, i, length, lemma)):
        return False  # "the reported deal", "United States", and headlines in title case
    if nxt in table("cue_blockers").get(lemma, ("",))[0].split():
        return False
    if prev in _NOUN_DETERMINERS and not tokens[i].lower.endswith(("ed", "ing", "en")) and not (length > 1):
        return False  # "another tweet", "a recent claim", "his remark": a noun
    if (("-" in prev and tokens[i - 1].text.islower()) or i >= 2 and tokens[i - 2].text in ("’s", "'s")) and (
        tokens[i].lower in word_set("noun_forms") or tokens[i].lower in word_set("document_nouns")
    ):
        return False  # "his late-night tweet", "Trump’s angry tweet": a noun
    if tokens[i].lower in _NAMING and (prev == "another" and nxt not in _OBJECT_STARTS or i >= 2 and tokens[i - 1].text.islower() and tokens[i - 2].lower in ("a", "an")):
        return False  # "a company called Cambridge Analytica": a name given, not words said
    if tokens[i].lower in _BARE_NOUNS and (_after_article(tokens, i) or prev in ("”", "''", '"')):
        return False  # "on a more conciliatory note", "the “Lock her up!” chant": a noun
    if tokens[i].lower == "asked" and prev in QUESTION_LEADS:
        return True  # "Asked by Starnes if …", "when asked about …": a question, whatever follows
    if lemma in word_set("clause_cues") and not (nxt in word_set("clause_openers") or i + length < len(tokens) and tokens[i + length].is_capitalized):
        return False  # "felt squeezed", "you know, …": no reported clause
    named_before = i > 0 and tokens[i - 1].is_capitalized and tokens[i - 1].is_word  # "Sanders calls for …"
    if tokens[i].lower in word_set("noun_forms") and prev not in _PRONOUNS and nxt not in _OBJECT_PRONOUNS and not (nxt == "that" and tokens[i - 1].is_capitalized) and not (
        named_before and tokens[i].lower in word_set("verbs_after_names")
    ):
        return False
    participle = tokens[i].lower.endswith(("ed", "en", "ld", "wn", "ten"))
    if participle and (prev in _PREPOSITIONS or (nxt == "by" and prev not in _PRONOUNS and prev not in BE and not tokens[i - 1].is_capitalized)):
        return False  # "of pledged delegates", "a biography written by …"
    if _before_adverbs(tokens, i) in BE and participle and not (nxt == "to" and tokens[i].lower in word_set("passive_cues")) and not (
        tokens[i].lower == "asked" and nxt in PASSIVE_QUESTION_NEXT
    ):
        return False  # a passive: "Clinton is assured of winning"; but "Sanders was asked whether …" is a question
    after_name = i >= 2 and tokens[i - 1].is_capitalized and tokens[i - 2].text != "("  # "with Ukrainian SOF confirming"
    if tokens[i].lower.endswith("ing") and _before_adverbs(tokens, i) not in _BEFORE_PARTICIPLE and not after_name:
        return False  # "have admitting privileges", "signs saying", "of wanting"
    return True


_NAMING = frozenset("called named dubbed".split())
_OBJECT_STARTS = frozenset("the a an his her its their this that him them it".split())  # "Another called the plan a disaster"
PLURALS_WITHOUT_S = frozenset("men women people police children staff".split())  # "The police claim …"
_BARE_NOUNS = frozenset("note chant claim remark".split())  # base forms used as nouns more than as verbs after "a …"
_MAX_ADJECTIVES = 3


def _after_article(tokens: list[Token], i: int) -> bool:
    """Whether an article or a possessive comes before ``tokens[i]`` with only singular lower-case words between."""
    j = i - 1
    while j >= 0 and i - j <= _MAX_ADJECTIVES and tokens[j].text.islower() and tokens[j].lower not in ("a", "an", "the") and not tokens[j].lower.endswith("s") and tokens[j].lower not in PLURALS_WITHOUT_S:
        j -= 1
    return j >= 0 and tokens[j].lower in ("a", "an", "the") or j >= 0 and tokens[j].text in ("’s", "'s")


_NOUN_DETERMINERS = frozenset("another these those recent new latest same subsequent previous separate follow-up brief lengthy growing".split())  # beyond _NOT_A_CUE_AFTER


def _headline_speech(tokens: list[Token], i: int, length: int, lemma: str) -> bool:
    """A speech verb between a capitalised name and capitalised words: 'Trump Says He Will Win'."""
    return (
        lemma in word_set("speech_verbs")
        and tokens[i - 1].is_capitalized
        and tokens[i - 1].is_word
        and i + length < len(tokens)
        and tokens[i + length].is_capitalized
        and not tokens[i].text.isupper()
    )


def is_cue_at(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` is a one-word verb cue here, not a noun or an adjective ("the state party")."""
    lemma = _single_verbs().get(tokens[i].lower)
    return lemma is not None and _is_cue_here(tokens, i, 1, lemma)


# after "was asked": who asked, or the question itself
PASSIVE_QUESTION_NEXT = frozenset("by if whether what how why who whom when where which about , : “ \" ''".split())
QUESTION_LEADS = frozenset({"", "when", "after", "once"})  # before "asked" opening a question: "When asked if …"

_BEFORE_PARTICIPLE = BE | {",", "and", "but", "", "“", "\"", "''", "”", "—", "–", "(", "while", "when", "after", "before", "by", "without"}


@cache
def _adverbs_not_be() -> frozenset[str]:
    return word_set("cue_adverbs") - BE


def _before_adverbs(tokens: list[Token], i: int) -> str:
    """The word before ``tokens[i]`` once adverbs like "also" are skipped."""
    adverbs = _adverbs_not_be()
    j = i - 1
    while j >= 0 and tokens[j].lower in adverbs:
        j -= 1
    return tokens[j].lower if j >= 0 else ""


def _extend(tokens: list[Token], last: int) -> int:
    """The cue's last token once "in a statement", "Sunday", "of" or a colon after the verb are taken in."""
    n = match_phrase(tokens, last + 1, "cue_extensions") if last + 1 < len(tokens) else 0
    if n and not (tokens[last + 1].lower == "of" and last + 2 < len(tokens) and tokens[last + 2].lower in ("the", "a", "an")):
        last += n
    if last + 1 < len(tokens) and tokens[last + 1].text == ":":
        last += 1  # "said:" — what follows is the content
    return last


@cache
def _cue_words() -> frozenset[str]:
    """Every word a cue can start at; most tokens are none, and ``find_cues`` skips them at once."""
    return frozenset(_single_verbs()) | frozenset(_multiword_verbs()) | _phrase_starts("cue_phrases")


def _is_ly_adverb(token: Token, not_adverbs: frozenset[str]) -> bool:
    """A lower-case "-ly" adverb, which PolNeAR keeps in the cue: "Gorka similarly warned"."""
    return token.text.islower() and len(token.text) > 4 and token.text.endswith("ly") and token.lower not in not_adverbs


def find_cues(tokens: list[Token]) -> list[Cue]:
    """Cues in one sentence's tokens, left to right, never overlapping."""
    cues: list[Cue] = []
    adverbs = word_set("cue_adverbs")
    singles = _single_verbs()
    multi = _multiword_verbs()
    i = 0
    starts = phrase_starts("cue_phrases")
    not_adverbs = word_set("ly_words")
    cue_words = _cue_words()
    for k in [k for k, t in enumerate(tokens) if t.lower in cue_words]:  # most tokens start no cue
        if k < i:
            continue  # inside the cue before
        i = k
        n = match_phrase(tokens, i, "cue_phrases") if tokens[i].lower in starts else 0
        if n:
            cues.append(Cue(CueKind.SOURCE_AFTER, tokens[i].start, tokens[i + n - 1].end, i, i + n - 1, " ".join(t.lower for t in tokens[i : i + n])))
            i += n
            continue
        word = tokens[i].lower
        lemma = singles.get(word)
        length = 1
        for form in multi.get(word, ()):
            if tuple([t.lower for t in tokens[i : i + len(form)]]) == form:
                lemma, length = " ".join(form), len(form)
                break
        if lemma is None or not _is_cue_here(tokens, i, length, lemma):
            i += 1
            continue
        first = i
        while first > 0 and (tokens[first - 1].lower in adverbs or _is_ly_adverb(tokens[first - 1], not_adverbs)):
            first -= 1
        last = _extend(tokens, i + length - 1)
        cues.append(Cue(CueKind.VERB, tokens[first].start, tokens[last].end, i, last, lemma))
        i = last + 1
    return cues
