"""JSON inputs: JSONL (``.jsonl``/``.ndjson``, one object a line) and ``.json`` (an array of
articles, read item by item; an object that is one article, holds a list of articles, or maps ids to
articles). A bad line fails only its line: malformed JSON, a NUL byte, bytes that do not decode, a
number too long for Python's ``int`` (kept as its text) — the other lines are read."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from ..schema import InputDoc
from .common import BigNumber, Source, error_doc, from_row, open_lines, parse_int, pick, too_big
from .encodings import _BAD

DECODER = json.JSONDecoder(parse_int=parse_int)


def _cause(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')}, at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"{type(exc).__name__}: {exc}"


def _at(exc: Exception, cur: _Cursor) -> str:
    """The cause of a JSON error in a file read in chunks, at its line and column in the file."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at line {cur.line + exc.lineno - 1}, column {exc.colno}"
    return _cause(exc)


def _binary_lines(f, limit: int | None) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) of each line; bytes ``None`` when longer than ``limit``
    (the line is skipped without being kept in memory)."""
    n = 0
    while True:
        chunk = f.readline(limit + 1) if limit else f.readline()
        if not chunk:
            return
        n += 1
        if limit and len(chunk) > limit and not chunk.endswith(b"\n"):
            size = len(chunk)
            while chunk and not chunk.endswith(b"\n"):
                chunk = f.readline(1 << 20)
                size += len(chunk)
            yield n, None, size
        else:
            yield n, chunk, len(chunk)


def _text_lines(f, encoding: str, limit: int | None) -> Iterator[tuple[int, str | None, int]]:
    """Decoded lines, keeping line ends. ASCII-compatible encodings are decoded line by line
    (a bad byte spoils one line); UTF-16/32 through a text wrapper."""
    if encoding.startswith(("utf-16", "utf-32")):
        wrapper = io.TextIOWrapper(f, encoding=encoding, errors="pipeline_mark", newline="")
        for n, line in enumerate(wrapper, start=1):
            yield n, line, len(line)
        return
    for n, raw, size in _binary_lines(f, limit):
        yield n, (raw.decode(encoding, "pipeline_mark") if raw is not None else None), size


def _line_error(line: str, recorded: str) -> str | None:
    nul = line.find("\x00")
    if nul >= 0:
        return f"a NUL byte at character {nul} of the line (binary data, not JSON)"
    bad = line.find(_BAD)
    if bad >= 0:
        return f"bytes that are not {recorded.upper()} at character {bad} of the line"
    return None


def read_jsonl(src: Source, fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    """One article per line (a JSON object); a bad line is an error of its own."""
    opened = open_lines(src)
    if isinstance(opened, InputDoc):
        yield opened
        return
    f, enc, recorded = opened
    limit = 4 * max_chars + 64 if max_chars is not None else None
    count = 0
    with f:
        for n, line, size in _text_lines(f, enc, limit):
            if line is not None and not line.strip():
                continue
            count += 1
            here, default_id = f"{src.where}:{n}", f"{src.doc_id}:{n}"
            if line is None:
                yield error_doc(default_id, here, too_big(size, max_chars) or "line too long", recorded)
                continue
            problem = _line_error(line, recorded)
            if problem:
                yield error_doc(default_id, here, problem, recorded)
                continue
            try:
                row = DECODER.decode(line)
            except (ValueError, RecursionError) as exc:
                yield error_doc(default_id, here, f"malformed JSON ({_cause(exc)})", recorded)
                continue
            if not isinstance(row, dict):
                yield error_doc(default_id, here, f"a JSON object was expected, not {_type(row)}", recorded)
                continue
            yield from_row(row, fields, default_id, here, recorded, max_chars)
    if count == 0:
        yield error_doc(src.doc_id, src.where, "no documents (blank lines only)", recorded)


def _type(value) -> str:
    return "a number" if isinstance(value, BigNumber) else type(value).__name__


class _TooLong(Exception):
    pass


class _Cursor:
    """A JSON text read in chunks; ``value()`` parses the next value with at most ``cap``
    characters of it in memory."""

    CHUNK = 1 << 16

    def __init__(self, stream, cap: int | None):
        self.stream, self.cap = stream, cap
        self.buf, self.pos, self.eof, self.line = "", 0, False, 1

    def _more(self, n: int) -> bool:
        if self.eof:
            return False
        data = self.stream.read(n)
        if not data:
            self.eof = True
            return False
        if self.pos > self.CHUNK:
            self.line += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += data
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self._more(self.CHUNK):
                return self.buf[self.pos: self.pos + 1]

    def take(self) -> str:
        c = self.peek()
        self.pos += len(c)
        return c

    def where(self) -> int:
        return self.line + self.buf.count("\n", 0, self.pos)

    def value(self):
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof or self.buf[self.pos] in "[{\"":
                    self.pos = end
                    return value
                # a bare number or word at the end of the buffer may go on in the next chunk
            except json.JSONDecodeError:
                if self.eof:
                    raise
            held = len(self.buf) - self.pos
            if self.cap is not None and held > self.cap:
                raise _TooLong(held)
            self._more(max(self.CHUNK, held))  # at the end of the data: the next try raises


def read_json(src: Source, fields, max_chars: int | None = None) -> Iterator[InputDoc]:
    """A ``.json`` file: an array of articles (item by item, in bounded memory), or an object."""
    opened = open_lines(src)
    if isinstance(opened, InputDoc):
        yield opened
        return
    f, enc, recorded = opened
    cap = 6 * max_chars + 65536 if max_chars is not None else None  # \uXXXX escapes: 6 characters
    with f, io.TextIOWrapper(f, encoding=enc, errors="pipeline_mark", newline="") as stream:
        cur = _Cursor(stream, cap)
        first = cur.peek()
        if first == "[":
            yield from _array(cur, src, fields, max_chars, recorded)
        elif first == "{":
            yield from _object(cur, src, fields, max_chars, recorded)
        else:
            yield error_doc(src.doc_id, src.where, "not a JSON array or object of articles"
                            f" (it begins with {first!r})", recorded)


def _array(cur: _Cursor, src: Source, fields, max_chars, recorded) -> Iterator[InputDoc]:
    cur.take()
    n = 0
    if cur.peek() == "]":
        yield error_doc(src.doc_id, src.where, "no documents (an empty JSON array)", recorded)
        return
    while True:
        n += 1
        line = cur.where()
        here, default_id = f"{src.where}:item {n} (line {line})", f"{src.doc_id}:{n}"
        rest = "; the rest of the file was not read"
        try:
            item = cur.value()
        except _TooLong as exc:
            yield error_doc(default_id, here, f"document too long (more than {exc.args[0]:,} characters of JSON;"
                            f" the limit is --max-chars {max_chars:,}){rest}", recorded)
            return
        except (ValueError, RecursionError) as exc:
            yield error_doc(default_id, here, f"malformed JSON ({_at(exc, cur)}){rest}", recorded)
            return
        yield _article(item, fields, default_id, here, max_chars, recorded)
        sep = cur.take()
        if sep == "]":
            return
        if sep != ",":
            cause = "the file ends inside the array" if sep == "" else f"expected ',' or ']' after item {n}, not {sep!r}"
            yield error_doc(f"{src.doc_id}:{n + 1}", f"{src.where}:item {n + 1} (line {cur.where()})",
                            f"malformed JSON ({cause}){rest}", recorded)
            return


def _article(item, fields, default_id, here, max_chars, recorded) -> InputDoc:
    if isinstance(item, dict):
        return from_row(item, fields, default_id, here, recorded, max_chars)
    return error_doc(default_id, here, f"a JSON object (an article) was expected, not {_type(item)}", recorded)


def _object(cur: _Cursor, src: Source, fields, max_chars, recorded) -> Iterator[InputDoc]:
    try:
        obj = cur.value()
    except _TooLong:
        yield error_doc(src.doc_id, src.where, f"a JSON object larger than --max-chars {max_chars:,} allows is not"
                        " read (write the articles as a JSON array or JSONL: those are read item by item)", recorded)
        return
    except (ValueError, RecursionError) as exc:
        yield error_doc(src.doc_id, src.where, f"malformed JSON ({_at(exc, cur)})", recorded)
        return
    if pick(obj, fields.text) is not None or any(name in obj for name in fields.text):
        yield from_row(obj, fields, src.doc_id, src.where, recorded, max_chars)  # one article
        return
    lists = [k for k, v in obj.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if lists:  # {"articles": [...]}
        for n, item in enumerate(obj[lists[0]], start=1):
            yield _article(item, fields, f"{src.doc_id}:{n}", f"{src.where}:item {n}", max_chars, recorded)
        return
    if obj and all(isinstance(v, dict) for v in obj.values()):  # {id: article, ...}
        for n, (key, item) in enumerate(obj.items(), start=1):
            doc = from_row(item, fields, str(key), f"{src.where}:item {n}", recorded, max_chars)
            yield doc
        return
    keys = ", ".join(list(map(str, obj))[:8]) or "none"
    yield error_doc(src.doc_id, src.where, f"a JSON object without articles: no text field (expected one of"
                    f" {', '.join(fields.text)}) and no list or object of articles (keys: {keys})", recorded)
