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
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.extract.cues import BE, QUESTION_LEADS, Cue, CueKind, is_cue_at, match_phrase, phrase_starts
from kg.extract.contents import (
    ADJUNCT_PREPOSITIONS,
    BOUNDARY,
    after_adjunct,
    clause_from,
    is_cue_word,
    kind_of,
    opens_with_subordinator,
    quote_after,
    SUBORDINATORS,
    rest_is_empty,
    span_of,
    trimmed,
    word_count,
)
from kg.extract.sources import (
    MAX_SOURCE_TOKENS,
    antecedent_of,
    named_after_cue,
    channel_split,
    clause_subject,
    leading_name,
    name_after,
    name_and,
    named_before_apposition,
    names_someone,
    np_after,
    only_describes,
    parenthesis_start,
    recipient_after,
    role_apposition,
    role_in,
    subject_before,
    with_apposition,
    without_aside,
)
from kg.extract.entities import describe
from kg.extract.lexicon import word_set
from kg.extract.text import CLOSING_MARKS, EITHER_MARKS, OPENING_MARKS, QUOTE_MARKS, Token
from kg.model import EntityType, Kind, Span

_DASHES = frozenset({"—", "–", "--"})
_MAX_DASHED_TOKENS = 20
_RECIPIENT_CUES = frozenset("tell inform assure ask warn remind advise urge caution".split())


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
    asked_of: bool = False  # a question put to the clause's subject, who does not share the asker's source


def attribute_segment(body: str, tokens: list[Token], cues: list[Cue], quotes: list[Span], accept: Callable[[Candidate], bool]) -> list[Candidate]:
    """Candidates for the cues of one segment, left to right. Those ``accept`` turns down
    (no one named as source) leave their words free for the cues after them."""
    label = colon_attribution(body, tokens)
    if label is not None and accept(label):
        return [label]  # a label that names no one leaves the segment to its cues
    if not cues:
        return []  # most segments: nothing below is needed
    found: list[Candidate] = []
    phrases = _channel_phrases(tokens)
    taken = _channel_tokens(phrases)  # token indexes already used as a channel, source or content
    starts = [t.start for t in tokens]
    channels = _segment_channels(tokens, phrases)
    for cue in cues:
        if cue.head in taken or _yields(tokens, cue):
            continue
        if cue.kind is CueKind.SOURCE_AFTER:
            cand = _source_after(body, tokens, cue)
        elif _asked_of(tokens, cue):
            cand = _passive_question(body, tokens, cue, quotes)  # never the words of the one asked
        else:
            cand = (
                _question(body, tokens, cue)
                or _expectation(body, tokens, cue)
                or _quote_then_cue(body, tokens, cue, quotes)
                or _verb(body, tokens, cue, quotes, found)
            )
        if cand is None:
            continue
        cand.lemma = cue.lemma
        _role_before_name(tokens, cand)
        if not accept(cand):
            continue
        cand.channels.extend(channels)
        on = _platform_after(tokens, cue)
        if on:
            cand.channels.append(on)
        found.append(cand)
        spans = [(c.start, c.end) for c in cand.contents]
        if cand.source:
            spans.append((cand.source[0].start, cand.source[-1].end))
        for start, end in spans:
            taken.update(range(bisect_left(starts, start), bisect_left(starts, end)))
    return found


def _role_before_name(tokens: list[Token], cand: Candidate) -> None:
    """'A spokeswoman for the port authority, Marieke Jansen, said': the role is in the words
    before the name, as "Marieke Jansen, spokeswoman for …" gives it after."""
    if cand.role or not cand.antecedent or not cand.source or cand.antecedent[0].start <= cand.source[0].start:
        return
    name = tokens.index(cand.antecedent[0])
    if tokens[name - 1].text != ",":
        return
    described = role_in(tokens[tokens.index(cand.source[0]) : name - 1])
    if described is not None:
        cand.role, cand.organization = described


def _channel_phrases(tokens: list[Token]) -> list[tuple[int, int]]:
    """Channel phrases in the segment ("as reported by", "consulted by") as (first token, length)."""
    starts = phrase_starts("channel_phrases")
    found = ((i, match_phrase(tokens, i, "channel_phrases")) for i, t in enumerate(tokens) if t.lower in starts)  # few tokens open one
    return [(i, n) for i, n in found if n]


def _channel_tokens(phrases: list[tuple[int, int]]) -> set[int]:
    """Indexes of channel phrases' words: "reported" in "as reported by" is no cue of its own."""
    return {k for i, n in phrases for k in range(i, i + n)}


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
    prev = tokens[cue.head - 1] if cue.head > 0 else None
    if nxt.lower != "to" and prev is not None and (prev.text == "," or prev.is_capitalized or prev.lower in ("he", "she", "it", "who", "which")):
        return False  # "Dan McAdams, a professor, writes in The Atlantic that …": a subject before it, a verb
    return word.endswith("s") and word != "says" and cue.head == cue.last and nxt.lower in _NOUN_FORMS_BEFORE


_MAX_INTRO_WORDS = 3
# "according to early results of exit polls conducted for The Associated Press and television
# networks by Edison Research": the phrase marks its source, which may run long
_MAX_NAMED_SOURCE_TOKENS = 2 * MAX_SOURCE_TOKENS


def _source_after(body: str, tokens: list[Token], cue: Cue) -> Candidate | None:
    src_end = cue.last + 1
    while src_end < len(tokens) and tokens[src_end].text not in BOUNDARY and tokens[src_end].text not in ".!?":
        src_end += 1
    source = channel_split(tokens[cue.last + 1 : src_end])[0]
    if not source or len(source) > _MAX_NAMED_SOURCE_TOKENS:
        return None
    before = trimmed(tokens[: cue.head])
    appos = role_apposition(tokens, src_end)
    name = source
    source = with_apposition(tokens, name, closed=True)
    src_end = tokens.index(source[-1]) + 1
    after_start = src_end + 1 if src_end < len(tokens) and tokens[src_end].text == "," else src_end
    after = clause_from(tokens, after_start)
    # "According to X, <content>", "<content>, according to X[, …]", and a source inside the clause:
    # "At the heart of the trouble, according to X, was a decision …" (both sides are the content)
    while before and before[0].lower in ("but", "and", "yet", "so"):
        before = before[1:]
    parts: list[list[Token]] = []
    if word_count(before) > _MAX_INTRO_WORDS:
        parts.append(before)
    if word_count(after) >= 3 and (not parts or _goes_on_after(after)):
        # "At the heart of the trouble, according to X, was a decision …": both sides are the content
        # not "Assessments indicate, as stated by X, that …", "However, according to X, …", "In 2015, according to X, …"
        keep = word_count(before) >= 2 and not is_cue_word(before[-1].lower) and not _is_opening_phrase(before)
        parts = ([before] if keep else []) + [after]
    if not parts:
        return None
    content = [t for part in parts for t in part]
    cand = Candidate(_cue_span(body, tokens, cue), [span_of(body, part) for part in parts], kind_of(body, content), source, name, explicit=True)
    if appos is not None:
        cand.role, cand.organization = appos[1], appos[2]
    return cand


_MAX_SPEAKER_LABEL = 6
_NOT_GOING_ON = frozenset("who which whose where when and but as while although though because so or".split())


def _goes_on_after(after: list[Token]) -> bool:
    """Whether the words after a parenthetical source finish the clause before it, rather than open another."""
    return after[0].lower not in _NOT_GOING_ON and after[0].is_word and not is_cue_word(after[0].lower)


def colon_attribution(body: str, tokens: list[Token]) -> Candidate | None:
    """'Sanders: Clinton Email Story Has Moved', 'FALLIN: Well, I think …' — a speaker label."""
    colon = next((i for i, t in enumerate(tokens[: _MAX_SPEAKER_LABEL + 1]) if t.text == ":"), None)
    if not colon or not all(t.is_capitalized or t.lower in ("of", "the", "’s", "'s") or t.text.endswith(".") for t in tokens[:colon]):
        return None
    content = trimmed(tokens[colon + 1 :])
    if word_count(content) < 5 or tokens[0].lower == "the" or not names_someone(tokens[:colon]):
        return None
    return Candidate(Span.of(body, tokens[colon].start, tokens[colon].end), [span_of(body, content)], kind_of(body, content), tokens[:colon])


# --- verb cues ----------------------------------------------------------------


_MAX_QUESTION_ADJUNCT = 10
_QUESTION_WORDS = frozenset("if whether about what how why who whom when where which to".split())
# the sets the loops test, made once rather than per token
_QUESTION_WORDS_BUT_WHO = _QUESTION_WORDS - {"who"}
_QUESTION_WORDS_BUT_TO = _QUESTION_WORDS - {"to"}
_QUESTION_WORDS_BUT_TO_WHO = _QUESTION_WORDS - {"to", "who"}
_BOUNDARY_BUT_COMMA = BOUNDARY - {","}
_CLOSING_OR_EITHER = CLOSING_MARKS | EITHER_MARKS
_OPENING_OR_EITHER = OPENING_MARKS | EITHER_MARKS


def _question(body: str, tokens: list[Token], cue: Cue) -> Candidate | None:
    """'Asked by Starnes if he believed …, Carson said': PolNeAR counts the question as an
    attribution of its own, credited to whoever asked (often no one named)."""
    i = cue.head
    if tokens[i].lower != "asked" or tokens[i].start != cue.start or (tokens[i - 1].lower if i > 0 else "") not in QUESTION_LEADS:
        return None
    j = cue.last + 1
    source: list[Token] = []
    if tokens[cue.last].lower != "about":  # "asked about": the cue took the preposition in
        if j < len(tokens) and tokens[j].lower == "by":
            source = name_after(tokens, j + 1)
            j += 1 + len(source)
        # "Asked Tuesday about Sullivan", "Asked at a briefing Monday in Washington about …": when and where come first
        j = next((k for k in range(j, min(len(tokens), j + _MAX_QUESTION_ADJUNCT)) if tokens[k].lower in _QUESTION_WORDS or tokens[k].text in BOUNDARY or tokens[k].text in ".!?"), j)
        if not (j < len(tokens) and tokens[j].lower in _QUESTION_WORDS):
            return None
        if tokens[j].lower == "about":  # "Asked by Starnes about …"
            j += 1
    content = _question_from(tokens, j)
    if word_count(content) < 2:
        return None
    return Candidate(_cue_span(body, tokens, cue), [span_of(body, content)], Kind.INDIRECT, source, explicit=True)


def _question_from(tokens: list[Token], j: int) -> list[Token]:
    """The question asked, from ``j`` to the end of its clause or to an answer ("… and answered that …")."""
    end = j
    while end < len(tokens) and tokens[end].text not in BOUNDARY and tokens[end].text not in ".!?":
        if tokens[end].lower in ("and", "but") and end + 1 < len(tokens) and is_cue_word(tokens[end + 1].lower):
            break
        end += 1
    return tokens[j:end]


def _asked_of(tokens: list[Token], cue: Cue) -> bool:
    """'Sanders was asked …': a passive question, whose subject is the one asked."""
    return tokens[cue.head].lower == "asked" and any(t.lower in BE for t in tokens[_first(tokens, cue) : cue.head])


_WHERE_ASKED = frozenset("on at during in".split())


def _ends_asker(token: Token) -> bool:
    return token.lower in _QUESTION_WORDS_BUT_WHO or token.lower in _WHERE_ASKED or token.text in QUOTE_MARKS or token.text in (",", ":")
_MAX_ASKER_TOKENS = 12


def _passive_question(body: str, tokens: list[Token], cue: Cue, quotes: list[Span]) -> Candidate | None:
    """'Sanders was asked by host Bill Maher whether …', 'Blumenthal was asked, “…?”': the question
    is credited to whoever asked it, often no one named."""
    j = cue.last + 1
    source: list[Token] = []
    if j < len(tokens) and tokens[j].lower == "by":
        k = next((k for k in range(j + 1, min(len(tokens), j + 1 + _MAX_ASKER_TOKENS)) if _ends_asker(tokens[k])), None)
        if k is None or k == j + 1 or tokens[k].lower == "to":
            return None  # "asked by police to leave the store": a request, not a question
        source, j = tokens[j + 1 : k], k
        desc = describe(source, "")
        if desc.entity is None and desc.reference is None and source[0].lower not in _ROLE_OPENERS:
            source = []  # "asked by phone whether …": how, not who (but "by a caller")
        if tokens[j].lower in _WHERE_ASKED:
            # "by CNN's Jake Tapper on “State of the Union” whether …": where it was asked, then the question
            j = next((x for x in range(j, min(len(tokens), j + _MAX_QUESTION_ADJUNCT)) if tokens[x].lower in _QUESTION_WORDS_BUT_TO_WHO), len(tokens))
    while j < len(tokens) and tokens[j].text in (",", ":"):
        j += 1
    quote = next((q for q in quotes if j < len(tokens) and q.start == tokens[j].start), None)
    if quote is not None:
        return Candidate(_cue_span(body, tokens, cue), [quote], Kind.DIRECT, source, explicit=True, asked_of=True)
    if tokens[cue.last].lower != "about":  # "was asked about" took the preposition in
        if j >= len(tokens) or tokens[j].lower not in _QUESTION_WORDS_BUT_TO or tokens[j - 1].text == "," and tokens[j].lower in ("who", "which"):
            return None
        j += tokens[j].lower == "about"
    content = _question_from(tokens, j)
    if word_count(content) < 2:
        return None
    return Candidate(_cue_span(body, tokens, cue), [span_of(body, content)], Kind.INDIRECT, source, explicit=True, asked_of=True)


def _expectation(body: str, tokens: list[Token], cue: Cue) -> Candidate | None:
    """'Obama is expected to join Clinton on the trail', 'he is said to have …': an expectation
    or belief no one is named for; PolNeAR's content is the subject and the infinitive."""
    if tokens[cue.head].lower not in word_set("passive_cues") or cue.last + 1 >= len(tokens) or tokens[cue.last + 1].lower != "to":
        return None
    first = _first(tokens, cue)
    if first == cue.head:
        return None  # no auxiliary: "he expected to win" has a subject of its own
    subject = subject_before(tokens, first)
    rest = clause_from(tokens, cue.last + 1)
    if not subject or word_count(rest) < 3:
        return None
    return Candidate(_cue_span(body, tokens, cue), [span_of(body, subject), span_of(body, rest)], Kind.INDIRECT, explicit=True)


_MIN_QUOTE_WORDS = 4
_MAX_QUOTE_SPEAKER_TOKENS = 40  # “…,” Melanne Verveer, who served as chief of staff during the Clinton administration, told CBS
_ROLE_OPENERS = frozenset("his her their its our my the a an".split())  # “…,” his wife, Jane Doe, wrote
_CONJUNCTIONS = frozenset("and but or nor as while when if because that so than after before then until since once".split())
_ADJUNCT_OPENERS = frozenset("for to of in on at with from about against".split())


def _quote_then_cue(body: str, tokens: list[Token], cue: Cue, quotes: list[Span]) -> Candidate | None:
    """“…,” X said  /  “…,” said X."""
    j = cue.head - (cue.head - _first(tokens, cue)) - 1  # token before the cue span
    between_end = j + 1
    k = j
    while k >= 0 and tokens[k].text not in QUOTE_MARKS and tokens[k].text not in ".!?" and between_end - k <= _MAX_QUOTE_SPEAKER_TOKENS:
        if tokens[k].text == ")" and parenthesis_start(tokens, k) > 0:
            k = parenthesis_start(tokens, k) - 1  # “…,” Sen. Chuck Schumer (D-N.Y.) said
            continue
        if tokens[k].text in _BOUNDARY_BUT_COMMA:
            return None
        k -= 1
    if k < 0 or tokens[k].text not in _CLOSING_OR_EITHER:
        return None
    quote = next((q for q in quotes if q.end == tokens[k].end), None)
    if quote is None:
        return None
    if any(is_cue_at(tokens, x) for x in range(k + 1, between_end)):
        return None  # “…,” Trump said, after Becky Quick said …: the quotation is the first cue's
    if between_end - k > MAX_SOURCE_TOKENS:  # a long apposition: only after a name
        comma = next((x for x in range(k + 1, between_end) if tokens[x].text == ","), between_end)
        if not names_someone(tokens[k + 1 : comma]):
            return None
    if any(tokens[x].lower in ("and", "but") and not name_and(tokens, x) for x in range(k + 1, between_end)):
        return None  # “…” by being elected, and she tells audiences …: a clause of its own
    between = [t for t in tokens[k + 1 : between_end] if t.text != ","]
    antecedent: list[Token] = []
    appos = None
    last_comma = max((i for i in range(k + 2, between_end - 1) if tokens[i].text == ","), default=None)
    tail = tokens[last_comma + 1 : between_end] if last_comma is not None else []
    content_end = k  # the last token of the content
    if tail and (names_someone(tail) and tail[0].lower not in _ROLE_OPENERS or len(tail) == 1 and tail[0].lower in ("he", "she", "they", "i", "we")):
        between = tokens[last_comma + 1 : between_end]  # “…” Tuesday, he said: the source is "he"
        if _goes_on(tokens, k + 1, last_comma):
            content_end = last_comma - 1  # “We don't teach anything” against homosexuality, he said
    elif last_comma is not None and tokens[between_end - 1].text == "," and tokens[k + 1].lower in _ROLE_OPENERS and names_someone(tail[:-1]) and not only_describes(tail[:-1]):
        # “…,” his wife, Gabriela Lazar, wrote: the role, then the name
        between, antecedent = tokens[k + 1 : between_end - 1], tail[:-1]
    elif between and any(t.text == "," for t in tokens[k + 2 : between_end]):
        # “…,” Steve Moody, a small-business owner, said: the name is the first part
        first_comma = next(i for i in range(k + 2, between_end) if tokens[i].text == ",")
        antecedent = subject_before(tokens, first_comma)
        appos = role_apposition(tokens, first_comma)  # “…,” Kellyanne Conway, a spokeswoman for Trump, said
        between = tokens[k + 1 : between_end - 1] if tokens[between_end - 1].text == "," else tokens[k + 1 : between_end]
        if tokens[k + 1].text == ",":
            between = between[1:]
    if between and between[0].lower in _CONJUNCTIONS:
        return None  # “…” and accused him: the quotation is not what was said here
    if between and between[0].lower in _ADJUNCT_OPENERS and tokens[between_end - 1].text == ",":
        between = []  # “…” for Clinton, said Kunin: the words after the quotation go with it; the speaker follows the cue
    if between:
        source = between
    elif tokens[cue.head].lower.endswith("ing"):
        return None  # “…,” confirming …: a participle goes on with the same speaker, not a new one
    else:
        # “…,” said Steve Elmendorf, deputy campaign manager / “…,” said the union's president, Jane Doe
        source, antecedent = named_after_cue(tokens, np_after(tokens, cue.last + 1))
    if not source:
        return None
    contents = [quote]
    opening = next((i for i in range(k, -1, -1) if tokens[i].start == quote.start), 0)
    lead = _lead_in(tokens, opening)
    if lead < opening or content_end > k:
        # a quotation inside the reported clause: Trump's remarks were “the textbook definition,” Ryan said
        contents = [span_of(body, trimmed(tokens[lead : content_end + 1]))]
    elif opening > 0 and word_count(tokens[opening : k + 1]) < _MIN_QUOTE_WORDS:
        # a scare quote ending the clause ("…in a “burn bag,” the Times reported"): the clause is the content
        clause_start = next((i + 1 for i in range(opening - 1, -1, -1) if tokens[i].text in BOUNDARY or tokens[i].text in ".!?"), 0)
        if word_count(tokens[clause_start:opening]) < 2:
            return None
        contents = [span_of(body, trimmed(tokens[clause_start : k + 1]))]
    after = max(cue.last, tokens.index(source[-1])) + 1  # the token after "Brafman said" / "said Jane Doe"
    recipient: list[Token] = []
    if cue.lemma in _RECIPIENT_CUES:
        recipient, after = recipient_after(tokens, after)  # “…,” she told Hewitt, “…”
    if after + 1 < len(tokens) and tokens[after].text == "," and tokens[after + 1].text in _OPENING_OR_EITHER:
        # a split quotation: “…,” Brafman said, “…”
        rest = next((q for q in quotes if q.start == tokens[after + 1].start), None)
        if rest is not None:
            contents.append(rest)
    kind = Kind.DIRECT if contents[0] == quote else Kind.MIXED
    cand = Candidate(_cue_span(body, tokens, cue), contents, kind, source, antecedent)
    if appos is not None:
        cand.role, cand.organization = appos[1], appos[2]
    if recipient:
        cand.channels.append(recipient)  # “…,” Graham told CNN: the pipeline keeps it if it names an outlet
    if after < len(tokens) and _only_adjunct(tokens, after):
        cand.channels.extend(_names_in_adjunct(tokens, after, len(tokens)))  # “…,” she said on CNN / in a statement posted on X
    return cand


_TALLY_VERBS = frozenset("add confirm".split())
_WRITING_VERBS = frozenset("write post publish send tweet release issue".split())
_MAX_DOCUMENT_HEAD = 6


def _a_document(content: list[Token]) -> bool:
    """'a detailed, six-page letter', 'an op-ed': an indefinite phrase headed by a document noun."""
    return bool(content) and content[0].lower in ("a", "an") and any(t.lower in word_set("document_nouns") for t in content[1:_MAX_DOCUMENT_HEAD])


_OBJECT_WORDS = frozenset("it them so this him her".split())


def _lead_in(tokens: list[Token], opening: int) -> int:
    """Where the sentence carrying a quotation opening at ``opening`` starts, if the quotation
    goes on from its words ("remarks were “…”"); ``opening`` itself if it stands alone."""
    if opening == 0 or not tokens[opening - 1].is_word:
        return opening  # “…” opens the sentence, or follows a comma or colon
    start = next((i + 1 for i in range(opening - 1, -1, -1) if tokens[i].text in ".!?;:"), 0)
    if word_count(tokens[start:opening]) < 2 or any(is_cue_at(tokens, i) for i in range(start, opening)):
        return opening  # "Trump said “…”": the words before are another attribution
    return start


def _goes_on(tokens: list[Token], start: int, comma: int) -> bool:
    """Whether the words from ``start`` to ``comma``, after a closing quotation mark, continue
    its clause ("… against homosexuality"), rather than say when or where ("Tuesday", "in an interview")."""
    words = tokens[start:comma]
    return (
        word_count(words) >= 2
        and words[0].is_word
        and words[0].text.islower()
        and words[0].lower not in ADJUNCT_PREPOSITIONS
        and words[0].lower not in word_set("time_words")
        and not any(is_cue_at(tokens, i) for i in range(start, comma))
    )


def _verb(body: str, tokens: list[Token], cue: Cue, quotes: list[Span], found: list[Candidate]) -> Candidate | None:
    first = _first(tokens, cue)
    by_participle = first > 0 and tokens[first - 1].lower == "by" and tokens[cue.head].lower.endswith("ing")
    source = [] if by_participle else subject_before(tokens, first)  # "… by saying": the subject is further back
    appos = None
    antecedent: list[Token] = []
    shares: Candidate | None = None
    before = first
    if source and all(t.lower in word_set("time_words") for t in source):
        # "Trump, who has been feuding with leaders, on Friday described …": a time adjunct is no source
        before = tokens.index(source[0])
        before, source = before - (before > 0 and tokens[before - 1].lower == "on"), []
    if not source and before > 0 and tokens[before - 1].text == ",":
        # "Haley Morris, spokeswoman for the campaign, said …" / "Sullivan, struck by her story, told …"
        named = named_before_apposition(tokens, before - 1)
        if named is not None:
            comma, antecedent, source_start = named
            source = without_aside(tokens[source_start : before - 1])
            appos = role_apposition(tokens, comma)
    if not source and first > 0 and tokens[first - 1].text in _DASHES and not tokens[cue.head].lower.endswith("ing"):
        # "Jason Sims — a teacher from Mount Pleasant — says …": the name before the dashes, opening the clause
        opening = next((k for k in range(first - 2, max(-1, first - 2 - _MAX_DASHED_TOKENS), -1) if tokens[k].text in _DASHES), None)
        name = subject_before(tokens, opening) if opening else []
        start = tokens.index(name[0]) if name else 0
        opens_clause = (start == 0 or tokens[start - 1].text in BOUNDARY or tokens[start - 1].text in ".!?") and not any(
            t.text.islower() and t.lower.endswith("ed") for t in name
        )  # not "Police arrested John Smith — …"
        if name and opens_clause and (names_someone(name) or describe(name, "").entity is not None):
            source, antecedent = tokens[start:first], name
    if len(source) == 1 and source[0].lower in ("who", "which"):
        antecedent = antecedent_of(tokens, first - 1)
        if not antecedent:
            return None
    if not source:
        k = first - 1
        while k > 0 and tokens[k].text in QUOTE_MARKS:
            k -= 1  # “…,” confirming: the comma sits inside the closing mark
        prev = tokens[k].lower if k >= 0 else ""
        participle = prev in (",", "by") and tokens[cue.head].lower.endswith("ing")  # ", saying …", "by saying …"
        gap = k
        while gap > 0 and tokens[gap - 1].lower in word_set("time_words"):
            gap -= 1  # "wrote this week, adding …"
        if found and (prev in ("and", "but") or participle) and not found[-1].asked_of and _reaches(found[-1], tokens[gap].start - 2):
            shares = found[-1]  # "… but cited …", "“…,” confirming …": the same speaker goes on
        elif participle or prev in ("and", "but"):
            # "when Rubio thanked Miami and said …", "Bill Clinton urged women to vote, saying …"
            source = clause_subject(tokens, k) or ([] if _clause_of_its_own(tokens, k) else leading_name(tokens))
            if not _can_speak(source):
                return None
        elif prev == "," and cue.lemma in word_set("speech_verbs"):
            return _inverted(body, tokens, cue, k, quotes)  # "<content>, said former governor Ed Rendell."
        elif first == 0 and cue.lemma in word_set("speech_verbs"):
            return _inverted(body, tokens, cue, 0, quotes)  # 'Said Comey, “…”'
        else:
            return None
    start = cue.last + 1
    recipient: list[Token] = []
    carriers = _opening_carriers(tokens, source)  # "In an op-ed in The Washington Post, Adams wrote …"
    if cue.lemma in _RECIPIENT_CUES:
        recipient, start = recipient_after(tokens, start)
    while start < len(tokens) and tokens[start].text in (":", ","):
        start += 1
    if start < len(tokens) and tokens[start - 1].text == "," and tokens[start].lower.endswith("ing") and is_cue_at(tokens, start):
        start = len(tokens)  # "<content>, Nefzi said, adding, “…”": the participle is a cue of its own
    quote = next((q for q in quotes if start < len(tokens) and q.start == tokens[start].start), None)
    if not quote and start + 1 < len(tokens) and _opens_adjunct(tokens, cue, start):
        # "said at a news conference in New York, “…”" / "said in a statement that …" / "said in an interview with X that …"
        adjunct = start
        start = after_adjunct(tokens, start)
        if start is None:
            if not _only_adjunct(tokens, adjunct) or not (source and (names_someone(source) or source[0].lower in ("he", "she", "they"))):
                return None
            start = len(tokens)  # "<content>, he told the court in his filing.": nothing said after the cue
        quote = next((q for q in quotes if start < len(tokens) and q.start == tokens[start].start), None)
        carriers = _names_in_adjunct(tokens, adjunct, start)  # "in a Facebook post", "in an op-ed in the Post"
    content = [t for t in tokens if quote.start <= t.start < quote.end] if quote else clause_from(tokens, start)
    if quote and len(content) > 1 and content[-2].text != ",":
        # says “the wind is at our backs” despite his loss; not "“we will win,” a claim his rivals dispute"
        after = tokens.index(content[-1]) + 1
        more = clause_from(tokens, after) if after < len(tokens) and tokens[after].text.isalpha() and tokens[after].text.islower() else []
        stop = next((i for i, t in enumerate(more) if t.lower in _NOT_GOING_ON or t.lower in SUBORDINATORS or t.lower == "then" or is_cue_at(tokens, after + i)), len(more))
        content = content + more[:stop]
    lead = tokens.index(source[0]) - 1 if source else -1  # the token before the source
    as_reported = lead >= 0 and tokens[lead].lower == "as" and cue.last + 1 < len(tokens) and tokens[cue.last + 1].text == ","
    if source and not quote and not as_reported and opens_with_subordinator(tokens, tokens.index(source[0])) and "," in (t.text for t in content):
        # "When Rubio … said it was great to be home, a man yelled": the content ends with its clause
        content = trimmed(content[: [t.text for t in content].index(",")])
    elif antecedent and source[0].lower in ("who", "which") and not quote:
        content = _relative_clause_end(content)
    if not quote and cue.lemma in _TALLY_VERBS and content and (content[0].text[0].isdigit() or content[0].lower in word_set("number_words")):
        return None  # "we have added 1 million private sector jobs": a count, not a claim
    if not quote and cue.lemma in _WRITING_VERBS and _a_document(content) and not any(is_cue_word(t.lower) for t in content):
        return None  # "the company wrote a detailed, six-page letter to …": what was written, not what it says (unlike "… a letter asking …")
    if not quote and content and content[0].lower in _OBJECT_WORDS and (len(content) == 1 or content[1].text in ",;.!?"):
        return None  # "he said them, but …", "she said so"
    if lead >= 1 and tokens[lead].lower == "as" and tokens[lead - 1].text == "," and word_count(tokens[: lead - 1]) > _MAX_INTRO_WORDS and (quote is None and word_count(content) < 3 or as_reported):
        content = trimmed(tokens[: lead - 1])  # "<content>, as David Dayen noted in The Intercept." (not "However, as X noted, …")
    elif word_count(content) < 2 and lead >= 0 and tokens[lead].text == "," and rest_is_empty(tokens, start):
        # "<content>, the minister said.", but not "In a speech last July, he said:"
        content = [] if _is_opening_phrase(tokens[:lead]) else trimmed(tokens[:lead])
    if not content and tokens[cue.last].text == ":":
        # "Trump said:" and the quotation opens the next paragraph
        following = quote_after(body, tokens[-1].end, quotes)
        if following is not None:
            cand = Candidate(_cue_span(body, tokens, cue), [following], Kind.DIRECT, source, antecedent)
            cand.shares_source_with = shares
            return cand
    if _says_nothing(content):
        return None  # nothing said, or only when: "reported last week"
    if tokens[-1].text == "?" and not quote and content[-1].end >= tokens[-2].end:
        return None  # "Would they prefer …?": a question claims nothing
    contents = [span_of(body, content)]
    opening = span_of(body, trimmed(tokens[:lead])) if lead >= 1 and word_count(tokens[:lead]) >= 1 else None
    if opening is not None and opening != contents[0] and tokens[lead].text == "," and cue.last + 1 < len(tokens) and tokens[cue.last + 1].text == ",":
        contents.insert(0, opening)  # "Now, he says, at least seven …"
    cand = Candidate(_cue_span(body, tokens, cue), contents, kind_of(body, content), source, antecedent)
    cand.shares_source_with = shares
    if appos is not None:
        cand.role, cand.organization = appos[1], appos[2]
    if recipient:
        cand.channels.append(recipient)
    cand.channels.extend(carriers)
    return cand


_ADJUNCT_LINKS = frozenset("with to for by".split())
_PUBLISHED = frozenset("posted published released issued shared broadcast aired".split())


# Prepositions that put a name in an adjunct where the words went ("in a Fox News interview", "on
# CNN", "an op-ed for The Washington Post"), not what they were about ("a speech about the Times",
# "a lawsuit against the Post", "a speech attacking The New York Times")
_CARRYING = frozenset("in on for with to via through during at".split())
_NAME_MODIFIERS = frozenset("a an the his her their its our my own official personal".split())  # "on his official Twitter feed"


def _names_in_adjunct(tokens: list[Token], start: int, end: int) -> list[list[Token]]:
    """The names in the adjunct between a cue and what was said ("in a Fox News interview", "in an
    op-ed in The Washington Post", "in a video posted on YouTube"), each right after a preposition
    of `_CARRYING` and any articles or possessives: the pipeline keeps those that name an outlet or
    platform, the channels that carried the words."""
    names: list[list[Token]] = []
    i = start
    while i < end:
        opens = tokens[i].is_capitalized and tokens[i].lower not in _CARRYING and tokens[i].lower not in _NAME_MODIFIERS  # not "On", "The"
        name = name_after(tokens, i) if opens else []
        before = i - 1
        while before >= start and tokens[before].lower in _NAME_MODIFIERS:
            before -= 1
        if name and before >= start and tokens[before].lower in _CARRYING:
            names.append(name)
        i += max(1, len(name))
    return names


def _opening_carriers(tokens: list[Token], source: list[Token]) -> list[list[Token]]:
    """The names in a phrase that opens the sentence and ends at a comma right before the source
    ("In an op-ed in The Washington Post, Jerome Adams wrote", "On Telegram, the commander said"),
    found as in an adjunct after the cue (`_names_in_adjunct`)."""
    start = tokens.index(source[0]) if source else 0
    if start < 2 or tokens[start - 1].text != "," or tokens[0].lower not in _CARRYING:
        return []
    return _names_in_adjunct(tokens, 0, start - 1)


def _opens_adjunct(tokens: list[Token], cue: Cue, i: int) -> bool:
    """Whether an adjunct opens at ``i``, right after the cue, with what was said after it:
    "at a news conference", or "with Bloomberg" carrying on the "in an interview" the cue took in
    (it names whom the interview was given to, not what was said). Not "at least", nor "to" after
    a time ("tweeted on Friday to say …": an infinitive)."""
    if tokens[i + 1].lower in ("least", "most", "first", "last"):
        return False
    extension = cue.head + len(cue.lemma.split())
    took_adjunct = (
        extension < cue.last
        and tokens[extension].lower in ADJUNCT_PREPOSITIONS
        and not all(t.lower in word_set("time_words") for t in tokens[extension + 1 : cue.last + 1])
    )
    published = tokens[i].lower in _PUBLISHED and tokens[i + 1].lower in ADJUNCT_PREPOSITIONS  # "said in a statement posted on Facebook that"
    return tokens[i].lower in ADJUNCT_PREPOSITIONS or took_adjunct and tokens[i].lower in _ADJUNCT_LINKS or published


_AUXILIARIES = frozenset("has have had will would may might can could does did should must".split())


def _relative_clause_end(content: list[Token]) -> list[Token]:
    """'Norton, which declined to comment, returned the rights to Mr. Hurt': the first comma, when
    the verb of the sentence's own clause follows it, closes the relative clause and what it said
    (not "that the two men, and Mr. Cruz in particular, must …": an aside inside the content)."""
    i = next((i for i, t in enumerate(content[:-1]) if t.text == ","), None)
    nxt = content[i + 1] if i else None
    if nxt is not None and nxt.text.islower() and (nxt.lower in BE or nxt.lower in _AUXILIARIES or nxt.lower.endswith("ed")):
        return trimmed(content[:i])
    return content


_MAX_SUBJECT_WORDS = 4


def _clause_of_its_own(tokens: list[Token], k: int) -> bool:
    """Whether a clause with a subject of its own opens after a comma and "and"/"but" before ``k``:
    "Guests are given tickets, and military social aides are on hand to …, take their names and
    announce the guests" — the aides announce, not the guests who open the sentence."""
    for i in range(1, k - 2):
        if tokens[i].text != "," or tokens[i + 1].lower not in ("and", "but"):
            continue
        words = tokens[i + 2 : min(k, i + 3 + _MAX_SUBJECT_WORDS)]
        verb = next((j for j, t in enumerate(words) if t.lower in BE), None)
        if verb and all(t.text.islower() and t.is_word and not is_cue_at(tokens, i + 2 + j) for j, t in enumerate(words[:verb])):
            return True
    return False


_MAX_ADJUNCT_TOKENS = 10


def _only_adjunct(tokens: list[Token], start: int) -> bool:
    """Whether the sentence ends in a short adjunct from ``start`` on ("in his filing.", "posted on
    Facebook.": a participle there is no cue of its own)."""
    rest = [t for t in tokens[start:] if t.text not in ".!?"]
    return len(rest) <= _MAX_ADJUNCT_TOKENS and all(t.is_word for t in rest) and not any(
        is_cue_at(tokens, i) and tokens[i].lower not in _PUBLISHED for i in range(start, len(tokens)))


_OPENING_PREPOSITIONS = frozenset("in at on during after before from with by".split())
_MAX_OPENING_WORDS = 8


def _is_opening_phrase(words: list[Token]) -> bool:
    """'In a speech last July', 'At a rally in Ohio': when or where, not what was said."""
    return bool(words) and words[0].lower in _OPENING_PREPOSITIONS and word_count(words) <= _MAX_OPENING_WORDS and not any(
        t.lower in word_set("clause_words") for t in words[1:]
    )


def _reaches(cand: Candidate, position: int) -> bool:
    """Whether a candidate's words (its content, cue or source) run up to ``position``:
    "<content>, Nefzi said, adding, “…”" goes on from the cue and source, not the content."""
    ends = [cand.contents[-1].end, cand.cue.end] + ([cand.source[-1].end] if cand.source else [])
    return max(ends) >= position


def _says_nothing(content: list[Token]) -> bool:
    """Fewer than two words, or only when: "last week", "recently"."""
    return word_count(content) < 2 or all(t.lower in word_set("time_words") or t.lower.endswith("ly") for t in content if t.is_word)


def _inverted(body: str, tokens: list[Token], cue: Cue, comma: int, quotes: list[Span]) -> Candidate | None:
    """'<content>, said Dan Gerstein, director of Gotham Ghostwriters.' — no quotation needed; the
    content is what comes before ``comma`` (0 when the cue opens the sentence), or else the quotation
    right after the speaker: 'But, said Solovey, “…”', 'Said Comey, “…”'."""
    phrase = np_after(tokens, cue.last + 1)
    if phrase and phrase[0].lower in ("and", "or", "by"):
        return None  # "…, written and directed by Ethan and Joel Coen": a passive, no speaker after the cue
    source, name = named_after_cue(tokens, phrase)
    if not phrase or not (names_someone(phrase) or describe(phrase, "").entity is not None or name is not phrase):
        return None  # "…, said she was elated": no one is named after the cue
    end = tokens.index(source[-1]) + 1
    if not (end >= len(tokens) or tokens[end].text in ".,!?"):
        return None
    if _has_verb_before_apposition(source):
        return None  # "…, said some emergency rooms were diverting ambulances": a clause, said by someone before
    content = trimmed(tokens[:comma])
    if word_count(content) < 4:
        after = next((q for q in quotes if end + 1 < len(tokens) and tokens[end].text == "," and q.start == tokens[end + 1].start), None)
        if after is None:
            return None
        return Candidate(_cue_span(body, tokens, cue), [after], Kind.DIRECT, source, name)  # 'But, said Solovey, “…”'
    return Candidate(_cue_span(body, tokens, cue), [span_of(body, content)], kind_of(body, content), source, name)


def _has_verb_before_apposition(source: list[Token]) -> bool:
    """Whether 'be' or an auxiliary comes in the words after an inverted cue before any comma or
    relative pronoun: "some emergency rooms were diverting" is a clause, not a speaker ("DeSantis,
    who was elected …" is)."""
    for t in source:
        if t.text == "," or t.lower in ("who", "which", "whose", "that"):
            return False
        if t.lower in BE or t.lower in _AUXILIARIES:
            return True
    return False


def _can_speak(subject: list[Token]) -> bool:
    """Whether a clause's subject, taken for a participle's, can be someone: a country ("Russia,
    fearing …") but not a state or city ("WASHINGTON", "New York"), nor "it", which there is
    mostly the thing the clause is about."""
    if not subject:
        return False
    desc = describe(subject, "")
    if desc.entity is not None:
        return desc.entity.type is not EntityType.REGION or "-" not in dict(desc.entity.identifiers).get("iso3166", "-")
    return desc.reference is not None and desc.reference.text != "it"


def _first(tokens: list[Token], cue: Cue) -> int:
    i = cue.head
    while i > 0 and tokens[i - 1].start >= cue.start:
        i -= 1
    return i


def _segment_channels(tokens: list[Token], phrases: list[tuple[int, int]]) -> list[list[Token]]:
    """What the segment's channel phrases name: 'as reported by X', 'consulted by X', 'as shared on Telegram'."""
    return [channel for channel in (name_after(tokens, i + n) for i, n in phrases) if channel]


def _platform_after(tokens: list[Token], cue: Cue) -> list[Token]:
    """'wrote on Telegram': the pipeline keeps it only if it names a platform or outlet."""
    for i in range(cue.head + 1, min(len(tokens), cue.last + 2)):
        if tokens[i].lower == "on":
            return name_after(tokens, i + 1)
    return []


def _cue_span(body: str, tokens: list[Token], cue: Cue) -> Span:
    """The cue as PolNeAR marks it: without a trailing "on Tuesday" or "in an interview"."""
    for n in (3, 2):
        k = cue.last - n + 1
        if k > cue.head and " ".join(t.lower for t in tokens[k : cue.last + 1]) in word_set("cue_adjuncts"):
            return Span.of(body, cue.start, tokens[k - 1].end)
    return Span.of(body, cue.start, cue.end)
