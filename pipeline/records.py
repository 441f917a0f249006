"""Doc -> table rows. The output schema lives here, in one place.

Every stage stores its results on the ``Doc`` (``doc.ents`` and span groups ``dates``,
``numbers``, ``quotes``) with typed extension attributes named after the table's columns; this
module turns them into rows. Every row carries ``doc_id`` and character offsets ``start``/``end``
into the raw text with ``raw[start:end] == text``.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

# column -> pandas/pyarrow dtype ("string", "Int64", "float64", "boolean")
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "string",
        "input": "string",  # file (and line or row) the document came from
        "source": "string",
        "url": "string",
        "title": "string",
        "published": "string",  # ISO 8601 date as given by the input, normalized
        "n_chars": "Int64",
        "n_words": "Int64",
        "n_sentences": "Int64",
        "status": "string",  # ok | error
        "error": "string",
        "encoding": "string",  # encoding the input was decoded with
        "sha256": "string",  # of the text the offsets refer to
        "pipeline_version": "string",
        "note": "string",  # what the reader did: HTML reduced to text, duplicate doc_id renamed
        "text_used": "string",  # the text the offsets refer to when it is not the input's (HTML reduced)
    },
    "entities": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "label": "string",  # PER | ORG | LOC | MISC
        "canonical": "string",
        "entity_id": "string",
        "sentence_id": "Int64",
    },
    "dates": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "value": "string",  # ISO 8601: date, month, year, week, interval, duration, recurrence
        "granularity": "string",
        "calendar": "string",  # gregorian | hijri
        "kind": "string",  # absolute | relative | weekday | range | duration | set
        "hijri": "string",  # the Hijri date as written, ISO-like (1443-09-15) when calendar is hijri
        "modifier": "string",  # approx when the value counts "a few" units as 3 (بضعة أيام)
        "sentence_id": "Int64",
    },
    "numbers": {
        "doc_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "value": "float64",  # the number; for a range its lower bound
        "value_max": "float64",  # the upper bound of a range
        "kind": "string",  # cardinal | ordinal | fraction | percent | money | range | ordinal_from_end
        # (value = position from the end: الأخير 1, قبل الأخير 2) | ordinal_relative (value = offset
        # from the current item: التالي +1, السابق -1, الحالي 0)
        "unit": "string",  # the counted noun, or the ISO 4217 code for money
        "modifier": "string",  # approx | more_than | less_than | at_least | at_most | up_to | equal
        "sentence_id": "Int64",
    },
    "quotes": {
        "doc_id": "string",
        "quote_id": "string",
        "start": "Int64",
        "end": "Int64",
        "text": "string",
        "kind": "string",  # direct | reported
        "speaker": "string",
        "speaker_start": "Int64",
        "speaker_end": "Int64",
        "speaker_entity_id": "string",
        "speaker_role": "string",
        "speaker_org": "string",
        "speaker_honorific": "string",
        "cue": "string",
        "linked_to": "string",  # quote_id of the part this one continues (a quotation across paragraphs)
        "sentence_id": "Int64",
    },
}
TABLES = tuple(SCHEMA)
SPAN_GROUPS = ("dates", "numbers", "quotes")
_BASE = {"doc_id", "start", "end", "text", "sentence_id"}

# Extension attributes: one per table column that is not derived from the span itself.
for _table in ("entities", *SPAN_GROUPS):
    for _col in SCHEMA[_table]:
        if _col not in _BASE and _col != "label" and not Span.has_extension(_col):
            Span.set_extension(_col, default=None)
for _attr in ("doc_id", "published", "meta"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the token arrays (``doc.text`` makes a ``Token`` object per token)."""
    strings = doc.vocab.strings
    return "".join([strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist()])


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number (0-based) of every token."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    starts = doc.to_array(SENT_START).astype(numpy.int64) == 1  # is_sent_start (-1 and 0: no)
    return numpy.maximum(numpy.cumsum(starts) - 1, 0).tolist()


# per table: how each column is read from a span (in SCHEMA order; quotes: quote_id before start)
_BASE_COLS = ("doc_id", "start", "end", "text", "sentence_id", "label")
_EXT_COLS = {t: tuple(c for c in SCHEMA[t] if c not in _BASE_COLS) for t in ("entities", *SPAN_GROUPS)}


def _span_row(doc_id: str, span: Span, table: str, sent_of: list[int], raw: str) -> dict:
    start, end = span.start_char, span.end_char
    ext = span._
    values = {"doc_id": doc_id, "start": start, "end": end, "text": raw[start:end],
              "sentence_id": sent_of[span.start] if span.end > span.start else None}
    if "label" in SCHEMA[table]:
        values["label"] = span.label_
    for col in _EXT_COLS[table]:
        values[col] = getattr(ext, col)
    return {col: values[col] for col in SCHEMA[table]}


def doc_rows(doc: Doc, doc_id: str | None = None) -> dict[str, list[dict]]:
    """Rows of the entities, dates, numbers and quotes tables for one processed ``Doc``."""
    doc_id = doc_id if doc_id is not None else (doc._.doc_id or "")
    sent_of = _sentence_index(doc)
    raw = doc_text(doc)  # span.text == raw[start_char:end_char]
    out: dict[str, list[dict]] = {"entities": [_span_row(doc_id, ent, "entities", sent_of, raw) for ent in doc.ents]}
    for group in SPAN_GROUPS:
        spans = sorted(doc.spans[group], key=lambda s: (s.start_char, s.end_char)) if group in doc.spans else []
        out[group] = [_span_row(doc_id, s, group, sent_of, raw) for s in spans]
    return out


def document_row(doc: Doc | None, **fields) -> dict:
    """The ``documents`` row: counts from the ``Doc`` (when there is one) plus given fields."""
    row = dict.fromkeys(SCHEMA["documents"])
    if doc is not None:
        n = len(doc)
        flags = doc.to_array([IS_SPACE, IS_PUNCT]) if n else numpy.zeros((0, 2), dtype="uint64")
        row["n_chars"] = doc[-1].idx + len(doc[-1].text_with_ws) if n else 0  # len(doc.text)
        row["n_words"] = int(n - numpy.count_nonzero(flags.any(axis=1)))  # not space, not punctuation
        if not doc.has_annotation("SENT_START"):
            row["n_sentences"] = None
        elif "sents" in doc.user_hooks or n == 0:
            row["n_sentences"] = sum(1 for _ in doc.sents)
        else:  # what doc.sents yields: the first token, then every token whose sent_start is 1
            row["n_sentences"] = 1 + int(numpy.count_nonzero(doc.to_array(SENT_START)[1:].astype(numpy.int64) == 1))
    row.update({k: v for k, v in fields.items() if k in row})
    return row
