"""Score an attribution extractor against a brat-standoff gold corpus (PolNeAR layout).

Why: the extractor is only as good as we can measure it; this module turns a gold
corpus and an extractor into comparable numbers and a list of its mistakes.

Corpus layout: ``CORPUS/text/NAME.txt`` and ``CORPUS/attributions/NAME_ANNOTATOR.ann``.
When an article has several annotator files the alphabetically first one is the
reference and the others are ignored. Each brat ``E`` line with at least one
``Content`` role becomes one gold :class:`kg.model.Attribution` (roles ``Cue*``,
``Source*``, ``Content*``; anchors, ``Discard``/``Discuss`` marks, notes and unknown
roles are ignored). Gold ``kind`` is a heuristic from quotation marks.

Tokens. Spans are compared through the tokens they touch, never raw characters:
a *token* is a ``\\w+`` run or a single non-space, non-word character (close to the
spaCy tokens Citron uses, punctuation included); a *word token* is a ``\\w+`` run.
A span covers every token whose characters it overlaps, so whitespace at a span's
edges never matters. All figures are micro-averaged over the corpus, and F1 is the
harmonic mean of P and R (0 when both are 0; P is 0 when nothing is predicted).

Metrics (the first two families follow BBC Citron's evaluator, ``citron/metrics.py``):

* **exact** (per element: cue, source, content). Two span lists are equal when they
  cover exactly the same tokens (so fragmentation across whitespace and edge
  whitespace do not matter; Citron compares spaCy token spans likewise). A predicted
  attribution is correct for the cue when some gold attribution's cue is equal; for
  the source (content) when some gold attribution has a cue sharing a token with
  the predicted cue (or both cues are empty) and equal sources (contents). Two empty
  source lists are equal, so predicting "no source" for a sourceless attribution
  counts as correct, as in Citron. P = correct predicted
  attributions / predicted attributions; R = gold attributions found by the same test
  / gold attributions. (Citron divides its predicted-side count by that count plus
  the gold-side misses for R; the two agree whenever matches are one-to-one.)
* **overlap** (per element). P = predicted tokens that lie inside some gold span of
  that element / all predicted tokens of that element; R = gold tokens that lie
  inside some predicted span of that element / all gold tokens of that element.
  Tokens are counted once per attribution, so a source shared by three attributions
  weighs three times, as in Citron. Citron sums the overlap over every
  (predicted, gold) pair, which counts a token twice when gold spans overlap each
  other (shared sources, nested contents) and can push P above 1; here a token is
  either inside or not, so the figures stay within [0, 1] and equal Citron's
  whenever the gold spans of an element are disjoint.
* **all spans exact**: cue, sources and contents all equal to those of one gold
  attribution (Citron's "all quote spans" exact metric); P and R as for exact.
* **attribution** ("who said what"). A predicted attribution matches a gold one when
  (a) its contents cover at least half of the gold content's word tokens, (b) at least
  a third of its own content word tokens lie inside the gold content, and (c) where
  the gold has a source, the predicted sources share a word token with it. Matching
  is one-to-one, greedy by Dice overlap of content word tokens. P = matched /
  predicted attributions, R = matched / gold attributions. (Where a content or
  source has no word token at all, its punctuation tokens stand in for words.)
"""

from __future__ import annotations

import os
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from kg.model import Attribution, Kind, Span

__all__ = [
    "ErrorRecord",
    "GoldDocument",
    "Report",
    "Score",
    "Tally",
    "errors",
    "evaluate",
    "load_corpus",
    "parse_ann",
    "predict",
]

Extractor = Callable[[str], Sequence[Attribution]]
Predictions = Mapping[str, Sequence[Attribution]]

MIN_GOLD_COVERAGE = 1 / 2  # share of gold content word tokens the prediction must cover
MIN_PRED_PRECISION = 1 / 3  # share of predicted content word tokens that must lie in gold
CONTEXT_CHARS = 40  # characters of context kept on each side in error records

# Metric keys in report order, with the labels rows() prints.
METRICS: dict[str, str] = {
    "cue.exact": "cue exact",
    "cue.overlap": "cue overlap",
    "source.exact": "source exact",
    "source.overlap": "source overlap",
    "content.exact": "content exact",
    "content.overlap": "content overlap",
    "spans.exact": "all spans exact",
    "attribution": "attribution (who said what)",
}

_TOKEN = re.compile(r"(\w+)|[^\w\s]")  # group 1 set: a word token
_QUOTES = "\"“”"
_OFFSETS = re.compile(r"([0-9]+) +([0-9]+)")


# --------------------------------------------------------------------------- corpus


@dataclass(slots=True)
class GoldDocument:
    """One article with its reference annotator's attributions."""

    name: str
    text: str
    attributions: list[Attribution]
    annotator: str
    annotators: tuple[str, ...] = ()  # every annotator with a file for this article
    dropped: int = 0  # E lines without any content span, left out of the gold


def load_corpus(
    path: str | os.PathLike[str],
    *,
    select: str | Collection[str] | None = None,
    limit: int | None = None,
) -> list[GoldDocument]:
    """Read a PolNeAR-style corpus, sorted by article name.

    ``select`` is a glob over article names (``"nyt_*"``) or a collection of names;
    ``limit`` keeps the first N selected articles. Articles without a text file or
    without any annotation file are skipped: there is nothing to score them against.
    """
    root = Path(path)
    ann_dir, text_dir = root / "attributions", root / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise FileNotFoundError(f"{root} has no attributions/ and text/ folders")
    by_name: dict[str, list[str]] = {}
    for entry in os.scandir(ann_dir):
        if entry.name.endswith(".ann") and "_" in entry.name:
            name, annotator = entry.name[:-4].rsplit("_", 1)
            by_name.setdefault(name, []).append(annotator)
    docs: list[GoldDocument] = []
    for name in sorted(by_name):
        if not _selected(name, select):
            continue
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            continue
        annotators = tuple(sorted(by_name[name]))
        text = _read(text_path)
        ann = _read(ann_dir / f"{name}_{annotators[0]}.ann")
        attributions, dropped = parse_ann(ann, text)
        docs.append(GoldDocument(name, text, attributions, annotators[0], annotators, dropped))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _read(path: Path) -> str:
    """Read UTF-8 without newline translation: brat offsets count every character."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _selected(name: str, select: str | Collection[str] | None) -> bool:
    if select is None:
        return True
    if isinstance(select, str):
        return fnmatchcase(name, select)
    return name in select


def parse_ann(ann: str, text: str) -> tuple[list[Attribution], int]:
    """Turn brat standoff into attributions; returns them and how many E lines had no content.

    Offsets index ``text``; span text is read from ``text``, not from the .ann file,
    so ``text[s.start:s.end] == s.text`` holds. Fragments outside the text, unknown
    line types, unknown roles and dangling T references are skipped, not fatal.
    """
    fragments: dict[str, list[tuple[int, int]]] = {}
    events: list[list[tuple[str, str]]] = []
    size = len(text)
    for line in ann.splitlines():
        tag, sep, rest = line.partition("\t")
        if not sep or len(tag) < 2 or not tag[1:].isdigit():
            continue  # blank, note, or a continuation of a multi-line span text
        if tag[0] == "T":
            label_offsets = rest.split("\t", 1)[0]
            _, _, offsets = label_offsets.partition(" ")
            frags = []
            for piece in offsets.split(";"):
                bounds = _OFFSETS.fullmatch(piece.strip())
                if not bounds:
                    continue
                start, end = int(bounds[1]), int(bounds[2])
                if 0 <= start < end <= size:
                    frags.append((start, end))
            fragments[tag] = frags
        elif tag[0] == "E":
            roles = []
            for arg in rest.split():
                role, _, ref = arg.partition(":")
                roles.append((role.rstrip("0123456789"), ref))
            events.append(roles)

    attributions: list[Attribution] = []
    dropped = 0
    for roles in events:
        parts: dict[str, set[tuple[int, int]]] = {"Cue": set(), "Source": set(), "Content": set()}
        for role, ref in roles:
            if role in parts and ref in fragments:
                parts[role].update(fragments[ref])
        if not parts["Content"]:
            dropped += 1
            continue
        spans = {role: [Span.of(text, s, e) for s, e in sorted(frags)] for role, frags in parts.items()}
        attributions.append(
            Attribution(
                cue=spans["Cue"],
                sources=spans["Source"],
                contents=spans["Content"],
                kind=_kind(spans["Content"]),
            )
        )
    return attributions, dropped


def _kind(contents: list[Span]) -> Kind:
    """Direct if every content piece is a quotation, mixed if quotes appear, else indirect."""
    pieces = [s.text.strip() for s in contents]
    if pieces and all(len(p) > 1 and p[0] in _QUOTES and p.rstrip(".,;:")[-1] in _QUOTES for p in pieces):
        return Kind.DIRECT
    if any(q in p for p in pieces for q in _QUOTES):
        return Kind.MIXED
    return Kind.INDIRECT


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float

    def __iter__(self) -> Iterator[float]:
        """Unpack as ``p, r, f1 = report["attribution"]``."""
        return iter((self.precision, self.recall, self.f1))


@dataclass(slots=True)
class Tally:
    """Counts behind one metric: predicted items credited/total, gold items found/total.

    Items are attributions for exact and attribution metrics, tokens for overlap ones.
    """

    pred_hit: int = 0
    pred_total: int = 0
    gold_hit: int = 0
    gold_total: int = 0

    def add(self, other: Tally) -> None:
        self.pred_hit += other.pred_hit
        self.pred_total += other.pred_total
        self.gold_hit += other.gold_hit
        self.gold_total += other.gold_total

    @property
    def score(self) -> Score:
        p = self.pred_hit / self.pred_total if self.pred_total else 0.0
        r = self.gold_hit / self.gold_total if self.gold_total else 0.0
        return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        s = self.score
        return {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "pred_hit": self.pred_hit,
            "pred_total": self.pred_total,
            "gold_hit": self.gold_hit,
            "gold_total": self.gold_total,
        }


@dataclass(slots=True)
class Report:
    """Corpus-level scores; ``rows()`` for a table, ``as_dict()`` for JSON."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in METRICS})
    characters: int = 0
    extract_seconds: float | None = None  # None when predictions were given precomputed
    score_seconds: float = 0.0

    def __getitem__(self, metric: str) -> Score:
        return self.tallies[metric].score

    def rows(self) -> list[tuple[str, float, float, float]]:
        """(metric label, precision, recall, F1), in a fixed order."""
        return [(label, self[key].precision, self[key].recall, self[key].f1) for key, label in METRICS.items()]

    def as_dict(self) -> dict:
        out: dict = {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "metrics": {key: self.tallies[key].as_dict() for key in METRICS},
            "score_seconds": round(self.score_seconds, 3),
        }
        if self.extract_seconds is not None:
            out["extract_seconds"] = round(self.extract_seconds, 3)
            if self.extract_seconds > 0:
                out["documents_per_second"] = round(self.documents / self.extract_seconds, 1)
                out["characters_per_second"] = round(self.characters / self.extract_seconds)
        return out


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """One false positive (``fp``) or missed gold attribution (``miss``), with why."""

    document: str
    kind: str  # "fp" or "miss"
    cue: str
    source: str
    content: str
    context: str  # about CONTEXT_CHARS either side of the cue (or content start)
    start: int
    end: int
    reason: str

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "kind": self.kind,
            "cue": self.cue,
            "source": self.source,
            "content": self.content,
            "context": self.context,
            "start": self.start,
            "end": self.end,
            "reason": self.reason,
        }


# --------------------------------------------------------------------------- entry points


def predict(corpus: Iterable[GoldDocument], extractor: Extractor) -> dict[str, list[Attribution]]:
    """Run the extractor once per article, so scores and errors can share one run."""
    out: dict[str, list[Attribution]] = {}
    for doc in corpus:
        out[doc.name] = _run(extractor, doc)
    return out


def evaluate(
    corpus: Iterable[GoldDocument] | str | os.PathLike[str],
    extractor: Extractor | Predictions,
) -> Report:
    """Score an extractor (or precomputed predictions keyed by article name) on a corpus."""
    docs = _docs(corpus)
    report = Report()
    if callable(extractor):
        t0 = time.perf_counter()
        predictions: Predictions = predict(docs, extractor)
        report.extract_seconds = time.perf_counter() - t0
    else:
        predictions = extractor
    t0 = time.perf_counter()
    for doc in docs:
        result = _score_document(doc, predictions.get(doc.name, ()))
        report.documents += 1
        report.characters += len(doc.text)
        report.gold += len(result.gold)
        report.predicted += len(result.pred)
        report.matched += len(result.pairs)
        for key, tally in result.tallies.items():
            report.tallies[key].add(tally)
    report.score_seconds = time.perf_counter() - t0
    return report


def errors(
    corpus: Iterable[GoldDocument] | str | os.PathLike[str],
    extractor: Extractor | Predictions,
) -> Iterator[ErrorRecord]:
    """Yield attribution-level false positives and misses, article by article in text order.

    Each record says why it failed against its nearest counterpart (most shared
    content words), which is what to look at when improving the extractor.
    """
    for doc in _docs(corpus):
        predicted = extractor.get(doc.name, ()) if not callable(extractor) else _run(extractor, doc)
        result = _score_document(doc, predicted)
        matched_pred = {p for p, _ in result.pairs}
        matched_gold = {g for _, g in result.pairs}
        records = [
            _record(doc, "fp", view, _why(view, result.gold, as_gold=False))
            for i, view in enumerate(result.pred)
            if i not in matched_pred
        ]
        records += [
            _record(doc, "miss", view, _why(view, result.pred, as_gold=True))
            for i, view in enumerate(result.gold)
            if i not in matched_gold
        ]
        yield from sorted(records, key=lambda r: (r.start, r.kind))


def _docs(corpus: Iterable[GoldDocument] | str | os.PathLike[str]) -> list[GoldDocument]:
    if isinstance(corpus, (str, os.PathLike)):
        return load_corpus(corpus)
    return list(corpus)


def _run(extractor: Extractor, doc: GoldDocument) -> list[Attribution]:
    try:
        return list(extractor(doc.text))
    except Exception as exc:  # name the article, keep the cause
        raise RuntimeError(f"extractor failed on {doc.name}: {exc}") from exc


# --------------------------------------------------------------------------- scoring


class _Tokens:
    """Token boundaries of one text, for mapping character spans to token indices."""

    __slots__ = ("starts", "ends", "word")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        word = bytearray()
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            word.append(m.lastindex == 1)
        self.word = bytes(word)

    def cover(self, spans: Iterable[Span]) -> frozenset[int]:
        """Indices of every token a span overlaps by at least one character."""
        out: set[int] = set()
        for s in spans:
            if s.end > s.start:
                out.update(range(bisect_right(self.ends, s.start), bisect_left(self.starts, s.end)))
        return frozenset(out)

    def words(self, tokens: frozenset[int]) -> frozenset[int]:
        """Word tokens among ``tokens``; all of them if none is a word (punctuation-only span)."""
        word = self.word
        found = frozenset(i for i in tokens if word[i])
        return found or tokens


@dataclass(slots=True)
class _View:
    att: Attribution
    cue: frozenset[int]
    source: frozenset[int]
    content: frozenset[int]
    source_words: frozenset[int]
    content_words: frozenset[int]


@dataclass(slots=True)
class _Result:
    gold: list[_View]
    pred: list[_View]
    pairs: list[tuple[int, int]]  # (pred index, gold index)
    tallies: dict[str, Tally]


def _view(tokens: _Tokens, att: Attribution) -> _View:
    source = tokens.cover(att.sources)
    content = tokens.cover(att.contents)
    return _View(att, tokens.cover(att.cue), source, content, tokens.words(source), tokens.words(content))


def _score_document(doc: GoldDocument, predicted: Sequence[Attribution]) -> _Result:
    tokens = _Tokens(doc.text)
    gold = [_view(tokens, a) for a in doc.attributions]
    pred = [_view(tokens, a) for a in predicted]
    tallies = {
        "cue.exact": _exact(pred, gold, "cue", corresponding=False),
        "source.exact": _exact(pred, gold, "source"),
        "content.exact": _exact(pred, gold, "content"),
        "cue.overlap": _overlap(pred, gold, "cue"),
        "source.overlap": _overlap(pred, gold, "source"),
        "content.overlap": _overlap(pred, gold, "content"),
        "spans.exact": _all_exact(pred, gold),
    }
    pairs = _match(pred, gold)
    tallies["attribution"] = Tally(len(pairs), len(pred), len(pairs), len(gold))
    return _Result(gold, pred, pairs, tallies)


def _cues_correspond(a: frozenset[int], b: frozenset[int]) -> bool:
    return not a.isdisjoint(b) if a and b else not a and not b


def _exact(pred: list[_View], gold: list[_View], element: str, corresponding: bool = True) -> Tally:
    """Citron exact match for one element; source/content also need corresponding cues."""

    def hits(side: list[_View], other: list[_View]) -> int:
        index: dict[frozenset[int], list[frozenset[int]]] = {}
        for v in other:
            index.setdefault(getattr(v, element), []).append(v.cue)
        found = 0
        for v in side:
            cues = index.get(getattr(v, element))
            if cues and (not corresponding or any(_cues_correspond(v.cue, c) for c in cues)):
                found += 1
        return found

    return Tally(hits(pred, gold), len(pred), hits(gold, pred), len(gold))


def _all_exact(pred: list[_View], gold: list[_View]) -> Tally:
    def key(v: _View) -> tuple[frozenset[int], ...]:
        return (v.cue, v.source, v.content)

    gold_keys = {key(v) for v in gold}
    pred_keys = {key(v) for v in pred}
    return Tally(
        sum(key(v) in gold_keys for v in pred), len(pred), sum(key(v) in pred_keys for v in gold), len(gold)
    )


def _overlap(pred: list[_View], gold: list[_View], element: str) -> Tally:
    """Token overlap: each attribution's tokens, credited if inside the other side's union."""
    gold_union = frozenset().union(*(getattr(v, element) for v in gold))
    pred_union = frozenset().union(*(getattr(v, element) for v in pred))
    tally = Tally()
    for v in pred:
        toks = getattr(v, element)
        tally.pred_total += len(toks)
        tally.pred_hit += len(toks & gold_union)
    for v in gold:
        toks = getattr(v, element)
        tally.gold_total += len(toks)
        tally.gold_hit += len(toks & pred_union)
    return tally


def _test(p: _View, g: _View) -> tuple[int, str | None]:
    """Shared content word tokens, and the first attribution criterion that fails (None: match)."""
    shared = len(p.content_words & g.content_words)
    if not shared:
        return 0, "no shared content words"
    if shared < MIN_GOLD_COVERAGE * len(g.content_words) - 1e-9:
        return shared, f"covers {shared}/{len(g.content_words)} gold content words"
    if shared < MIN_PRED_PRECISION * len(p.content_words) - 1e-9:
        return shared, f"only {shared}/{len(p.content_words)} predicted content words in gold content"
    if g.source and p.source_words.isdisjoint(g.source_words):
        return shared, "source differs"
    return shared, None


def _match(pred: list[_View], gold: list[_View]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of predictions to gold, best content Dice first."""
    candidates: list[tuple[float, int, int]] = []
    for i, p in enumerate(pred):
        if not p.content_words:
            continue
        for j, g in enumerate(gold):
            if p.content_words.isdisjoint(g.content_words):
                continue
            shared, failure = _test(p, g)
            if failure is None:
                dice = 2 * shared / (len(p.content_words) + len(g.content_words))
                candidates.append((-dice, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _why(view: _View, others: list[_View], *, as_gold: bool) -> str:
    """Explain an unmatched attribution by its nearest counterpart on the other side."""
    best: tuple[int, int] | None = None  # (shared content words, index)
    for k, other in enumerate(others):
        shared = len(view.content_words & other.content_words)
        if shared and (best is None or shared > best[0]):
            best = (shared, k)
    if best is None:
        return "no overlapping gold content" if not as_gold else "no overlapping predicted content"
    other = others[best[1]]
    p, g = (other, view) if as_gold else (view, other)
    _, failure = _test(p, g)
    nearest = _clip(" ".join(s.text for s in other.att.contents), 60)
    if failure is None:
        failure = "nearest counterpart already matched to another attribution"
    return f"{failure}; nearest: {nearest!r}"


def _record(doc: GoldDocument, kind: str, view: _View, reason: str) -> ErrorRecord:
    att = view.att
    spans = att.cue + att.sources + att.contents
    start = min((s.start for s in spans), default=0)
    end = max((s.end for s in spans), default=0)
    anchor = att.cue or att.contents
    if anchor:
        lo = max(0, anchor[0].start - CONTEXT_CHARS)
        hi = min(len(doc.text), anchor[-1].end + CONTEXT_CHARS)
        context = " ".join(doc.text[lo:hi].split())
    else:
        context = ""
    return ErrorRecord(
        document=doc.name,
        kind=kind,
        cue=" ".join(s.text for s in att.cue),
        source=" ".join(s.text for s in att.sources),
        content=" ".join(s.text for s in att.contents),
        context=context,
        start=start,
        end=end,
        reason=reason,
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
