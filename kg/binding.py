"""Query parameters written into SPARQL text as VALUES blocks, where the engine starts from them.

Oxigraph plans a join from the patterns it can see: a value bound only at the top of a query
(or through pyoxigraph's substitutions) left who-said-what for one article reading every claim
first, a minute at a million claims instead of 4 ms. So each value also opens every group that
uses its variable. A server has nothing but the text, so there the blocks are the binding.

Each value is written as an RDF term by pyoxigraph (literals escaped, IRIs validated when the
NamedNode was made) and each name as a variable, so no parameter can end a block or change the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

Value = ox.NamedNode | ox.Literal | str

# Strings, IRIs, variables and comments can hold braces or keywords that are not the query's own;
# a keyword is a word of its own, not part of a prefixed name (kg:graph) or a language tag ("a"@graph).
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|[?$](?P<variable>\w+)"
    r"|#[^\n\r]*"
    r"|(?P<brace>[{}])"
    r"|(?P<star>\*)"
    r"|(?<![\w:@])(?P<word>[A-Za-z]+)(?![\w:])",
    re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class BindError(ValueError):
    """A parameter that cannot be bound: unknown to the query, or not an IRI or literal."""


@dataclass
class _Group:
    """A '{' and what it opens; ``closed`` holds the parameters that must not be bound inside."""

    start: int
    closed: set[str]
    variables: set[str] = field(default_factory=set)
    subquery: bool = False  # { SELECT ... }: nothing may stand beside the sub-SELECT


def bind(query: str, params: Mapping[str, Value], *, required: bool = True) -> str:
    """The query with each parameter in a VALUES block opening its WHERE clause and every group
    that uses the variable, except where binding would change the query's meaning: a MINUS
    (the variable would become shared), a sub-SELECT that does not project it (its variable
    is its own), inline data and a CONSTRUCT template.

    With ``required=False`` (the embedded store, which also binds through substitutions), a
    query without a WHERE clause (DESCRIBE ?x) is returned as it is, instead of refused.
    """
    if not params:
        return query
    names = {name: str(_variable(name)) for name in params}
    values = {name: f" VALUES {names[name]} {{ {_term(value)} }}" for name, value in params.items()}
    where, points, variables = _binding_points(query, set(params))
    unknown = sorted(set(params) - variables)
    if unknown:
        raise BindError(f"the query has no ?{unknown[0]} to bind")
    if where is None:
        if required:
            raise BindError("cannot bind parameters: the query has no WHERE clause")
        return query
    points += [(where, name) for name in params]
    for at, name in sorted(points, reverse=True):
        query = query[: at + 1] + values[name] + query[at + 1 :]
    return query


def _variable(name: str) -> ox.Variable:
    try:
        return ox.Variable(name)
    except ValueError as error:
        raise BindError(f"{name!r} is not a variable name") from error


def _term(value: Value) -> str:
    if isinstance(value, str):
        value = ox.Literal(value)
    if not isinstance(value, (ox.NamedNode, ox.Literal)):
        raise BindError(f"only IRIs and literals can be bound, not {value!r}")
    return str(value)


def _binding_points(query: str, names: set[str]) -> tuple[int | None, list[tuple[int, str]], set[str]]:
    """The offset of the '{' opening the WHERE clause (None without one); (offset, name) for each
    other group using a parameter where it may be bound; and every variable the query names."""
    form = None
    where: int | None = None
    opens: str | None = None  # what the next '{' opens: template, where, select, minus, data
    projected: set[str] | None = None  # a sub-SELECT's variables while reading its projection
    previous = ""
    open_groups: list[_Group] = []
    points: list[tuple[int, str]] = []
    variables: set[str] = set()
    for token in _TOKENS.finditer(query):
        word = (token["word"] or "").upper()
        if word in _FORMS and form is None:
            form, opens = word, "template" if word == "CONSTRUCT" else "where"
        elif word and opens == "template":
            opens = "where"  # CONSTRUCT WHERE { ... }: no template
        elif word == "SELECT":
            opens, projected = "select", set()
            if previous == "{":
                open_groups[-1].subquery = True
        elif word in ("MINUS", "VALUES"):
            opens = "minus" if word == "MINUS" else "data"
        elif token["star"] and opens == "select" and previous in ("SELECT", "DISTINCT", "REDUCED"):
            projected = None  # SELECT *: every variable of its group
        elif token["variable"]:
            variables.add(token["variable"])
            if opens == "select" and projected is not None:
                projected.add(token["variable"])
            if open_groups:
                open_groups[-1].variables.add(token["variable"])
        elif token["brace"] == "{":
            closed = set(open_groups[-1].closed) if open_groups else set()
            if opens in ("template", "minus", "data"):
                closed |= names
            elif opens == "select" and projected is not None:
                closed |= names - projected
            elif opens == "where" and where is None:
                where = token.start()
            if opens == "template":
                opens = "where"
            elif opens != "where" or where is not None:
                opens = None
            open_groups.append(_Group(token.start(), closed))
        elif token["brace"] == "}" and open_groups:
            group = open_groups.pop()
            if open_groups:
                open_groups[-1].variables |= group.variables
            if group.start != where and not group.subquery:
                points += [(group.start, name) for name in sorted(names & group.variables - group.closed)]
        previous = word or token["star"] or token["brace"] or ""
    return where, points, variables
