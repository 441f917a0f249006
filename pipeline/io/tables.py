"""CSV and TSV inputs: one article per row, the first row (after blank lines and an Excel
``sep=;`` line) the header.

The dialect is sniffed: the delimiter (``,``, ``;``, tab or ``|``, the most frequent outside quotes
in the header; always a tab for ``.tsv``), spaces after it (``ID, Text``), line ends ``\\n``,
``\\r\\n`` or old-Mac ``\\r``. Header names are matched ignoring case and surrounding spaces. Every
row is checked and, when it cannot be read as it was meant, is an error row naming the cause,
never a silently cut or merged document: more or fewer cells than the header, a duplicated column
that is read, a NUL byte, an unclosed quote (which would swallow the rows after it: the row fails
and the lines after its first are read again as rows of their own), a row longer than ``--max-chars``
allows (read past without being held in memory)."""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Iterator

from ..schema import InputDoc
from .common import Source, clean, error_doc, from_row, norm_name, open_lines

DELIMITERS = (",", ";", "\t", "|")
NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
_QUOTED = re.compile(r'"[^"]*"')
_SEP = re.compile(r"\s*sep=(.)\s*")


class _TooLong(Exception):
    pass


class _Lines:
    """The lines of a text stream, split at ``\\n``, ``\\r\\n`` or ``\\r`` (kept), handed to
    ``csv.reader`` one at a time. It remembers the lines of the record being read (so that they can
    be read again after an unclosed quote) and refuses (``_TooLong``) a record longer than ``cap``."""

    def __init__(self, stream, cap: int | None):
        self.stream, self.cap = stream, cap
        self.queue: deque[tuple[int, str]] = deque()
        self.next_no = 1
        self.record: list[tuple[int, str]] = []
        self.chars = 0
        self.last = 0
        self.over: tuple[int, str] | None = None

    def _read(self) -> tuple[int, str] | None:
        if self.queue:
            return self.queue.popleft()
        line = self.stream.readline(self.cap + 1) if self.cap else self.stream.readline()
        if not line:
            return None
        no = self.next_no
        if line.endswith(("\n", "\r")) or not (self.cap and len(line) > self.cap):
            self.next_no += 1
        return no, line

    def __iter__(self):
        return self

    def __next__(self) -> str:
        item = self._read()
        if item is None:
            raise StopIteration
        if self.cap is not None and self.chars + len(item[1]) > self.cap:
            self.over = item
            raise _TooLong
        self.record.append(item)
        self.chars += len(item[1])
        self.last = item[0]
        return item[1]

    def begin(self) -> None:
        self.record, self.chars, self.over = [], 0, None

    def skip_record(self) -> int:
        """Read past the rest of a record too long to hold: up to a line end outside quotes.
        Returns the number of its last line."""
        pieces = [*self.record, *([self.over] if self.over else [])]
        odd = sum(t.count('"') for _, t in pieces) % 2
        last = pieces[-1]
        while odd or not last[1].endswith(("\n", "\r")):
            item = self._read()
            if item is None:
                break
            odd = (odd + item[1].count('"')) % 2
            last = item
        self.begin()
        self.last = last[0]
        return last[0]


def _dialect(header: str, kind: str) -> dict:
    bare = _QUOTED.sub("", header)
    if kind == "tsv":
        delimiter = "\t"
    else:
        counts = {d: bare.count(d) for d in DELIMITERS}
        delimiter = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
        delimiter = delimiter if counts[delimiter] else ","
    n = bare.count(delimiter)
    spaced = n > 0 and bare.count(delimiter + " ") == n
    return {"delimiter": delimiter, "skipinitialspace": spaced, "strict": True}


def read_csv(src: Source, fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per row of a ``.csv``/``.tsv`` source; a bad row is an error of its own."""
    opened = open_lines(src)
    if isinstance(opened, InputDoc):
        yield opened
        return
    f, enc, recorded = opened
    where = src.where
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # process-wide: only ever raised
    cap = 2 * max_chars + 65536 if max_chars is not None else None
    with f, io.TextIOWrapper(f, encoding=enc, errors="pipeline_mark", newline="") as stream:
        lines = _Lines(stream, cap)
        sep = None
        while True:  # blank lines and an Excel "sep=;" line before the header
            item = lines._read()
            if item is None:
                yield error_doc(src.doc_id, where, "no header line (blank lines only)", recorded)
                return
            m = _SEP.fullmatch(item[1])
            if m and sep is None and not lines.queue:
                sep = m.group(1)
            elif item[1].strip():
                break
        dialect = _dialect(item[1], src.kind)
        if sep:
            dialect["delimiter"] = sep
        lines.queue.appendleft(item)
        try:
            header = next(csv.reader(lines, **dialect))
        except (csv.Error, _TooLong, StopIteration) as exc:
            cause = "the header line is too long" if isinstance(exc, _TooLong) else f"{exc}"
            yield error_doc(src.doc_id, where, f"unreadable CSV header ({cause})", recorded)
            return
        yield from _rows(lines, dialect, [clean(h) or "" for h in header], src, fields, max_chars, recorded, cap)


def _header_problem(header: list[str], fields) -> str | None:
    has_text = any(norm_name(n) in {norm_name(h) for h in header} for n in fields.text)
    if not has_text:
        return f"the CSV has no text column (columns: {', '.join(header)}; expected one of {', '.join(fields.text)})"
    wanted = {norm_name(n) for n in fields.all()}
    for name in dict.fromkeys(norm_name(h) for h in header):
        at = [i + 1 for i, h in enumerate(header) if norm_name(h) == name]
        if name in wanted and len(at) > 1:
            cols = " and ".join(f"{i} ({header[i - 1]!r})" for i in at)
            return f"the header has {len(at)} columns named {name!r} (columns {cols}): rename one, so that it is clear which to read"
    return None


def _rows(lines: _Lines, dialect: dict, header: list[str], src: Source, fields, max_chars, recorded,
          cap) -> Iterator[InputDoc]:
    where = src.where
    problem = _header_problem(header, fields)
    delim = NAMES.get(dialect["delimiter"], repr(dialect["delimiter"]))
    text_cols = {norm_name(n) for n in fields.text}
    budget = 8 * (cap or 1 << 24)  # characters read again after unclosed quotes
    reader = csv.reader(lines, **dialect)
    n = 0
    while True:
        lines.begin()
        try:
            values = next(reader)
        except StopIteration:
            break
        except _TooLong:
            n += 1
            first = (lines.record or [lines.over])[0][0]
            last = lines.skip_record()
            here = f"{where}:row {n} (line {first})"
            span = f"lines {first}-{last}" if last != first else f"line {first}"
            cause = (f"document too long (the row, {span}, holds more than {cap:,} characters; the limit is "
                     f"--max-chars {max_chars:,}); not read")
            yield error_doc(f"{src.doc_id}:{n}", here, cause, recorded)
            reader = csv.reader(lines, **dialect)
            continue
        except csv.Error as exc:
            n += 1
            rec = lines.record
            first = rec[0][0] if rec else lines.last
            again = [x for x in rec if x[0] != first]
            again_chars = sum(len(t) for _, t in again)
            if again and again_chars <= budget:
                budget -= again_chars
                lines.queue.extendleft(reversed(again))
                cause = (f"an unclosed quote (\") in this row would swallow the lines after it (up to line "
                         f"{rec[-1][0]}): the row is not read; the lines after it are read as rows of their own")
            elif "unexpected end of data" in str(exc):
                cause = "an unclosed quote (\") at the end of the file"
            else:
                cause = f"malformed CSV row ({exc}: a quote inside a quoted cell must be doubled)"
            yield error_doc(f"{src.doc_id}:{n}", f"{where}:row {n} (line {first})", cause, recorded)
            reader = csv.reader(lines, **dialect)
            continue
        if not values or (len(values) == 1 < len(header) and not values[0].strip()):
            continue
        n += 1
        here = f"{where}:row {n} (line {lines.last})"
        doc = from_row(dict(zip(header, values, strict=False)), fields, f"{src.doc_id}:{n}", here, recorded, max_chars)
        if problem:
            doc.error = f"{here}: {problem}"
        elif any("\x00" in v for v in values):
            doc.error = f"{here}: a NUL byte in the row (binary data, not text)"
        elif len(values) > len(header):
            doc.error = (f"{here}: the row has {len(values)} cells but the header {len(header)} columns "
                         f"(an unquoted {delim} or quote in a cell?); the row is not read")
        elif len(values) < len(header):
            missing = [h for h in header[len(values):] if norm_name(h) in text_cols] or header[len(values):]
            doc.error = f"{here}: the row has {len(values)} of the {len(header)} columns; no value for {missing[0]!r}"
        if doc.error:
            doc.text = None
        yield doc
    if n == 0:
        yield error_doc(src.doc_id, where, "no rows after the header", recorded)
