"""Lexicons and gazetteers: plain-text data files shipped in ``kg/data/lexicon``.

One entry a line; ``#`` starts a comment. Keeping them as data lets a user read
and extend what the extractor knows without touching code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("kg.data").joinpath("lexicon", f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of a lexicon, lower-cased."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of a lexicon as written (case kept), in file order."""
    return tuple(_lines(name))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon whose lines are ``key<TAB>value<TAB>...``; keys lower-cased."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        key, *values = [part.strip() for part in line.split("\t")]
        out[key.lower()] = tuple(values)
    return out
