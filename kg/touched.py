"""Which graphs a SPARQL Update can change, read from its text before it runs.

The summary (kg.summary) adds up per-graph contributions, so after an update only the graphs it
wrote to need counting again (before and after), not the whole store: at a million claims that is
a few article graphs instead of 48,000 (minutes). What an update writes is fixed by its text
wherever every graph it names is a constant: INSERT DATA and DELETE DATA, DELETE/INSERT templates
without ``GRAPH ?var``, and CLEAR, DROP, CREATE, LOAD, ADD, MOVE and COPY of one graph. Anything
else (``GRAPH ?g`` in a template, CLEAR ALL, text rdflib can't parse) may write anywhere.
"""

from __future__ import annotations

import logging
import re

import pyoxigraph as ox

Graph = ox.NamedNode | ox.DefaultGraph


def touched_graphs(sparql: str, prefixes: dict[str, str]) -> list[Graph] | None:
    """The graphs (the default graph included) that the update may change, or None when that
    can't be told from its text, so that any graph may have changed."""
    from rdflib import URIRef
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    terms = logging.getLogger("rdflib.term")
    level = terms.level
    terms.setLevel(logging.ERROR)  # rdflib warns of id:graph\/a1 "not a valid URI": it is, unescaped below
    try:
        operations = translateUpdate(parseUpdate(sparql), initNs=prefixes).algebra
    except Exception:  # rdflib's parser raises its own kinds; the store then reports what is wrong
        return None
    finally:
        terms.setLevel(level)
    found: set[object] = set()
    for operation in operations:
        if operation.name in ("InsertData", "DeleteData", "DeleteWhere"):
            names = _template(operation, None)
        elif operation.name == "Modify":
            into = _field(operation, "withClause")
            names = [*_template(_field(operation, "delete"), into), *_template(_field(operation, "insert"), into)]
        elif operation.name in ("Clear", "Drop", "Create", "Load"):
            names = [_field(operation, "graphiri") or "DEFAULT"]
        else:  # Add, Move, Copy: the source and the target
            names = list(_field(operation, "graph") or [None])
        if any(not (isinstance(name, URIRef) or name == "DEFAULT") for name in names):
            return None  # a variable, ALL or NAMED
        found.update(names)
    try:
        # rdflib keeps the backslash of an escaped prefixed name (id:graph\/a1); no IRI holds one
        return sorted((ox.DefaultGraph() if name == "DEFAULT" else ox.NamedNode(re.sub(r"\\(.)", r"\1", str(name)))
                       for name in found), key=str)
    except ValueError:  # a relative IRI, which the store will refuse
        return None


def _template(clause, default: object) -> list[object]:
    """The graphs a DATA block or template writes to: its GRAPH names, and ``default`` (the
    WITH graph, else the default graph) where it has triples outside GRAPH."""
    if clause is None:
        return []
    names = list(_field(clause, "quads") or {})
    if _field(clause, "triples"):
        names.append(default or "DEFAULT")
    return names


def _field(value: dict, key: str) -> object:
    # rdflib's CompValue.get gives the key itself for a missing key
    return dict.get(value, key)
