"""Direct quotations: spans of text between double quote marks.

Typographic and straight marks are mixed freely in real copy (“…" is common), so
any opening mark may be closed by any closing one. A quotation that runs past a
paragraph's end continues only when the next paragraph opens with a quote mark,
the convention for multi-paragraph quotes; otherwise it stops at the paragraph's
end, so an unbalanced mark can never swallow the rest of the article.
"""

from __future__ import annotations

import re

from kg.extract.text import CLOSING_MARKS, OPENING_MARKS
from kg.model import Span

# three apostrophes close a quotation within a quotation and then the quotation itself: one
# mark, ending after all three ("… 'a special case,''' Mr. Putin said")
_MARK = re.compile(r"'''|''|``|[“”\"„‟]|\n")


def quotations(body: str) -> list[Span]:
    """Spans of quotations, marks included, in order; never overlapping."""
    found: list[Span] = []
    open_at: int | None = None
    for m in _MARK.finditer(body):
        ch = m.group()
        i = m.start()
        if ch == "\n":
            if open_at is not None and not _next_paragraph_opens_quote(body, i):
                _add(body, open_at, _trim_end(body, i), found)
                open_at = None
            continue
        if open_at is None:
            if ch not in CLOSING_MARKS:
                open_at = i
            continue
        if ch in OPENING_MARKS and not _is_paragraph_continuation(body, i):
            # a new opening mark while one is open: the first one was never closed
            _add(body, open_at, _trim_end(body, i), found)
            open_at = i
            continue
        if ch in OPENING_MARKS:
            continue
        _add(body, open_at, m.end(), found)
        open_at = None
    if open_at is not None:
        _add(body, open_at, _trim_end(body, len(body)), found)
    return found


_PARAGRAPH_OPENS_QUOTE = re.compile(r"\s*(?:[“\"„]|''|``)")


def _next_paragraph_opens_quote(body: str, newline: int) -> bool:
    m = _PARAGRAPH_OPENS_QUOTE.match(body, newline)
    return m is not None


def _is_paragraph_continuation(body: str, i: int) -> bool:
    """True for the opening mark that starts a continued quote's next paragraph."""
    j = i - 1
    while j >= 0 and body[j] in " \t\r":
        j -= 1
    return j >= 0 and body[j] == "\n"


def _trim_end(body: str, end: int) -> int:
    while end > 0 and body[end - 1].isspace():
        end -= 1
    return end


def _add(body: str, start: int, end: int, found: list[Span]) -> None:
    if end - start > 2:
        found.append(Span.of(body, start, end))
