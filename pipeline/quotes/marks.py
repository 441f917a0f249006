"""Pairing quotation marks into quoted stretches of a ``Doc``.

``quoted_spans(doc)`` returns top-level quoted stretches as token ranges ``(open, close, linked)``:
``open`` is the index of the opening mark, ``close`` the index of the closing mark (or, for a
quotation left open at a paragraph end, the first token after the paragraph) and ``linked`` the
index of the stretch this one continues (a quotation that resumes in the next paragraph with a new
opening mark), else -1. Nested marks stay inside their outer stretch. A mark that cannot be paired
is ignored; an unclosed quotation never runs past its paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc

OPENERS = {"«": "»", "‹": "›", "“": "”", "„": "“", '"': '"', "‟": "”"}
CLOSE_ONLY = {"»", "›", "”"}
MARKS = set(OPENERS) | CLOSE_ONLY
_MARK_IDS = numpy.array(sorted(hash_string(m) for m in MARKS), dtype="uint64")


@dataclass
class Quoted:
    open: int
    close: int  # index of the closing mark, or the paragraph end for an open part
    closed: bool
    linked: int = -1  # index (in the returned list) of the part this one continues


_SENT_END = frozenset({".", "!", "؟", "?"})


def _layout(doc: Doc) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(paragraphs as token ranges, the tokens that are quotation marks, which tokens are spaces),
    read from the token arrays (no ``Token`` objects: this runs over every token)."""
    n = len(doc)
    if not n:
        return [], [], []
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, IS_SPACE])
    orths = arr[:, 0]
    space = arr[:, 1].tolist()
    # a paragraph ends at a whitespace token holding a line break (trailing whitespace is at most
    # one space: spaCy keeps line breaks as tokens of their own)
    breaks = [i for i in numpy.flatnonzero(arr[:, 1]).tolist() if "\n" in strings[int(orths[i])]]
    out = []
    a = 0
    for i in breaks:
        if i > a:
            out.append((a, i))
        a = i + 1
    if a < n:
        out.append((a, n))
    marks = numpy.flatnonzero(numpy.isin(orths, _MARK_IDS)).tolist()
    return out, marks, space


def _soft_break(doc: Doc, a: int, b: int) -> int:
    """The first run of no-break spaces after a sentence end in tokens ``a``–``b`` (news feeds that
    flatten paragraphs: "… طلباتهم. \xa0 وأوضح"), or ``b``: where an unclosed quotation ends."""
    for i in range(a + 1, b):
        t = doc[i]
        if t.is_space and "\xa0" in t.text and doc[i - 1].text in _SENT_END:
            return i
    return b


def _prev(doc: Doc, i: int) -> int:
    i -= 1
    while i > 0 and doc[i].is_space:
        i -= 1
    return i


def _after_colon(doc: Doc, i: int) -> bool:
    return i > 0 and doc[_prev(doc, i)].text == ":"


def _para_start(doc: Doc, i: int) -> bool:
    p = i - 1
    return p >= 0 and ((doc[p].is_space and "\n" in doc[p].text) or "\n" in doc[p].whitespace_)


def _role(doc: Doc, i: int, depth_open: str | None) -> str:
    """'open' or 'close' for a mark at token ``i``, from its shape and its spacing."""
    text = doc[i].text
    if text in ("«", "‹", "„"):
        return "open"
    if text in ("»", "›"):
        if depth_open is None and (i == 0 or doc[_prev(doc, i)].text in (":", "\n") or _para_start(doc, i)):
            return "open"  # وأضاف:» نسعى …»: a reversed opening mark after a colon
        return "close"
    space_before = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space
    space_after = not doc[i].whitespace_ == "" or i + 1 >= len(doc)
    nxt_punct = i + 1 < len(doc) and doc[i + 1].is_punct and doc[i + 1].text not in MARKS
    if text == "“":
        # “…” (English style) or „…“ (German style closer)
        if depth_open == "„":
            return "close"
        return "open"
    if text == "”":
        if depth_open in ("“", "‟"):
            return "close"
        if depth_open == "”":
            return "close"
        # Arabic texts often open with ” as well (” أنه …”): nothing open and not glued to a word
        return "open" if (space_before or _after_colon(doc, i)) else "close"
    # straight quote: closes an open one; otherwise a mark glued to the word before it and
    # followed by a space or punctuation is a stray closer
    if depth_open == '"':
        return "close"
    if _after_colon(doc, i):
        return "open"  # قال :" أصبح …
    if not space_before and (space_after or nxt_punct):
        return "close"
    return "open"


def quoted_spans(doc: Doc) -> list[Quoted]:
    out: list[Quoted] = []
    carry = -1  # index in out of an open part at the end of the previous paragraph
    paragraphs, marks, space = _layout(doc)
    for a, b in paragraphs:
        stack: list[tuple[int, str]] = []  # (token index, opening mark)
        first_content = a
        while first_content < b and space[first_content]:
            first_content += 1
        opened_here: int | None = None
        for i in marks[bisect_left(marks, a):bisect_left(marks, b)]:
            text = doc[i].text
            top = stack[-1][1] if stack else None
            role = _role(doc, i, top)
            if role == "open":
                if text == '"' and top is not None and top != '"':
                    pass  # nested straight quotes inside « »
                stack.append((i, text))
                if len(stack) == 1:
                    opened_here = i
            else:
                if not stack:
                    if carry >= 0 and not any(q.open >= a for q in out):
                        # the quotation left open in the previous paragraph ends here
                        out.append(Quoted(first_content - 1, i, True, linked=carry))
                        carry = -1
                    continue  # stray closer
                # pop to the matching opener (tolerate mismatched inner marks)
                k = len(stack) - 1
                while k >= 0 and not _matches(stack[k][1], text):
                    k -= 1
                if k < 0:
                    if len(stack) == 1:
                        k = 0  # a closer of another style: accept for the only open mark
                    else:
                        continue
                o = stack[k][0]
                del stack[k:]
                if not stack:
                    q = Quoted(o, i, True)
                    if carry >= 0 and o == first_content:
                        q.linked = carry
                    out.append(q)
                    opened_here = None
        carry_next = -1
        if stack and opened_here is not None:
            o = stack[0][0]
            q = Quoted(o, _soft_break(doc, o, b), False)
            if carry >= 0 and o == first_content:
                q.linked = carry
            out.append(q)
            carry_next = len(out) - 1
        carry = carry_next
    return out


def _matches(opener: str, closer: str) -> bool:
    return (
        OPENERS.get(opener) == closer
        or (opener == "”" and closer in ("”", "“"))
        or (opener == "“" and closer == "“")
        or (opener in ("»", "›") and closer in ("»", "«", "›", "‹"))
    )
