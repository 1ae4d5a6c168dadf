"""The ``kg`` command: a thin click layer over kg's library API.

Heavy libraries (rdflib, pyoxigraph, networkx, rich) are imported inside the
commands so that ``kg --help`` stays instant.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.defaults import DEFAULT_STORE, STORE_ENV

if TYPE_CHECKING:
    from kg.model import Extraction
    from kg.remote import RemoteStore
    from kg.store import Rows, Store

FORMATS = ("table", "csv", "tsv", "json")
# Exit statuses, as documented in `kg build --help` and the README.
EXIT_FAILED = 1  # some inputs failed; everything else was loaded
EXIT_USAGE = 2  # bad usage (click's own), or nothing to read
EXIT_STRICT = 3  # --strict stopped at the first problem
EXIT_BUSY = 4  # another process kept the store locked for longer than --wait
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + name: int for name in ("integer", "int", "long", "short", "nonNegativeInteger")} | {
    XSD + name: float for name in ("decimal", "double", "float")
}


@dataclass(slots=True)
class Context:
    """Where the store lives, as chosen by the global options: a directory, memory, or a SPARQL server."""

    path: Path
    memory: bool
    server: dict | None = None  # Endpoint fields when --endpoint is given

    @property
    def where(self) -> str:
        """The store as the user named it, for messages (never with credentials)."""
        return self.server["query"] if self.server else "memory" if self.memory else str(self.path)

    def open(self, create: bool = False, write: bool = False, wait: float = 0) -> "Store | RemoteStore":
        """The server when --endpoint is given, else the local store (see `local`)."""
        if self.server is None:
            return self.local(create, write, wait)
        if (create or write) and not (self.server.get("graph_store") or self.server.get("update")):
            raise click.UsageError("writing to a server needs --graph-store URL (Graph Store Protocol) "
                                   "or --update-endpoint URL besides --endpoint")
        from kg.remote import Endpoint, RemoteStore
        from kg.store import StoreError

        try:
            return RemoteStore(Endpoint(**self.server))
        except StoreError as error:
            raise click.ClickException(str(error)) from error

    def local(self, create: bool = False, write: bool = False, wait: float = 0) -> "Store":
        """Readers get a read-only snapshot, so they work while a build writes; writers
        wait up to ``wait`` seconds for another writer, telling the user they do."""
        from kg.store import Store, StoreBusy, StoreError

        path = None if self.memory else self.path
        read_only = not (create or write or self.memory)
        try:
            try:
                return Store(path, create=create or self.memory, read_only=read_only)
            except StoreBusy as busy:
                if not wait:
                    raise
                click.echo(f"{busy}; waiting up to {wait:g} s for it to finish…", err=True)
                return Store(path, create=create, wait=wait)
        except StoreBusy as error:
            raise _exit(f"{error}; try again when it has finished, or give --wait SECONDS", EXIT_BUSY) from error
        except StoreError as error:
            raise click.ClickException(str(error)) from error


class _Group(click.Group):
    """Store and server failures (unreachable, refused, bad query) end as one-line errors, not tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as error:
            from kg.store import StoreError  # only now: kg.store imports pyoxigraph

            if isinstance(error, StoreError):
                raise click.ClickException(str(error)) from error
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=STORE_ENV,
    default=DEFAULT_STORE,
    show_default=True,
    help=f"Store directory (a pyoxigraph database). Also set by ${STORE_ENV}.",
)
@click.option("--memory", is_flag=True, help="Use a throw-away in-memory store (try things without writing to disk).")
@click.option("--endpoint", envvar="KG_ENDPOINT", metavar="URL",
              help="Use a SPARQL 1.1 server instead of the local store: its query endpoint. Also $KG_ENDPOINT.")
@click.option("--update-endpoint", envvar="KG_UPDATE_ENDPOINT", metavar="URL",
              help="The server's SPARQL Update endpoint, for writing where there is no Graph Store. Also $KG_UPDATE_ENDPOINT.")
@click.option("--graph-store", envvar="KG_GRAPH_STORE", metavar="URL",
              help="The server's Graph Store Protocol endpoint, for writing articles' graphs. Also $KG_GRAPH_STORE.")
@click.option("--user", envvar="KG_USER", metavar="NAME", help="User name for the server (HTTP basic). Also $KG_USER.")
@click.option("--password", envvar="KG_PASSWORD", metavar="SECRET", show_default=False,
              help="Password for the server; prefer $KG_PASSWORD, as a command line is visible to others.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
              metavar="SECONDS", help="How long to wait for the server to answer.")
@click.version_option(package_name="kg-news")
@click.pass_context
def main(ctx: click.Context, store_path: Path, memory: bool, endpoint: str | None, update_endpoint: str | None,
         graph_store: str | None, user: str | None, password: str | None, timeout: float) -> None:
    """kg: a claim-and-source knowledge graph for news: who said what, and through whom.

    \b
    Quick start:
      kg build                       # read the bundled seed articles, show who said what
      kg build articles/             # your own .md/.txt/.json/.jsonl files, recursively
      kg query who-said-what         # the same table, any time later
      kg queries                     # list the named queries
      kg export --format turtle -o kg.ttl

    The graph is kept in ./kg.oxigraph unless --store or $KG_STORE says otherwise.
    With --endpoint, every command works on a SPARQL 1.1 server instead
    (one whose default graph is the union of its named graphs; see the README):

    \b
      kg serve &                     # this store, served at http://127.0.0.1:7878
      export KG_ENDPOINT=http://127.0.0.1:7878/query KG_GRAPH_STORE=http://127.0.0.1:7878/store
      kg query who-said-what         # now answered by the server
    """
    server = None
    if endpoint:
        server = {"query": endpoint, "update": update_endpoint, "graph_store": graph_store,
                  "user": user, "password": password, "timeout": timeout}
    ctx.obj = Context(store_path, memory, server)


# ------------------------------------------------------------------ build / extract


WAIT_OPTION = click.option(
    "--wait", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
    help="How long to wait while another kg process writes to the store.",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--show/--no-show", default=True,
              help="Print who said what for the articles just loaded (the first 20 of them).")
@click.option("--strict", is_flag=True, help="Stop at the first problem, error or warning (exit 3).")
@click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=10, show_default=True, metavar="MB",
              help="Largest article accepted: a .txt/.md/.json file, or one .jsonl line.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Extract on N processes (default: one per core). The graph is the same for any N.")
@WAIT_OPTION
@click.pass_obj
def build(obj: Context, paths: tuple[Path, ...], show: bool, strict: bool, max_size: float, jobs: int | None,
          wait: float) -> None:
    """Read articles, extract claims and sources, and load them into the store.

    PATHS are files or folders (read recursively) of .md/.txt (optional YAML
    front matter: id, title, publisher, url, published, language), .json or
    .jsonl (the same fields plus text). In folders, .md files are read only
    when they start with front matter, so a README.md is not an article; name
    a file to read it anyway. Without PATHS, the bundled seed articles are read.
    Re-loading an article replaces what it said before, whole: an interrupted
    build leaves every article either as it was or fully loaded.

    \b
    Each problem is one line, PATH:LINE: message, and the rest still loads.
    Errors (the article is not loaded): not UTF-8, binary, empty, front
    matter or JSON that does not parse, no text, over --max-size, an id
    already used by a different article, or an extractor failure.
    Warnings (loaded as written): control characters, bidirectional
    controls, words mixing Latin/Cyrillic/Greek letters, unbalanced
    quotation marks, sentences over 10,000 or lines over 100,000 characters.

    \b
    Exit status:
      0  every article loaded (warnings may have been printed)
      1  some files or articles failed; all the others loaded
      2  bad usage, or no articles found in PATHS
      3  --strict stopped at the first problem (before it: loaded whole)
      4  another kg process was writing to the store for over --wait

    \b
    Examples:
      kg build
      kg build articles/ more/today.jsonl
      kg --memory build draft.md      # preview without touching the store
      kg build --strict --no-show articles/ && kg stats
      kg build -j 2 archive/          # extract on two processes
      kg --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store build articles/
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg import loader
    from kg.articles import Reader, seeds_dir

    reader = Reader(max_bytes=int(max_size * 1_000_000))
    articles = list(reader.read(paths or [seeds_dir()]))
    problems = [str(problem) for problem in reader.problems]
    if strict and problems:
        _echo_problems(problems[:1])
        raise _exit("stopped at the first problem (--strict); the store was not changed", EXIT_STRICT)
    _echo_problems(problems)
    if not articles and not reader.errors:
        skipped = f"; skipped {_plural(len(reader.skipped), '.md file')} without front matter" if reader.skipped else ""
        raise _exit(f"no articles in {', '.join(map(str, paths))} (.txt, .json, .jsonl, .md with front matter){skipped}",
                    EXIT_USAGE)
    store = obj.open(create=True, wait=wait)
    extract = _extractor()
    failed = len(reader.errors)
    loaded: list[str] = []
    claims = quads = 0
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("Building", total=len(articles))
        jobs = min(jobs or loader.default_jobs(), len(articles))
        for outcome in loader.load(store, articles, extract, jobs):
            progress.update(task, description=f"Building {outcome.article.id}")
            if outcome.error is not None:
                failed += 1
                _echo_problems([f"{reader.location(outcome.article.id)}: {outcome.error}"])
                if strict:
                    raise _exit("stopped at the first problem (--strict); the articles before it are loaded",
                                EXIT_STRICT) from None
            else:
                loaded.append(outcome.article.id)
                claims += outcome.claims
                quads += outcome.triples
            progress.advance(task)

    where = obj.where
    warned = f", {_plural(len(reader.warnings), 'warning')}" if reader.warnings else ""
    click.echo(
        f"Loaded {_plural(len(loaded), 'article')} ({_plural(claims, 'claim')}, {_plural(quads, 'quad')}) "
        f"into {where}; {failed} failed{warned}.",
        err=True,
    )
    if reader.skipped:
        names = ", ".join(path.name for path in reader.skipped[:3]) + (", …" if len(reader.skipped) > 3 else "")
        click.echo(f"Skipped {_plural(len(reader.skipped), '.md file')} without front matter ({names}).", err=True)
    if show and loaded:
        _show_who_said_what(store, loaded)
    if failed:
        sys.exit(EXIT_FAILED)


def _echo_problems(problems: list[str]) -> None:
    for problem in problems:  # one unwrapped line each, so PATH:LINE stays clickable and greppable
        click.echo(problem, err=True)


def _exit(message: str, code: int) -> click.ClickException:
    """A ClickException ("Error: message" on stderr) with its own exit status."""
    error = click.ClickException(message)
    error.exit_code = code
    return error


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def extract(paths: tuple[Path, ...]) -> None:
    """Print what the extractor finds, as JSON Lines, without touching the store.

    One line per article: id, path, and attributions, each with cue, sources
    and contents as lists of {start, end, text} (offsets index the body after
    any front matter), speaker ({name, type} or null when unattributed),
    channels and kind (direct, indirect or mixed).

    \b
    Examples:
      kg extract seeds/
      kg extract article.md | jq '.attributions[] | {speaker, kind}'
    """
    from kg.articles import Reader

    reader = Reader()
    run = _extractor()
    failed = False
    for article in reader.read(paths):
        try:
            record = extraction_record(run(article))
        except Exception as error:  # the extractor is a separate component; report and go on
            _echo_problems([f"{reader.location(article.id)}: {type(error).__name__}: {error}"])
            failed = True
            continue
        click.echo(json.dumps(record, ensure_ascii=False))
    _echo_problems([str(problem) for problem in reader.problems])
    if reader.errors or failed:
        sys.exit(1)


def extraction_record(extraction: "Extraction") -> dict:
    """The JSON Lines form of an extraction (see ``kg extract --help``)."""

    def spans(items):
        return [span.as_dict() for span in items]

    def entity(item):
        return {"name": item.name, "type": item.type.value}

    return {
        "id": extraction.article.id,
        "path": extraction.article.path,
        "attributions": [
            {
                "cue": spans(a.cue),
                "sources": spans(a.sources),
                "contents": spans(a.contents),
                "speaker": None if a.speaker is None else entity(a.speaker),
                "channels": [entity(channel) for channel in a.channels],
                "kind": a.kind.value,
            }
            for a in extraction.attributions
        ],
    }


def _extractor():
    try:
        from kg.extract import extract
    except ImportError as error:
        raise click.ClickException(f"the extractor (kg.extract.extract) is not available: {error}") from error
    return extract


# ------------------------------------------------------------------ query


@main.command()
@click.argument("name", required=False)
@click.option("--sparql", help="SPARQL SELECT/ASK/CONSTRUCT text to run instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE: a string literal, or an IRI when written <...>. Repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Only the first N rows. A query without ORDER BY or GROUP BY then stops there: "
                   "a look at a big store in milliseconds instead of minutes (the named queries "
                   "sort, so they still read everything they match; but who-said-what over every "
                   "article reads the local store one article at a time, in order, and stops there too).")
@click.pass_obj
def query(obj: Context, name: str | None, sparql: str | None, params: tuple[str, ...], fmt: str,
          limit: int | None) -> None:
    """Run a named query, a .rq file, or --sparql text over all articles.

    Values given with --param are bound by the engine as RDF terms, and
    written by pyoxigraph as escaped terms into VALUES blocks that steer the
    engine (a server gets only those), so no value can change the query. The prefixes kg, schema,
    prov, rdf, rdfs, owl, xsd and id are predeclared for --sparql. The default graph is the union
    of the article graphs, and each article describes the entities it names, so a pattern over
    an entity's label matches once per article that names it: SELECT DISTINCT gives each once.
    Updates (INSERT, DELETE, ...) are refused: the store is opened read-only;
    change it with kg build or kg update.

    \b
    Examples:
      kg query who-said-what
      kg query who-said-what -p article=000_0da5bea54c4e428b   # one article
      kg query claims-by-speaker --param speaker=Kindratenko
      kg query claims-by-outlet -p outlet="Ukrainska Pravda" --format csv
      kg query entities-by-type -p type=Official --format json
      kg query my-query.rq
      kg query --sparql 'SELECT ?name WHERE { ?e a kg:Official ; rdfs:label ?name }'
      kg query --sparql 'SELECT * WHERE { ?s ?p ?o }' --limit 20
      kg query --sparql 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }' -p s='<https://w3id.org/kg-news/id/org/ukrainska-pravda>'
    """
    from kg import queries
    from kg.store import QueryError

    if name is not None and sparql is not None:
        raise click.UsageError("give a query NAME (or FILE.rq) or --sparql TEXT, not both")
    if name is None and sparql is None:
        raise click.UsageError("give a query NAME (or FILE.rq) or --sparql TEXT; see 'kg queries' for names")
    try:
        named = queries.NamedQuery("sparql", "", sparql) if sparql is not None else queries.load_query(name)
        bound = dict(queries.parse_param(param) for param in params)
        result = queries.run(obj.open(), named, bound, limit)
    except (queries.QueryNotFound, queries.ParameterError) as error:  # how the command was called
        raise click.UsageError(str(error)) from error
    except QueryError as error:
        where = f"{name}: " if name is not None and name.endswith(".rq") else ""
        raise click.ClickException(where + str(error)) from error
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, list):
        for triple in result:
            click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")
    else:
        _print_rows(result, fmt)
        hint = "" if result.rows else named.empty_hint(bound)
        if hint:
            click.echo(f"hint: {hint}", err=True)  # on stderr: scripts read stdout


@main.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--sparql", help="SPARQL Update text to run instead of FILE.")
@WAIT_OPTION
@click.pass_obj
def update(obj: Context, file, sparql: str | None, wait: float) -> None:
    """Change the store with a SPARQL Update: the one command besides build that can.

    FILE (or - for stdin) or --sparql holds INSERT, DELETE, DROP, CLEAR, ...
    operations, run in one transaction: all of them happen or none. kg query
    refuses updates, so a query can never change the store by mistake. The
    same prefixes as kg query are predeclared; an article's triples live in
    its named graph, GRAPH <https://w3id.org/kg-news/id/graph/ID>. An update
    that names its graphs is quick at any size; one that may write to any graph
    (GRAPH ?g in an INSERT or DELETE template) counts the whole store again.

    \b
    Examples:
      kg update --sparql 'DROP GRAPH <https://w3id.org/kg-news/id/graph/a1>'
      kg update --sparql 'DELETE WHERE { GRAPH ?g { ?c kg:hedge ?h } }'
      kg update fixes.ru
    """
    from kg.store import QueryError

    if (file is None) == (sparql is None):
        raise click.UsageError("give a FILE of SPARQL Update (or - for stdin) or --sparql TEXT")
    store = obj.open(write=True, wait=wait)
    try:
        added = store.update(sparql if sparql is not None else file.read())
    except QueryError as error:
        where = f"{file.name}: " if file is not None and file.name != "<stdin>" else ""
        raise click.ClickException(where + str(error)) from error
    click.echo(f"{added:+d} {'quad' if abs(added) == 1 else 'quads'} in the store.", err=True)


@main.command(name="validate")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An RDF file to check instead of the store; its format from the suffix (.ttl .nt .nq .trig .jsonld).")
@click.pass_obj
def validate_command(obj: Context, path: Path | None) -> None:
    """Check the store, or an RDF file, against the vocabulary's SHACL shapes.

    The shapes ship with kg (kg/data/shapes.ttl) and say what a well-formed
    graph holds: each claim stated in one document with one text and kind,
    spans whose start is not after their end, sources that are entities, ISO
    and GeoNames codes of the right form. pySHACL checks the union of all
    graphs; each violation is one line: the node, the property, what is
    wrong, and the value found. Exit status 0 when the graph conforms, 1 when not.

    \b
    Examples:
      kg validate
      kg export -f trig -o kg.trig && kg validate --file kg.trig
      kg validate --file other-tool.ttl
    """
    import io

    from rdflib import Graph

    from kg import validate as shacl

    if path is not None:
        try:
            data = shacl.read_file(path)
        except Exception as error:  # rdflib's parsers raise many kinds; all mean the same here
            raise click.ClickException(f"cannot read {path} as RDF: {' '.join(str(error).split())}") from error
        where = str(path)
    else:
        buffer = io.BytesIO()
        obj.open().export("ntriples", buffer)
        data = Graph().parse(data=buffer.getvalue(), format="nt")
        where = obj.where
    report = shacl.validate(data)
    for violation in report.violations:
        click.echo(str(violation))
    if report.conforms:
        click.echo(f"{where}: {_plural(report.triples, 'triple')} conform to the kg shapes.", err=True)
        return
    click.echo(f"{where}: {_plural(len(report.violations), 'violation')} in {_plural(report.triples, 'triple')}.", err=True)
    sys.exit(EXIT_FAILED)


@main.command(name="queries")
def list_queries() -> None:
    """List the named queries, their parameters and what they answer.

    \b
    Example:
      kg queries
      kg query claims-by-speaker --param speaker=Syrsky
    """
    from kg.queries import list_queries as named

    for item in named():
        click.echo(f"{click.style(item.name, bold=True)}  {item.description}")
        for param in item.params:
            optional = " (optional)" if param.optional else ""
            click.echo(f"    --param {param.name}=VALUE{optional}  {param.description}")


# ------------------------------------------------------------------ export / stats / sources


@main.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld"]),
              default="turtle", show_default=True)
@click.option("--output", "-o", type=click.File("wb"), default="-", help="File to write (default: stdout).")
@click.pass_obj
def export(obj: Context, fmt: str, output) -> None:
    """Write the whole graph in an RDF format.

    turtle and ntriples hold the union of all articles (each triple once);
    nquads, trig and jsonld keep one named graph per article.

    \b
    Examples:
      kg export > kg.ttl
      kg export --format trig -o kg.trig
      kg export -f nquads | gzip > kg.nq.gz
    """
    obj.open().export(fmt, output)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--triples/--no-triples", default=None,
              help="Count distinct triples (by default, unless the store holds over 5 million quads: "
                   "there it reads every quad, about 13 minutes for a million claims).")
@click.pass_obj
def stats(obj: Context, as_json: bool, triples: bool | None) -> None:
    """Count documents, claims, entities by class, and triples.

    Triples are counted once however many article graphs state them (an entity's
    label, say); quads once per graph. Uncounted triples are null in JSON.

    \b
    Examples:
      kg stats
      kg stats --json | jq .claims
      kg stats --triples            # on a large store too
    """
    from dataclasses import asdict

    counts = obj.open().stats(triples=triples)
    if as_json:
        click.echo(json.dumps(asdict(counts), indent=2))
        return
    click.echo(f"documents  {counts.documents}")
    click.echo(f"claims     {counts.claims}")
    click.echo("entities, by class")
    for kind, count in counts.entities.items():
        click.echo(f"  {kind:<13}{count}")
    distinct = "not counted (--triples counts them)" if counts.triples is None else counts.triples
    click.echo(f"triples    {distinct}  ({counts.quads} quads across article graphs)")


@main.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "graphml"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.File("wb"), default="-", help="File to write (default: stdout).")
@click.pass_obj
def sources(obj: Context, fmt: str, output) -> None:
    """The source network: each source, the outlets and channels that carried it, the outlets
    that published the articles quoting it, and its claims.

    graphml has nodes for sources, claims, channels and publishers (attribute kind) and
    edges said, reportedBy, carriedBy and publishedBy (source to publisher weighted by
    claims, as carriedBy), ready for Gephi or Cytoscape.

    \b
    Examples:
      kg sources
      kg sources --format json | jq '.[] | {name, channels: [.channels[].name]}'
      kg sources --format graphml -o sources.graphml
    """
    from kg import network

    store = obj.open()
    if fmt == "graphml":
        network.write_graphml(network.source_network(store), output)
        return
    found = network.sources(store)
    if fmt == "json":
        output.write(json.dumps([source.as_dict() for source in found], indent=2, ensure_ascii=False).encode())
        output.write(b"\n")
        return
    from rich.table import Table

    published = any(source.publishers for source in found)  # a column only when some article names its publisher
    table = Table("source", "type", "via", *(["published by"] if published else []), "claims")
    for source in found:
        claims = "\n".join(f"• {_shorten(claim.text)}" for claim in source.claims)
        via = ", ".join(channel.name for channel in source.channels)
        by = [", ".join(publisher.name for publisher in source.publishers)] if published else []
        table.add_row(*map(_cell, (source.name, source.type, via, *by, claims)))
    output.write(_render(table).encode("utf-8"))


# ------------------------------------------------------------------ output helpers


@main.command()
@click.pass_obj
def push(obj: Context) -> None:
    """Copy every article's graph from the local store to the SPARQL server.

    Each graph goes whole through the server's Graph Store Protocol (an HTTP
    PUT to --graph-store, replacing the server's copy of that article) or,
    for servers without one, as DROP GRAPH + INSERT DATA to --update-endpoint;
    so pushing again adds nothing. kg build --endpoint ... loads a server directly.

    \b
    Examples:
      kg --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store push
      KG_PASSWORD=... kg --endpoint https://triples.example.org/sparql \\
          --update-endpoint https://triples.example.org/sparql --user kg push
    """
    from kg.remote import push as push_graphs

    if obj.server is None:
        raise click.UsageError("kg push needs --endpoint URL, and --graph-store URL or --update-endpoint URL")
    server = obj.open(write=True)
    graphs, quads = push_graphs(obj.local(), server)
    click.echo(f"Pushed {_plural(graphs, 'article graph')} ({_plural(quads, 'quad')}) to {obj.where}.", err=True)


@main.command()
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Where to listen; the default answers this machine only.")
@click.option("--read-only", is_flag=True, help="Refuse updates, and let kg read the store directly meanwhile.")
@click.pass_obj
def serve(obj: Context, bind: str, read_only: bool) -> None:
    """Serve the store as a SPARQL endpoint, with a query page, until Ctrl-C.

    Runs Oxigraph's own server (pip install 'kg-news[server]') on the store
    directory, with the union of the articles as default graph, as kg queries
    expect. It answers SPARQL 1.1 queries at /query, updates at /update and
    the Graph Store Protocol at /store. While it runs it holds the store, so
    point kg at it with --endpoint; with --read-only, kg can read the store
    directly (not write it) meanwhile.

    \b
    Examples:
      kg serve                        # then open http://127.0.0.1:7878/
      kg --endpoint http://127.0.0.1:7878/query query who-said-what
      kg serve --read-only --bind 0.0.0.0:8080   # share it on the network, read-only
    """
    import shutil
    import signal
    import subprocess

    if obj.memory or obj.server:
        raise click.UsageError("kg serve serves a store directory, not --memory or --endpoint")
    if not obj.path.is_dir():
        raise click.ClickException(f"no store at {obj.path}; run 'kg build' first or pass --store")
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise click.ClickException("kg serve needs Oxigraph's server: pip install 'kg-news[server]' "
                                   "(from a checkout: .venv/bin/pip install -e '.[server]')")
    from filelock import FileLock, Timeout

    from kg.store import lock_path

    lock = FileLock(lock_path(obj.path))  # kg writers wait for the server as for a build, and no write races it
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise click.ClickException(f"another kg process is writing to {obj.path}; serve it when that has finished") from None
    command = [binary, "serve-read-only" if read_only else "serve", "--location", str(obj.path), "--bind", bind,
               "--union-default-graph"]
    click.echo(f"Serving {obj.path} at http://{bind}/ (SPARQL at /query); Ctrl-C stops.", err=True)
    server = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by kill or a service manager: stop the server too
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
        lock.release()


@main.command()
@click.option("--sizes", default="1,10,115", show_default=True, metavar="MB,MB,…",
              help="Corpus sizes, in MB of article text; 115 MB of synthetic news holds over a million claims.")
@click.option("--polnear", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also build from the PolNeAR training split (its folder or text/ folder), copied with new ids.")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
              help="Where corpora and stores go (default: a temporary folder, removed afterwards).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", help="Extraction processes (default: one per core).")
@click.option("--rdflib-max-claims", type=click.IntRange(min=0), default=30_000, show_default=True, metavar="N",
              help="Measure rdflib only up to this many claims (it holds every triple as Python objects).")
@click.option("--query-timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
              metavar="SECONDS", help="Stop a query after this long and report it as timed out.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default="benchmark.json",
              show_default=True, help="Where to write the figures as JSON.")
def benchmark(sizes: str, polnear: Path | None, workdir: Path | None, jobs: int | None, rdflib_max_claims: int,
              query_timeout: float, output: Path) -> None:
    """Build, query and export corpora of growing size, beside rdflib's in-memory store.

    For each size, from seeded synthetic news (and PolNeAR, if given):
    kg build end to end (MB/s, peak memory), said-by for one speaker and
    every named query (each in its own process, stopped at --query-timeout),
    and a Turtle export; then the same pipeline, queries and export on
    rdflib's in-memory Dataset while it fits, as ratios (> 1: kg is better).
    Prints each size as it finishes, then the targets met and not met.
    Takes about an hour at the default sizes on two cores; run it apart
    from the tests. (kg bench times the extractor alone.)

    \b
    Examples:
      kg benchmark --polnear ../shared/data/polnear-train
      kg benchmark --sizes 0.5 -o quick.json      # a minute or two
    """
    import shutil
    import tempfile

    from kg import loader
    from kg.benchmark import run

    try:
        megabytes = [float(size) for size in sizes.split(",")]
    except ValueError:
        raise click.BadParameter(f"expected sizes in MB separated by commas, got {sizes!r}", param_hint="--sizes") from None
    folder = workdir or Path(tempfile.mkdtemp(prefix="kg-benchmark-"))
    try:
        report = run(megabytes, polnear, folder, jobs or loader.default_jobs(), rdflib_max_claims, query_timeout,
                     log=click.echo)
    finally:
        if workdir is None:
            shutil.rmtree(folder, ignore_errors=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    click.echo(f"kg --help: {report['help_s']} s")
    for label, verdict in report["targets"].items():
        met = {True: "met", False: "NOT MET", None: "not measured"}[verdict["met"]]
        click.echo(f"{label:<40} {verdict['target']:>10}  {verdict['value']!s:>10}  {met}")
    click.echo(f"Figures written to {output}.", err=True)


@main.command(name="eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and misses with their context instead of scores.")
@click.option("--select", metavar="GLOB", help="Only articles whose name matches, e.g. 'nyt_*'.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
def evaluate_command(corpus: Path, fmt: str, show_errors: bool, select: str | None, limit: int | None) -> None:
    """Score the extractor against a brat-standoff corpus laid out like PolNeAR.

    CORPUS holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann (the
    alphabetically first annotation file of an article is the reference).
    Prints precision, recall and F1 for cue, source and content spans (exact
    and token overlap, as Citron's evaluator) and for whole attributions:
    who said what. The metrics are defined in the README.

    \b
    Examples:
      kg eval ../shared/data/polnear-train
      kg eval ../shared/data/polnear-train -f json
      kg eval ../shared/data/polnear-train --errors --select 'politico_*' | less
    """
    from kg import evaluate as ev
    from kg.extract import attributions

    try:
        docs = ev.load_corpus(corpus, select=select, limit=limit)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from error
    if not docs:
        raise click.ClickException(f"no articles in {corpus} match")
    if show_errors:
        for record in ev.errors(docs, attributions):
            if fmt == "json":
                click.echo(json.dumps(record.as_dict(), ensure_ascii=False))
            else:
                click.echo(f"{record.kind:4} {record.document} @{record.start}: {record.reason}\n     {record.context}")
        return
    report = ev.evaluate(docs, attributions)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    from rich.table import Table

    table = Table("metric", "precision", "recall", "F1", title=f"{report.documents} articles, {report.gold} gold, {report.predicted} predicted, {report.matched} matched")
    for label, p, r, f in report.rows():
        table.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    click.echo(_render(table), nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--hostile", "hostile_size", type=click.IntRange(min=1000), metavar="CHARS",
              help="Instead, extract each hostile text (runs of quote marks, dots, cues …) at CHARS and "
                   "twice CHARS and print the time ratio: about 2 means linear, 4 quadratic.")
def bench(paths: tuple[Path, ...], as_json: bool, hostile_size: int | None) -> None:
    """Measure extraction speed on one core: KB of article text per second.

    Reads every article first, then times the extractor alone. PATH may be a
    folder of articles, or a PolNeAR-style corpus's text/ folder.

    \b
    Examples:
      kg bench ../shared/data/polnear-train/text
      kg bench --hostile 250000
    """
    from kg.bench import extraction_throughput, hostile_growth

    if hostile_size is not None:
        growth = hostile_growth(hostile_size)
        if as_json:
            click.echo(json.dumps([g.as_dict() for g in growth]))
            return
        for g in growth:
            click.echo(f"{g.name:30} {g.small_seconds:7.2f} s  {g.large_seconds:7.2f} s  x{g.ratio:.2f}")
        return
    if not paths:
        raise click.UsageError("give a folder of articles, or --hostile CHARS")
    result = extraction_throughput(list(paths))
    if as_json:
        click.echo(json.dumps(result.as_dict()))
    else:
        click.echo(
            f"{result.articles} articles, {result.characters / 1e6:.2f} MB, {result.claims} claims "
            f"in {result.seconds:.2f} s: {result.kb_per_second:.0f} KB/s "
            f"({result.kb_per_cpu_second:.0f} KB per CPU second)"
        )


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})  # as PostgreSQL's text format


def _print_rows(rows: "Rows", fmt: str) -> None:
    if fmt == "json":
        records = [dict(zip(rows.columns, map(_python, row))) for row in rows.rows]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([_text(term) for term in row] for row in rows.rows)
    elif fmt == "tsv":  # one line a row, a tab between cells, no quoting: `cut -f` and `awk -F'\t'` read it
        for cells in [rows.columns, *([_text(term) for term in row] for row in rows.rows)]:
            click.echo("\t".join(cell.translate(_TSV_ESCAPES) for cell in cells))
    else:
        from rich.table import Table

        table = Table(*rows.columns)
        for row in rows.rows:
            table.add_row(*(_cell(_text(term)) for term in row))
        click.echo(_render(table), nl=False)
        click.echo(f"{_plural(len(rows.rows), 'row')}")


SHOW_ARTICLES = 20  # tables kg build prints; past that, a build is an import, not a look at one article


def _show_who_said_what(store: "Store | RemoteStore", articles: list[str]) -> None:
    """One compact table per article just loaded, up to SHOW_ARTICLES: who (class), what, and via which
    channel. Each article is looked up by its id, so this is as quick in a store of a million claims."""
    from rich.table import Table

    from kg.queries import load_query, run

    query = load_query("who-said-what")
    for article in articles[:SHOW_ARTICLES]:
        rows = run(store, query, {"article": article})
        if not rows.rows:
            continue
        table = Table(title=_cell(article), expand=True)
        for column, ratio in (("who", 2), ("said", 5), ("via", 2)):
            table.add_column(column, ratio=ratio)
        for row in rows.rows:
            record = {column: _cell(_text(term)) for column, term in zip(rows.columns, row)}
            who = f"{record['speaker']} [dim]({record['type']})[/dim]" if record["speaker"] else "[dim](unattributed)[/dim]"
            table.add_row(who, record["claim"], record["via"])
        click.echo(_render(table), nl=False)
    if len(articles) > SHOW_ARTICLES:
        click.echo(f"(tables for the first {SHOW_ARTICLES} articles only; "
                   "kg query who-said-what -p article=ID shows any other)", err=True)


def _render(renderable) -> str:
    """Rich output as text, sized to the terminal, so it can go to stdout or a file alike."""
    import io
    import shutil

    from rich.console import Console

    console = Console(file=io.StringIO(), width=shutil.get_terminal_size().columns)
    console.print(renderable)
    return console.file.getvalue()


def _text(term) -> str:
    return "" if term is None else term.value


# C0/C1 controls (but tab and line feed) and bidi embeddings, overrides and isolates
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _cell(text: str) -> str:
    """Article text for a terminal table, shown but inert: rich markup escaped, and control
    and bidi characters spelled out (\\x1b), so no article can restyle, reorder or crash the screen."""
    from rich.markup import escape

    return escape(_UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text))


def _python(term):
    """A term as a JSON value: numbers and booleans typed, everything else its string value."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value in NUMBERS:
        return NUMBERS[datatype.value](term.value)
    if datatype is not None and datatype.value == XSD + "boolean":
        return term.value == "true"
    return term.value


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
