"""The kg vocabulary: namespaces, and the terms read from ``kg/data/kg.ttl``.

The Turtle file is the single source of truth; code looks terms up in it
rather than repeating them, so adding an identifier scheme is a data change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

VOCAB_IRI = "https://w3id.org/kg-news/vocab"
KG = Namespace(VOCAB_IRI + "#")
ID = Namespace("https://w3id.org/kg-news/id/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

PREFIXES = {
    "kg": str(KG),
    "id": str(ID),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": str(OWL),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True, slots=True)
class IdentifierScheme:
    """How ``Entity.identifiers`` of one scheme are written as triples."""

    property: URIRef
    iri_template: str | None


def turtle() -> str:
    """The vocabulary as Turtle text."""
    return files("kg").joinpath("data/kg.ttl").read_text(encoding="utf-8")


@cache
def vocabulary() -> Graph:
    """The vocabulary as a graph (parsed once per process)."""
    return Graph().parse(data=turtle(), format="turtle")


@cache
def identifier_schemes() -> dict[str, IdentifierScheme]:
    """Scheme name (as in ``Entity.identifiers``) → property and optional IRI template."""
    graph = vocabulary()
    return {
        str(scheme): IdentifierScheme(prop, _optional_str(graph.value(prop, KG.iriTemplate)))
        for prop, scheme in graph.subject_objects(KG.identifierScheme)
    }


@cache
def relation_properties() -> frozenset[str]:
    """Local names usable as ``Relation.predicate``: object properties between agents."""
    graph = vocabulary()
    return frozenset(
        str(term).removeprefix(str(KG))
        for term in graph.subjects(RDF.type, OWL.ObjectProperty)
        if str(term).startswith(str(KG)) and (term, RDFS.domain, KG.Claim) not in graph
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
