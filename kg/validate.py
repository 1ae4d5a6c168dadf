"""Check a kg graph against the vocabulary's SHACL shapes (``kg/data/shapes.ttl``) with pySHACL.

The shapes say what a well-formed graph holds (a claim stated in one document, spans
whose start is not after their end, ISO codes that look like ISO codes), so data from
another tool, a hand edit or a ``kg update`` can be checked before it is trusted.
Each violation comes back as one readable line: the node, the property, what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import NamespaceManager
from rdflib.term import Node
from rdflib.util import guess_format

from kg.vocab import PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")
# Named-graph formats are read as a dataset and validated as the union of their graphs,
# as the store is queried.
DATASET_FORMATS = {"nquads", "trig", "json-ld"}


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str  # the node at fault, as a prefixed name where one fits
    path: str | None  # the property, when the shape is about one
    value: str | None  # the offending value, when there is one
    message: str

    def __str__(self) -> str:
        where = " ".join(part for part in (self.focus, self.path) if part)
        found = f" (found {self.value})" if self.value is not None else ""
        return f"{where}: {self.message}{found}"


@dataclass(frozen=True, slots=True)
class Report:
    triples: int
    violations: list[Violation]

    @property
    def conforms(self) -> bool:
        return not self.violations


def shapes_turtle() -> str:
    return files("kg").joinpath("data/shapes.ttl").read_text(encoding="utf-8")


@cache
def shapes() -> Graph:
    """The shapes graph (parsed once per process)."""
    return Graph().parse(data=shapes_turtle(), format="turtle")


def validate(data: Graph) -> Report:
    """Validate ``data`` (one graph: for a dataset, the union of its graphs)."""
    from pyshacl import validate as shacl

    _, results, _ = shacl(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    violations = set()
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        if (None, SH.detail, result) in results:  # why a nested sh:node failed: its parent says it
            continue
        focus, value = results.value(result, SH.focusNode), results.value(result, SH.value)
        violations.add(Violation(
            focus=_name(focus),
            path=_optional(results.value(result, SH.resultPath)),
            value=None if value is None or value == focus else _name(value),
            message=str(results.value(result, SH.resultMessage) or "does not conform"),
        ))
    return Report(len(data), sorted(violations, key=lambda v: (v.focus, v.path or "", v.message, v.value or "")))


def read_file(path: str | Path, format: str | None = None) -> Graph:
    """An RDF file as one graph; named graphs (N-Quads, TriG, JSON-LD) are merged into it."""
    path = Path(path)
    format = format or guess_format(str(path)) or "turtle"
    if format in DATASET_FORMATS:
        dataset = Dataset()
        dataset.parse(path, format=format)
        union = Graph()
        for quad in dataset.quads():
            union.add(quad[:3])
        return union
    return Graph().parse(path, format=format)


def _optional(node: Node | None) -> str | None:
    return None if node is None else _name(node)


@cache
def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    return manager


def _name(node: Node | None) -> str:
    """A prefixed name when a kg prefix fits (``id:claim/a/1-5``), literals in Turtle (``"9"^^xsd:integer``)."""
    if isinstance(node, Literal):
        return node.n3(_namespaces())
    text = node.n3()
    for prefix, namespace in PREFIXES.items():
        if text.startswith(f"<{namespace}") and text.endswith(">"):
            return f"{prefix}:{text[len(namespace) + 1 : -1]}"
    return text
