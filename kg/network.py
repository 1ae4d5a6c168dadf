"""The source network: who is quoted, saying what, carried by which outlets, published by which.

Sources, claims, channels and publishers become nodes of a networkx graph, written as
GraphML for Gephi or Cytoscape; `sources` gives the same data as records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import networkx as nx

    from kg.store import Store

SOURCE_CLAIMS = """
SELECT ?source ?sourceName ?sourceClass ?c ?claim ?kind ?article ?publisher ?publisherName ?publisherClass
       ?channel ?channelName ?channelClass
WHERE {
  ?c kg:attributedTo ?source ; kg:text ?claim ; kg:quoteKind ?kind ; kg:statedIn ?doc .
  ?doc schema:identifier ?article .
  ?source rdfs:label ?sourceName ; a ?sourceClass .
  OPTIONAL { ?doc schema:publisher ?publisher . ?publisher rdfs:label ?publisherName ; a ?publisherClass }
  OPTIONAL { ?c kg:reportedBy ?channel . ?channel rdfs:label ?channelName ; a ?channelClass }
}
ORDER BY ?source ?article ?c ?channel
"""


@dataclass(slots=True)
class Channel:
    iri: str
    name: str
    type: str


@dataclass(slots=True)
class Claim:
    iri: str
    text: str
    kind: str
    article: str
    publisher: Channel | None = None  # the outlet that published the article
    channels: list[str] = field(default_factory=list)  # channel names


@dataclass(slots=True)
class Source:
    """One source with every claim credited to it and every channel that carried one."""

    iri: str
    name: str
    type: str
    claims: list[Claim] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    publishers: list[Channel] = field(default_factory=list)  # outlets whose articles hold its claims

    def as_dict(self) -> dict:
        return asdict(self)


def sources(store: "Store") -> list[Source]:
    """Every attributed source, sorted by name, with its claims and channels."""
    found: dict[str, Source] = {}
    claims: dict[tuple[str, str], Claim] = {}
    for row in store.query(SOURCE_CLAIMS).rows:
        source_iri, source_name, source_class, claim_iri, text, kind, article, *rest = (
            None if term is None else term.value for term in row
        )
        publisher_iri, publisher_name, publisher_class, channel_iri, channel_name, channel_class = rest
        source = found.setdefault(source_iri, Source(source_iri, source_name, _local(source_class)))
        publisher = None if publisher_iri is None else Channel(publisher_iri, publisher_name, _local(publisher_class))
        claim = claims.get((source_iri, claim_iri))
        if claim is None:
            claim = claims[source_iri, claim_iri] = Claim(claim_iri, text, kind, article, publisher)
            source.claims.append(claim)
        if publisher is not None and all(known.iri != publisher.iri for known in source.publishers):
            source.publishers.append(publisher)
        if channel_iri is not None:
            if channel_name not in claim.channels:
                claim.channels.append(channel_name)
            if all(known.iri != channel_iri for known in source.channels):
                source.channels.append(Channel(channel_iri, channel_name, _local(channel_class)))
    return sorted(found.values(), key=lambda source: (source.name.casefold(), source.iri))


def source_network(store: "Store") -> "nx.MultiDiGraph":
    """Sources → claims → channels and publishers, plus source → channel and source → publisher
    edges weighted by claims carried or published."""
    import networkx as nx

    graph = nx.MultiDiGraph()  # an outlet can both carry a source's words and publish them: two edges
    found = sources(store)
    for source in found:  # first, so an outlet that is also quoted stays kind="source"
        graph.add_node(source.iri, label=source.name, kind="source", type=source.type)
    for source in found:
        for claim in source.claims:
            graph.add_node(claim.iri, label=claim.text, kind="claim", type=claim.kind, article=claim.article)
            graph.add_edge(source.iri, claim.iri, key="said", relation="said")
        for channel in source.channels:
            if channel.iri not in graph or graph.nodes[channel.iri]["kind"] == "publisher":  # carrying words outranks
                graph.add_node(channel.iri, label=channel.name, kind="channel", type=channel.type)
            carried = [claim for claim in source.claims if channel.name in claim.channels]
            graph.add_edge(source.iri, channel.iri, key="carriedBy", relation="carriedBy", weight=len(carried))
            for claim in carried:
                graph.add_edge(claim.iri, channel.iri, key="reportedBy", relation="reportedBy")
        for publisher in source.publishers:
            if publisher.iri not in graph:
                graph.add_node(publisher.iri, label=publisher.name, kind="publisher", type=publisher.type)
            published = [claim for claim in source.claims if claim.publisher is not None and claim.publisher.iri == publisher.iri]
            graph.add_edge(source.iri, publisher.iri, key="publishedBy", relation="publishedBy", weight=len(published))
            for claim in published:
                graph.add_edge(claim.iri, publisher.iri, key="publishedBy", relation="publishedBy")
    return graph


def write_graphml(graph: "nx.MultiDiGraph", output: BinaryIO) -> None:
    """GraphML, readable by Gephi, Cytoscape and networkx."""
    import networkx as nx

    nx.write_graphml(graph, output, encoding="utf-8")


def _local(iri: str) -> str:
    return iri.rpartition("#")[2]
