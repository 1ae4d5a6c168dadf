"""Hostile texts: runs of quote marks, capitals, commas and cues that would expose a
quadratic step or catastrophic backtracking. The test suite builds each at a megabyte
under a hang guard; ``kg bench --hostile`` times extraction at two sizes to show the
cost grows linearly."""

from __future__ import annotations

# name -> (the unit repeated, a prefix written once before the repetitions)
UNITS: dict[str, tuple[str, str]] = {
    "straight quote marks": ('"', ""),
    "curly quote marks": ("“", ""),
    "capitals": ("A", ""),
    "commas": (",", ""),
    "no spaces": ("abcdefghij", ""),
    "one giant sentence": ("the minister said that ", ""),
    "an unclosed quote": ("and he said so ", '"'),
    "nested quote marks": ('“a "b “c ', ""),
    "dots": (".", ""),
    "capitalised words": ("Abc ", ""),
    "capitalised names and commas": ("Smith, Jones, ", ""),
    "initials": ("A. ", ""),
    "said chain": ('He said "x" ', ""),
    "titles, names and cues": ('Mr. Smith of the U.S. Army said "', ""),
    "according to": ("according to ", ""),
    "quote then cue": ('"Yes," he said. ', ""),
}


def text(name: str, size: int) -> str:
    """The hostile text ``name``, ``size`` characters long (to within one unit)."""
    unit, prefix = UNITS[name]
    return prefix + unit * ((size - len(prefix)) // len(unit))
