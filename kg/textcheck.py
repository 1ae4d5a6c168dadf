"""Warnings about article text that loads but may not extract as the writer meant.

None of these stops an article from loading: the body is stored exactly as
written (offsets index it), so the most useful thing is to say where the odd
text is. Each check reports its first occurrence and how many there are, and
runs in one linear pass, so a megabyte of hostile text costs milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

LONG_SENTENCE = 10_000  # characters without . ! ? or a line break
LONG_PARAGRAPH = 100_000  # characters without a line break

# C0 and C1 controls other than tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates make text display in another order than it is
# stored ("Trojan Source"); the plain marks LRM/RLM that RTL text uses are fine.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\w+")
_NON_ASCII_LETTER = re.compile(r"[^\W\x00-\x7f]")
_SENTENCE = re.compile(r"[^.!?…。！？؟।\n]+")
_LINE = re.compile(r"[^\n]+")
# A paragraph's end, with the quote mark that opens the next paragraph if any (group 1),
# or a quote mark within a paragraph (group 2).
_QUOTE = re.compile(r'\n\s*(["“„‟]|``)?|(["“”„‟]|``|\'\')')
_OPENING, _CLOSING = frozenset({"“", "„", "‟", "``"}), frozenset({"”"})
# Scripts whose letters look alike: a word mixing them is usually a spoofed or mis-typed name.
_CONFUSABLE = frozenset({"LATIN", "CYRILLIC", "GREEK"})


@dataclass(frozen=True, slots=True)
class Finding:
    offset: int  # where in the body the first occurrence is
    message: str


def check_text(body: str) -> list[Finding]:
    """Every warning for one article body, in the order of the checks below."""
    return [finding for check in CHECKS if (finding := check(body)) is not None]


def _summarize(hits: Iterator[tuple[int, str]], describe: Callable[[str], str], what: str) -> Finding | None:
    """One finding for a check: its first hit, described, and how many more there are."""
    first = next(hits, None)
    if first is None:
        return None
    more = sum(1 for _ in hits)
    suffix = f" (and {more:,} more)" if more else ""
    return Finding(first[0], f"{describe(first[1])}{suffix}: {what}")


def _matches(pattern: re.Pattern[str], body: str) -> Iterator[tuple[int, str]]:
    return ((m.start(), m.group()) for m in pattern.finditer(body))


def control_characters(body: str) -> Finding | None:
    return _summarize(_matches(_CONTROL, body), lambda ch: f"control character U+{ord(ch):04X}", "not text; kept as written")


def bidi_controls(body: str) -> Finding | None:
    return _summarize(
        _matches(_BIDI, body),
        lambda ch: f"bidirectional control U+{ord(ch):04X} ({unicodedata.name(ch)})",
        "the text displays in a different order than it is stored",
    )


def mixed_script_words(body: str) -> Finding | None:
    if _NON_ASCII_LETTER.search(body) is None:
        return None  # only ASCII words, as in most English copy: no word-by-word pass needed
    hits = ((m.start(), m.group()) for m in _WORD.finditer(body) if not m.group().isascii() and len(_scripts(m.group())) > 1)
    return _summarize(
        hits,
        lambda word: f"word {word[:40]!r} mixes {' and '.join(_scripts(word))} letters",
        "look-alike letters keep a name from matching its other mentions",
    )


def unbalanced_quotes(body: str) -> Finding | None:
    """Quotation marks as the extractor pairs them: a quotation ends with its paragraph
    unless the next paragraph opens with a quote mark (the multi-paragraph convention)."""

    def hits() -> Iterator[tuple[int, str]]:
        open_at: int | None = None
        for m in _QUOTE.finditer(body):
            if m.group(1) is not None:  # a paragraph opening with a quote mark
                if open_at is None:
                    open_at = m.start(1)
            elif m.group(2) is None:  # a paragraph's end
                if open_at is not None:
                    yield open_at, "quotation mark not closed by the end of its paragraph"
                    open_at = None
            elif open_at is None:
                if m.group(2) in _CLOSING:
                    yield m.start(), "closing quotation mark with no opening one"
                else:
                    open_at = m.start()
            elif m.group(2) in _OPENING:
                yield open_at, "quotation mark not closed before the next one opens"
                open_at = m.start()
            else:
                open_at = None
        if open_at is not None:
            yield open_at, "quotation mark never closed"

    return _summarize(hits(), str, "the quotation's extent is guessed, so its claim may be cut short")


def long_sentences(body: str) -> Finding | None:
    hits = ((m.start(), m.group()) for m in _SENTENCE.finditer(body) if len(m.group()) > LONG_SENTENCE)
    return _summarize(
        hits,
        lambda text: f"a sentence of {len(text):,} characters (over {LONG_SENTENCE:,})",
        "not prose, or sentence ends are missing; claims in it may be missed",
    )


def long_paragraphs(body: str) -> Finding | None:
    hits = ((m.start(), m.group()) for m in _LINE.finditer(body) if len(m.group()) > LONG_PARAGRAPH)
    return _summarize(
        hits, lambda text: f"a paragraph of {len(text):,} characters (over {LONG_PARAGRAPH:,})", "line breaks may be missing"
    )


CHECKS: tuple[Callable[[str], Finding | None], ...] = (
    control_characters,
    bidi_controls,
    mixed_script_words,
    unbalanced_quotes,
    long_sentences,
    long_paragraphs,
)


@cache
def _script(ch: str) -> str | None:
    """The script a letter belongs to, from its Unicode name ("CYRILLIC SMALL LETTER I")."""
    return unicodedata.name(ch, "").split(" ", 1)[0] if ch.isalpha() else None


def _scripts(word: str) -> list[str]:
    """The look-alike scripts among a word's letters, as "Cyrillic", "Latin"."""
    return sorted({script.title() for ch in set(word) if (script := _script(ch)) in _CONFUSABLE})
