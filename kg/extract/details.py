"""The parts of a claim worth querying on their own: its hedging and the figures it states."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.lexicon import entries
from kg.model import Span

_QUALIFIERS = ("about", "approximately", "around", "nearly", "almost", "roughly", "some", "over", "under", "more than", "less than", "fewer than", "at least", "at most", "up to", "only", "between")
_QUALIFIER = r"(?:(?:" + "|".join(_QUALIFIERS) + r")\s+)?"
_UNIT = r"(?:\s+(?:percent|per cent|%|[a-z]+s\b|week|day|month|year|hour|km|kilometers|miles|people|troops|soldiers))?"


def _starts(first: set[str], classes: str = "") -> str:
    """A look-ahead for the characters a match can start with. Without it the engine tries every
    alternative at both ends of every word; with it, at the few words that could start one."""
    return "(?=[" + classes + "".join(sorted(re.escape(c) for c in first)) + "])"


@cache
def _hedge_pattern() -> re.Pattern[str]:
    words = sorted(entries("hedges"), key=len, reverse=True)
    return re.compile(r"\b" + _starts({w[0] for w in words}) + "(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@cache
def _figure_pattern() -> re.Pattern[str]:
    words = sorted(entries("number_words"), key=len, reverse=True)
    number = r"(?:\$?\d[\d,]*(?:\.\d+)?%?(?:\s+(?:million|billion|thousand))?|(?:" + "|".join(re.escape(w) for w in words) + r"))"
    first = _starts({w[0] for w in (*words, *_QUALIFIERS)} | {"$"}, r"\d")
    return re.compile(r"\b" + first + _QUALIFIER + number + r"(?:th|st|nd|rd)?\b" + _UNIT, re.IGNORECASE)


def hedges(body: str, spans: list[Span]) -> list[Span]:
    return [Span.of(body, m.start(), m.end()) for s in spans for m in _hedge_pattern().finditer(body, s.start, s.end)]


_ONE = re.compile(r"(?i)one")


def figures(body: str, spans: list[Span]) -> list[Span]:
    out = []
    for s in spans:
        for m in _figure_pattern().finditer(body, s.start, s.end):
            if not _ONE.fullmatch(m.group()):  # "one" alone is rarely a figure ("one of them")
                out.append(Span.of(body, m.start(), m.end()))
    return out
