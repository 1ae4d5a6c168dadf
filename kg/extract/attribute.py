"""From cues to attributions: where the source and the content of each cue lie.

One segment (a sentence, with quotations kept whole) at a time. The shapes, in
the order they are tried for a verb cue:

* a quotation just before:  “…,” Kindratenko stated / “…,” revealed The New York Times
* a subject before the cue: Military analysts … have suggested <content>
* a relative pronoun:       officials, which noted <content>
* a coordinated or participial cue sharing the last source: … but cited <content>
* content before, source after a comma:  <content>, the minister said.

and for phrase cues: "according to X, <content>", "<content>, as stated by X".
Anything that fits none of these is left out: a missed attribution costs less
than a wrong one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from kg.extract.cues import Cue, CueKind, match_phrase, phrase_starts
from kg.extract.entities import describe, role_at
from kg.extract.lexicon import word_set
from kg.extract.text import CLOSING_MARKS, EITHER_MARKS, OPENING_MARKS, QUOTE_MARKS, Token
from kg.model import EntityType, Kind, Span

MAX_SOURCE_TOKENS = 14
_BOUNDARY = frozenset(",;:()[]—–-…") | QUOTE_MARKS
_INTRO_ADVERBS = frozenset(
    "however meanwhile still now yet also then later instead indeed separately but and so thus moreover "
    "furthermore additionally similarly likewise nonetheless nevertheless recently earlier today yesterday".split()
)
_PREPOSITIONS = frozenset("of for at in from with on near within inside among by about".split())
_RECIPIENT_CUES = frozenset("tell inform assure ask warn remind advise urge caution".split())
_OBJECT_PRONOUNS = frozenset("me us him her them you reporters journalists".split())


@dataclass(slots=True)
class Candidate:
    """An attribution before its source is resolved to an entity."""

    cue: Span
    contents: list[Span]
    kind: Kind
    source: list[Token] = field(default_factory=list)  # the words naming the source, as written
    antecedent: list[Token] = field(default_factory=list)  # for "who"/"which": what it stands for
    channels: list[list[Token]] = field(default_factory=list)
    role: list[Token] = field(default_factory=list)  # "spokesperson" in "X, spokesperson for Y,"
    organization: list[Token] = field(default_factory=list)  # "Y" there
    explicit: bool = False  # the construction names the source ("according to X"), whatever X is
    lemma: str = ""  # the cue's lemma, for sources only speech verbs vouch for
    shares_source_with: "Candidate | None" = None


def attribute_segment(body: str, tokens: list[Token], cues: list[Cue], quotes: list[Span]) -> list[Candidate]:
    """Candidates for the cues of one segment, left to right."""
    label = colon_attribution(body, tokens)
    if label is not None:
        return [label]
    found: list[Candidate] = []
    taken = _channel_tokens(tokens)  # token indexes already used as a channel, source or content
    for cue in cues:
        if cue.head in taken or _yields(tokens, cue):
            continue
        if cue.kind is CueKind.SOURCE_AFTER:
            cand = _source_after(body, tokens, cue)
        else:
            cand = _quote_then_cue(body, tokens, cue, quotes) or _verb(body, tokens, cue, quotes, found)
        if cand is None:
            continue
        cand.lemma = cue.lemma
        _add_channels(tokens, cue, cand)
        found.append(cand)
        for i, t in enumerate(tokens):
            if cand.source and cand.source[0].start <= t.start and t.end <= cand.source[-1].end:
                taken.add(i)
            if any(c.start <= t.start and t.end <= c.end for c in cand.contents):
                taken.add(i)
    return found


def _channel_tokens(tokens: list[Token]) -> set[int]:
    """Indexes of channel phrases' words: "reported" in "as reported by" is no cue of its own."""
    out: set[int] = set()
    starts = phrase_starts("channel_phrases")
    for i, t in enumerate(tokens):
        if t.lower in starts:
            out.update(range(i, i + match_phrase(tokens, i, "channel_phrases")))
    return out


_NOUN_FORMS_BEFORE = frozenset("from of by about on in to for".split())


def _yields(tokens: list[Token], cue: Cue) -> bool:
    """A verb cue that is really a noun ("reports from"), or gives way to "…, as stated by X"."""
    if cue.kind is not CueKind.VERB:
        return False
    nxt = tokens[cue.last + 1] if cue.last + 1 < len(tokens) else None
    if nxt is None:
        return False
    if nxt.text == "," and cue.last + 2 < len(tokens) and match_phrase(tokens, cue.last + 2, "cue_phrases"):
        return True
    word = tokens[cue.head].lower
    return word.endswith("s") and word != "says" and cue.head == cue.last and nxt.lower in _NOUN_FORMS_BEFORE


def _apposition(tokens: list[Token], comma: int) -> tuple[int, list[Token], list[Token]] | None:
    """', spokesperson for the Ukrainian Special Operations Forces,' at ``comma`` → (closing comma, role, organisation)."""
    if comma >= len(tokens) or tokens[comma].text != ",":
        return None
    end = comma + 1
    while end < len(tokens) and tokens[end].text not in _BOUNDARY and tokens[end].text not in ".!?" and end - comma <= MAX_SOURCE_TOKENS:
        end += 1
    if end >= len(tokens) or tokens[end].text != ",":
        return None
    inner = tokens[comma + 1 : end]
    words = [t.text for t in inner]
    for i in range(min(4, len(inner))):
        n = role_at(words, i)
        if n:
            rest = inner[i + n :]
            org = rest[1:] if rest and rest[0].lower in ("for", "of", "at", "with", "to") else []
            return end, inner[: i + n] if inner[0].lower not in ("the", "a", "an") else inner[1 : i + n], org
    return None


# --- phrase cues: "according to X" --------------------------------------------


_MAX_INTRO_WORDS = 3


def _source_after(body: str, tokens: list[Token], cue: Cue) -> Candidate | None:
    src_end = cue.last + 1
    while src_end < len(tokens) and tokens[src_end].text not in _BOUNDARY and tokens[src_end].text not in ".!?":
        src_end += 1
    source = _channel_split(tokens[cue.last + 1 : src_end])[0]
    if not source or len(source) > MAX_SOURCE_TOKENS:
        return None
    before = _trim(tokens[: cue.head])
    appos = _apposition(tokens, src_end)
    name = source
    source = _with_apposition(tokens, name, closed=True)
    src_end = tokens.index(source[-1]) + 1
    after_start = src_end + 1 if src_end < len(tokens) and tokens[src_end].text == "," else src_end
    after = _clause(tokens, after_start)
    # "According to X, <content>" and "<content>, according to X[, …]": a short opening
    # ("Recent assessments indicate, as stated by X, …") leaves the content after the phrase
    if _words(before) > _MAX_INTRO_WORDS:
        content = before
    elif _words(after) >= 3:
        content = after
    else:
        return None
    cand = Candidate(_cue_span(body, tokens, cue), [_span(body, content)], _kind(body, content), source, name, explicit=True)
    if appos is not None:
        cand.role, cand.organization = appos[1], appos[2]
    return cand


_MAX_SPEAKER_LABEL = 6


def colon_attribution(body: str, tokens: list[Token]) -> Candidate | None:
    """'Sanders: Clinton Email Story Has Moved', 'FALLIN: Well, I think …' — a speaker label."""
    colon = next((i for i, t in enumerate(tokens[: _MAX_SPEAKER_LABEL + 1]) if t.text == ":"), None)
    if not colon or not all(t.is_capitalized or t.lower in ("of", "the", "’s", "'s") or t.text.endswith(".") for t in tokens[:colon]):
        return None
    content = _trim(tokens[colon + 1 :])
    if _words(content) < 5 or tokens[0].lower == "the" or not _names_someone(tokens[:colon]):
        return None
    return Candidate(Span.of(body, tokens[colon].start, tokens[colon].end), [_span(body, content)], _kind(body, content), tokens[:colon])


# --- verb cues ----------------------------------------------------------------


_MIN_QUOTE_WORDS = 4
_CONJUNCTIONS = frozenset("and but or nor as while when if because that so than".split())


def _quote_then_cue(body: str, tokens: list[Token], cue: Cue, quotes: list[Span]) -> Candidate | None:
    """“…,” X said  /  “…,” said X."""
    j = cue.head - (cue.head - _first(tokens, cue)) - 1  # token before the cue span
    between_end = j + 1
    k = j
    while k >= 0 and tokens[k].text not in QUOTE_MARKS and tokens[k].text not in ".!?" and between_end - k <= MAX_SOURCE_TOKENS:
        if tokens[k].text in _BOUNDARY - {","}:
            return None
        k -= 1
    if k < 0 or tokens[k].text not in CLOSING_MARKS | EITHER_MARKS:
        return None
    quote = next((q for q in quotes if q.end == tokens[k].end), None)
    if quote is None:
        return None
    between = [t for t in tokens[k + 1 : between_end] if t.text != ","]
    antecedent: list[Token] = []
    last_comma = max((i for i in range(k + 2, between_end - 1) if tokens[i].text == ","), default=None)
    tail = tokens[last_comma + 1 : between_end] if last_comma is not None else []
    if tail and (_names_someone(tail) or len(tail) == 1 and tail[0].lower in ("he", "she", "they", "i", "we")):
        between = tokens[last_comma + 1 : between_end]  # “…” Tuesday, he said: the source is "he"
    elif between and any(t.text == "," for t in tokens[k + 2 : between_end]):
        # “…,” Steve Moody, a small-business owner, said: the name is the first part
        first_comma = next(i for i in range(k + 2, between_end) if tokens[i].text == ",")
        antecedent = _subject(tokens, first_comma)
        between = tokens[k + 1 : between_end - 1] if tokens[between_end - 1].text == "," else tokens[k + 1 : between_end]
        if tokens[k + 1].text == ",":
            between = between[1:]
    if between and between[0].lower in _CONJUNCTIONS:
        return None  # “…” and accused him: the quotation is not what was said here
    if between:
        source = between
    elif tokens[cue.head].lower.endswith("ing"):
        return None  # “…,” confirming …: a participle goes on with the same speaker, not a new one
    else:
        antecedent = _np_after(tokens, cue.last + 1)  # “…,” said Steve Elmendorf, deputy campaign manager
        source = _with_apposition(tokens, antecedent)
    if not source:
        return None
    contents = [quote]
    opening = next((i for i, t in enumerate(tokens) if t.start == quote.start), 0)
    if opening > 0 and _words(tokens[opening : k + 1]) < _MIN_QUOTE_WORDS:
        # a scare quote ending the sentence ("…in a “burn bag,” the Times reported"): the clause is the content
        contents = [_span(body, _trim(tokens[: k + 1]))]
    after = max(cue.last, tokens.index(source[-1])) + 1  # the token after "Brafman said" / "said Jane Doe"
    if cue.lemma in _RECIPIENT_CUES:
        after = _recipient(tokens, after)[1]  # “…,” she told Hewitt, “…”
    if after + 1 < len(tokens) and tokens[after].text == "," and tokens[after + 1].text in OPENING_MARKS | EITHER_MARKS:
        # a split quotation: “…,” Brafman said, “…”
        rest = next((q for q in quotes if q.start == tokens[after + 1].start), None)
        if rest is not None:
            contents.append(rest)
    kind = Kind.DIRECT if contents[0] == quote else Kind.MIXED
    return Candidate(_cue_span(body, tokens, cue), contents, kind, source, antecedent)


_ADJUNCT_PREPOSITIONS = frozenset("at in on during after before from via through".split())
_OBJECT_WORDS = frozenset("it them so this him her".split())


def _after_adjunct(tokens: list[Token], start: int) -> int | None:
    """Where the content begins after an adjunct: at 'that' or at a quotation after a comma or colon."""
    for i in range(start, min(len(tokens), start + MAX_SOURCE_TOKENS)):
        t = tokens[i]
        if t.lower == "that":
            return i
        if t.text in QUOTE_MARKS and i > start and tokens[i - 1].text in (",", ":"):
            return i
        if t.text in ".;!?":
            return None
    return None


def _verb(body: str, tokens: list[Token], cue: Cue, quotes: list[Span], found: list[Candidate]) -> Candidate | None:
    first = _first(tokens, cue)
    by_participle = first > 0 and tokens[first - 1].lower == "by" and tokens[cue.head].lower.endswith("ing")
    source = [] if by_participle else _subject(tokens, first)  # "… by saying": the subject is further back
    appos = None
    antecedent: list[Token] = []
    shares: Candidate | None = None
    if not source and first > 0 and tokens[first - 1].text == ",":
        # "Haley Morris, spokeswoman for the campaign, said …" / "Sullivan, struck by her story, told …"
        named = _named_before_apposition(tokens, first - 1)
        if named is not None:
            comma, antecedent = named
            source = tokens[tokens.index(antecedent[0]) : first - 1]
            appos = _apposition(tokens, comma)
    if len(source) == 1 and source[0].lower in ("who", "which"):
        antecedent = _antecedent(tokens, first - 1)
        if not antecedent:
            return None
    if not source:
        k = first - 1
        while k > 0 and tokens[k].text in QUOTE_MARKS:
            k -= 1  # “…,” confirming: the comma sits inside the closing mark
        prev = tokens[k].lower if k >= 0 else ""
        participle = prev in (",", "by") and tokens[cue.head].lower.endswith("ing")  # ", saying …", "by saying …"
        if found and (prev in ("and", "but") or participle) and found[-1].contents[-1].end >= tokens[k].start - 2:
            shares = found[-1]  # "… but cited …", "“…,” confirming …": the same speaker goes on
        elif participle or prev in ("and", "but"):
            # "when Rubio thanked Miami and said …", "Bill Clinton urged women to vote, saying …"
            source = _clause_subject(tokens, k) or _leading_name(tokens)
            if not source:
                return None
        elif prev == "," and cue.lemma in word_set("speech_verbs"):
            return _inverted(body, tokens, cue, k)  # "<content>, said former governor Ed Rendell."
        else:
            return None
    start = cue.last + 1
    recipient: list[Token] = []
    if cue.lemma in _RECIPIENT_CUES:
        recipient, start = _recipient(tokens, start)
    while start < len(tokens) and tokens[start].text in (":", ","):
        start += 1
    quote = next((q for q in quotes if start < len(tokens) and q.start == tokens[start].start), None)
    if not quote and start + 1 < len(tokens) and tokens[start].lower in _ADJUNCT_PREPOSITIONS and tokens[start + 1].lower not in ("least", "most", "first", "last"):
        # "said at a news conference in New York, “…”" / "said in a statement that …"
        start = _after_adjunct(tokens, start)
        if start is None:
            return None
        quote = next((q for q in quotes if start < len(tokens) and q.start == tokens[start].start), None)
    content = [t for t in tokens if quote.start <= t.start < quote.end] if quote else _clause(tokens, start)
    lead = tokens.index(source[0]) - 1 if source else -1  # the token before the source
    as_reported = lead >= 0 and tokens[lead].lower == "as" and cue.last + 1 < len(tokens) and tokens[cue.last + 1].text == ","
    if source and not quote and not as_reported and _opens_with_subordinator(tokens, tokens.index(source[0])) and "," in (t.text for t in content):
        # "When Rubio … said it was great to be home, a man yelled": the content ends with its clause
        content = _trim(content[: [t.text for t in content].index(",")])
    if not quote and content and content[0].lower in _OBJECT_WORDS and (len(content) == 1 or content[1].text in ",;.!?"):
        return None  # "he said them, but …", "she said so"
    if lead >= 1 and tokens[lead].lower == "as" and tokens[lead - 1].text == ",":
        content = _trim(tokens[: lead - 1])  # "<content>, as David Dayen noted in The Intercept."
    elif _words(content) < 2 and lead >= 0 and tokens[lead].text == "," and _rest_is_empty(tokens, start):
        content = _trim(tokens[:lead])  # "<content>, the minister said."
    if not content and tokens[cue.last].text == ":":
        # "Trump said:" and the quotation opens the next paragraph
        following = _quote_after(body, tokens[-1].end, quotes)
        if following is not None:
            cand = Candidate(_cue_span(body, tokens, cue), [following], Kind.DIRECT, source, antecedent)
            cand.shares_source_with = shares
            return cand
    if _words(content) < 2 or all(t.lower in word_set("time_words") or t.lower.endswith("ly") for t in content if t.is_word):
        return None  # nothing said, or only when: "reported last week"
    if tokens[-1].text == "?" and not quote and content[-1].end >= tokens[-2].end:
        return None  # "Would they prefer …?": a question claims nothing
    contents = [_span(body, content)]
    if lead >= 1 and tokens[lead].text == "," and cue.last + 1 < len(tokens) and tokens[cue.last + 1].text == "," and _words(tokens[:lead]) >= 1:
        contents.insert(0, _span(body, _trim(tokens[:lead])))  # "Now, he says, at least seven …"
    cand = Candidate(_cue_span(body, tokens, cue), contents, _kind(body, content), source, antecedent)
    cand.shares_source_with = shares
    if appos is not None:
        cand.role, cand.organization = appos[1], appos[2]
    if recipient:
        cand.channels.append(recipient)
    return cand


_MAX_APPOSITION_TOKENS = 25


def _named_before_apposition(tokens: list[Token], comma: int) -> tuple[int, list[Token]] | None:
    """For 'NAME, <apposition>, CUE' with the last comma at ``comma``: the first comma and NAME.

    The apposition may hold several commas ("Cecelia Purner, 67, a retired teacher in
    Allentown, Pa., said"), but no quotation and no other cue; NAME must name someone.
    """
    k = comma - 1
    while k > 0 and comma - k <= _MAX_APPOSITION_TOKENS:
        t = tokens[k]
        if t.text in QUOTE_MARKS or t.text in ".;:!?" or _is_cue_word(t.lower):
            return None
        if t.text == ",":
            name = _subject(tokens, k)
            if name and _names_someone(name):
                return k, name
        k -= 1
    return None


def _names_someone(words: list[Token]) -> bool:
    desc = describe(words, "")
    if desc.entity is not None:
        return desc.entity.type is not EntityType.REGION
    return desc.reference is not None and desc.reference.kind in ("surname", "alias")


_SUBORDINATORS = frozenset("when while as after before because although though since if whereas".split())


def _clause_subject(tokens: list[Token], k: int) -> list[Token]:
    """The name or pronoun opening the clause that ends at ``k``: 'Rubio' in 'when Rubio thanked Miami and'."""
    i = k
    while i > 0 and tokens[i - 1].text not in _BOUNDARY and tokens[i - 1].lower not in _SUBORDINATORS:
        i -= 1
    if i == 0:
        return []
    if tokens[i].lower in ("he", "she", "they"):
        return tokens[i : i + 1]
    name = _name_after(tokens, i)
    return name if name and name[0].lower != "the" and tokens[i + len(name)].text[:1].islower() else []


def _quote_after(body: str, end: int, quotes: list[Span]) -> Span | None:
    """The quotation that follows ``end`` with only white space between."""
    i = bisect_left([q.start for q in quotes], end)
    if i < len(quotes) and body[end : quotes[i].start].isspace():
        return quotes[i]
    return None


def _opens_with_subordinator(tokens: list[Token], i: int) -> bool:
    """Whether the clause holding ``tokens[i]`` opens with 'when', 'while', 'if' and the like."""
    while i > 0 and tokens[i - 1].text not in _BOUNDARY:
        i -= 1
        if tokens[i].lower in _SUBORDINATORS:
            return True
    return False


def _inverted(body: str, tokens: list[Token], cue: Cue, comma: int) -> Candidate | None:
    """'<content>, said Dan Gerstein, director of Gotham Ghostwriters.' — no quotation needed."""
    name = _np_after(tokens, cue.last + 1)
    source = _with_apposition(tokens, name)
    end = tokens.index(source[-1]) + 1 if source else 0
    if not source or not (end >= len(tokens) or tokens[end].text in ".,!?"):
        return None
    content = _trim(tokens[:comma])
    if _words(content) < 4:
        return None
    return Candidate(_cue_span(body, tokens, cue), [_span(body, content)], _kind(body, content), source, name)


_APPOSITION_OPENERS = frozenset("a an the one another who which whose".split())
_MAX_APPOSITIONS = 2


def _with_apposition(tokens: list[Token], name: list[Token], closed: bool = False) -> list[Token]:
    """The name with the appositions that follow it, as PolNeAR marks a source:
    'Jillian Chase, 27, a Tinder user in New York' — the name alone is what gets resolved.
    ``closed``: each apposition must end in a comma, as before the content in "according to X, a …, <content>"."""
    if not name:
        return name
    end = tokens.index(name[-1]) + 1
    for _ in range(_MAX_APPOSITIONS):
        if end >= len(tokens) or tokens[end].text != ",":
            break
        stop = end + 1
        while stop < len(tokens) and tokens[stop].text not in _BOUNDARY and tokens[stop].text not in ".!?" and stop - end <= _MAX_APPOSITION_TOKENS:
            stop += 1
        chunk = tokens[end + 1 : stop]
        opener = chunk[0] if chunk else None
        if opener is None or any(_is_cue_word(t.lower) for t in chunk) or stop - end > _MAX_APPOSITION_TOKENS:
            break
        if closed and (stop >= len(tokens) or tokens[stop].text != ","):
            break
        if not (opener.lower in _APPOSITION_OPENERS or opener.text[:1].isdigit() or role_at([t.text for t in chunk], 0) or opener.text.endswith(("’s", "'s")) or (len(chunk) > 1 and chunk[1].text in ("’s", "'s"))):
            break
        end = stop
    return tokens[tokens.index(name[0]) : end]


def _leading_name(tokens: list[Token]) -> list[Token]:
    """The name or pronoun that opens the sentence, as the subject of a trailing participle."""
    i = 0
    comma = next((k for k, t in enumerate(tokens[:8]) if t.text == ","), None)
    if comma is not None and (tokens[0].lower in _PREPOSITIONS or tokens[0].lower in _INTRO_ADVERBS or tokens[0].lower in ("during", "after", "before", "when", "while")):
        i = comma + 1  # "In the interview, Mr. Trump …"
    while i < len(tokens) and tokens[i].lower in _INTRO_ADVERBS:
        i += 1
    if i < len(tokens) and tokens[i].lower in ("he", "she", "they"):
        return tokens[i : i + 1]
    name = _name_after(tokens, i)
    return name if name and name[0].lower != "the" else []


def _first(tokens: list[Token], cue: Cue) -> int:
    i = cue.head
    while i > 0 and tokens[i - 1].start >= cue.start:
        i -= 1
    return i


def _subject(tokens: list[Token], first: int) -> list[Token]:
    """The noun phrase ending just before the cue, within its clause."""
    clause_words = word_set("clause_words")
    i = first
    while i > 0:
        t = tokens[i - 1]
        if t.text in _BOUNDARY or t.text in ".!?":
            break
        low = t.lower
        if low in clause_words and low not in _PREPOSITIONS and not _name_and(tokens, i - 1):
            if low in ("who", "which", "it") and i == first:
                return [t]  # "…, who said", "it said"
            break
        i -= 1
        if first - i > MAX_SOURCE_TOKENS:
            return []
    chunk = tokens[i:first]
    while chunk and (chunk[0].lower in _PREPOSITIONS or chunk[0].lower in _INTRO_ADVERBS or chunk[0].lower.endswith("ly") and chunk[0].is_capitalized):
        chunk = chunk[1:]
    chunk, _ = _channel_split(chunk)
    time_words = word_set("time_words")
    while len(chunk) > 1 and chunk[-1].lower in time_words and not chunk[-1].text.isupper():
        chunk = chunk[:-1]  # "House Speaker Paul Ryan on Thursday declared"
    return chunk


def _name_and(tokens: list[Token], i: int) -> bool:
    """'and' joining two names or nationalities inside one noun phrase: 'Ukrainian and U.S. officials'."""
    return tokens[i].lower == "and" and 0 < i < len(tokens) - 1 and tokens[i - 1].is_capitalized and tokens[i + 1].is_capitalized


def _antecedent(tokens: list[Token], rel: int) -> list[Token]:
    """What 'who'/'which' at ``rel`` stands for: the name or group just before the comma."""
    i = rel
    if i > 0 and tokens[i - 1].text == ",":
        i -= 1
    end = i
    agent_nouns = word_set("agent_nouns")
    while i > 0:
        t = tokens[i - 1]
        if t.is_capitalized or t.lower in agent_nouns or t.text in ("’s", "'s") or _name_and(tokens, i - 1) or t.text[:1].isdigit():
            i -= 1
            continue
        break
    return tokens[i:end]


def _np_after(tokens: list[Token], start: int) -> list[Token]:
    end = start
    while end < len(tokens) and tokens[end].text not in _BOUNDARY and tokens[end].text not in ".!?":
        end += 1
    chunk = _channel_split(tokens[start:end])[0]
    return chunk if 0 < len(chunk) <= MAX_SOURCE_TOKENS else []


def _recipient(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """'told Reuters that …' → (Reuters, index after it)."""
    if start < len(tokens) and tokens[start].lower in _OBJECT_PRONOUNS:
        return [], start + 1
    end = start
    if end < len(tokens) and tokens[end].lower == "the":
        end += 1
    while end < len(tokens) and tokens[end].is_capitalized:
        end += 1
    if end > start and tokens[end - 1].is_capitalized:
        return tokens[start:end], end
    return [], start


def _clause(tokens: list[Token], start: int) -> list[Token]:
    """Tokens from ``start`` to the end of the clause carrying the content."""
    end = start
    while end < len(tokens):
        t = tokens[end]
        if t.text == "," and end + 1 < len(tokens):
            if match_phrase(tokens, end + 1, "channel_phrases") or match_phrase(tokens, end + 1, "cue_phrases"):
                break
            nxt = tokens[end + 1]
            if nxt.lower.endswith("ing") and _is_cue_word(nxt.lower):
                break
        if t.lower in ("but", "and") and end + 1 < len(tokens) and _is_cue_word(tokens[end + 1].lower) and end > start:
            break
        end += 1
    return _trim(tokens[start:end])


def _is_cue_word(word: str) -> bool:
    from kg.extract.cues import _single_verbs

    return word in _single_verbs()


def _rest_is_empty(tokens: list[Token], start: int) -> bool:
    rest = [t for t in tokens[start:] if t.text not in ".!?"]
    return not rest or tokens[start].text == "," and bool(match_phrase(tokens, start + 1, "channel_phrases"))


def _channel_split(chunk: list[Token]) -> tuple[list[Token], list[Token]]:
    """'Military analysts consulted by the Kyiv Independent' → (Military analysts, the Kyiv Independent)."""
    for i in range(len(chunk)):
        n = match_phrase(chunk, i, "channel_phrases")
        if n and i > 0:
            return chunk[:i], chunk[i + n :]
    return chunk, []


def _add_channels(tokens: list[Token], cue: Cue, cand: Candidate) -> None:
    """Channel phrases in the segment: 'as reported by X', 'consulted by X', 'as shared on Telegram'."""
    i = 0
    starts = phrase_starts("channel_phrases")
    while i < len(tokens):
        n = match_phrase(tokens, i, "channel_phrases") if tokens[i].lower in starts else 0
        if not n and tokens[i].lower == "on" and cue.head < i <= cue.last + 1:
            n = 1  # "wrote on Telegram": the pipeline keeps it only if it names a platform or outlet
        if not n:
            i += 1
            continue
        channel = _name_after(tokens, i + n)
        if channel:
            cand.channels.append(channel)
        i += n


def _name_after(tokens: list[Token], start: int) -> list[Token]:
    """The name starting at ``start``: 'the Kyiv Independent', 'Telegram', 'The New York Times'."""
    end = start
    if end < len(tokens) and tokens[end].lower == "the":
        end += 1
    while end < len(tokens) and (tokens[end].is_capitalized or tokens[end].lower in ("of", "the", "’s", "'s") and end + 1 < len(tokens) and tokens[end + 1].is_capitalized):
        end += 1
    return tokens[start:end] if end > start and tokens[end - 1].is_capitalized else []


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].text in ".,;:!?" and tokens[-1].text not in QUOTE_MARKS:
        tokens = tokens[:-1]
    while tokens and tokens[0].text in ",;:":
        tokens = tokens[1:]
    return tokens


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.is_word)


def _span(body: str, tokens: list[Token]) -> Span:
    return Span.of(body, tokens[0].start, tokens[-1].end)


def _cue_span(body: str, tokens: list[Token], cue: Cue) -> Span:
    return Span.of(body, cue.start, cue.end)


def _kind(body: str, tokens: list[Token]) -> Kind:
    marks = [t for t in tokens if t.text in QUOTE_MARKS]
    if not marks:
        return Kind.INDIRECT
    if tokens[0].text in QUOTE_MARKS and tokens[-1].text in QUOTE_MARKS and len(marks) == 2:
        return Kind.DIRECT
    return Kind.MIXED
