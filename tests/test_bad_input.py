"""Bad input gets a clear PATH:LINE message, never a crash, and never costs the other articles.

Every case is built next to a good article and run through ``kg build`` with the
real extractor: the bad one is reported (an error: not loaded; a warning: loaded
as written), the good one always loads, and a store built before is kept whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import Reader
from kg.cli import EXIT_FAILED, EXIT_STRICT, EXIT_USAGE, main
from test_cli import Runner

GOOD = '---\nid: good\n---\nAnn Lee said "the bridge is open" on Monday.\n'


@dataclass(frozen=True)
class Case:
    name: str  # file name, its suffix decides how it is read
    content: bytes
    line: int | None  # where the problem is reported; None: the whole file
    message: str  # a fragment of the message
    warning: bool = False


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


ERRORS = [
    Case("latin1.txt", "Line one.\nCaf\xe9 owners said so.\n".encode("latin-1"), 2, "not UTF-8 (byte 0xE9"),
    Case("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary file (a NUL byte at byte 8)"),
    Case("utf16.txt", "Hello.".encode("utf-16"), 1, "UTF-16 text"),
    Case("empty.txt", b"", 1, "empty file"),
    Case("blank.jsonl", b"\n  \n", 1, "empty file"),
    Case("only-front.md", b"---\nid: x\n---\n\n", 4, "article has no text"),
    Case("unclosed.md", b"---\nid: x\nBody.\n", 1, "never closed"),
    Case("yaml.md", b"---\nid: x\ntitle: [unclosed\n---\nBody.\n", 3, "while parsing a flow sequence that starts at line 3"),
    Case("tab.md", b"---\nid: x\n\t- y\n---\nBody.\n", 3, "found character '\\t' that cannot start any token"),
    Case("date.md", b"---\nid: x\npublished: 2025-13-45\n---\nBody.\n", 3, "cannot read '2025-13-45': month must be in 1..12"),
    Case("deep.md", b"---\nid: " + b"[" * 5000 + b"\n---\nBody.\n", 2, "nested too deeply"),
    Case("list.md", b"---\n- a\n---\nBody.\n", 2, "mapping of field: value"),
    Case("nested.md", b"---\nid: x\ntitle: {a: 1}\n---\nBody.\n", 3, "'title' must be a single value"),
    Case("broken.jsonl", b'{"id": "j1", "text": "Fine."}\n{"id": "j2", "text": broken}\n', 2, "invalid JSON: Expecting value (column 22)"),
    Case("digits.jsonl", b'{"id": ' + b"9" * 5000 + b', "text": "x"}\n', 1, "Exceeds the limit (4300 digits)"),
    Case("surrogate.jsonl", b'{"id": "s", "text": "half \\ud800 a pair"}\n', 1, "unpaired surrogate"),
    Case("notext.jsonl", b'{"id": "n", "title": "no text"}\n', 1, "no 'text' string"),
    Case("bool.jsonl", b'{"id": true, "text": "Yes."}\n', 1, "'id' must be a single value"),
    Case("broken.json", b'{\n  "text": "x",\n  oops\n}\n', 3, "invalid JSON: Expecting property name"),
    Case("records.json", b'[\n  {"id": "r1", "text": "One."},\n\n  "not a record"\n]\n', 4, "must be a JSON object"),
    Case("trailing.json", b'{"id": "t", "text": "x"} {"id": "u"}\n', 1, "Extra data"),
    Case("deep.json", b"[" * 100_000, 1, "nested too deeply"),
    Case("big.txt", b"Words and words. " * 12_000, 1, "file is 204,000 bytes, over the 200,000-byte limit"),
    Case("bigline.jsonl", b'{"id": "small", "text": "Fine."}\n{"id": "big", "text": "' + b"x" * 210_000 + b'"}\n', 2,
         "line is over the 200,000-byte limit"),
    Case("dup.md", _utf8('---\nid: good\n---\nBo Chan said "the bridge is shut" on Monday.\n'), 4,
         "id 'good' is already used by"),
]

WARNINGS = [
    Case("quotes.md", _utf8('---\nid: q\n---\nFirst line.\nAnn Lee said "the bridge is open.\nNext line.\n'), 5,
         "quotation mark not closed by the end of its paragraph", warning=True),
    Case("closing.txt", _utf8("Ann Lee said the bridge is open” on Monday.\n"), 1, "closing quotation mark with no opening one", True),
    Case("control.txt", _utf8("Ann Lee said\x07 it\x1b is open.\n"), 1, "control character U+0007 (and 1 more)", True),
    Case("late-nul.txt", b"Quiet. " * 1300 + b"\x00 Then a NUL.\n", 1, "control character U+0000", True),
    Case("bidi.txt", _utf8("Pay to \u202etnuocca\u202c now, the bank said.\n"), 1, "RIGHT-TO-LEFT OVERRIDE", True),
    Case("homoglyph.md", _utf8("---\nid: h\n---\nOfficials in Kyiv said so.\nOfficials in Kyіv denied it.\n"), 5,
         "word 'Kyіv' mixes Cyrillic and Latin letters", True),
    Case("sentence.txt", _utf8("Intro.\n" + "and then " * 1200 + "\n"), 2, "a sentence of 10,800 characters", True),
    Case("paragraph.txt", _utf8("Short sentence here. " * 4800), 1, "a paragraph of 100,800 characters", True),
    Case("json-control.jsonl", b'{"id": "jc", "text": "Line\\u0007 and\\nmore."}\n', 1, "text character 4: control character", True),
]

# Unusual but well-formed: these load with no problem reported at all.
CLEAN = {
    "arabic.txt": _utf8("قال المتحدث إن الجسر مفتوح. \"الجسر مفتوح\" قال أحمد.\n"),
    "hebrew-mixed.md": _utf8('---\nid: he\n---\nThe mayor of תל אביב said "it is open" today.\n'),
    "emoji.txt": _utf8('Ann Lee 👩🏽‍🚒 said "the 🌉 is open" — 100% sure.\n'),
    "combining.txt": _utf8("Zoe\u0301 said the cafe\u0301 is open.\n"),
    "crlf.md": b'---\r\nid: crlf\r\n---\r\nAnn said "yes"\r\nBo said "no"\r\n',
    "cr-only.txt": b'Ann said "yes".\rBo said "no".\r',
    "line-sep.jsonl": _utf8(json.dumps({"id": "ls", "text": "One\u2028two\u2029three."}, ensure_ascii=False) + "\n"),
    "multi-paragraph.txt": _utf8("“The first paragraph of a quote,\n“and the second,” he said.\n"),
    "same-again.md": _utf8(GOOD),  # a re-ingest of the good article: loaded once, not an error
    "README.md": _utf8("# About this corpus\n\nNot an article: no front matter, so walking the folder skips it.\n"),
}


def _build(tmp_path: Path, name: str, content: bytes, *args: str):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a-good.md").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(content)
    store = tmp_path / "kg.oxigraph"
    result = Runner().invoke(main, ["--store", str(store), "build", "--no-show", "--max-size", "0.2", *args, str(folder)])
    return folder / name, store, result


def _documents(store: Path) -> list[str]:
    from kg.store import Store

    return Store(store, create=False, read_only=True).documents()


def _no_crash(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", ERRORS + WARNINGS, ids=lambda case: case.name)
def test_bad_input_is_reported_by_path_and_line_and_the_rest_loads(tmp_path, case):
    path, store, result = _build(tmp_path, case.name, case.content)
    _no_crash(result)
    where = str(path) if case.line is None else f"{path}:{case.line}"
    lines = [line for line in result.stderr.splitlines() if line.startswith(where + ": ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{where}: warning: " if case.warning else f"{where}: "), lines
    assert case.message in lines[0]
    assert "good" in _documents(store)  # nothing lost
    assert result.exit_code == (0 if case.warning else EXIT_FAILED), result.stderr


@pytest.mark.parametrize("name", list(CLEAN))
def test_unusual_but_valid_input_loads_without_complaint(tmp_path, name):
    path, store, result = _build(tmp_path, name, CLEAN[name])
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    assert str(path) not in result.stderr
    documents = _documents(store)
    assert "good" in documents and len(documents) == (1 if name in ("same-again.md", "README.md") else 2)


def test_everything_at_once_reports_each_problem_and_loads_all_that_can_be(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.md").write_text(GOOD, encoding="utf-8")
    for case in ERRORS + WARNINGS:
        (folder / case.name).write_bytes(case.content)
    for name, content in CLEAN.items():
        (folder / name).write_bytes(content)
    store = tmp_path / "kg.oxigraph"
    result = Runner().invoke(main, ["--store", str(store), "build", "--no-show", "--max-size", "0.2", str(folder)])
    _no_crash(result)
    assert result.exit_code == EXIT_FAILED
    reported = [line for line in result.stderr.splitlines() if line.startswith(str(folder))]
    assert len(reported) == len(ERRORS) + len(WARNINGS)
    assert f"{len(ERRORS)} failed, {len(WARNINGS)} warnings." in result.stderr
    assert "Skipped 1 .md file without front matter (README.md)." in result.stderr
    # the good article, each warned-about one, the clean ones (less the re-ingest and the
    # README), and the good records inside partly broken files (j1, small, r1)
    assert len(_documents(store)) == 1 + len(WARNINGS) + len(CLEAN) - 2 + 3


def test_strict_stops_at_the_first_problem_and_leaves_the_store_as_it_was(tmp_path):
    _build(tmp_path, "b-also-good.md", b"---\nid: also\n---\nBo said it.\n")
    path, store, result = _build(tmp_path, WARNINGS[0].name, WARNINGS[0].content, "--strict")
    _no_crash(result)
    assert result.exit_code == EXIT_STRICT
    assert result.stderr.startswith(f"{path}:5: warning: ")
    assert "stopped at the first problem (--strict); the store was not changed" in result.stderr
    assert _documents(store) == ["also", "good"]


def test_strict_stops_when_the_extractor_fails(tmp_path, monkeypatch):
    def broken(article):
        raise RuntimeError("tokenizer exploded")

    monkeypatch.setattr("kg.cli._extractor", lambda: broken)
    path, _, result = _build(tmp_path, "b.txt", b"Text.\n", "--strict")
    assert result.exit_code == EXIT_STRICT
    assert f"{path.parent / 'a-good.md'}:4: RuntimeError: tokenizer exploded" in result.stderr


def test_a_folder_with_no_articles_says_so_and_fails(tmp_path):
    (tmp_path / "README.md").write_text("# Notes\n")
    (tmp_path / "data.csv").write_text("a,b\n")
    result = Runner().invoke(main, ["--memory", "build", str(tmp_path)])
    assert result.exit_code == EXIT_USAGE
    assert f"no articles in {tmp_path}" in result.stderr
    assert "skipped 1 .md file without front matter" in result.stderr


def test_a_markdown_file_named_explicitly_is_read_even_without_front_matter(tmp_path):
    path = tmp_path / "README.md"
    path.write_text('Ann Lee said "the bridge is open" today.\n')
    result = Runner().invoke(main, ["--memory", "build", "--no-show", str(path)])
    assert result.exit_code == 0 and "Loaded 1 article" in result.stderr


@pytest.mark.parametrize(("published", "warned"), [("yesterday", True), ("2026-03-01", False),
                                                  ("2026-03-01T10:00:00+02:00", False), ("'2025-13-45'", True)])
def test_a_date_that_is_no_date_is_kept_as_text_with_a_warning(tmp_path, published, warned):
    path = tmp_path / "a.md"
    path.write_text(f"---\nid: a\npublished: {published}\n---\nAnn Lee said the bridge is open.\n")
    reader = Reader()
    (article,) = reader.read([path])
    assert article.published == published.strip("'")
    assert [str(p) for p in reader.problems] == ([f"{path}:3: warning: published {published.strip(chr(39))!r} is not an ISO 8601 "
                                                   "date (2026-03-01 or 2026-03-01T10:00:00+02:00); it is kept as text"]
                                                 if warned else [])


def test_an_empty_markdown_file_in_a_folder_is_reported_as_empty_like_any_other(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "empty.md").write_text("")
    result = Runner().invoke(main, ["--memory", "build", "--no-show", str(tmp_path)])
    assert result.exit_code == EXIT_FAILED and f"{tmp_path / 'empty.md'}:" in result.stderr and "empty" in result.stderr
    assert "without front matter" not in result.stderr


def test_the_seed_has_no_warnings():
    from kg.articles import seeds_dir

    reader = Reader()
    assert len(list(reader.read([seeds_dir()]))) == 1
    assert reader.problems == []


SUFFIXES = st.sampled_from([".txt", ".md", ".json", ".jsonl"])
FRONT_MATTERISH = st.lists(st.sampled_from(["---\n", "id: ", "title: ", "[", "{", "\"", "'", "\n", "- ", ": ", "\t",
                                            "2025-13-45", "text", "\\u0000", "\x00", "é", "\u202e", "…"]), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=300), FRONT_MATTERISH.map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))),
       suffix=SUFFIXES)
def test_reading_any_bytes_never_raises(tmp_path, content, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    reader = Reader()
    for article in reader.read_file(path):
        assert article.body.strip() and article.id
        article.body.encode("utf-8")  # valid Unicode all the way through
    assert all(str(problem).startswith(f"{path}") for problem in reader.problems)
