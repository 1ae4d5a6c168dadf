"""Which graphs an update can change (kg.touched), so that the summary counts only those again."""

from __future__ import annotations

import pytest

from kg.touched import touched_graphs
from kg.vocab import PREFIXES

G = "https://w3id.org/kg-news/id/graph/"


@pytest.mark.parametrize(("update", "graphs"), [
    (f'INSERT DATA {{ GRAPH <{G}a> {{ <x:s> <x:p> 1 }} }}', [f"<{G}a>"]),
    (f'DELETE DATA {{ GRAPH <{G}a> {{ <x:s> <x:p> 1 }} GRAPH <{G}b> {{ <x:s> <x:p> 1 }} <x:s> <x:p> 2 }}',
     ["DEFAULT", f"<{G}a>", f"<{G}b>"]),
    ('INSERT DATA { <x:s> rdfs:label "x" }', ["DEFAULT"]),
    (f'DELETE WHERE {{ GRAPH <{G}a> {{ ?c kg:cue ?cue }} }}', [f"<{G}a>"]),
    (f'WITH <{G}a> DELETE {{ ?c kg:cue ?cue }} INSERT {{ GRAPH <{G}b> {{ ?c kg:cue "x" }} }} WHERE {{ ?c kg:cue ?cue }}',
     [f"<{G}a>", f"<{G}b>"]),
    ('INSERT { ?c kg:cue "x" } WHERE { GRAPH ?g { ?c kg:cue ?cue } }', ["DEFAULT"]),  # ?g is only read
    (f'DROP GRAPH <{G}a> ; CLEAR DEFAULT ; CREATE GRAPH <{G}b>', ["DEFAULT", f"<{G}a>", f"<{G}b>"]),
    (f'MOVE <{G}a> TO <{G}b> ; COPY DEFAULT TO <{G}c> ; ADD <{G}d> TO DEFAULT',
     ["DEFAULT", f"<{G}a>", f"<{G}b>", f"<{G}c>", f"<{G}d>"]),
    (f'LOAD <https://example.org/x.ttl> INTO GRAPH <{G}a>', [f"<{G}a>"]),
    ('CLEAR GRAPH id:graph\\/a', [f"<{G}a>"]),  # an escaped prefixed name, as the store reads it
    ('INSERT { GRAPH ?g { ?c kg:cue "x" } } WHERE { GRAPH ?g { ?c kg:cue ?cue } }', None),  # anywhere
    ('DELETE WHERE { GRAPH ?g { ?c kg:cue ?cue } }', None),
    ("CLEAR ALL", None), ("DROP NAMED", None),
    (f'INSERT DATA {{ GRAPH <{G}a> {{ <x:s> <x:p> 1 }} }} ; CLEAR ALL', None),
    ("INSERT DATA { GRAPH <relative> { <x:s> <x:p> 1 } }", None),
    ("INSERT DATA { nonsense", None),
])
def test_the_graphs_an_update_writes_to(update, graphs):
    found = touched_graphs(update, PREFIXES)
    assert (None if found is None else sorted(str(graph) for graph in found)) == (graphs and sorted(graphs))
