"""The parts of a claim worth querying on their own: its hedging and the figures it states."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.lexicon import entries
from kg.model import Span

_QUALIFIER = r"(?:(?:about|approximately|around|nearly|almost|roughly|some|over|under|more than|less than|fewer than|at least|at most|up to|only|between)\s+)?"
_UNIT = r"(?:\s+(?:percent|per cent|%|[a-z]+s\b|week|day|month|year|hour|km|kilometers|miles|people|troops|soldiers))?"


@cache
def _hedge_pattern() -> re.Pattern[str]:
    words = sorted(entries("hedges"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@cache
def _figure_pattern() -> re.Pattern[str]:
    words = sorted(entries("number_words"), key=len, reverse=True)
    number = r"(?:\$?\d[\d,]*(?:\.\d+)?%?(?:\s+(?:million|billion|thousand))?|(?:" + "|".join(re.escape(w) for w in words) + r"))"
    return re.compile(r"\b" + _QUALIFIER + number + r"(?:th|st|nd|rd)?\b" + _UNIT, re.IGNORECASE)


def hedges(body: str, spans: list[Span]) -> list[Span]:
    return [Span.of(body, m.start(), m.end()) for s in spans for m in _hedge_pattern().finditer(body, s.start, s.end)]


def figures(body: str, spans: list[Span]) -> list[Span]:
    out = []
    for s in spans:
        for m in _figure_pattern().finditer(body, s.start, s.end):
            if not re.fullmatch(r"(?i)one", m.group()):  # "one" alone is rarely a figure ("one of them")
                out.append(Span.of(body, m.start(), m.end()))
    return out
