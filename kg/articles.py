"""Read articles from text, Markdown and JSON files.

The body is kept byte-for-byte as written (after the front matter) because
every span offset downstream indexes it; nothing here strips or normalises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.model import Article

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
FIELDS = ("id", "title", "publisher", "url", "published", "language")


class ArticleError(Exception):
    """An input problem, located by file and (when known) 1-based line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class _Located:
    """An input record with where it came from, so errors can point at it."""

    fields: dict
    body: str
    path: str
    line: int | None  # where the body (text) or record (JSON Lines) starts; None in a .json file
    field_lines: dict[str, int] = field(default_factory=dict)


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
    errors: list[ArticleError] = []
    articles = list(_read_file(Path(path), errors))
    if errors:
        raise errors[0]
    return articles


def read_articles(
    paths: Iterable[str | Path], errors: list[ArticleError] | None = None
) -> Iterator[Article]:
    """Articles from files and folders (recursively, in sorted order).

    With an ``errors`` list, problems are appended to it and reading goes on
    with the next record or file; without one, the first problem is raised.
    """
    for path in paths:
        for file in _expand(Path(path)):
            found: list[ArticleError] = []
            yield from _read_file(file, found)
            if found and errors is None:
                raise found[0]
            if errors is not None:
                errors.extend(found)


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


def _read_file(path: Path, errors: list[ArticleError]) -> Iterator[Article]:
    try:
        for record in _records(path):
            if isinstance(record, ArticleError):
                errors.append(record)
                continue
            try:
                yield _article(record)
            except ArticleError as error:
                errors.append(error)
    except ArticleError as error:
        errors.append(error)


def _records(path: Path) -> Iterator[_Located | ArticleError]:
    """Records of one file; a broken record is yielded as its error so the rest still load."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(path, f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .json or .jsonl")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(path, error.strerror or str(error)) from error
    text = _decode(raw, path)
    if not text.strip():
        raise ArticleError(path, "empty file", 1)
    if suffix in TEXT_SUFFIXES:
        fields, body, body_line, field_lines = _split_front_matter(text, str(path))
        yield _Located(fields, body, str(path), body_line, field_lines)
    elif suffix == ".jsonl":
        yield from _jsonl_records(text, path)
    else:
        yield from _json_records(text, path)


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ArticleError(path, f"not UTF-8 (byte {error.start})", line) from error


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
    try:
        fields = yaml.safe_load("".join(lines[1:index])) or {}
    except yaml.YAMLError as error:
        # The context mark is where the broken construct began (an unclosed '['); the
        # problem mark, where the parser gave up, is often just the end of the block.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line_no = mark.line + 2 if mark is not None else 2
        raise ArticleError(path, f"front matter is not valid YAML: {_first_line(error)}", line_no) from error
    if not isinstance(fields, dict):
        raise ArticleError(path, "front matter must be a mapping of field: value", 2)
    return fields, "".join(lines[index + 1 :]), index + 2, _key_lines("".join(lines[1:index]))


def _key_lines(front_matter: str) -> dict[str, int]:
    """File line of each top-level key, so a bad field value can be pointed at."""
    node = yaml.compose(front_matter)
    return {key.value: key.start_mark.line + 2 for key, _ in node.value} if node is not None else {}


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _jsonl_records(text: str, path: Path) -> Iterator[_Located | ArticleError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ArticleError(path, f"invalid JSON: {error.msg}", number)
            continue
        yield _from_json(record, path, number)


def _json_records(text: str, path: Path) -> Iterator[_Located | ArticleError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(path, f"invalid JSON: {error.msg}", error.lineno) from error
    records = data if isinstance(data, list) else [data]
    for record in records:
        yield _from_json(record, path, None)


def _from_json(record: object, path: Path, line: int | None) -> _Located | ArticleError:
    if not isinstance(record, dict):
        return ArticleError(path, "each record must be a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str):
        return ArticleError(path, "record has no 'text' string", line)
    return _Located(record, text, str(path), line)


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
