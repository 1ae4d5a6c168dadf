"""Where a cue's content lies, and the small measures of token runs the shapes share."""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.cues import _single_verbs, match_phrase
from kg.extract.lexicon import word_set
from kg.extract.text import QUOTE_MARKS, Token
from kg.model import Kind, Span

_ADJUNCT_WINDOW = 14  # how far past the cue "in a statement … that" may reach
BOUNDARY = frozenset(",;:()[]—–-…") | QUOTE_MARKS
ADJUNCT_PREPOSITIONS = frozenset("at in on during after before from via through".split())
SUBORDINATORS = frozenset("when while as after before because although though since if whereas".split())


def after_adjunct(tokens: list[Token], start: int) -> int | None:
    """Where the content begins after an adjunct: at 'that' or at a quotation after a comma or colon."""
    for i in range(start, min(len(tokens), start + _ADJUNCT_WINDOW)):
        t = tokens[i]
        if t.lower == "that":
            return i
        if t.text in QUOTE_MARKS and i > start and tokens[i - 1].text in (",", ":"):
            return i
        if t.text in ".;!?":
            return None
    return None


def quote_after(body: str, end: int, quotes: list[Span]) -> Span | None:
    """The quotation that follows ``end`` with only white space between."""
    i = bisect_left([q.start for q in quotes], end)
    if i < len(quotes) and body[end : quotes[i].start].isspace():
        return quotes[i]
    return None


def opens_with_subordinator(tokens: list[Token], i: int) -> bool:
    """Whether the clause holding ``tokens[i]`` opens with 'when', 'while', 'if' and the like."""
    while i > 0 and tokens[i - 1].text not in BOUNDARY:
        i -= 1
        if tokens[i].lower in SUBORDINATORS:
            return True
    return False


def clause_from(tokens: list[Token], start: int) -> list[Token]:
    """Tokens from ``start`` to the end of the clause carrying the content."""
    end = start
    while end < len(tokens):
        t = tokens[end]
        if t.text == "," and end + 1 < len(tokens):
            after = end + 1
            while after + 1 < len(tokens) and tokens[after].text in QUOTE_MARKS:
                after += 1  # “…,” telling reporters: the comma sits inside the closing mark
            if _ends_at(tokens, after):
                end = after  # the closing marks stay with the content
                break
        if t.lower in ("but", "and") and end > start and _opens_reported_clause(tokens, end + 1) and not _both_before(tokens, start, end):
            break
        end += 1
    return trimmed(tokens[start:end])


def _ends_at(tokens: list[Token], i: int) -> bool:
    """Whether what follows a comma at ``tokens[i]`` opens something other than more content."""
    if match_phrase(tokens, i, "channel_phrases") or match_phrase(tokens, i, "cue_phrases"):
        return True
    nxt = tokens[i]
    if is_cue_word(nxt.lower) and nxt.lower not in word_set("noun_forms") and not (i >= 2 and tokens[i - 2].lower in _ONE_WORD_ASIDES):
        return True  # ", adding …", "…, a Republican who has refused to endorse him, said …"; not "she, too, wants …"
    if _is_speaker_tail(tokens, i):
        return True  # "…, up from 90 last year, the Sun-Times reported.": that is another cue's content
    return nxt.lower in word_set("content_enders")  # "…, referring to his daughter": the speaker's aside


def _both_before(tokens: list[Token], start: int, end: int) -> bool:
    """'both he and Rubio promised …': "and" joins two subjects of one verb, opening no clause."""
    return any(t.lower == "both" for t in tokens[max(start, end - 3) : end])


_ONE_WORD_ASIDES = frozenset("too though however also instead again".split())
_MAX_NAME_BEFORE_CUE = 4
_MAX_TAIL = 8


def _is_speaker_tail(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i:]`` is only a speaker and a cue ending the sentence: "the Sun-Times reported last week."."""
    rest = [t for t in tokens[i:] if t.text not in ".!?"]
    if not 2 <= len(rest) <= _MAX_TAIL or rest[0].text in QUOTE_MARKS:
        return False
    cue = next((k for k in range(1, len(rest)) if is_cue_word(rest[k].lower)), None)
    time_words = word_set("time_words")
    return cue is not None and all(t.lower in time_words for t in rest[cue + 1 :])


def _opens_reported_clause(tokens: list[Token], i: int) -> bool:
    """Whether a cue verb follows at ``i``, alone or after a name or pronoun: "… and said",
    "… for a photo and Clinton said": the content before "and" ends there."""
    j = i
    if j < len(tokens) and tokens[j].lower in ("he", "she", "they", "we", "i"):
        j += 1
    else:
        while j < len(tokens) and j - i < _MAX_NAME_BEFORE_CUE and tokens[j].is_capitalized and tokens[j].is_word:
            j += 1
    if j < len(tokens) and is_cue_word(tokens[j].lower) and not (j == i and tokens[j].lower in word_set("noun_forms")):
        return True  # but not "preparing models and plans to …": a noun form right after "and" is a noun
    # "… but officials said", "… and other GOP leaders said": a group named by common nouns
    j = i
    while j < len(tokens) and j - i < _MAX_NAME_BEFORE_CUE and tokens[j].is_word and not is_cue_word(tokens[j].lower):
        j += 1
    return i < j < len(tokens) and is_cue_word(tokens[j].lower) and _is_plural_group(tokens[i:j])


ADVERBS_IN_S = frozenset("sometimes always perhaps thanks besides afterwards towards nonetheless nevertheless regardless".split())


def _is_plural_group(words: list[Token]) -> bool:
    """'officials', 'other GOP leaders': people named by a plural noun ("the procedure sometimes" is none)."""
    from kg.extract.entities import describe

    if words[-1].lower in ADVERBS_IN_S:
        return False
    desc = describe(words, "")
    return desc.entity is not None and desc.plural


def is_cue_word(word: str) -> bool:
    return word in _single_verbs()


def rest_is_empty(tokens: list[Token], start: int) -> bool:
    """Whether the clause ends at ``start`` (a semicolon ends it too), but for a channel phrase."""
    end = next((i for i in range(start, len(tokens)) if tokens[i].text == ";"), len(tokens))
    rest = [t for t in tokens[start:end] if t.text not in ".!?"]
    return not rest or tokens[start].text == "," and bool(match_phrase(tokens, start + 1, "channel_phrases"))


def trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].text in ".,;:!?" and tokens[-1].text not in QUOTE_MARKS:
        tokens = tokens[:-1]
    while tokens and tokens[0].text in ",;:":
        tokens = tokens[1:]
    return tokens


def word_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.text[0].isalnum())  # t.is_word, inlined: a property call per token cost as much


def span_of(body: str, tokens: list[Token]) -> Span:
    return Span.of(body, tokens[0].start, tokens[-1].end)


def kind_of(body: str, tokens: list[Token]) -> Kind:
    marks = [t for t in tokens if t.text in QUOTE_MARKS]
    if not marks:
        return Kind.INDIRECT
    if tokens[0].text in QUOTE_MARKS and tokens[-1].text in QUOTE_MARKS and len(marks) == 2:
        return Kind.DIRECT
    return Kind.MIXED
