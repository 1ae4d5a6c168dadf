"""Named SPARQL queries shipped as ``.rq`` files, and running them with parameters.

Each file's leading ``#`` lines document it: the first is a one-line
description, ``# param: NAME [(optional)] — text`` lines declare parameters,
``# if empty: text`` is what to try when the answer has no rows ({NAME} stands for a
given parameter's value), and any other comment lines are notes shown in help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

import kg

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.store import Rows, Store

PARAM_LINE = re.compile(r"^param:\s*(?P<name>\w+)\s*(?P<optional>\(optional\))?\s*(?:[—–:-]+\s*(?P<text>.*))?$")
EMPTY_LINE = re.compile(r"^if empty:\s*(?P<text>.*)$")


class QueryNotFound(LookupError):
    """No named query or ``.rq`` file by that name."""


class ParameterError(ValueError):
    """A parameter is missing, unknown, or not a valid RDF term."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    description: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    notes: tuple[str, ...] = field(default=())
    if_empty: str = ""  # what to try when the answer has no rows

    def empty_hint(self, params: dict) -> str:
        """`if_empty` with each ``{NAME}`` replaced by the given parameter's value, quoted for a
        shell; '' when it speaks of a parameter that was not given (who-said-what over an empty
        store) or given as anything but a plain string (an IRI: a name search would not help)."""
        import shlex

        from kg.summary import plain_string

        hint = self.if_empty
        for param in self.params:
            if "{" + param.name + "}" in hint:
                text = plain_string(params.get(param.name))
                if text is None:
                    return ""
                hint = hint.replace("{" + param.name + "}", shlex.quote(text))
        return hint

    @classmethod
    def parse(cls, name: str, text: str) -> NamedQuery:
        comments: list[str] = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("#").strip())
        params: list[Param] = []
        notes: list[str] = []
        if_empty = ""
        for comment in comments[1:]:
            match, empty = PARAM_LINE.match(comment), EMPTY_LINE.match(comment)
            if match:
                params.append(Param(match["name"], match["text"] or "", bool(match["optional"])))
            elif empty:
                if_empty = empty["text"]
            elif comment:
                notes.append(comment)
        return cls(name, comments[0] if comments else "", text, tuple(params), tuple(notes), if_empty)


def queries_dir() -> Traversable:
    """``kg/queries`` in an installed wheel, else the repository's ``queries/`` folder."""
    packaged = files("kg").joinpath("queries")
    if packaged.is_dir():
        return packaged
    return Path(kg.__file__).resolve().parent.parent / "queries"


def list_queries() -> list[NamedQuery]:
    """All named queries, sorted by name."""
    found = [
        NamedQuery.parse(entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8"))
        for entry in queries_dir().iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(found, key=lambda query: query.name)


def load_query(name_or_path: str) -> NamedQuery:
    """A named query (``who-said-what``) or a ``.rq`` file path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return NamedQuery.parse(path.stem, path.read_text(encoding="utf-8"))
    entry = queries_dir().joinpath(f"{name_or_path}.rq")
    if "/" in name_or_path or not entry.is_file():
        names = ", ".join(query.name for query in list_queries())
        raise QueryNotFound(f"no query {name_or_path!r}; named queries are: {names}")
    return NamedQuery.parse(name_or_path, entry.read_text(encoding="utf-8"))


def parse_param(assignment: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``name=value`` → (name, term): ``<...>`` is an IRI, anything else a string literal."""
    import pyoxigraph as ox

    name, sep, value = assignment.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise ParameterError(f"expected name=value, got {assignment!r}")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as error:
            raise ParameterError(f"{name}: {value} is not a valid IRI ({error})") from error
    return name, ox.Literal(value)


def run(
    store: Store, query: NamedQuery, params: dict | None = None, limit: int | None = None
) -> Rows | bool | list[ox.Triple]:
    """Run a named query, checking its declared parameters; ``limit`` keeps the first rows only.

    A given parameter's column only repeats its value, so it's dropped from rows, as is an
    optional parameter's column that no row binds (entities-by-type's type, when not given); a
    parameter that is also a result column (who-said-what's article) stays when not given. With
    no rows, only the given parameters' columns go, so that an empty answer has the columns a
    script reading it expects. A query that declares no parameters (e.g. ad-hoc SPARQL) accepts any.
    """
    from kg.store import Rows

    params = dict(params or {})
    declared = {param.name for param in query.params}
    if query.params:
        unknown = sorted(set(params) - declared)
        if unknown:
            raise ParameterError(f"{query.name} takes {', '.join(sorted(declared))}; not {', '.join(unknown)}")
    missing = [param.name for param in query.params if not param.optional and param.name not in params]
    if missing:
        raise ParameterError(f"{query.name} needs --param {missing[0]}=VALUE ({_describe(query, missing[0])})")
    result = None
    if hasattr(store, "summarized") and _shipped(query):  # the embedded store keeps some answers ready
        result = store.summarized(query.name, params, limit)
    if result is None:
        result = store.query(query.text, params, limit)
    if not isinstance(result, Rows) or not declared:
        return result
    empty = {column for index, column in enumerate(result.columns)
             if column in declared and result.rows and all(row[index] is None for row in result.rows)}
    keep = [index for index, column in enumerate(result.columns) if column not in params and column not in empty]
    return Rows([result.columns[i] for i in keep], [tuple(row[i] for i in keep) for row in result.rows])


def _shipped(query: NamedQuery) -> bool:
    """Whether this is the named query of that name as shipped (not a file of the same name)."""
    entry = queries_dir().joinpath(f"{query.name}.rq")
    return entry.is_file() and entry.read_text(encoding="utf-8") == query.text


def _describe(query: NamedQuery, name: str) -> str:
    return next(param.description for param in query.params if param.name == name)
