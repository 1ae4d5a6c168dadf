"""claims-by-speaker, claims-by-outlet and claims-mentioning, answered from the summary's claim rows.

At a million claims those SPARQL queries find the entities a name matches at once (from the
summary's labels) but then read about a dozen index entries for each of their claims, inside the
claim's own article graph: its text, kind, article, cue, span, channels and their names. That is
2 to 6 s for the 14,000 to 33,000 claims of a common name. The summary keeps each claim's share of
that as one row (`kg.summary.claim_data`), so these functions read one row a claim instead.

Each gives the columns and rows that its SPARQL query gives, in an order that the query's ORDER BY
allows. Where the data is not as `kg` writes it, and the answer would depend on how SPARQL orders
or concatenates unusual terms (a name, article id or claim text that is not a plain string, a
span start that is not an integer, a channel name with a language), they give None, and the
SPARQL query answers. GROUP_CONCAT's channel names come in alphabetical order here, where the
engine gives them in the order it meets them.
"""

from __future__ import annotations

from itertools import product

import pyoxigraph as ox

from kg.summary import PREFIXES, XSD_STRING, Summary, _lexical, plain_string, terms

XSD_INTEGER = PREFIXES["xsd"] + "integer"


class Unusual(Exception):
    """A term that the SPARQL query would order or concatenate by rules not emulated here."""


def claims_by_speaker(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    part = plain_string(params.get("speaker"))
    if part is None:
        return None
    matched = set(summary.labelled(part))
    groups: dict[tuple, tuple[set[str], list[int]]] = {}
    try:
        for claim, data in summary.linked(matched, ["speaker"]):
            names = {name for entity, (labels, _) in data["speaker"].items() if entity in matched
                     for name in labels if _contains(name, part)}
            channels = {_plain(name) for labels in data["channel"].values() for name in labels}
            starts = [_integer(start) for start in data["start"]]
            for key in product([claim], names, data["kind"], data["cue"] or [None], data["text"], data["article"]):
                found = groups.setdefault(key, (set(), []))
                found[0].update(channels)
                found[1].extend(starts)
        rows = sorted(((name, article, min(starts, default=None), claim, kind, cue or "", text, via)
                       for (claim, name, kind, cue, text, article), (via, starts) in groups.items()),
                      key=lambda row: (_plain(row[0]), _plain(row[1]), _unbound_first(row[2]), row[3:]))
    except Unusual:
        return None
    term = _terms({text for row in rows for text in (row[0], row[1], *row[4:7]) if text})
    speaker = _given(params["speaker"])
    return ["name", "kind", "cue", "claim", "via", "article", "speaker"], [
        (term[name], term[kind], term.get(cue), term[text], ox.Literal(", ".join(sorted(via))) if via else None,
         term[article], speaker)
        for name, article, _, _, kind, cue, text, via in rows]


def claims_by_outlet(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    part = plain_string(params.get("outlet"))
    if part is None:
        return None
    matched = set(summary.labelled(part))
    found = set()
    for _, data in summary.linked(matched, ["channel", "speaker"]):
        carriers = [labels for entity, labels in data["channel"].items() if entity in matched]
        carriers += [labels for entity, (labels, carrier) in data["speaker"].items() if carrier and entity in matched]
        names = {name for labels in carriers for name in labels if _contains(name, part)}
        found.update(product(names, _speakers(data), data["kind"], data["text"], data["article"]))
    return _listing(found, ["name", "speaker", "kind", "claim", "article", "outlet"], params["outlet"])


def claims_mentioning(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    part = plain_string(params.get("entity"))
    if part is None:
        return None
    matched = set(summary.labelled(part))
    found = set()
    for _, data in summary.linked(matched, ["mention"]):
        names = {name for entity, labels in data["mention"].items() if entity in matched
                 for name in labels if _contains(name, part)}
        found.update(product(names, _speakers(data), data["kind"], data["text"], data["article"]))
    return _listing(found, ["mentioned", "speaker", "kind", "claim", "article", "entity"], params["entity"])


def _listing(found: set[tuple], columns: list[str], given: object) -> tuple[list[str], list[tuple]] | None:
    """Rows of (name, speaker, kind, text, article) with the parameter last, as a query that
    selects them DISTINCT and orders them by name, article and text."""
    try:
        rows = sorted(found, key=lambda row: (_plain(row[0]), _plain(row[4]), _plain(row[3]),
                                              _unbound_first(row[1]), row[2]))
    except Unusual:
        return None
    term = _terms({text for row in rows for text in row if text is not None})
    parameter = _given(given)
    return columns, [(*(term.get(text) for text in row), parameter) for row in rows]


def _speakers(data: dict) -> list[str | None]:
    # OPTIONAL { ?c kg:attributedTo ?source . ?source rdfs:label ?speaker }: every name, or unbound
    return sorted({name for labels, _ in data["speaker"].values() for name in labels}) or [None]


def _contains(name: str, part: str) -> bool:
    # FILTER(CONTAINS(LCASE(?name), LCASE(?part))); LCASE of an IRI or a number is an error: no match
    lexical = _lexical(name)
    return lexical is not None and part.lower() in lexical.lower()


def _plain(text: str) -> str:
    """The value of a plain string literal in N-Triples, which SPARQL orders by code point."""
    if text.startswith('"') and (text.endswith('"') or text.endswith(f'"^^<{XSD_STRING}>')):
        return _lexical(text)
    raise Unusual(text)


def _integer(text: str) -> int:
    lexical, _, datatype = text.rpartition("^^")
    try:
        if datatype == f"<{XSD_INTEGER}>":
            return int(lexical.strip('"'))
    except ValueError:
        pass
    raise Unusual(text)


def _unbound_first(value: object) -> tuple:
    # SPARQL orders an unbound value before any other
    return (0, "") if value is None else (1, value)


def _terms(texts: set[str]) -> dict[str, ox.Term]:
    texts = sorted(texts)
    return dict(zip(texts, terms(texts)))


def _given(value: object) -> object:
    return ox.Literal(value) if isinstance(value, str) else value


ANSWERS = {"claims-by-speaker": claims_by_speaker, "claims-by-outlet": claims_by_outlet,
           "claims-mentioning": claims_mentioning}
