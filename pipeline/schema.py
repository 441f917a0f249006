"""The output schema, in one place: table columns and their dtypes, the span groups, and the
``Span``/``Doc`` extension attributes the stages fill (named after the table columns)."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class InputDoc:
    """One input document as read (``pipeline.io.readers``): the fields of its ``documents`` row."""

    doc_id: str
    text: str | None
    input: str  # file, and line or row
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    encoding: str | None = None
    error: str | None = None
    meta: dict = field(default_factory=dict)  # extra documents columns: note, text_used
