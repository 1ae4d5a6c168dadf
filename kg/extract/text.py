"""Tokens and sentences as character spans over the untouched article body.

Regex-only on purpose: the extractor has to run at hundreds of KB/s on one core
and ship without model files, so there is no tagger here — later stages work
from lexicons and the shape of the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.extract.lexicon import word_set

# Words, numbers with separators, and single punctuation marks. Apostrophes stay
# inside words ("Ukraine's", "O’Malley"), abbreviations keep their dots ("U.S.").
@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """Words, numbers with separators, and single punctuation marks.

    Apostrophes stay inside names ("O’Malley") but a possessive 's is its own token;
    abbreviations from the lexicon ("Mr.", "Pa.") and initialisms ("U.S.") keep their dots.
    """
    abbreviations = "|".join(re.escape(a[:-1]) for a in sorted(_abbreviations(), key=len, reverse=True) if a.endswith("."))
    return re.compile(
        r"(?:[A-Z]\.){2,}(?:-(?:[A-Z]\.){2,})?"  # U.S. / U.N. / A.F.L.-C.I.O.
        rf"|(?=[A-Za-z]{{1,5}}\.[\s,;:])(?i:{abbreviations})\.(?=[\s,;:])"  # the lookahead keeps this cheap
        r"|[RDI]-[A-Z][a-z]{1,4}\.(?=[\s,;:)])"  # party and state: "R-Fla."
        r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: "James A. Baker"
        r"|\d+(?:st|nd|rd|th)\b"  # ordinals: "8th Regiment"
        r"|\d+(?:[.,]\d+)*(?:%|(?:-[A-Za-z]\w*)+)?"  # 3.5%, 31-year-old, 50-state
        r"|\w+(?:[’'](?!s\b)\w+|-\w+)*"
        r"|'(?=''(?!'))"  # three apostrophes: the inner quotation's mark, then the outer one's
        r"|''|``"  # doubled apostrophes and backticks used as quotation marks
        r"|[’']s\b"
        r"|\.\.\.|…"
        r"|\S"
    )


OPENING_MARKS = frozenset({"“", "„", "‟", "``"})
CLOSING_MARKS = frozenset({"”"})
EITHER_MARKS = frozenset({'"', "''"})
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS | EITHER_MARKS


class Token(NamedTuple):
    """A token's place in the body and its text (a tuple: millions are made per corpus)."""

    start: int
    end: int
    text: str
    lower: str

    @classmethod
    def of(cls, text: str) -> "Token":
        """A token for words already cut from the text, where offsets do not matter."""
        return cls(0, 0, text, text.lower())

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()


# Token(...) runs NamedTuple's generated __new__, a Python call per token; tokenize makes
# millions, so it builds them as tuple.__new__ does underneath.
_new_tuple = tuple.__new__


def tokenize(body: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(body) if end is None else end
    # split() returns the white space before each token and the token, alternately, as plain
    # strings: a Match object per token cost as much as the matching. Offsets are summed lengths.
    # (The pattern looks at nothing before a match, so cutting the text at ``start`` is safe.)
    text = body[start:end]
    parts = iter(_token_splitter().split(text))
    tokens = []
    position = start
    for space, word in zip(parts, parts):
        first = position + len(space)
        position = first + len(word)
        tokens.append(_new_tuple(Token, (first, position, word, word.lower())))
    if "'" in text or "’" in text:
        _plural_possessives(body, tokens)
    return tokens


_APOSTROPHES = frozenset({"'", "’"})
_SINGLE_MARKS = _APOSTROPHES | {"‘"}


def _plural_possessives(body: str, tokens: list[Token]) -> None:
    """A plural's possessive apostrophe ("Fox News' Chris Wallace", "Europeans’ hostility") is
    written as the possessive "'s" token, so that later stages read both alike; an apostrophe that
    closes a single quotation ("‘Queers’ Who", " 'Hours' is") stays as it is."""
    quoted = False  # a single quotation is open
    for i in [i for i, t in enumerate(tokens) if t.text in _SINGLE_MARKS]:  # nothing else changes anything
        t = tokens[i]
        if t.text == "‘":
            quoted = True
        if t.text not in _APOSTROPHES:
            continue
        before = body[t.start - 1] if t.start > 0 else " "
        after = body[t.end] if t.end < len(body) else " "
        if before.isspace() and after.isalnum():
            quoted = True  # an opening mark: " 'Hours"
        elif i > 0 and tokens[i - 1].end == t.start and after.isspace():
            if not quoted and tokens[i - 1].lower.endswith("s") and tokens[i - 1].is_word:
                tokens[i] = t._replace(text=t.text + "s", lower=t.text + "s")
            quoted = False


# The commonest token: a plain word before a space or a comma. Tried first, it spares the
# alternatives before the word one; none of them can match there (each needs a dot, a hyphen or a
# digit right after a letter), and the word alternative would take the same letters.
_PLAIN_WORD = r"[A-Za-z]++(?=[\s,;:!?)”\"])"


@lru_cache(maxsize=1)
def _token_splitter() -> re.Pattern[str]:
    """The token pattern as a capturing group for ``split``. Every token starts with a non-space, so
    the look-ahead changes no match; it turns white space away at one test instead of at each of
    the pattern's alternatives in turn. With the plain-word shortcut, splitting takes half the time."""
    return re.compile(rf"(?=\S)({_PLAIN_WORD}|{_token_pattern().pattern})")


# A sentence ends at . ! ? (possibly followed by closing quotes or brackets),
# before white space and something that can open a sentence.
# A run of end marks is matched once from its first mark (the look-behind) and never
# re-tried (possessive ++, *+): a million dots are read in one pass. The leading look-ahead
# changes no match; it passes over every other character at one test.
_SENTENCE_END = re.compile(r"(?=[.!?…\n])(?:(?<![.!?…])[.!?…]++(?:[”\"’')\]])*+(?=\s+[“\"‘'`(\[]*[A-Z0-9])|\n+)")
_LONGEST_ABBREVIATION = 12
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return word_set("abbreviations")


def _is_abbreviation(body: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial, not a sentence."""
    i = dot
    while i > 0 and dot - i < _LONGEST_ABBREVIATION and (body[i - 1].isalpha() or body[i - 1] == "."):
        i -= 1
    word = body[i : dot + 1]
    if len(word) == 2 and word[0].isupper():  # an initial: "John F. Kennedy"
        return True
    return word.lower() in _abbreviations() or _INITIALISM.fullmatch(word) is not None and len(word) <= 4


def _is_versus(body: str, dot: int) -> bool:
    """'Jones vs. Her Majesty’s Government': a case name goes on after "vs."."""
    return body[max(0, dot - 3) : dot + 1].lower() in (" vs.", "vs.") or body[max(0, dot - 2) : dot + 1].lower() == " v."


def _opens_sentence(body: str, position: int) -> bool:
    """Whether the word after ``position`` can only open a sentence ("U.S. He says")."""
    match = _NEXT_WORD.match(body, position)
    return match is not None and match.group(1).lower() in word_set("sentence_openers")


_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]*)\b")


def sentences(body: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding white space; newlines always end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(body):
        mark = m.group()
        if mark == ".":  # a lone full stop may close an abbreviation instead
            if _is_abbreviation(body, m.start()) and not (_opens_sentence(body, m.end()) and not _is_versus(body, m.start())):
                continue
        cut = m.start() if mark[0] == "\n" else m.end()
        _append_trimmed(body, start, cut, spans)
        start = m.end()
    _append_trimmed(body, start, len(body), spans)
    return spans


def _append_trimmed(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of text between newlines."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", body):
        _append_trimmed(body, m.start(), m.end(), spans)
    return spans
