"""said-by, claims-by-speaker, claims-by-outlet and claims-mentioning, answered from the summary's claim rows.

At a million claims those SPARQL queries find the entities a name matches at once (from the
summary's labels) but then read about a dozen index entries for each of their claims, inside the
claim's own article graph: its text, kind, article, cue, span, channels and their names. That is
2 to 6 s for the 14,000 to 33,000 claims of a common name, and 60 to 160 ms for said-by's few
hundred. The summary keeps what they read of each claim as rows (`kg.summary.claim_rows`), found
by entity, so these functions read one row a claim instead, and add up, filter and sort them as
the queries do.

Each gives the columns and rows that its SPARQL query gives, in an order that the query's ORDER BY
allows. Where the data is not as `kg` writes it, and the answer would depend on how SPARQL orders
or concatenates unusual terms (a name, article id or claim text that is not a plain string, a
span start that is not an integer, a channel name with a language, a class that is not an IRI),
they give None, and the SPARQL query answers. (A speaker also typed kg:Document or kg:Span, which
`kg` never writes, shows without those types: the summary skips them to count faster.) GROUP_CONCAT's channel names come in alphabetical order here, where the
engine gives them in the order it meets them.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from kg.summary import (
    PREFIXES,
    XSD_STRING,
    Summary,
    lexical_form,
    plain_string,
    terms,
)

XSD_INTEGER = PREFIXES["xsd"] + "integer"


class Unusual(Exception):
    """A term that the SPARQL query would order or concatenate by rules not emulated here."""


def claims_by_speaker(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    part = plain_string(params.get("speaker"))
    if part is None:
        return None
    groups: dict[tuple, tuple[set[str], set[str]]] = {}
    for _, _, name, _, kind, cue, text, article, claim, starts, via, _, _ in summary.claim_rows(
            summary.labelled(part), ["speaker"]):
        if _contains(name, part):
            channels, least = groups.setdefault((claim, name, kind, cue, text, article), (set(), set()))
            channels.update(via.split("\n") if via else ())
            least.update(starts.split("\n") if starts else ())
    term = _terms({text for key, (via, starts) in groups.items() for text in (*key[1:], *via, *starts)})
    try:
        rows = sorted(((_plain(term[name]), _plain(term[article]), _least(term, starts), claim, kind, cue, text,
                        ", ".join(sorted(_plain(term[channel]) for channel in via)))
                       for (claim, name, kind, cue, text, article), (via, starts) in groups.items()),
                      key=lambda row: (row[0], row[1], _unbound_first(row[2]), row[3:7]))
    except Unusual:
        return None
    speaker = _given(params["speaker"])
    return ["name", "kind", "cue", "claim", "via", "article", "speaker"], [
        (ox.Literal(name), term[kind], term.get(cue), term[text], ox.Literal(via) if via else None,
         ox.Literal(article), speaker)
        for name, article, _, _, kind, cue, text, via in rows]


def said_by(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    """said-by: the claims of the speakers labelled exactly so in the claim's own graph, a row for
    each of their types there (the local name of each class), kinds, cues, texts and articles, with
    the channels' names; ordered by article and the claim's first content offset."""
    given = params.get("speaker")
    if plain_string(given) is None:
        return None  # an IRI, a number or a language-tagged name: matched by term, left to SPARQL
    label = str(_given(given))
    groups: dict[tuple, tuple[set[str], set[str]]] = {}
    for row in summary.claim_rows(summary.labelled_exactly(label), ["speaker"]):
        _, _, name, _, kind, cue, text, article, claim, starts, via, _, classes = row
        if name != label:
            continue
        try:
            locals_ = {_local_name(cls) for cls in classes.split("\n")} if classes else {None}
        except Unusual:
            return None
        for local in locals_:
            key = (claim, local, kind, cue, text, article)
            channels, least = groups.setdefault(key, (set(), set()))
            channels.update(via.split("\n") if via else ())
            least.update(starts.split("\n") if starts else ())
    term = _terms({text for key, (via, starts) in groups.items() for text in (*key[2:], *via, *starts) if text})
    try:
        rows = sorted(((_plain(term[article]), _least(term, starts), kind, cue, text, local,
                        ", ".join(sorted(_plain(term[channel]) for channel in via)))
                       for (_, local, kind, cue, text, article), (via, starts) in groups.items()),
                      key=lambda row: (row[0], _unbound_first(row[1])))
    except Unusual:
        return None
    return ["type", "kind", "cue", "claim", "via", "article", "speaker"], [
        (None if local is None else ox.Literal(local), term[kind], term.get(cue), term[text],
         ox.Literal(via) if via else None, ox.Literal(article), _given(given))
        for article, _, kind, cue, text, local, via in rows]


def _local_name(cls: str | None) -> str | None:
    """STRAFTER(STR(?class), "#"): what follows the first "#" of the class IRI, or "" when there is none."""
    if cls is None:
        return None
    if not cls.startswith("<"):
        raise Unusual(cls)  # a literal or blank node as a class
    return cls[1:-1].partition("#")[2]


def claims_by_outlet(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    # the claims it carried (as a channel), and those it made itself (as a speaker that is an outlet or platform)
    return _listing(summary, params, "outlet", ["channel", "speaker"], "name",
                    lambda link, carrier: link == "channel" or bool(carrier))


def claims_mentioning(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    return _listing(summary, params, "entity", ["mention"], "mentioned", lambda link, carrier: True)


def _listing(summary: Summary, params: dict, param: str, links: list[str], named: str,
             wanted: Callable[[str, int], bool]) -> tuple[list[str], list[tuple]] | None:
    """A query that selects (name, speaker, kind, text, article) DISTINCT for the claims linked as
    ``links`` to an entity whose name there contains the parameter, ordered by name, article and
    text: its columns (the name column called ``named``, the parameter last) and rows."""
    part = plain_string(params.get(param))
    if part is None:
        return None
    found = {(name, speaker, kind, text, article)
             for _, link, name, speaker, kind, _, text, article, _, _, _, carrier, _
             in summary.claim_rows(summary.labelled(part), links) if wanted(link, carrier) and _contains(name, part)}
    term = _terms({text for row in found for text in row if text})  # ('' is an unbound speaker)
    try:
        value = {text: _plain(term[text]) for row in found for text in (row[0], row[3], row[4])}
    except Unusual:
        return None
    rows = sorted(found, key=lambda row: (value[row[0]], value[row[4]], value[row[3]], row[1], row[2]))
    given = _given(params[param])
    return [named, "speaker", "kind", "claim", "article", param], [
        (*(term.get(text) for text in row), given) for row in rows]


def _contains(name: str, part: str) -> bool:
    # FILTER(CONTAINS(LCASE(?name), LCASE(?part))); LCASE of an IRI or a number is an error: no match
    lexical = lexical_form(name)
    return lexical is not None and part.lower() in lexical.lower()


def _plain(term: ox.Term) -> str:
    """The value of a plain string literal, which SPARQL orders by code point."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING:
        return term.value
    raise Unusual(term)


def _least(term: dict[str, ox.Term], starts: list[str]) -> int | None:
    """MIN(?start) of integer starts (None: unbound)."""
    values = [term[start] for start in starts]
    if any(not isinstance(value, ox.Literal) or value.datatype.value != XSD_INTEGER for value in values):
        raise Unusual(starts)
    try:
        return min((int(value.value) for value in values), default=None)
    except ValueError as error:  # not a valid integer
        raise Unusual(starts) from error


def _unbound_first(value: object) -> tuple:
    # SPARQL orders an unbound value before any other
    return (0, "") if value is None else (1, value)


def _terms(texts: set[str]) -> dict[str, ox.Term]:
    texts = sorted(texts)
    return dict(zip(texts, terms(texts)))


def _given(value: object) -> object:
    return ox.Literal(value) if isinstance(value, str) else value


ANSWERS = {"said-by": said_by, "claims-by-speaker": claims_by_speaker, "claims-by-outlet": claims_by_outlet,
           "claims-mentioning": claims_mentioning}
