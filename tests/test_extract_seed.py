"""The seed article, attribution by attribution, against the hand-written fixture."""

from pathlib import Path

import pytest
import yaml

from kg.articles import read_articles
from kg.extract import extract

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = yaml.safe_load((ROOT / "tests/fixtures/seed_expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed():
    (article,) = read_articles([ROOT / "seeds"])
    return extract(article)


def test_every_attribution_and_no_other(seed):
    got = seed.attributions
    assert [a.cue[0].text for a in got] == [e["cue"] for e in EXPECTED["attributions"]]


@pytest.mark.parametrize("index", range(len(EXPECTED["attributions"])))
def test_attribution(seed, index):
    want = EXPECTED["attributions"][index]
    got = seed.attributions[index]
    assert got.speaker is not None
    assert (got.speaker.name, got.speaker.type.value) == (want["speaker"], want["type"])
    assert [s.text for s in got.sources] == ([want["source"]] if want["source"] else [])
    assert got.kind.value == want["kind"]
    assert got.contents[0].text.startswith(want["content"])
    assert [c.name for c in got.channels] == want.get("channels", [])
    assert [h.text for h in got.hedges] == want.get("hedges", [])
    assert [f.text for f in got.figures] == want.get("figures", [])


def test_spans_index_the_body_exactly(seed):
    body = seed.article.body
    for a in seed.attributions:
        for span in a.cue + a.sources + a.contents + a.hedges + a.figures:
            assert body[span.start : span.end] == span.text


@pytest.mark.parametrize("want", EXPECTED["entities"], ids=lambda e: e["name"])
def test_entity(seed, want):
    by_name = {e.name: e for e in seed.entities}
    assert want["name"] in by_name
    entity = by_name[want["name"]]
    assert entity.type.value == want["type"]
    assert entity.role == want.get("role")
    assert entity.title == want.get("title")


@pytest.mark.parametrize("subject,predicate,obj", EXPECTED["relations"])
def test_relation(seed, subject, predicate, obj):
    names = {e.key: e.name for e in seed.entities}
    got = {(names.get(r.subject), r.predicate, names.get(r.object)) for r in seed.relations}
    assert (subject, predicate, obj) in got


def test_regions_carry_standard_identifiers(seed):
    ukraine = next(e for e in seed.entities if e.name == "Ukraine")
    assert dict(ukraine.identifiers) == {"iso3166": "UA", "geonames": "690791"}


def test_claims_mention_the_places_they_name(seed):
    first = seed.attributions[0]
    assert {e.name for e in first.mentions} >= {"North Korea", "Russia", "Kursk region"}
    kursk = next(e for e in seed.entities if e.name == "Kursk region")
    assert dict(kursk.identifiers) == {"iso3166": "RU-KRS"}
