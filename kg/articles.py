"""Read articles from text, Markdown and JSON files.

The body is kept byte-for-byte as written (after the front matter) because
every span offset downstream indexes it; nothing here strips or normalises.
Bad input never stops a read: each problem is recorded against its file and
line, and reading goes on with the next record or file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import BufferedReader
from json.decoder import WHITESPACE
from pathlib import Path

import yaml

from kg.model import Article
from kg.textcheck import check_text

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
FIELDS = ("id", "title", "publisher", "url", "published", "language")
MAX_BYTES = 10_000_000  # the most one article may take: a .txt/.md/.json file, or one .jsonl line
_SNIFF = 8192  # bytes looked at to tell a binary file from text, as git and grep do


class ArticleError(Exception):
    """An input problem, located by file and (when known) 1-based line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.message}"


@dataclass(frozen=True, slots=True)
class ArticleWarning:
    """Text that loads but may not extract as meant (see `kg.textcheck`), located like an error."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: warning: {self.message}"


@dataclass(frozen=True, slots=True)
class _Located:
    """An input record with where it came from, so problems can point at it."""

    fields: dict
    body: str
    path: str
    line: int | None  # where the body (text file) or the record (JSON) starts
    field_lines: dict[str, int] = field(default_factory=dict)
    verbatim: bool = True  # the body stands in the file as is, so its line breaks are the file's


@dataclass
class Reader:
    """Reads articles from files and folders, collecting problems instead of stopping at them.

    Within one read an id names one article: the same article again (a re-ingest)
    is skipped, a different one with the same id is an error and the first is kept.
    Walking a folder reads .txt, .json and .jsonl files, and .md files only when
    they start with front matter, so a corpus's README.md is not taken for an
    article; those are listed in ``skipped``. A file named explicitly is always read.
    """

    max_bytes: int = MAX_BYTES
    problems: list[ArticleError | ArticleWarning] = field(default_factory=list)  # in the order found
    skipped: list[Path] = field(default_factory=list)
    _seen: dict[str, tuple[tuple, str]] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[ArticleError]:
        return [problem for problem in self.problems if isinstance(problem, ArticleError)]

    @property
    def warnings(self) -> list[ArticleWarning]:
        return [problem for problem in self.problems if isinstance(problem, ArticleWarning)]

    def location(self, article_id: str) -> str:
        """``PATH:LINE`` (or ``PATH``) where the article with this id was read."""
        return self._seen[article_id][1]

    def read(self, paths: Iterable[str | Path]) -> Iterator[Article]:
        """Articles from files and folders (recursively, in sorted order)."""
        for path in paths:
            for file in self._expand(Path(path)):
                yield from self.read_file(file)

    def read_file(self, path: Path) -> Iterator[Article]:
        """The articles of one file; its problems go to ``problems``."""
        try:
            for record in _records(path, self.max_bytes):
                if isinstance(record, ArticleError):
                    self.problems.append(record)
                    continue
                try:
                    article = _article(record)
                except ArticleError as error:
                    self.problems.append(error)
                    continue
                if self._is_new(article, record):
                    self.problems.extend(_warnings(record))
                    self.problems.extend(_date_warning(article, record))
                    yield article
        except ArticleError as error:
            self.problems.append(error)

    def _is_new(self, article: Article, record: _Located) -> bool:
        """False for an id read before: silently for the same article, with an error for another."""
        content = (article.body, article.title, article.publisher, article.url, article.published, article.language)
        first = self._seen.get(article.id)
        if first is None:
            self._seen[article.id] = (content, _where(record.path, record.line))
            return True
        if first[0] != content:
            differs = [name for name, a, b in zip(("text", *FIELDS[1:]), first[0], content) if a != b]
            message = f"id {article.id!r} is already used by {first[1]} with different {', '.join(differs)}; the first is kept"
            self.problems.append(ArticleError(record.path, message, record.line))
        return False

    def _expand(self, path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        found = []
        for file in sorted(path.rglob("*")):
            if not file.is_file() or file.suffix.lower() not in SUFFIXES:
                continue
            if any(part.startswith(".") for part in file.relative_to(path).parts):
                continue
            if file.suffix.lower() == ".md" and not _has_front_matter(file) and _size(file) != 0:
                self.skipped.append(file)  # (an empty one is read, to be reported as empty like any other)
                continue
            found.append(file)
        return found


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def derive_id(body: str) -> str:
    """A stable id from the content: re-reading the same text gives the same id."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def seeds_dir() -> Path:
    """The bundled seed articles: ``kg/seeds`` in an installed wheel, else ``<repo>/seeds``."""
    packaged = Path(__file__).resolve().parent / "seeds"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "seeds"


def parse_text(text: str, path: str = "<string>") -> Article:
    """Parse a ``.txt``/``.md`` document with optional ``---`` YAML front matter."""
    fields, body, body_line, field_lines = _split_front_matter(text, path)
    return _article(_Located(fields, body, path, body_line, field_lines))


def read_file(path: str | Path) -> list[Article]:
    """All articles in one file; raises the first `ArticleError` found."""
    reader = Reader()
    articles = list(reader.read_file(Path(path)))
    if reader.errors:
        raise reader.errors[0]
    return articles


def read_articles(paths: Iterable[str | Path], errors: list[ArticleError] | None = None) -> Iterator[Article]:
    """Articles from files and folders, as `Reader` reads them.

    With an ``errors`` list, problems are appended to it and reading goes on;
    without one, the first problem is raised. Warnings are dropped: use `Reader`.
    """
    reader = Reader()
    for article in reader.read(paths):
        if errors is None and reader.errors:
            raise reader.errors[0]
        yield article
    if errors is None and reader.errors:
        raise reader.errors[0]
    if errors is not None:
        errors.extend(reader.errors)


def _where(path: str, line: int | None) -> str:
    return path if line is None else f"{path}:{line}"


def _has_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            first = stream.readline(64)
    except OSError:
        return True  # let the read report why it can't be opened
    return first.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n") == b"---"


def _warnings(record: _Located) -> Iterator[ArticleWarning]:
    for finding in check_text(record.body):
        if record.verbatim and record.line is not None:
            line = record.line + record.body.count("\n", 0, finding.offset)
            yield ArticleWarning(record.path, line, finding.message)
        else:  # a JSON string: its line breaks are escapes, so point into the text instead
            yield ArticleWarning(record.path, record.line, f"text character {finding.offset}: {finding.message}")


def _date_warning(article: Article, record: _Located) -> Iterator[ArticleWarning]:
    """'published: yesterday' is kept as written, but as text: it neither sorts nor compares as a date."""
    if article.published is None:
        return
    for kind in (dt.date, dt.datetime):
        try:
            kind.fromisoformat(article.published)
            return
        except ValueError:
            continue
    line = record.field_lines.get("published", record.line)
    yield ArticleWarning(record.path, line, f"published {article.published!r} is not an ISO 8601 date "
                                            "(2026-03-01 or 2026-03-01T10:00:00+02:00); it is kept as text")


def _records(path: Path, max_bytes: int) -> Iterator[_Located | ArticleError]:
    """Records of one file; a broken record is yielded as its error so the rest still load."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(path, f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .json or .jsonl")
    try:
        if suffix == ".jsonl":
            with path.open("rb") as stream:
                yield from _jsonl_records(stream, path, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit for one article", 1)
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(path, error.strerror or str(error)) from error
    text = _decode(_check_binary(raw, path), path)
    if not text.strip():
        raise ArticleError(path, "empty file", 1)
    if suffix in TEXT_SUFFIXES:
        fields, body, body_line, field_lines = _split_front_matter(text, str(path))
        yield _Located(fields, body, str(path), body_line, field_lines)
    else:
        yield from _json_records(text, path)


def _check_binary(raw: bytes, path: Path, line: int = 1) -> bytes:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "UTF-16 text; save it as UTF-8", line)
    nul = raw.find(b"\x00", 0, _SNIFF)
    if nul >= 0:
        raise ArticleError(path, f"binary file (a NUL byte at byte {nul}), not text", line + raw.count(b"\n", 0, nul))
    return raw


def _decode(raw: bytes, path: Path, line: int = 1) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex().upper()
        line += raw.count(b"\n", 0, error.start)
        raise ArticleError(path, f"not UTF-8 (byte 0x{bad} at byte {error.start}); save it as UTF-8", line) from error


def _split_front_matter(text: str, path: str) -> tuple[dict, str, int, dict[str, int]]:
    """Return (fields, body, 1-based line where the body starts, line of each field)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return {}, text, 1, {}
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") in ("---", "..."):
            break
    else:
        raise ArticleError(path, "front matter opened with '---' is never closed", 1)
    front = "".join(lines[1:index])
    try:
        fields = yaml.load(front, Loader=_FrontMatterLoader) or {}
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct began (an unclosed '['); the
        # problem mark, where the parser gave up, is often just the end of the block.
        mark = error.context_mark or error.problem_mark
        line_no = mark.line + 2 if mark is not None else 2
        raise ArticleError(path, f"front matter is not valid YAML: {_yaml_message(error)}", line_no) from error
    except (yaml.YAMLError, RecursionError) as error:
        raise ArticleError(path, f"front matter is not valid YAML: {_plain_message(error)}", 2) from error
    if not isinstance(fields, dict):
        raise ArticleError(path, "front matter must be a mapping of field: value", 2)
    return fields, "".join(lines[index + 1 :]), index + 2, _key_lines(front)


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.safe_load``, except that a value that fails to convert (a date like
    2025-13-45, an integer of 5,000 digits) is a YAML error located at the value."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_clip(node.value)}: {_plain_message(error)}", node.start_mark
            ) from error


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    """The parser's whole explanation on one line: what went wrong, and in what."""
    message = error.problem or "unreadable"
    if error.problem_mark is not None:
        message += f" (line {error.problem_mark.line + 2}, column {error.problem_mark.column + 1})"
    if error.context:
        started = f" that starts at line {error.context_mark.line + 2}" if error.context_mark else ""
        message += f", {error.context}{started}"
    return message


def _clip(value: object, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _plain_message(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    # one line, without Python's advice ("...; use sys.set_int_max_str_digits() to ...")
    return " ".join(str(error).split("; use ")[0].split()) or type(error).__name__


def _key_lines(front_matter: str) -> dict[str, int]:
    """File line of each top-level key, so a bad field value can be pointed at."""
    node = yaml.compose(front_matter)
    return {key.value: key.start_mark.line + 2 for key, _ in node.value} if node is not None else {}


def _jsonl_records(stream: BufferedReader, path: Path, max_bytes: int) -> Iterator[_Located | ArticleError]:
    """One record per line, read a line at a time so a huge file never sits in memory whole."""
    _check_binary(stream.peek(_SNIFF)[:_SNIFF], path)
    empty = True
    for number, raw in enumerate(_lines(stream, max_bytes), start=1):
        if raw is None:
            empty = False
            yield ArticleError(path, f"line is over the {max_bytes:,}-byte limit for one article", number)
            continue
        try:
            line = _decode(_check_binary(raw, path, number), path, number)
        except ArticleError as error:
            empty = False
            yield error
            continue
        if not line.strip():
            continue
        empty = False
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ArticleError(path, f"invalid JSON: {error.msg} (column {error.colno})", number)
            continue
        except (ValueError, RecursionError) as error:  # e.g. an integer of 5,000 digits
            yield ArticleError(path, f"invalid JSON: {_plain_message(error)}", number)
            continue
        yield _from_json(record, path, number)
    if empty:
        raise ArticleError(path, "empty file", 1)


def _lines(stream: BufferedReader, limit: int) -> Iterator[bytes | None]:
    """The stream's lines; None for a line longer than ``limit``, which is skipped unread."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _json_records(text: str, path: Path) -> Iterator[_Located | ArticleError]:
    """A .json file holds one record or an array of them; each is located by its first line."""
    try:
        items = _json_items(text)
    except json.JSONDecodeError as error:
        raise ArticleError(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno) from error
    except (ValueError, RecursionError) as error:
        raise ArticleError(path, f"invalid JSON: {_plain_message(error)}", 1) from error
    line, previous = 1, 0
    for record, offset in items:
        line += text.count("\n", previous, offset)
        previous = offset
        yield _from_json(record, path, line)


def _json_items(text: str) -> list[tuple[object, int]]:
    """The records with the offset each starts at: the top-level value, or each item of a top-level array."""
    decoder = json.JSONDecoder()
    index = WHITESPACE.match(text, 0).end()
    if not text.startswith("[", index):
        value, end = decoder.raw_decode(text, index)
        _expect_end(text, end)
        return [(value, index)]
    items: list[tuple[object, int]] = []
    index = WHITESPACE.match(text, index + 1).end()
    if text.startswith("]", index):
        _expect_end(text, index + 1)
        return items
    while True:
        value, end = decoder.raw_decode(text, index)
        items.append((value, index))
        index = WHITESPACE.match(text, end).end()
        if text.startswith(",", index):
            index = WHITESPACE.match(text, index + 1).end()
        elif text.startswith("]", index):
            _expect_end(text, index + 1)
            return items
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)


def _expect_end(text: str, index: int) -> None:
    index = WHITESPACE.match(text, index).end()
    if index != len(text):
        raise json.JSONDecodeError("Extra data", text, index)


def _from_json(record: object, path: Path, line: int | None) -> _Located | ArticleError:
    if not isinstance(record, dict):
        return ArticleError(path, "each record must be a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str):
        return ArticleError(path, "record has no 'text' string", line)
    for name in ("text", *FIELDS):
        value = record.get(name)
        if isinstance(value, str) and not _is_unicode(value):
            return ArticleError(path, f"field {name!r} holds an unpaired surrogate escape (\\ud800-\\udfff), not Unicode", line)
    return _Located(record, text, str(path), line, verbatim=False)


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _article(record: _Located) -> Article:
    if not record.body.strip():
        raise ArticleError(record.path, "article has no text", record.line)
    values = {name: _value(record, name) for name in FIELDS}
    return Article(
        id=values["id"] or derive_id(record.body),
        body=record.body,
        path=record.path,
        title=values["title"],
        publisher=values["publisher"],
        url=values["url"],
        published=values["published"],
        language=values["language"],
    )


def _value(record: _Located, name: str) -> str | None:
    value = record.fields.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    line = record.field_lines.get(name, record.line)
    raise ArticleError(record.path, f"field {name!r} must be a single value, not {type(value).__name__}", line)
