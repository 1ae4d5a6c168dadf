from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.articles import ArticleError, derive_id, parse_text, read_articles, read_file, seeds_dir

FRONT = """---
id: a1
title: "Troops withdrawn"
publisher: Kyiv Independent
url: https://example.org/a1
published: 2025-03-01
language: en
---
"""


def test_front_matter_fields_and_exact_body(tmp_path):
    body = "First line.\n\n  Indented \"quote\".\n"
    path = tmp_path / "a.md"
    path.write_text(FRONT + body, encoding="utf-8")
    (article,) = read_file(path)
    assert article.id == "a1"
    assert article.title == "Troops withdrawn"
    assert article.publisher == "Kyiv Independent"
    assert article.url == "https://example.org/a1"
    assert article.published == "2025-03-01"  # YAML's date comes back as ISO text
    assert article.language == "en"
    assert article.path == str(path)
    assert article.body == body


def test_crlf_and_leading_blank_lines_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"---\r\nid: x\r\n---\r\n\r\nLine one.\r\nLine two.\r\n")
    assert read_file(path)[0].body == "\r\nLine one.\r\nLine two.\r\n"


def test_without_front_matter_the_whole_file_is_the_body():
    article = parse_text("Just text.\n---\nnot front matter\n")
    assert article.body == "Just text.\n---\nnot front matter\n"
    assert article.title is None


def test_missing_id_is_derived_from_content_and_stable(tmp_path):
    one, two, other = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    one.write_text("Same words.", encoding="utf-8")
    two.write_text("---\ntitle: Another title\n---\nSame words.", encoding="utf-8")
    other.write_text("Other words.", encoding="utf-8")
    ids = [read_file(path)[0].id for path in (one, two, other)]
    assert ids[0] == ids[1] == derive_id("Same words.") == read_file(one)[0].id
    assert ids[2] != ids[0]
    assert len(ids[0]) == 16


@given(st.text(min_size=1).filter(lambda text: text.strip()))
def test_body_after_front_matter_is_preserved_exactly(body):
    assert parse_text("---\nid: x\n---\n" + body).body == body


def test_json_record_list_and_jsonl(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": "Body one.", "title": "T"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "Body two."}, {"id": 7, "text": "Body three."}]))
    (tmp_path / "lines.jsonl").write_text('{"id": "l1", "text": "Line one."}\n\n{"text": "Line two."}\n')
    articles = list(read_articles([tmp_path]))
    assert [a.id for a in articles] == ["l1", derive_id("Line two."), derive_id("Body two."), "7", "j1"]
    assert articles[-1].title == "T"


def test_folders_are_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.md").write_text("---\nid: z\n---\nZ.")
    (tmp_path / "a.txt").write_text("---\nid: a\n---\nA.")
    (tmp_path / ".git" / "h.md").write_text("hidden")
    (tmp_path / "notes.csv").write_text("x,y")
    assert [a.id for a in read_articles([tmp_path])] == ["a", "z"]


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("yaml.md", b"---\nid: x\ntitle: [unclosed\n---\nBody.", 3, "not valid YAML"),
        ("open.md", b"---\nid: x\nBody without closing.", 1, "never closed"),
        ("list.md", b"---\n- a\n- b\n---\nBody.", 2, "mapping"),
        ("latin1.txt", "line one\nline two caf\xe9\n".encode("latin-1"), 2, "not UTF-8"),
        ("empty.txt", b"  \n", 1, "empty"),
        ("broken.jsonl", b'{"text": "ok"}\n{"text": broken}\n', 2, "invalid JSON"),
        ("broken.json", b'{\n  "text": "x",\n  oops\n}', 3, "invalid JSON"),
        ("notext.jsonl", b'{"title": "no text"}\n', 1, "no 'text'"),
        ("nested.md", b"---\nid: x\ntitle: {a: 1}\n---\nBody.", 3, "single value"),
        ("blank.md", b"---\nid: x\n---\n \n", 4, "no text"),
    ],
)
def test_errors_carry_path_and_line(tmp_path, name, content, line, message):
    path = tmp_path / name
    path.write_bytes(content)
    errors: list[ArticleError] = []
    list(read_articles([path], errors))
    (error,) = errors
    assert (error.path, error.line) == (str(path), line)
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}: ")


def test_errors_are_collected_and_other_files_and_lines_still_load(tmp_path):
    # a.md's YAML runs out at the closing '---' (line 3) with the '[' still open
    (tmp_path / "a.md").write_text("---\nid: [\n---\nBad.")
    (tmp_path / "b.md").write_text("---\nid: good\n---\nGood.")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "C1."}\nnot json\n{"id": "c3", "text": "C3."}\n')
    errors: list[ArticleError] = []
    ids = [a.id for a in read_articles([tmp_path], errors)]
    assert ids == ["good", "c1", "c3"]
    assert [(e.path.rsplit("/", 1)[1], e.line) for e in errors] == [("a.md", 3), ("c.jsonl", 2)]


def test_without_an_errors_list_the_first_error_is_raised(tmp_path):
    (tmp_path / "bad.md").write_text("")
    with pytest.raises(ArticleError, match="empty"):
        list(read_articles([tmp_path / "bad.md"]))


def test_unsupported_file_named_explicitly_is_an_error(tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(ArticleError, match="unsupported"):
        read_file(tmp_path / "x.csv")


def test_seed_article_reads(tmp_path):
    (seed,) = read_articles([seeds_dir()])
    assert seed.id == "000_0da5bea54c4e428b"
    assert seed.body.startswith("The situation surrounding")
    assert seed.publisher is None
